package epubtest_test

import (
	"io"
	"testing"

	"folio/assets"
	"folio/internal/book"
	"folio/internal/cover"
	"folio/internal/epub"
	"folio/internal/meta"
	"folio/internal/pipeline"
	"folio/internal/typeset/typesettest"
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

// sampleEPUB is what BenchmarkEPUBSample writes: the cleaned sample with
// its metadata, n times over, and its cover.
func sampleEPUB(b *testing.B, n int) (*book.Book, []byte) {
	m, err := meta.Load("../../../assets/" + assets.SampleMetaPath)
	if err != nil {
		b.Fatal(err)
	}
	if err := meta.Defaults(&m, assets.SamplePath); err != nil {
		b.Fatal(err)
	}
	bk, _, err := pipeline.Clean(assets.Sample(), assets.SamplePath)
	if err != nil {
		b.Fatal(err)
	}
	bk.Meta = m
	png, err := cover.Generate(m)
	if err != nil {
		b.Fatal(err)
	}
	return typesettest.Repeat(bk, n), png
}

func benchEPUB(b *testing.B, n int) {
	bk, png := sampleEPUB(b, n)
	b.ReportAllocs()
	for b.Loop() {
		if err := epub.Write(io.Discard, bk, epub.Options{EmbedFonts: true, CoverImage: png, CoverMediaType: "image/png"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEPUBSample is the EPUB writer alone (documents, navigation,
// fonts, archive) on the cleaned sample, as folio build runs it.
func BenchmarkEPUBSample(b *testing.B) { benchEPUB(b, 1) }

// BenchmarkEPUBSample16 is the same on the sample's chapters 16 times
// over: the fonts are written once, so it grows by less than 16 times.
func BenchmarkEPUBSample16(b *testing.B) { benchEPUB(b, 16) }
