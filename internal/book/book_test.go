package book

import (
	"encoding/json"
	"reflect"
	"testing"
)

// Every field of the model survives JSON: the model is written out and
// read back (the Markdown master and the corrections file rely on it).
func TestJSONRoundTrip(t *testing.T) {
	b := Book{
		Meta:        Meta{Title: "The Keeper’s Year", Language: "en"},
		SourcePages: 12,
		Provenance: Provenance{Source: "keeper.txt", Format: "text", MetaFrom: []string{"source title page"},
			Profile: []Convention{{Aspect: "pages", Value: "form-feed", Evidence: "11 form feeds", Confidence: 0.95, Fit: 1}}},
		Chapters: []Chapter{
			{ID: "ch01", Kind: Part, Label: "Part I", Title: []Inline{{Kind: Text, Text: "The Island"}}},
			{ID: "ch02", Kind: Document, Label: "Chapter I", ShortTitle: "Skerryvore",
				Title: []Inline{{Kind: Text, Text: "The Arrival at Skerryvore"}},
				Blocks: []Block{
					{Kind: Epigraph, Inlines: []Inline{{Kind: Text, Text: "Far out"}}, Attribution: []Inline{{Kind: SmallCaps, Text: "Anon."}}},
					{Kind: Verse, Lines: []VerseLine{{Inlines: []Inline{{Kind: Text, Text: "The light"}}}, {Indent: 2, Inlines: []Inline{{Kind: Strong, Text: "burns"}}}, {}}},
					{Kind: Table, Header: true, Rows: [][]Cell{{{Inlines: []Inline{{Kind: Text, Text: "Year"}}, Align: "right"}}}},
					{Kind: SceneBreak},
					{Kind: Figure, Inlines: []Inline{{Kind: Text, Text: "The tower"}}},
					{Kind: IndexEntry, Level: 2, Inlines: []Inline{{Kind: Text, Text: "lamps, "}, {Kind: PageRef, Text: "12", Page: "12"}}},
				}},
		},
	}
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	var back Book
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(b, back) {
		t.Errorf("round trip changed the book:\n got %+v\nwant %+v", back, b)
	}
}

func TestPlainText(t *testing.T) {
	in := []Inline{{Kind: Text, Text: "Enver"}, {Kind: LineBreak}, {Kind: SmallCaps, Text: "Hoxha"},
		{Kind: NoteRef, Note: 1}, {Kind: Strong, Text: ", p. "}, {Kind: PageRef, Text: "12", Page: "12"}}
	if got, want := PlainText(in), "Enver Hoxha, p. 12"; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
}

func TestMatter(t *testing.T) {
	for _, k := range Kinds {
		if m := k.Matter(); m != "front" && m != "body" && m != "back" {
			t.Errorf("%s: matter %q", k, m)
		}
	}
	if Document.Matter() != "body" || Part.Matter() != "body" || Index.Matter() != "back" || TitlePage.Matter() != "front" {
		t.Error("matter of chapter, part, index or title page is wrong")
	}
	if !Contents.Replaced() || Document.Replaced() || Dedication.Replaced() {
		t.Error("Replaced: the source's contents page is replaced, a chapter and a dedication are not")
	}
}
