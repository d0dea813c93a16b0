package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"folio/internal/book"
	"folio/internal/typeset"
)

// TestMissingGlyphs sets a hand-made book with characters Gentium Book
// Plus lacks (CJK, emoji, mathematical alphanumerics, private use above
// the BMP), some it has (Greek, U+2010, no-break space) and U+FFFD: the
// writer must not panic, the PDF must stay valid, and the stats must name
// exactly the missing characters and their chapters. The author's name
// ends in a truncated UTF-8 sequence (two bytes counted as dropped).
func TestMissingGlyphs(t *testing.T) {
	b := &book.Book{
		Meta: book.Meta{Title: "Selected Works \U0001F4D6", Language: "en", Authors: []book.Contributor{{Name: "Enver Hoxha\xe2\x82"}}, Subjects: []string{"\U0001F600"}},
		Chapters: []book.Chapter{
			{ID: "ch01", Kind: book.Document, Title: []book.Inline{{Kind: book.Text, Text: "Letter to the CC of the CP of China 中"}}, Blocks: []book.Block{
				{Kind: book.Para, Inlines: []book.Inline{{Kind: book.Text, Text: "The Chinese leaders (中国) spoke of the \u201cnon\u2010aggression\u201d pact at the meeting in Moscow,\u00a0June 1960 \U0001F600."}}},
				{Kind: book.Para, Inlines: []book.Inline{{Kind: book.Text, Text: "The word λόγος and the sign \U0001D400 stand for the \uFFFDdelegation of the Party of Labour."}}},
			}},
			{ID: "ch02", Kind: book.Document, Title: []book.Inline{{Kind: book.Text, Text: "Speech"}}, Blocks: []book.Block{
				{Kind: book.Para, Inlines: []book.Inline{{Kind: book.Emphasis, Text: "Our Party \U000F0000 will never\u2011ever bow to pressure 中."}}},
			}},
		},
	}
	var buf bytes.Buffer
	st, err := Write(&buf, b, Options{})
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	want := []typeset.CharUse{
		{Rune: '中', Count: 3, Where: []string{"ch01", "ch02"}},
		{Rune: '国', Count: 1, Where: []string{"ch01"}},
		{Rune: 0x1D400, Count: 1, Where: []string{"ch01"}},
		{Rune: 0x1F4D6, Count: 1, Where: []string{typeset.MetaWhere}},
		{Rune: 0x1F600, Count: 1, Where: []string{"ch01"}},
		{Rune: 0xF0000, Count: 1, Where: []string{"ch02"}},
	}
	if !reflect.DeepEqual(st.Missing, want) {
		t.Errorf("Missing = %+v\nwant %+v", st.Missing, want)
	}
	if wantD := []typeset.CharUse{{Rune: 0xFFFD, Count: 3, Where: []string{typeset.MetaWhere, "ch01"}}}; !reflect.DeepEqual(st.Dropped, wantD) {
		t.Errorf("Dropped = %+v, want %+v", st.Dropped, wantD)
	}
	if st.Substituted != 0 {
		t.Errorf("Substituted = %d: Gentium has U+2010, U+2011 and U+00A0, nothing needs replacing", st.Substituted)
	}
	path := filepath.Join(t.TempDir(), "missing.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, ok := run(t, "qpdf", "--check", path); ok && !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	if out, ok := run(t, "pdffonts", path); ok && !strings.Contains(out, "FOLIOA+GentiumBookPlus") {
		t.Errorf("pdffonts: the regular face is not embedded:\n%s", out)
	}
	if out, ok := run(t, "pdftotext", path, "-"); ok {
		for _, w := range []string{"λόγος", "delegation", "non‐aggression"} {
			if !strings.Contains(out, w) {
				t.Errorf("text layer lacks %q", w)
			}
		}
	}
}
