package typeset

import (
	"errors"
	"math"
	"strings"

	"folio/internal/book"
	"folio/internal/printer"
)

// CoverOptions describe a wrap cover: the interior it wraps and the
// printer's rules.
type CoverOptions struct {
	Trim    Trim
	Pages   int // the interior's page count
	Printer printer.Profile
	Paper   printer.Paper
	Fonts   Fonts
	// Image is the user's front cover (JPEG or PNG bytes); nil sets the
	// typographic front, the EPUB cover's design.
	Image []byte
}

// Cover is a laid-out wrap cover: one page, back + spine + front with
// the bleed all round. Coordinates are points from the media's top-left.
type Cover struct {
	W, H      float64 // the media, bleed included
	Bleed     float64
	Spine     float64 // the spine's width
	SpineText bool    // whether the spine carries the title
	Page      Page
	// Barcode is the area left clear on the back for the ISBN barcode.
	Barcode Fill
}

// The cover's colours, the EPUB cover's (internal/cover) as process
// colours: warm paper, an oxblood band, text in pure black.
var (
	coverPaper = CMYK{0, 0.02, 0.07, 0.05}
	coverBand  = CMYK{0, 0.71, 0.73, 0.58}
	coverWhite = CMYK{0, 0, 0, 0}
)

const (
	colPaper = iota + 1
	colBand
	colWhite
)

// bandShare is the coloured band's height, top and bottom, as a share of
// the trim height: the EPUB cover's 300 of 2560 pixels.
const bandShare = 300.0 / 2560

// LayoutCover sets the wrap cover of b: on the front the author, title
// and subtitle in the book family between the bands (or the user's
// image); on the spine the title and author when the printer allows
// spine text and it is wide enough; on the back the description as a
// blurb, the publisher, and a clear barcode area.
func LayoutCover(b *book.Book, opt CoverOptions) (*Cover, error) {
	if b == nil || strings.TrimSpace(b.Meta.Title) == "" {
		return nil, errors.New("cover: the book has no title; give title: in the metadata")
	}
	for i, f := range opt.Fonts {
		if f == nil {
			return nil, errors.New("cover: font " + string(rune('0'+i)) + " of the family is missing")
		}
	}
	if opt.Trim.W == 0 {
		opt.Trim = trims[0]
	}
	if opt.Pages <= 0 {
		return nil, errors.New("cover: the interior's page count is unknown; build the PDF first")
	}
	t := newSetter(Options{Trim: opt.Trim, Fonts: opt.Fonts, Hyphenator: noHyphens{}}, Gutter(opt.Pages))
	prof := opt.Printer
	bl := prof.Bleed * inch
	spine := printer.Spine(opt.Pages, opt.Paper) * inch
	tw, th := opt.Trim.W, opt.Trim.H
	c := &Cover{W: 2*bl + 2*tw + spine, H: 2*bl + th, Bleed: bl, Spine: spine}
	pg := &c.Page
	pg.Palette = []CMYK{coverPaper, coverBand, coverWhite}
	backX, spineX, frontX := bl, bl+tw, bl+tw+spine

	// paper, and the bands with their thin rules, across the whole wrap
	band := bl + th*bandShare
	gap, thin := th*28/2560, math.Max(th*6/2560, 0.5)
	pg.Fills = append(pg.Fills,
		Fill{0, 0, c.W, c.H, colPaper},
		Fill{0, 0, c.W, band, colBand},
		Fill{0, band + gap, c.W, thin, colBand},
		Fill{0, c.H - band - gap - thin, c.W, thin, colBand},
		Fill{0, c.H - band, c.W, band, colBand},
	)
	areaTop, areaBottom := band+gap+thin, c.H-band-gap-thin

	// the front
	if opt.Image != nil {
		pg.Image = &Image{X: frontX, Y: 0, W: tw + bl, H: c.H, Data: opt.Image}
	} else {
		t.coverFront(pg, b.Meta, frontX, tw, areaTop, areaBottom)
	}
	// the spine
	if prof.SpineText(opt.Pages, opt.Paper, 0) {
		c.SpineText = t.coverSpine(pg, b.Meta, spineX, spine, prof.SpineClear*inch, areaTop, areaBottom)
	}
	// the back: blurb, publisher, barcode area
	margin := 0.5 * inch
	c.Barcode = Fill{X: spineX - (prof.BarcodeMargin+prof.BarcodeW)*inch, Y: c.H - bl - (prof.BarcodeMargin+prof.BarcodeH)*inch,
		W: prof.BarcodeW * inch, H: prof.BarcodeH * inch, Color: colWhite}
	t.coverBack(pg, b.Meta, backX+margin, tw-2*margin, areaTop, c.Barcode.Y)
	pg.Fills = append(pg.Fills, c.Barcode)
	return c, nil
}

