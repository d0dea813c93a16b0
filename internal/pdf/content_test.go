package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"folio/internal/book"
	"folio/internal/printer"
	"folio/internal/typeset"
	"folio/internal/typeset/typesettest"
)

// renderWithFpdf is render as it was before contentWriter: every run
// drawn by fpdf's Text, fpdf's own page contents kept. render must give
// the very same bytes.
func renderWithFpdf(w io.Writer, b *book.Book, doc *typeset.Doc, ro renderOpts) error {
	curStyle, curSize := -1, 0.0
	sk, err := buildSkeleton(b, doc, ro, func(f *fpdf.Fpdf, pg *typeset.Page) {
		if len(pg.Bookmarks) > 0 {
			curStyle, curSize = int(typeset.Regular), 10
		}
		for _, r := range pg.Runs {
			if int(r.Style) != curStyle || r.Size != curSize {
				f.SetFont(faces[r.Style].family, "", r.Size)
				curStyle, curSize = int(r.Style), r.Size
			}
			f.Text(r.X, r.Y, bmp(r.Text))
		}
		for _, rl := range pg.Rules {
			f.SetLineWidth(rl.Width)
			f.Line(rl.X1, rl.Y, rl.X2, rl.Y)
		}
	})
	if err != nil {
		return err
	}
	return sk.file.finishEdited(w, len(doc.Pages), nil, sk.ed)
}

// TestContentMatchesFpdf: the page contents folio writes itself must be
// fpdf's, byte for byte, whole files compared, on books with both faces
// the typesetter sets, bookmarks, footnote rules, three trims, and text whose
// UTF-16 bytes need escaping: parentheses, a backslash, and č (U+010D,
// whose low byte is a carriage return).
func TestContentMatchesFpdf(t *testing.T) {
	odd := typesettest.Kinds()
	odd.Meta.Title = `Works (Volume 19) \ Selected`
	odd.Chapters[0].Blocks = append(odd.Chapters[0].Blocks,
		book.Block{Kind: book.Para, Inlines: []book.Inline{
			{Kind: book.Text, Text: `Koço Tashko (in Moscow) \ Zhou Enlai; Ćosić, Đilas, Kardelj, Mićunović — “č” ŕ Ŗ ĺ ĸ Ċ ĉ ĩ 1960—61 `},
			{Kind: book.Emphasis, Text: "Zëri i Popullit (ﬁrst ﬂag)"},
			{Kind: book.Text, Text: " and the signs \u2028 \u0a0d \u2929 \u5c5c \U0001F600."},
		}},
		book.Block{Kind: book.Heading, Level: 2, Inlines: []book.Inline{{Kind: book.Text, Text: "Bold (and Bold Italic)"}}},
	)
	books := map[string]*book.Book{"kinds": typesettest.Kinds(), "sample": typesettest.Sample(6), "odd": odd}
	for name, b := range books {
		for _, trim := range []string{"6x9", "5x8", "a5"} {
			doc, err := Layout(b, Options{Trim: trim})
			if err != nil {
				t.Fatal(err)
			}
			var got, want bytes.Buffer
			// runs without letterspacing: fpdf's Text has no Tc
			for i := range doc.Pages {
				for j := range doc.Pages[i].Runs {
					doc.Pages[i].Runs[j].Track = 0
				}
			}
			if err := render(&got, b, doc, renderOpts{prof: none}); err != nil {
				t.Fatalf("%s %s: render: %v", name, trim, err)
			}
			if err := renderWithFpdf(&want, b, doc, renderOpts{prof: none}); err != nil {
				t.Fatalf("%s %s: fpdf: %v", name, trim, err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				i := 0
				for i < min(got.Len(), want.Len()) && got.Bytes()[i] == want.Bytes()[i] {
					i++
				}
				t.Errorf("%s %s: the PDF differs from fpdf's from byte %d of %d", name, trim, i, want.Len())
			}
		}
	}
}

// TestAppendFixed2 holds appendFixed2 to fmt's %.2f, ties and their
// neighbours included.
func TestAppendFixed2(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), -1.5, 0.005, 0.015, 0.025, 1.005, 2.675, 648, 647.995, 999999.995, 1e6, 1e7 + 0.125, 123.456, math.Inf(1), math.NaN()}
	for k := 0; k < 200000; k++ {
		base := float64(k) / 200 // every half hundredth up to 1000
		vals = append(vals, base, math.Nextafter(base, 0), math.Nextafter(base, 2000), base+1.0/3)
	}
	for _, v := range vals {
		want := fmt.Sprintf("%.2f", v)
		if got := string(appendFixed2(nil, v)); got != want {
			t.Fatalf("appendFixed2(%v) = %s, want %s", strconv.FormatFloat(v, 'g', -1, 64), got, want)
		}
	}
}

func BenchmarkAppendFixed2(b *testing.B) {
	var dst []byte
	for b.Loop() {
		dst = appendFixed2(dst[:0], 432.15678)
	}
}

// TestDeflateReset: a zlib writer Reset for a stream writes what a new
// one writes, whatever it compressed before; deflate relies on it to
// share the pages out among cores in any order.
func TestDeflateReset(t *testing.T) {
	b := typesettest.Sample(8)
	doc, err := Layout(b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	starts := newContentWriter(doc.Trim.H, 0.567, [4]string{"A", "B", "C", "D"}).starts(doc.Pages)
	var pages [][]byte
	for k := range doc.Pages {
		cw := starts[k]
		pages = append(pages, cw.page(nil, &doc.Pages[k]))
	}
	fresh := func(data []byte) []byte {
		var buf bytes.Buffer
		zw, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
		zw.Write(data)
		zw.Close()
		return buf.Bytes()
	}
	var buf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
	// backwards, then every third page: other histories than in order
	var order []int
	for k := len(pages) - 1; k >= 0; k-- {
		order = append(order, k)
	}
	for k := 0; k < len(pages); k += 3 {
		order = append(order, k)
	}
	for _, k := range order {
		buf.Reset()
		zw.Reset(&buf)
		zw.Write(pages[k])
		zw.Close()
		if !bytes.Equal(buf.Bytes(), fresh(pages[k])) {
			t.Fatalf("page %d: a reset writer deflates it otherwise than a new one", k)
		}
	}
}

// TestRenderSameOnAnyCores: pages are written and deflated on all cores;
// the file must not depend on how many there are.
func TestRenderSameOnAnyCores(t *testing.T) {
	b := typesettest.Sample(8)
	var files [][]byte
	for _, procs := range []int{1, 2, 7} {
		old := runtime.GOMAXPROCS(procs)
		var buf bytes.Buffer
		_, err := Write(&buf, b, Options{})
		runtime.GOMAXPROCS(old)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, buf.Bytes())
	}
	for i, f := range files[1:] {
		if !bytes.Equal(f, files[0]) {
			t.Errorf("the PDF written on %d cores differs from the one on 1", []int{2, 7}[i])
		}
	}
}

var none, _ = printer.Get("none")
