package check

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"math"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"folio/assets"
	"folio/internal/book"
	"folio/internal/meta"
	"folio/internal/pdf"
	"folio/internal/pipeline"
	"folio/internal/printer"
)

var sampleBook struct {
	once sync.Once
	b    *book.Book
	err  error
}

func cleanSample(t testing.TB) *book.Book {
	t.Helper()
	sampleBook.once.Do(func() {
		b, _, err := pipeline.Clean(assets.Sample(), assets.SamplePath)
		if err != nil {
			sampleBook.err = err
			return
		}
		m, err := meta.Load("../../assets/" + assets.SampleMetaPath)
		if err == nil {
			err = meta.Defaults(&m, assets.SamplePath)
		}
		b.Meta = m
		sampleBook.b, sampleBook.err = b, err
	})
	if sampleBook.err != nil {
		t.Fatal(sampleBook.err)
	}
	return sampleBook.b
}

func errorsOf(r Result) []string {
	var out []string
	for _, f := range r.Findings {
		if f.Severity == Error {
			out = append(out, f.Where+": "+f.Message)
		}
	}
	return out
}

// TestSampleForPrinters: the sample's interior and wrap cover, built for
// KDP (cream) and IngramSpark, pass folio check --printer; the cover's
// size is the formula's to a thousandth of an inch.
func TestSampleForPrinters(t *testing.T) {
	if testing.Short() {
		t.Skip("typesets the sample twice")
	}
	b := cleanSample(t)
	for _, tc := range []struct {
		printer, paper string
	}{{"kdp", "cream"}, {"ingramspark", "cream"}} {
		var in, cov bytes.Buffer
		// KDP with recto openings: the 322 pages of issue 14's cover check
		opt := pdf.Options{Trim: "6x9", Printer: tc.printer}
		if tc.printer == "kdp" {
			opt.ChaptersOpen = "recto"
		}
		st, err := pdf.Write(&in, b, opt)
		if err != nil {
			t.Fatal(err)
		}
		ci, err := pdf.WriteCover(&cov, b, pdf.CoverOptions{Trim: "6x9", Printer: tc.printer, Paper: tc.paper, Pages: st.Pages})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		for name, data := range map[string][]byte{"interior": in.Bytes(), "cover": cov.Bytes()} {
			r := PDF(ctx, data, Options{External: true, Printer: tc.printer})
			if e := errorsOf(r); len(e) > 0 {
				t.Errorf("%s %s: %q", tc.printer, name, e)
			}
		}
		prof, _ := printer.Get(tc.printer)
		paper, _ := prof.Paper(tc.paper)
		w, h := prof.CoverSize(6, 9, st.Pages, paper)
		if math.Abs(ci.W-w) > 0.001 || math.Abs(ci.H-h) > 0.001 {
			t.Errorf("%s: cover %.4f × %.4f in, formula %.4f × %.4f", tc.printer, ci.W, ci.H, w, h)
		}
		// and the file's own MediaBox says so
		r := PDF(ctx, cov.Bytes(), Options{})
		if !strings.Contains(strings.Join(r.Facts, " "), "with 0.125 in bleed") {
			t.Errorf("%s cover facts %q", tc.printer, r.Facts)
		}
		if tc.printer == "kdp" && (st.Pages != 322 || math.Abs(ci.W-13.055) > 0.001 || math.Abs(ci.H-9.25) > 0.001) {
			t.Errorf("the sample's KDP cover at 322 pages on cream: %.4f in wide, want 13.055", ci.W)
		}
		t.Logf("%s: %d pages, cover %.3f × %.3f in, spine %.3f in, spine text %v", tc.printer, st.Pages, ci.W, ci.H, ci.Spine, ci.SpineText)
	}
}

// A cover with the user's front image (a PNG) is a PDF the printer
// check passes, the image in CMYK on the front panel.
func TestCoverWithImage(t *testing.T) {
	b := cleanSample(t)
	small := &book.Book{Meta: b.Meta, Chapters: b.Chapters[:3]}
	img := image.NewRGBA(image.Rect(0, 0, 180, 270))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var png_ bytes.Buffer
	if err := png.Encode(&png_, img); err != nil {
		t.Fatal(err)
	}
	var cov bytes.Buffer
	if _, err := pdf.WriteCover(&cov, small, pdf.CoverOptions{Printer: "kdp", Paper: "white", Pages: 120, Image: png_.Bytes()}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(cov.Bytes(), []byte("/FolioCover")) || !bytes.Contains(cov.Bytes(), []byte("/DeviceCMYK")) {
		t.Error("the cover does not draw the image in CMYK")
	}
	if e := errorsOf(PDF(context.Background(), cov.Bytes(), Options{External: true, Printer: "kdp"})); len(e) > 0 {
		t.Errorf("cover with an image: %q", e)
	}
}

// tiny makes a PDF with fpdf: pages of 6 × 9 in with a TrimBox, draw
// called on each page.
func tiny(pages int, draw func(f *fpdf.Fpdf, page int)) []byte {
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 432, Ht: 648}})
	f.SetTitle("T", true)
	f.SetAuthor("A", true)
	f.SetFont("Helvetica", "", 11)
	f.SetPageBox("TrimBox", 0, 0, 432, 648)
	for i := 1; i <= pages; i++ {
		f.AddPage()
		if draw != nil {
			draw(f, i)
		}
	}
	var b bytes.Buffer
	f.Output(&b)
	return b.Bytes()
}

