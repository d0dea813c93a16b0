package epubtest_test

import (
	"io"
	"testing"

	"folio/assets"
	"folio/internal/cover"
	"folio/internal/epub"
	"folio/internal/meta"
	"folio/internal/pipeline"
)

// BenchmarkSampleEPUB is folio build --format epub on the sample, end to
// end: clean the text, make the cover, write the EPUB with its fonts.
func BenchmarkSampleEPUB(b *testing.B) {
	m, err := meta.Load("../../../assets/" + assets.SampleMetaPath)
	if err != nil {
		b.Fatal(err)
	}
	if err := meta.Defaults(&m, assets.SamplePath); err != nil {
		b.Fatal(err)
	}
	src := assets.Sample()
	pipeline.Clean(src, "warm-up")
	b.ReportAllocs()
	for b.Loop() {
		bk, _, err := pipeline.Clean(src, assets.SamplePath)
		if err != nil {
			b.Fatal(err)
		}
		bk.Meta = m
		png, err := cover.Generate(m)
		if err != nil {
			b.Fatal(err)
		}
		if err := epub.Write(io.Discard, bk, epub.Options{EmbedFonts: true, CoverImage: png, CoverMediaType: "image/png"}); err != nil {
			b.Fatal(err)
		}
	}
}
