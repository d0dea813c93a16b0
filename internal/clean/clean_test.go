package clean

import (
	"reflect"
	"strings"
	"testing"

	"folio/assets"
	"folio/internal/notes"
	"folio/internal/pages"
	"folio/internal/report"
	"folio/internal/source"
)

// mapStrip is the plain definition stripSentinels must agree with.
func mapStrip(s string) string {
	return strings.Map(func(r rune) rune {
		if isSentinel(r) {
			return -1
		}
		return r
	}, s)
}

var (
	note0 = string(notes.Sentinel(0))
	note7 = string(notes.Sentinel(7))
	page3 = string(PageSentinel(3))
)

// Lines from the sample, with the sentinels the earlier stages put in.
var sentinelCases = []string{
	"",
	"the Central Committee of the Party",
	"of the CPSU" + note0 + ". The Soviet leaders",
	page3 + "strength of the people, who" + note7,
	note0 + " " + page3 + " ",
	"Tirana, " + page3 + "June 21, 1960",
	page3 + "21ST CONGRESS OF THE CPSU",
	"ON THE " + note0 + "21st CONGRESS",
	"emoji \U0001F600 and U+E0001 \U000E0001 are no sentinels" + note0,
	"a stray byte \xff after" + note7 + " a note",
}

func TestStripSentinels(t *testing.T) {
	for _, s := range sentinelCases {
		if got, want := stripSentinels(s), mapStrip(s); got != want {
			t.Errorf("stripSentinels(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestCountWords(t *testing.T) {
	for _, s := range sentinelCases {
		if got, want := CountWords(s), len(strings.Fields(mapStrip(s))); got != want {
			t.Errorf("CountWords(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestIsCapsIgnoresSentinels(t *testing.T) {
	for _, s := range sentinelCases {
		if got, want := IsCaps(s), isCapsLine(mapStrip(s)); got != want {
			t.Errorf("IsCaps(%q) = %v, want %v", s, got, want)
		}
	}
}

// samplePages runs the stages before clean on the bundled book.
func samplePages(t testing.TB) ([]pages.Page, *report.Report) {
	t.Helper()
	txt, err := source.Decode("sample", assets.Sample())
	if err != nil {
		t.Fatal(err)
	}
	rep := report.New("sample")
	split := pages.Split(txt.Lines, rep)
	notes.Find(split.Pages, rep)
	return split.Pages, rep
}

// TestBodyHalvesMatchWhole: Body unwraps the book in two halves at once;
// paragraphs and report must be what one pass over the whole gives.
func TestBodyHalvesMatchWhole(t *testing.T) {
	ps, rep := samplePages(t)
	c := New(ps, rep)
	before := len(rep.Decisions)
	got := c.Body()
	gotDecisions := rep.Decisions[before:]

	ps2, rep2 := samplePages(t)
	c2 := New(ps2, rep2)
	before2 := len(rep2.Decisions)
	// The same without the split: one pass over the whole stream.
	stream := c2.bodyStream()
	if c2.cleanBreak(stream) <= 0 {
		t.Fatal("no clean break found in the sample: the split path is not tested")
	}
	want := c2.unwrap(stream, true)
	if len(got) != len(want) {
		t.Fatalf("%d paragraphs, want %d", len(got), len(want))
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("paragraph %d differs:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	wantDecisions := rep2.Decisions[before2:]
	if len(gotDecisions) != len(wantDecisions) {
		t.Fatalf("%d decisions, want %d", len(gotDecisions), len(wantDecisions))
	}
	for i := range gotDecisions {
		if gotDecisions[i] != wantDecisions[i] {
			t.Fatalf("decision %d differs:\n got %+v\nwant %+v", i, gotDecisions[i], wantDecisions[i])
		}
	}
	if !reflect.DeepEqual(rep.Counts, rep2.Counts) {
		t.Errorf("counts differ:\n got %v\nwant %v", rep.Counts, rep2.Counts)
	}
}

func TestWriteStripped(t *testing.T) {
	for _, s := range sentinelCases {
		var b strings.Builder
		b.WriteString("» ")
		WriteStripped(&b, s)
		if got, want := b.String(), "» "+mapStrip(s); got != want {
			t.Errorf("WriteStripped(%q) wrote %q, want %q", s, got, want)
		}
	}
}

// TestLearnBeforeNotes: the lexicon learnt from the pages before note
// markers become sentinels (as the pipeline does, to learn beside
// notes.Find) equals the one learnt after.
func TestLearnBeforeNotes(t *testing.T) {
	txt, err := source.Decode("sample", assets.Sample())
	if err != nil {
		t.Fatal(err)
	}
	rep := report.New("sample")
	split := pages.Split(txt.Lines, rep)
	early := Learn(split.Pages)
	before := bookText(split.Pages)
	found := notes.Find(split.Pages, rep)
	if len(found.Notes) == 0 || bookText(split.Pages) == before {
		t.Fatal("notes.Find changed nothing in the sample: the test tests nothing")
	}
	if got, want := early(), New(split.Pages, rep).Lex; !reflect.DeepEqual(got, want) {
		t.Error("the lexicon learnt before notes.Find differs from the one learnt after")
	}
}
