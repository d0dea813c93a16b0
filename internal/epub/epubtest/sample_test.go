package epubtest_test

import (
	"bytes"
	"testing"

	"folio/assets"
	"folio/internal/cover"
	"folio/internal/epub"
	"folio/internal/epub/epubtest"
	"folio/internal/meta"
	"folio/internal/pipeline"
)

// TestSampleEndToEnd cleans the bundled sample with the real pipeline and
// checks the EPUB made from it, with the fonts and the generated cover, as
// the CLI builds it. It lives here, not in package epub, so that a
// half-written pipeline cannot stop the EPUB writer's own tests.
func TestSampleEndToEnd(t *testing.T) {
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
	epubtest.Conformance(t, out.Bytes())
}
