package epubtest_test

import (
	"bytes"
	"os"
	"testing"

	"folio/internal/epub"
	"folio/internal/epub/epubtest"
	"folio/internal/meta"
	"folio/internal/pipeline"
)

// TestAce runs DAISY Ace on the sample's EPUB and on a corpus book's, as
// folio build makes them, and fails on any violation. Ace takes some 20
// seconds a book, so it runs on these two only, side by side.
func TestAce(t *testing.T) {
	if _, _, why := epubtest.AceCommand(); why != "" {
		if os.Getenv("FOLIO_REQUIRE_ACE") != "" {
			t.Fatal(why + ", and FOLIO_REQUIRE_ACE is set (CI installs it)")
		}
		t.Skip(why + "; skipping the accessibility check")
	}
	t.Run("sample", func(t *testing.T) {
		t.Parallel()
		data := buildSample(t)
		for _, p := range epubtest.Accessibility(t, data) {
			t.Error(p)
		}
	})
	t.Run("corpus beethoven", func(t *testing.T) {
		t.Parallel()
		src, err := os.ReadFile("../../../testdata/corpus/beethoven-pdftotext.txt")
		if err != nil {
			t.Fatal(err)
		}
		b, _, err := pipeline.Clean(src, "beethoven-pdftotext.txt")
		if err != nil {
			t.Fatal(err)
		}
		// no metadata file: the defaults, as a new user's first build
		if err := meta.Defaults(&b.Meta, "beethoven-pdftotext.txt"); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := epub.Write(&out, b, epub.Options{EmbedFonts: true}); err != nil {
			t.Fatal(err)
		}
		for _, p := range epubtest.Accessibility(t, out.Bytes()) {
			t.Error(p)
		}
	})
}
