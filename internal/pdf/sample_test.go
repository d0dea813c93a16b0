package pdf

import (
	"testing"

	"folio/assets"
	"folio/internal/meta"
	"folio/internal/pipeline"
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

// BenchmarkRealSample is the sample's PDF, from the book model.
func BenchmarkRealSample(b *testing.B) {
	bk, _, err := pipeline.Clean(assets.Sample(), "sample")
	if err != nil {
		b.Fatal(err)
	}
	bk.Meta.Title = "Works, Volume 19"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Write(discard{}, bk, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
