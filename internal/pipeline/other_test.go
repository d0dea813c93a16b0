package pipeline

import (
	"os"
	"strings"
	"testing"

	"folio/internal/book"
)

// TestOtherConventions runs the engine on a small book made in other
// conventions than the sample — form feeds between pages, "— 12 —" folios
// at the foot, running heads with the number on the same line, a printed
// rule over the notes, superscript markers — and checks the same
// properties: documents, openings, notes paired and continued, hyphens,
// no furniture left.
func TestOtherConventions(t *testing.T) {
	src, err := os.ReadFile("testdata/other-conventions.txt")
	if err != nil {
		t.Fatal(err)
	}
	b, rep, err := Clean(src, "other-conventions.txt")
	if err != nil {
		t.Fatal(err)
	}
	if b.SourcePages != 5 {
		t.Errorf("%d pages, want 5", b.SourcePages)
	}
	if len(b.Chapters) != 2 {
		for _, ch := range b.Chapters {
			t.Logf("%s %q", ch.ID, ch.TitleText())
		}
		t.Fatalf("%d documents, want 2", len(b.Chapters))
	}
	c1, c2 := &b.Chapters[0], &b.Chapters[1]
	if got := c1.TitleText(); got != "Letter to the Editor of the Morning Gazette" {
		t.Errorf("title 1 = %q", got)
	}
	if got := c2.TitleText(); got != "A Speech at the Annual Meeting" {
		t.Errorf("title 2 = %q", got)
	}
	if c1.DateISO != "1921-03-03" || c2.DateISO != "1922-06-12" {
		t.Errorf("dates %q %q", c1.DateISO, c2.DateISO)
	}
	if got := book.PlainText(c2.Subtitle); got != "Extract" {
		t.Errorf("subtitle 2 = %q", got)
	}
	// Notes: the title's marker, one continued on the next page after its
	// body text, one in the second document (numbering restarts).
	if len(c1.Notes) != 2 || len(c2.Notes) != 1 {
		t.Fatalf("notes %d and %d, want 2 and 1", len(c1.Notes), len(c2.Notes))
	}
	if c1.Title[len(c1.Title)-1].Kind != book.NoteRef {
		t.Errorf("the title's note marker is not at its end: %+v", c1.Title)
	}
	if got := noteText(c1.Notes[0]); got != "The Morning Gazette was a daily newspaper published in the capital from 1870 to 1954 when it closed." {
		t.Errorf("note 1 = %q (a line starting with a year is not a new note)", got)
	}
	if got := noteText(c1.Notes[1]); got != "This refers to the faction expelled from the association at the conference of the previous spring." || !c1.Notes[1].Continued {
		t.Errorf("note 2 = %q continued=%v", got, c1.Notes[1].Continued)
	}
	text := bookText(b)
	for _, want := range []string{
		"In the years 1920–61 the committee met often, and its work was complicated by",
		"the anti-Party elements have",
		"the so-called reformers",
		"before the meeting of the following year, in the spring of that year, after a long and bitter struggle inside the organization.",
		"With respect to the self-reliance of the branches",
		"the whole winter and there was no work to be had.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, bad := range []string{"COLLECTED LETTERS", "— 1 —", "— 3 —", "MEETING 5"} {
		if strings.Contains(text, bad) {
			t.Errorf("furniture %q left in the text", bad)
		}
	}
	var kinds []string
	for _, bl := range c1.Blocks {
		kinds = append(kinds, string(bl.Kind))
	}
	if got := strings.Join(kinds, " "); got != "salutation p p closing signature source" {
		t.Errorf("letter blocks: %s", got)
	}
	items := 0
	for _, bl := range c2.Blocks {
		if bl.Kind == book.ListItem {
			items++
		}
	}
	if items != 3 {
		t.Errorf("%d list items, want 3", items)
	}
	if p := rep.Problems(); len(p) > 0 {
		t.Errorf("problems: %+v", p)
	}
	// Page numbers: printed on every page here, and kept as page breaks.
	var nums []string
	for _, ch := range b.Chapters {
		for _, in := range append([][]book.Inline{ch.Title}, blocksInlines(&ch)...) {
			for _, r := range in {
				if r.Kind == book.PageBreak {
					nums = append(nums, r.Page)
				}
			}
		}
	}
	if got := strings.Join(nums, ","); got != "1,2,3,4,5" {
		t.Errorf("page breaks %s, want 1,2,3,4,5", got)
	}
}

// TestNoteWithoutMarker: a note body no marker points at is reported and
// kept in its chapter; a marker with no body stays text and is reported.
func TestNoteWithoutMarker(t *testing.T) {
	src := "A LETTER TO THE EDITOR\n\nMarch 3, 1921\n\nThe text has no marker, but the Plenum7 decided.\n__________\n1 A note nobody points at.\n\f2    THE BOOK\n\nMore text.\n\f3    THE BOOK\n\nThe end.\n"
	b, rep, err := Clean([]byte(src), "t.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Chapters) != 1 || len(b.Chapters[0].Notes) != 1 || noteText(b.Chapters[0].Notes[0]) != "A note nobody points at." {
		t.Fatalf("chapters %+v", b.Chapters)
	}
	if !strings.Contains(bookText(b), "the Plenum7 decided") {
		t.Errorf("an unpaired marker was taken out of the text")
	}
	if n := len(rep.Problems()); n != 2 {
		t.Errorf("%d problems, want 2: %+v", n, rep.Problems())
	}
}
