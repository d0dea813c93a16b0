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

// Repeat's copies must not share an id with one another, and keep every
// note reference in range, or the EPUB of a repeated book would not be
// valid.
func TestRepeat(t *testing.T) {
	b := Kinds()
	const n = 3
	r := Repeat(b, n)
	if len(r.Chapters) != n*len(b.Chapters) {
		t.Fatalf("%d chapters, want %d", len(r.Chapters), n*len(b.Chapters))
	}
	owner := map[string]int{} // id → the copy that has it
	for ci, c := range r.Chapters {
		copyNo := ci / len(b.Chapters)
		ids := []string{c.ID}
		for _, bl := range c.Blocks {
			if bl.ID != "" {
				ids = append(ids, bl.ID)
			}
			for _, in := range bl.Inlines {
				if in.Kind == book.NoteRef && (in.Note < 0 || in.Note >= len(c.Notes)) {
					t.Errorf("%s: note reference %d out of range", c.ID, in.Note)
				}
			}
		}
		for _, nt := range c.Notes {
			ids = append(ids, nt.ID)
		}
		for _, id := range ids {
			if k, ok := owner[id]; ok && k != copyNo {
				t.Errorf("id %q is in copies %d and %d", id, k+1, copyNo+1)
			}
			owner[id] = copyNo
		}
	}
	if b.Chapters[0].ID != "ch01" || len(Repeat(b, 1).Chapters) != len(b.Chapters) {
		t.Error("Repeat changed its input or Repeat(b, 1) is not b")
	}
}
