package notes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/pages"
	"folio/internal/report"
)

// excerpt returns the first n pages (form feeds) of a dump of the corpus
// or of the test books.
func excerpt(t *testing.T, path string, n int) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", path))
	if err != nil {
		t.Fatal(err)
	}
	ps := strings.SplitAfter(string(data), "\f")
	if len(ps) > n {
		ps = ps[:n]
	}
	return strings.Split(strings.Join(ps, ""), "\n")
}

// bodyText is every page's body, one string.
func bodyText(ps []pages.Page) string {
	var b strings.Builder
	for _, p := range ps {
		for _, l := range p.Body {
			b.WriteString(l.Text)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Footnotes with no separator in the text layer (TeX draws its rule),
// each convention the way its typesetter and extractor give it: every
// note found, paired with its marker, out of the text, a continued note
// whole.
func TestUnseparatedFeet(t *testing.T) {
	cases := []struct {
		name, path string
		pages      int
		labels     string // the notes found, in order
		continued  string // label of a note that runs on to the next page
		ends       string // how that note ends
		notInBody  []string
	}{
		{"TeX, pdftotext -layout: the label alone over the note, the notes set wider", "testdata/corpus/gibbon-layout.txt", 3,
			"1 2 3 4 5 6 7 8", "1", "of Crassus.", []string{"Dion Cassius, (l. liv.", "that Roman vanity has left", "By the slaughter of Varus"}},
		{"TeX, plain pdftotext: labels pdftotext set apart from their text", "testdata/corpus/beethoven-pdftotext.txt", 4,
			"1 2 3 4", "", "", []string{"Undoubtedly the Sonata dedicated", "Carl Maria Bocklet"}},
		{"groff, label run into the note", "testdata/corpus/tabletalk-layout.txt", 6,
			"1 2 3 4 5 6", "", "", []string{"ALHADRA. This night your chieftain"}},
		{"the Chicago series * † ‡ § ‖ ¶ per page, the notes under the text with no rule", "testdata/books/memoir-layout.txt", 1 << 30,
			"* * * * † * † ‡ § ‖ ¶ * † * *", "", "", []string{"A stone of flour is fourteen pounds", "Nine of them, and a cock", "A sweetmeat of boiled sugar"}},
		{"OCR, a note whose label and mark were lost, between a sentence and its end on the next page", "testdata/corpus/beethoven-ocr.txt", 1 << 30,
			"", "", "", []string{"This Quintet appeared as Op. 104 at Artaria"}},
		{"OCR, labels glued to the note's first word, markers misread", "testdata/corpus/gibbon-ocr.txt", 1 << 30,
			"", "", "", []string{"Strabo, (1. xvi. p. 780,) Pliny"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lines := excerpt(t, c.path, c.pages)
			if strings.Contains(c.path, "ocr") {
				lines = lines[:min(len(lines), 680)] // the first twelve pages, found by their heads
			}
			sp := pages.Split(lines, report.New("t"))
			res := Find(sp.Pages, report.New("t"))
			var got []string
			for _, n := range res.Notes {
				got = append(got, n.Label)
				if !n.Paired && !strings.Contains(c.path, "ocr") {
					t.Errorf("note %s has no marker", n.Label)
				}
				if n.Label == c.continued {
					if !n.Continued || !strings.HasSuffix(strings.TrimSpace(n.Lines[len(n.Lines)-1].Text), c.ends) {
						t.Errorf("note %s: continued %v, ends %q", n.Label, n.Continued, n.Lines[len(n.Lines)-1].Text)
					}
				}
			}
			if c.labels != "" && strings.Join(got, " ") != c.labels {
				t.Errorf("notes %v, want %s", got, c.labels)
			}
			body := bodyText(sp.Pages)
			for _, s := range c.notInBody {
				if strings.Contains(body, s) {
					t.Errorf("note text %q left in the body", s)
				}
			}
		})
	}
}

// Endnotes under a NOTES heading at a chapter's end, paired with the
// markers of the chapter by number, and taken out of the text.
func TestEndnotes(t *testing.T) {
	lines := excerpt(t, "testdata/books/lights-layout.txt", 14)
	sp := pages.Split(lines, report.New("t"))
	res := Find(sp.Pages, report.New("t"))
	var labels []string
	for _, n := range res.Notes {
		if !n.Endnote {
			continue
		}
		labels = append(labels, n.Label)
		if !n.Paired {
			t.Errorf("endnote %s has no marker", n.Label)
		}
	}
	if len(labels) < 3 || labels[0] != "1" || labels[1] != "2" {
		t.Fatalf("endnotes %v", labels)
	}
	body := bodyText(sp.Pages)
	if strings.Contains(body, "This is, of course, the tradition commemorated by Southey") {
		t.Error("an endnote's text left in the body")
	}
	for _, l := range strings.Split(body, "\n") {
		if strings.TrimSpace(l) == "NOTES" {
			t.Error("the NOTES heading left in the body")
		}
	}
}

// Endnotes in OCR text: a section run on over a page turn (the running
// head, then a blank line, then the note's next line), a section whose
// first label the OCR lost, markers read as glyphs or lost; every note
// read, none left in the text, the glyph pairings marked uncertain.
func TestEndnotesOCR(t *testing.T) {
	lines := excerpt(t, "testdata/books/lights-ocr.txt", 1<<30)
	sp := pages.Split(lines, report.New("t"))
	rep := report.New("t")
	res := Find(sp.Pages, rep)
	var labels []string
	for _, n := range res.Notes {
		if n.Endnote {
			labels = append(labels, n.Label)
		}
	}
	if got, want := strings.Join(labels, " "), "1 2 3 4 5 1 2 3 1 2 3"; got != want {
		t.Errorf("endnotes %s, want %s", got, want)
	}
	body := bodyText(sp.Pages)
	for _, leak := range []string{"Henry Winstanley’s tower on the Eddystone, finished", "The text is that of 1817, without the prose glosses"} {
		if strings.Contains(body, leak) {
			t.Errorf("endnote text %q left in the body", leak)
		}
	}
	lost := false
	for _, d := range rep.Decisions {
		if d.Kind == "paired-loose" && d.Confidence >= report.Uncertain {
			t.Errorf("a glyph over a chapter paired as certain: %s", d.Text)
		}
		lost = lost || d.Kind == "label-lost"
	}
	if !lost {
		t.Error("the lost first label is not reported")
	}
}

// Markers OCR misread: a raised digit read as punctuation, paired in the
// notes' order on the page; a number set off by a space.
func TestLooseMarkers(t *testing.T) {
	cases := []struct {
		line  string
		count int
	}{
		{"of the accompanying small plate.' I will repay you threefold", 1},
		{"sandy deserts of Arabia and Africa.*", 1},
		{"attracted their avarice;® and as Britain was viewed", 1},
		{"by the most stupid,’ maintained by the most dissolute", 1},
		{"was in the Obersthofmeister 16 in selecting the music", 1},
		{"“The boasted tolerance,” he said. Nothing odd here.", 0},
		{"Herodotus’ account and the Romans’ own", 0},
	}
	for _, c := range cases {
		if got := len(looseMarkers([]pages.Line{{Text: c.line}})); got != c.count {
			t.Errorf("%q: %d candidates, want %d", c.line, got, c.count)
		}
	}
}