// coverLines sets text centred in lines no wider than width, balanced
// (the measure narrowed while the line count holds), and returns them.
func (t *setter) coverLines(in []book.Inline, st Style, size, width float64, caps bool) []line {
	ps := paraSpec{style: st, size: size, width: width, align: center}
	if caps {
		ps.prefix = t.capsToksSize(book.PlainText(in), false, st, size)
		in = nil
	}
	lines := t.setPara(in, ps)
	if len(lines) > 1 {
		lo, hi := width/3, width
		for hi-lo > 1 {
			mid := (lo + hi) / 2
			ps.width = mid
			if l := t.setPara(in, ps); len(l) == len(lines) {
				hi = mid
			} else {
				lo = mid
			}
		}
		ps.width = hi
		lines = t.setPara(in, ps)
		// centre the narrowed block on the full measure
		for i := range lines {
			for j := range lines[i].runs {
				lines[i].runs[j].X += (width - hi) / 2
			}
		}
	}
	return lines
}

// put adds lines at x, from baseline y by lead, in a colour.
func put(pg *Page, lines []line, x, y, lead float64, col int) float64 {
	for _, ln := range lines {
		for _, r := range ln.runs {
			r.X += x
			r.Y += y
			r.Color = col
			pg.Runs = append(pg.Runs, r)
		}
		y += lead
	}
	return y
}

// coverFront sets the EPUB cover's stack on the front panel: the author
// in spaced capitals in the band colour, a short rule, the title in bold
// at the largest size that fits six lines, a short rule, the subtitle
// in italic; the stack a little above the middle, as on a title page.
func (t *setter) coverFront(pg *Page, m book.Meta, x0, tw, top, bottom float64) {
	margin := tw * 0.1
	width := tw - 2*margin
	type blk struct {
		lines []line
		size  float64
		lead  float64
		col   int
	}
	var blocks []blk
	var names []string
	for _, a := range m.Authors {
		names = append(names, a.Name)
	}
	if len(names) > 0 {
		size := tw * 0.038
		blocks = append(blocks, blk{t.coverLines(txtIn(strings.Join(names, " · ")), Regular, size, width, true), size, size * 1.3, colBand})
	}
	for size := tw * 0.094; ; size *= 0.94 {
		lines := t.coverLines(txtIn(m.Title), Bold, size, width, false)
		if len(lines) <= 6 || size < tw*0.035 {
			blocks = append(blocks, blk{lines, size, size * 1.15, 0})
			break
		}
	}
	if s := strings.TrimSpace(m.Subtitle); s != "" {
		size := tw * 0.045
		blocks = append(blocks, blk{t.coverLines(txtIn(s), Italic, size, width, false), size, size * 1.3, 0})
	}
	gap := tw * 0.11
	total := 0.0
	for i, b := range blocks {
		total += float64(len(b.lines)-1)*b.lead + b.size
		if i > 0 {
			total += gap
		}
	}
	y := top + (bottom-top-total)*2/5
	for i, b := range blocks {
		if i > 0 {
			ry := y + gap/2 - b.size*0.3
			pg.Rules = append(pg.Rules, Rule{X1: x0 + tw/2 - tw*0.075, X2: x0 + tw/2 + tw*0.075, Y: ry, Width: math.Max(tw*0.0025, 0.5), Color: colBand})
			y += gap
		}
		y += b.size * 0.75 // to the first baseline
		y = put(pg, b.lines, x0+margin, y, b.lead, b.col) - b.lead + b.size*0.25
	}
}

