package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // the user's cover image
	_ "image/png"
	"io"
	"math"
	"strconv"

	"folio/internal/book"
	"folio/internal/face"
	"folio/internal/printer"
	"folio/internal/typeset"
)

// CoverOptions configures WriteCover.
type CoverOptions struct {
	Trim    string
	Printer string // "kdp", "ingramspark", "lulu", "none"
	Paper   string // "white", "cream", "color"; "" the printer's first
	Pages   int    // the interior's page count
	Image   []byte // the user's front cover (JPEG or PNG), nil for the typographic one
}

// CoverInfo is what WriteCover made, for the build summary and tests.
type CoverInfo struct {
	W, H, Spine float64 // inches, bleed included
	SpineText   bool
	Paper       string
}

// WriteCover writes the wrap cover for the printer: one page, back,
// spine and front, with the printer's bleed on every edge (TrimBox and
// BleedBox), in process colours (CMYK); PDF/X-1a where the printer
// wants it. The interior's page count, trim and paper are written into
// the document information (FolioPages, FolioTrim, FolioPaper), so that
// folio check can hold the size to the spine formula.
func WriteCover(w io.Writer, b *book.Book, opt CoverOptions) (CoverInfo, error) {
	tr, err := ParseTrim(opt.Trim)
	if err != nil {
		return CoverInfo{}, err
	}
	prof, err := printer.Get(opt.Printer)
	if err != nil {
		return CoverInfo{}, err
	}
	paper, err := prof.Paper(opt.Paper)
	if err != nil {
		return CoverInfo{}, err
	}
	fam, err := face.LoadFamily()
	if err != nil {
		return CoverInfo{}, fmt.Errorf("pdf: loading the book fonts: %w", err)
	}
	c, err := typeset.LayoutCover(b, typeset.CoverOptions{Trim: tr, Pages: opt.Pages, Printer: prof, Paper: paper,
		Fonts: typeset.Fonts{fam.Regular, fam.Italic, fam.Bold, fam.BoldItalic}, Image: opt.Image})
	if err != nil {
		return CoverInfo{}, err
	}
	var img []byte
	var iw, ih int
	if c.Page.Image != nil {
		if img, iw, ih, err = cmykImage(c.Page.Image.Data); err != nil {
			return CoverInfo{}, err
		}
	}
	// the wrap as a "trim" with the bleed on all four edges
	coverProf := prof
	coverProf.BleedInside, coverProf.NoOutline = true, true
	if !prof.CoverPDFX {
		coverProf.PDFX = ""
	}
	ro := renderOpts{prof: coverProf, bleed: c.Bleed, cmyk: true}
	doc := &typeset.Doc{Trim: typeset.Trim{Name: "cover", W: c.W - 2*c.Bleed, H: c.H - 2*c.Bleed}, Pages: []typeset.Page{c.Page}}
	sk, err := buildSkeleton(b, doc, ro, nil)
	if err != nil {
		return CoverInfo{}, err
	}
	info := sk.file.object(objectRef(sk.file.in[sk.file.trailerAt:], "/Info"))
	if d := sk.ed.objects[objectRef(sk.file.in[sk.file.trailerAt:], "/Info")]; d != nil {
		info = d
	}
	inf := dictOf(info)
	inf = fmt.Appendf(bytes.Clone(inf[:len(inf)-2]), "/FolioPages (%d)\n/FolioPaper (%s)\n/FolioTrim (%sx%s)\n/FolioPrinter (%s)\n>>",
		opt.Pages, paper.Name, strconv.FormatFloat(tr.W/72, 'f', -1, 64), strconv.FormatFloat(tr.H/72, 'f', -1, 64), prof.Name)
	sk.ed.objects[objectRef(sk.file.in[sk.file.trailerAt:], "/Info")] = inf
	imgName := ""
	if img != nil {
		// the image as an XObject of the page resources (fpdf's object 2)
		n := len(sk.file.offs) + len(sk.ed.added)
		imgName = "FolioCover"
		sk.ed.added = append(sk.ed.added, append(fmt.Appendf(nil, "<</Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /FlateDecode /Length %d>>\nstream\n", iw, ih, len(img)), append(img, "\nendstream"...)...))
		res := dictOf(sk.file.object(2))
		if res == nil {
			return CoverInfo{}, fmt.Errorf("pdf: fpdf wrote no resource dictionary")
		}
		res, err = addXObject(res, imgName, n)
		if err != nil {
			return CoverInfo{}, err
		}
		sk.ed.objects[2] = res
	}
	content := coverContent(&c.Page, c.H, sk.ids, imgName, iw, ih)
	if err := sk.file.finishEdited(w, 1, func(dst []byte, _ int) []byte { return append(dst, content...) }, sk.ed); err != nil {
		return CoverInfo{}, err
	}
	return CoverInfo{W: c.W / 72, H: c.H / 72, Spine: c.Spine / 72, SpineText: c.SpineText, Paper: paper.Name}, nil
}

