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
// end, as the command does it: the cover is drawn while the text is
// cleaned, then the EPUB is written with its fonts.
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
		type drawn struct {
			png []byte
			err error
		}
		cov := make(chan drawn, 1)
		go func() { png, err := cover.Generate(m); cov <- drawn{png, err} }()
		bk, _, err := pipeline.Clean(src, assets.SamplePath)
		if err != nil {
			b.Fatal(err)
		}
		bk.Meta = m
		c := <-cov
		if c.err != nil {
			b.Fatal(c.err)
		}
		png := c.png
		if err := epub.Write(io.Discard, bk, epub.Options{EmbedFonts: true, CoverImage: png, CoverMediaType: "image/png"}); err != nil {
			b.Fatal(err)
		}
	}
}
