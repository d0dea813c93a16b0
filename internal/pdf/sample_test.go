package pdf

import (
	"io"
	"sync"
	"testing"

	"folio/assets"
	"folio/internal/book"
	"folio/internal/meta"
	"folio/internal/pipeline"
	"folio/internal/typeset/typesettest"
)

// TestRealSample writes the bundled book as folio build does and checks
// the PDF with the outside tools: qpdf, pdffonts (all embedded and
// subset), pdfinfo (trim size, page count), pdftotext (every word of the
// book is in it), bookmarks for every document, reproducible bytes.
func TestRealSample(t *testing.T) {
	if testing.Short() {
		t.Skip("typesets the whole sample twice")
	}
	b, _, err := pipeline.Clean(assets.Sample(), "sample")
	if err != nil {
		t.Fatal(err)
	}
	m, err := meta.Load("../../assets/" + assets.SampleMetaPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := meta.Defaults(&m, assets.SamplePath); err != nil {
		t.Fatal(err)
	}
	b.Meta = m
	_, st := CheckBook(t, b, Options{Trim: "6x9"})
	if st.Pages%2 != 0 || st.Pages < 300 {
		t.Errorf("%d pages", st.Pages)
	}
}

var (
	cleanOnce   sync.Once
	cleanSample *book.Book
	cleanErr    error
)

// sampleBook is the bundled sample as folio build cleans it.
func sampleBook(b *testing.B) *book.Book {
	cleanOnce.Do(func() {
		cleanSample, _, cleanErr = pipeline.Clean(assets.Sample(), "sample")
		if cleanErr == nil {
			cleanSample.Meta.Title = "Works, Volume 19"
		}
	})
	if cleanErr != nil {
		b.Fatal(cleanErr)
	}
	return cleanSample
}

func benchWrite(b *testing.B, copies int) {
	bk := typesettest.Repeat(sampleBook(b), copies)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Write(io.Discard, bk, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPDFSample is the sample's PDF from the book model: layout
// and drawing, what folio build's PDF writer does.
func BenchmarkPDFSample(b *testing.B) { benchWrite(b, 1) }

// BenchmarkPDFSample16 is the same with the sample's chapters 16 times
// over (5,000 pages).
func BenchmarkPDFSample16(b *testing.B) { benchWrite(b, 16) }

func benchRender(b *testing.B, copies int) {
	bk := typesettest.Repeat(sampleBook(b), copies)
	doc, err := Layout(bk, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := render(io.Discard, bk, doc, renderOpts{prof: none}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderSample is the drawing alone (fonts, pages, deflate) of
// the laid-out sample.
func BenchmarkRenderSample(b *testing.B) { benchRender(b, 1) }

// BenchmarkRenderSample16 is the drawing of the 16-fold sample.
func BenchmarkRenderSample16(b *testing.B) { benchRender(b, 16) }