// coverSpine sets the title in bold and the author in spaced capitals
// along the spine, reading down, centred on it, at a size the spine's
// width allows between its clearances; false when it is too narrow for a
// legible line (6 pt).
func (t *setter) coverSpine(pg *Page, m book.Meta, x0, spine, clear, top, bottom float64) bool {
	f := t.fonts[Bold]
	capH := f.CapHeight() / 1000
	if capH <= 0 {
		capH = 0.7
	}
	// The line's whole box, ascender to descender, keeps clear of the
	// folds: a reader (and a printer's check) sees the glyphs' box, not
	// their caps alone.
	asc, desc := f.Ascent()/1000, math.Abs(f.Descent())/1000
	if asc+desc <= 0 {
		asc, desc = 0.9, 0.25
	}
	room := spine - 2*clear
	size := math.Min(math.Min(room/(capH*1.6), room/((asc+desc)*1.05)), 14)
	if size < 6 {
		return false
	}
	length := bottom - top - 2*spine
	var author string
	if len(m.Authors) > 0 {
		author = m.Authors[0].Name
	}
	for ; size >= 6; size -= 0.5 {
		title := t.mk(Bold, size, m.Title)
		var au []seg
		if author != "" {
			au = t.smallCaps(Regular, size*0.8, author, false)
		}
		w := t.width(title)
		if len(au) > 0 {
			w += size*2 + t.width(au[0])
		}
		if w > length {
			continue
		}
		// the tops of the letters face the front; the baseline sits
		// left of the centre so that the box is centred
		bx := x0 + spine/2 - (asc-desc)*size/2 // the box centred
		y := top + (bottom-top-w)/2
		var runs []Run
		runs = t.place(runs, 0, 0, title)
		if len(au) > 0 {
			runs = t.place(runs, t.width(title)+size*2, 0, au[0])
		}
		for _, r := range runs {
			r.Y, r.X = y+r.X, bx
			r.Rotate = true
			pg.Runs = append(pg.Runs, r)
		}
		return true
	}
	return false
}

// coverBack sets the description as a blurb, justified, at the largest
// size from 11 pt that fits above the barcode area, and the publisher
// under it.
func (t *setter) coverBack(pg *Page, m book.Meta, x0, width, top, limit float64) {
	y := top + 0.45*inch
	if d := strings.TrimSpace(m.Description); d != "" {
		for size := 11.0; size >= 7; size -= 0.5 {
			lead := size * 1.35
			var lines []line
			for i, p := range strings.Split(d, "\n\n") {
				ps := paraSpec{style: Regular, size: size, width: width, align: justify, hyph: false}
				if i > 0 {
					ps.indent = size
				}
				lines = append(lines, t.setPara(txtIn(strings.Join(strings.Fields(p), " ")), ps)...)
			}
			if y+float64(len(lines))*lead < limit-0.6*inch || size <= 7 {
				put(pg, lines, x0, y+size, lead, 0)
				break
			}
		}
	}
	if p := strings.TrimSpace(m.Publisher); p != "" {
		size := 9.0
		sg := t.smallCaps(Regular, size, p, false)[0]
		pg.Runs = t.place(pg.Runs, x0, limit-0.2*inch, sg)
	}
}

func txtIn(s string) []book.Inline { return []book.Inline{{Kind: book.Text, Text: s}} }