func text(x, y float64) func(f *fpdf.Fpdf, page int) {
	return func(f *fpdf.Fpdf, page int) { f.Text(x, y, "Some text here") }
}

// TestPrinterRules: one case per rule, each a file that breaks it and
// the error it must get.
func TestPrinterRules(t *testing.T) {
	b := cleanSample(t)
	var reading, kdpCover bytes.Buffer
	small := &book.Book{Meta: b.Meta, Chapters: b.Chapters[:3]}
	if _, err := pdf.Write(&reading, small, pdf.Options{Printer: "none"}); err != nil {
		t.Fatal(err)
	}
	// a cover made for 60 pages, with the title set on its spine anyway
	if _, err := pdf.WriteCover(&kdpCover, small, pdf.CoverOptions{Printer: "kdp", Paper: "white", Pages: 300}); err != nil {
		t.Fatal(err)
	}
	thin := bytes.Replace(kdpCover.Bytes(), []byte("/FolioPages (300)"), []byte("/FolioPages (060)"), 1)
	// the same cover said to wrap 400 pages: its spine is 0.225 in short
	longer := bytes.Replace(kdpCover.Bytes(), []byte("/FolioPages (300)"), []byte("/FolioPages (400)"), 1)
	havePoppler := exec.Command("pdftotext", "-v").Run() == nil
	for _, tc := range []struct {
		name, printer string
		data          []byte
		want          string // in an error's text
		poppler       bool
	}{
		{"KDP: no bookmarks", "kdp", reading.Bytes(), "bookmarks", false},
		{"KDP: at least 24 pages", "kdp", tiny(10, text(100, 100)), "at least 24 pages", false},
		{"KDP: at most 828 pages", "kdp", tiny(830, nil), "more than Amazon KDP binds", false},
		{"KDP: inside margin by page count", "kdp", tiny(40, text(10, 100)), "inside edge", true},
		{"KDP: outside margins", "kdp", tiny(40, text(100, 640)), "outside, top or bottom", true},
		{"IngramSpark: even page count", "ingramspark", tiny(41, nil), "even page count", false},
		{"IngramSpark: blank last page", "ingramspark", tiny(40, text(100, 100)), "last page is not blank", false},
		{"IngramSpark: PDF/X identification", "ingramspark", reading.Bytes(), "GTS_PDFXVersion", false},
		{"IngramSpark: output intent", "ingramspark", reading.Bytes(), "OutputIntents", false},
		{"IngramSpark: Trapped key", "ingramspark", reading.Bytes(), "Trapped", false},
		{"IngramSpark: no RGB", "ingramspark", tiny(40, func(f *fpdf.Fpdf, p int) { f.SetTextColor(200, 0, 0); f.Text(100, 100, "red") }), "RGB", false},
		{"IngramSpark: text at 100 % K", "ingramspark", tiny(40, func(f *fpdf.Fpdf, p int) { f.SetTextColor(100, 100, 100); f.Text(100, 100, "grey") }), "100 % black", false},
		{"IngramSpark: no transparency", "ingramspark", tiny(40, func(f *fpdf.Fpdf, p int) { f.SetAlpha(0.5, "Normal"); f.Rect(100, 100, 50, 50, "F") }), "transparency", false},
		{"IngramSpark: margins ≥ 0.5 in", "ingramspark", tiny(40, text(72, 20)), "outside, top or bottom", true},
		{"Lulu: at least 32 pages", "lulu", tiny(30, nil), "at least 32 pages", false},
		{"Lulu: even page count", "lulu", tiny(33, nil), "even page count", false},
		{"cover: size from the spine formula", "kdp", longer, "expects", false},
		{"cover: PDF/X for IngramSpark", "ingramspark", kdpCover.Bytes(), "OutputIntents", false},
		{"cover: no spine text under 80 pages", "kdp", thin, "spine", true},
	} {
		if tc.poppler && !havePoppler {
			t.Logf("%s: skipped, pdftotext (poppler-utils) is not installed", tc.name)
			continue
		}
		r := PDF(context.Background(), tc.data, Options{External: true, Printer: tc.printer})
		e := strings.Join(errorsOf(r), "\n")
		if !strings.Contains(e, tc.want) {
			t.Errorf("%s: no error about %q; errors:\n%s", tc.name, tc.want, e)
		}
	}
}
