package epubtest_test

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"sync"
	"testing"

	"golang.org/x/image/font/sfnt"

	"folio/assets"
	"folio/fonts"
	"folio/internal/cover"
	"folio/internal/epub"
	"folio/internal/epub/epubtest"
	"folio/internal/meta"
	"folio/internal/pipeline"
)

// maxSampleEPUB is the ceiling on the sample's EPUB with its fonts and
// cover: stores charge delivery by the megabyte, and the four whole faces
// alone were 1.8 MB of it.
const maxSampleEPUB = 800 << 10

var built struct {
	once sync.Once
	data []byte
}

// buildSample is the sample as folio build makes it, made once for the
// tests that read it.
func buildSample(t *testing.T) []byte {
	built.once.Do(func() { built.data = makeSample(t) })
	if built.data == nil {
		t.Fatal("the sample's EPUB could not be made (see the first test that tried)")
	}
	return built.data
}

func makeSample(t *testing.T) []byte {
	b, _, err := pipeline.Clean(assets.Sample(), assets.SamplePath)
	if err != nil {
		t.Fatal(err)
	}
	m, err := meta.Load("../../../assets/" + assets.SampleMetaPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := meta.Defaults(&m, assets.SamplePath); err != nil {
		t.Fatal(err)
	}
	b.Meta = m
	png, err := cover.Generate(m)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := epub.Write(&out, b, epub.Options{EmbedFonts: true, CoverImage: png, CoverMediaType: "image/png"}); err != nil {
		t.Fatal(err)
	}
	epubtest.Structure(t, out.Bytes(), b)
	return out.Bytes()
}

// TestSampleEndToEnd cleans the bundled sample with the real pipeline and
// checks the EPUB made from it, with the fonts and the generated cover, as
// the CLI builds it. It lives here, not in package epub, so that a
// half-written pipeline cannot stop the EPUB writer's own tests.
func TestSampleEndToEnd(t *testing.T) {
	data := buildSample(t)
	t.Run("size", func(t *testing.T) {
		if len(data) > maxSampleEPUB {
			t.Errorf("the sample's EPUB is %d KB, over the ceiling of %d KB", len(data)>>10, maxSampleEPUB>>10)
		}
		t.Logf("the sample's EPUB: %d KB", len(data)>>10)
	})
	t.Run("fonts cover the text", func(t *testing.T) { subsetCoverage(t, data) })
	epubtest.Conformance(t, data)
}

var tag = regexp.MustCompile(`(?s)<[^>]*>`)

// subsetCoverage parses each embedded font and checks it has a glyph for
// every character of the book's text that the original face has.
func subsetCoverage(t *testing.T, data []byte) {
	names, files := epubtest.Unzip(t, data)
	used := map[rune]bool{}
	for _, n := range names {
		if !strings.HasSuffix(n, ".xhtml") {
			continue
		}
		body := string(files[n])
		if i := strings.Index(body, "<body"); i >= 0 {
			body = body[i:]
		}
		for _, r := range html.UnescapeString(tag.ReplaceAllString(body, "")) {
			if r >= 0x20 {
				used[r] = true
			}
		}
	}
	originals := map[string][]byte{"Regular": fonts.Regular, "Italic": fonts.Italic, "Bold": fonts.Bold, "BoldItalic": fonts.BoldItalic}
	seen := 0
	for _, n := range names {
		if !strings.HasSuffix(n, ".ttf") {
			continue
		}
		style := strings.TrimSuffix(n[strings.LastIndex(n, "-")+1:], ".ttf")
		orig, err := sfnt.Parse(originals[style])
		if err != nil {
			t.Fatalf("%s: no original face %q", n, style)
		}
		sub, err := sfnt.Parse(files[n])
		if err != nil {
			t.Errorf("%s does not parse: %v", n, err)
			continue
		}
		seen++
		var bo, bs sfnt.Buffer
		missing := 0
		for r := range used {
			if g, _ := orig.GlyphIndex(&bo, r); g == 0 {
				continue // the face never had it
			}
			if g, err := sub.GlyphIndex(&bs, r); err != nil || g == 0 {
				missing++
				t.Errorf("%s has no glyph for %q (%U)", n, r, r)
			}
		}
		t.Logf("%s: %d KB, %d glyphs, covers %d characters of the text", n, len(files[n])>>10, sub.NumGlyphs(), len(used)-missing)
	}
	if seen != 4 {
		t.Errorf("%d fonts in the EPUB, want the four faces", seen)
	}
}