// addXObject names the image object n in a resource dictionary: in its
// /XObject dictionary when fpdf wrote one (it does, empty or not), else
// in a new one.
func addXObject(res []byte, name string, n int) ([]byte, error) {
	entry := fmt.Appendf(nil, " /%s %d 0 R ", name, n)
	if at := bytes.Index(res, []byte("/XObject")); at >= 0 {
		rest := bytes.TrimLeft(res[at+len("/XObject"):], " \r\n\t")
		if !bytes.HasPrefix(rest, []byte("<<")) {
			return nil, fmt.Errorf("pdf: the page resources name their XObjects indirectly, where the cover image cannot join them")
		}
		open := len(res) - len(rest) + 2
		out := append(bytes.Clone(res[:open]), entry...)
		return append(out, res[open:]...), nil
	}
	return fmt.Appendf(bytes.Clone(res[:len(res)-2]), "/XObject <<%s>>\n>>", entry), nil
}

// coverContent writes a cover page: fills, the image cropped to its
// rectangle, rules and runs, in CMYK.
func coverContent(pg *typeset.Page, h float64, ids [4]string, img string, iw, ih int) []byte {
	var b []byte
	f := func(v float64) { b = appendFixed2(b, v); b = append(b, ' ') }
	colour := func(i int, op string) {
		c := typeset.CMYK{0, 0, 0, 1}
		if i > 0 && i <= len(pg.Palette) {
			c = pg.Palette[i-1]
		}
		for _, v := range c {
			b = strconv.AppendFloat(b, math.Round(v*1000)/1000, 'f', -1, 64)
			b = append(b, ' ')
		}
		b = append(b, op...)
		b = append(b, '\n')
	}
	for _, fl := range pg.Fills {
		colour(fl.Color, "k")
		f(fl.X)
		f(h - fl.Y - fl.H)
		f(fl.W)
		f(fl.H)
		b = append(b, "re f\n"...)
	}
	if im := pg.Image; im != nil && img != "" && iw > 0 && ih > 0 {
		// scaled to fill the panel, its proportions kept, centred and
		// cropped to the panel
		s := math.Max(im.W/float64(iw), im.H/float64(ih))
		dw, dh := float64(iw)*s, float64(ih)*s
		dx, dy := im.X+(im.W-dw)/2, im.Y+(im.H-dh)/2
		b = append(b, "q "...)
		f(im.X)
		f(h - im.Y - im.H)
		f(im.W)
		f(im.H)
		b = append(b, "re W n\n"...)
		f(dw)
		b = append(b, "0 0 "...)
		f(dh)
		f(dx)
		f(h - dy - dh)
		b = append(b, "cm /"...)
		b = append(b, img...)
		b = append(b, " Do Q\n"...)
	}
	for _, rl := range pg.Rules {
		colour(rl.Color, "K")
		f(rl.Width)
		b = append(b, "w "...)
		f(rl.X1)
		f(h - rl.Y)
		b = append(b, "m "...)
		f(rl.X2)
		f(h - rl.Y)
		b = append(b, "l S\n"...)
	}
	cur, tc := -1, 0.0
	for _, r := range pg.Runs {
		if r.Color != cur {
			colour(r.Color, "k")
			cur = r.Color
		}
		b = append(b, "BT /F"...)
		b = append(b, ids[r.Style]...)
		b = append(b, ' ')
		f(r.Size)
		b = append(b, "Tf "...)
		if r.Track != tc {
			f(r.Track)
			b = append(b, "Tc "...)
			tc = r.Track
		}
		if r.Rotate {
			b = append(b, "0 -1 1 0 "...)
			f(r.X)
			f(h - r.Y)
			b = append(b, "Tm ("...)
		} else {
			f(r.X)
			f(h - r.Y)
			b = append(b, "Td ("...)
		}
		b = appendText(b, bmp(r.Text))
		b = append(b, ") Tj ET\n"...)
	}
	return b
}

// cmykImage decodes a JPEG or PNG and returns its pixels as deflated
// 8-bit CMYK (PDF/X-1a allows no RGB), with its size.
func cmykImage(data []byte) ([]byte, int, int, error) {
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, 0, fmt.Errorf("the cover image cannot be read (%v): give a JPEG or PNG file", err)
	}
	bnd := src.Bounds()
	if bnd.Dx() > 12000 || bnd.Dy() > 12000 {
		return nil, 0, 0, fmt.Errorf("the cover image is %d × %d pixels: more than a print cover needs (300 dpi); scale it down", bnd.Dx(), bnd.Dy())
	}
	rgba := image.NewRGBA(image.Rect(0, 0, bnd.Dx(), bnd.Dy()))
	draw.Draw(rgba, rgba.Rect, src, bnd.Min, draw.Src)
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	row := make([]byte, 4*bnd.Dx())
	for y := 0; y < bnd.Dy(); y++ {
		for x := 0; x < bnd.Dx(); x++ {
			i := rgba.PixOffset(x, y)
			r, g, bl := float64(rgba.Pix[i])/255, float64(rgba.Pix[i+1])/255, float64(rgba.Pix[i+2])/255
			k := 1 - math.Max(r, math.Max(g, bl))
			c, m, ye := 0.0, 0.0, 0.0
			if k < 1 {
				c, m, ye = (1-r-k)/(1-k), (1-g-k)/(1-k), (1-bl-k)/(1-k)
			}
			row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = byte(c*255+0.5), byte(m*255+0.5), byte(ye*255+0.5), byte(k*255+0.5)
		}
		zw.Write(row)
	}
	if err := zw.Close(); err != nil {
		return nil, 0, 0, err
	}
	return z.Bytes(), bnd.Dx(), bnd.Dy(), nil
}
