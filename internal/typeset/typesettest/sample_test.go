package typesettest

import (
	"testing"

	"folio/internal/book"
)

// The fixtures must look like the sample: many documents, notes with
// their markers in the text, and every block kind in Kinds.
func TestFixtures(t *testing.T) {
	b := Sample(0)
	notes, refs := 0, 0
	for _, c := range b.Chapters {
		notes += len(c.Notes)
		for _, bl := range c.Blocks {
			for _, r := range bl.Inlines {
				if r.Kind == book.NoteRef {
					refs++
				}
			}
		}
	}
	if len(b.Chapters) < 25 || notes < 80 || refs < notes/2 {
		t.Errorf("Sample(0): %d chapters, %d notes, %d references; want a sample-sized book", len(b.Chapters), notes, refs)
	}
	if n := len(Sample(3).Chapters); n != 3 {
		t.Errorf("Sample(3) has %d chapters", n)
	}
	kinds := map[book.BlockKind]bool{}
	for _, c := range Kinds().Chapters {
		for _, bl := range c.Blocks {
			kinds[bl.Kind] = true
		}
	}
	for _, k := range []book.BlockKind{book.Para, book.Heading, book.Salutation, book.Closing, book.Signature, book.Postscript, book.SourceNote, book.Speech, book.ListItem, book.Notice, book.Dateline, book.Quote} {
		if !kinds[k] {
			t.Errorf("Kinds has no %s block", k)
		}
	}
}
