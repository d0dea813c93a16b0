package pdf

import (
	"io"
	"os/exec"
	"regexp"
	"strings"
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
	path, st := CheckBook(t, b, Options{Trim: "6x9"})
	if st.Pages%2 != 0 || st.Pages < 300 {
		t.Errorf("%d pages", st.Pages)
	}
	textLayer(t, path)
}

// textLayer holds the text pdftotext reads from a PDF to what a reader
// copies: no ligature characters (U+FB00–U+FB06) or private codes (the
// small capitals') — the ToUnicode map gives their letters — and no
// letterspaced word broken into letters ("E NV E R HOX HA").
func textLayer(t *testing.T, path string) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext (poppler-utils) is not installed: the text layer is not checked")
		return
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	txt := string(out)
	lig, pua := 0, 0
	for _, r := range txt {
		switch {
		case r >= 0xFB00 && r <= 0xFB06:
			lig++
		case r >= 0xE000 && r <= 0xF8FF:
			pua++
		}
	}
	if lig > 0 || pua > 0 {
		t.Errorf("pdftotext gives %d ligature characters and %d private-use ones; want letters", lig, pua)
	}
	spaced := regexp.MustCompile(`(?m)(^|\s)(\p{Lu}{1,2} ){2,}\p{Lu}{1,3}(\s|$)`)
	if m := spaced.FindAllString(txt, 5); len(m) > 0 {
		t.Errorf("letterspaced words broken up in the text layer: %q", m)
	}
	for _, want := range []string{"ENVER HOXHA", "Comrade Enver Hoxha:", "first", "official"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the text layer lacks %q", want)
		}
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
