package fixes_test

import (
	"os"
	"strings"
	"testing"

	"folio/internal/fixes"
	"folio/internal/pipeline"
)

// FuzzFixes feeds any bytes as a fixes file to a small test book: the
// file is refused with a message naming it, or every fix is applied or
// refused, never a panic, and the notes stay whole.
func FuzzFixes(f *testing.F) {
	src, err := os.ReadFile("../../testdata/books/pagefolio-fixture.txt")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"- {line: 12, split: true}\n- {line: 30, join: next}\n",
		"- {line: 9, heading: chapter, title: \"A\"}\n- {line: 40, heading: section, to: 41}\n- {line: 9, heading: none}\n",
		"- {line: 50, to: 60, verse: true}\n- {line: 70, hyphen: keep}\n- {line: 80, hyphen: join}\n",
		"- {line: 100, note: \"1\"}\n- {line: 100, marker: \"1\", note: none}\n- {line: 5, checked: typo/suspicious-ocr-letters}\n",
		"- {line: 3, old: \"a\", new: \"b\"}\n- {old: 'e+', regexp: true, new: \"E\", count: 3}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := fixes.Parse(data, "f.yaml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fixes f.yaml") {
				t.Fatalf("an error that does not name the file: %v", err)
			}
			return
		}
		if len(set.Fixes) > 200 {
			return
		}
		b, rep, err := pipeline.CleanWith(src, "book.txt", set)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Counts["fixes applied"]+rep.Counts["fixes refused"] != len(set.Fixes) {
			t.Fatalf("%d fixes, %d applied and %d refused", len(set.Fixes), rep.Counts["fixes applied"], rep.Counts["fixes refused"])
		}
		for _, ch := range b.Chapters {
			for _, bl := range ch.Blocks {
				for _, in := range bl.Inlines {
					if in.Kind == "noteref" && (in.Note < 0 || in.Note >= len(ch.Notes)) {
						t.Fatalf("a reference to note %d of %d", in.Note, len(ch.Notes))
					}
				}
			}
		}
	})
}
