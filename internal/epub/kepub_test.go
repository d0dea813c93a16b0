package epub

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"folio/internal/book"
	"folio/internal/check"
	"folio/internal/epub/epubtest"
)

var anyTag = regexp.MustCompile(`(?s)<[^>]*>`)

// TestKepub writes the sample stand-in and the book of every kind as Kobo
// kepubs: each passes folio check (which validates the spans and the
// wrappers) and EPUBCheck, and its text is the EPUB's, letter for letter.
func TestKepub(t *testing.T) {
	for _, tc := range []struct {
		name string
		b    func(testing.TB) *book.Book
		// EPUBCheck on the book of every kind covers the sample's markup
		epubcheck bool
	}{{"sample", sampleBook, false}, {"kinds", kindsBook, true}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var plain, kobo bytes.Buffer
			if err := Write(&plain, tc.b(t), Options{EmbedFonts: true}); err != nil {
				t.Fatal(err)
			}
			if err := Write(&kobo, tc.b(t), Options{EmbedFonts: true, Kepub: true}); err != nil {
				t.Fatal(err)
			}
			kdata := kobo.Bytes()
			epubtest.Structure(t, kdata, tc.b(t))
			if tc.epubcheck {
				epubtest.Conformance(t, kdata)
			}
			dir := t.TempDir()
			file := filepath.Join(dir, "book.kepub.epub")
			if err := os.WriteFile(file, kdata, 0o644); err != nil {
				t.Fatal(err)
			}
			r, err := check.File(context.Background(), file, check.Options{})
			if err != nil {
				t.Fatal(err)
			}
			// the kepub draws no finding the EPUB does not (the book of every
			// kind has notes no marker calls, on purpose)
			pr := check.EPUB(context.Background(), plain.Bytes(), check.Options{})
			if r.Failed() || r.Count(check.Warning) != pr.Count(check.Warning) || !strings.Contains(strings.Join(r.Facts, "\n"), "Kobo sentence spans") {
				var b strings.Builder
				r.WriteText(&b)
				t.Errorf("folio check of the kepub:\n%s", b.String())
			}
			names, pf := epubtest.Unzip(t, plain.Bytes())
			_, kf := epubtest.Unzip(t, kdata)
			spans := 0
			for _, n := range names {
				if !strings.HasSuffix(n, ".xhtml") {
					continue
				}
				body := func(s string) string {
					if i := strings.Index(s, "<body"); i >= 0 {
						s = s[i:]
					}
					return anyTag.ReplaceAllString(s, "")
				}
				if body(string(pf[n])) != body(string(kf[n])) {
					t.Errorf("%s: the kepub's text differs from the EPUB's", n)
				}
				spans += strings.Count(string(kf[n]), `class="koboSpan"`)
				if n != "OEBPS/nav.xhtml" && !strings.Contains(string(kf[n]), `<div id="book-columns"><div id="book-inner">`) {
					t.Errorf("%s lacks Kobo's wrapper divs", n)
				}
			}
			if spans == 0 {
				t.Error("no sentence spans")
			}
		})
	}
}

// TestSentences: the kepub's sentence spans split where a sentence ends,
// not in numbers, times or abbreviations run together, and lose nothing.
func TestSentences(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Be very careful. Let them know.", "Be very careful. |Let them know."},
		{"“Are you coming?” he asked. “No.”", "“Are you coming?” |he asked. |“No.”"},
		{"At 11:30 hrs. the meeting of 39.3 per cent", "At 11:30 hrs. |the meeting of 39.3 per cent"},
		{"the U.S.A. and", "the U.S.A. |and"},
		{"as follows: first", "as follows: |first"},
		{"no end", "no end"},
	}
	for _, tc := range tests {
		var parts []string
		for _, s := range sentences([]byte(tc.in)) {
			parts = append(parts, string(s))
		}
		if got := strings.Join(parts, "|"); got != tc.want {
			t.Errorf("sentences(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
