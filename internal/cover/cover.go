// Package cover draws a plain typographic cover, in the manner of the
// old Penguin and Standard Ebooks covers: coloured bands, the author, the
// title and subtitle in the book family (folio/fonts), centred and
// wrapped, with thin rules.
// Its bytes depend only on the metadata, so builds stay reproducible.
package cover

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"
	"sync"

	"folio/fonts"
	"folio/internal/book"
	metrics "folio/internal/face"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Size of the cover, the 1:1.6 ratio that e-book shops ask for.
const (
	Width  = 1600
	Height = 2560
	// Margin is the side margin no text enters.
	Margin = 160
	// BandHeight is the height of the coloured bands at top and bottom.
	BandHeight = 300
)

var (
	paper = color.RGBA{0xF3, 0xEE, 0xE3, 0xFF} // warm off-white
	band  = color.RGBA{0x6B, 0x1F, 0x1D, 0xFF} // oxblood
	ink   = color.RGBA{0x1F, 0x1B, 0x18, 0xFF} // near-black
)

// typeface is a style's outlines (sfnt) and its kerning (internal/face).
type typeface struct {
	outlines *sfnt.Font
	metrics  *metrics.Face
}

var (
	parseOnce                sync.Once
	parseErr                 error
	fRegular, fItalic, fBold typeface
)

func loadFonts() error {
	parseOnce.Do(func() {
		fam, err := metrics.LoadFamily()
		if err != nil {
			parseErr = err
			return
		}
		var e1, e2, e3 error
		fRegular.outlines, e1 = sfnt.Parse(fonts.Regular)
		fItalic.outlines, e2 = sfnt.Parse(fonts.Italic)
		fBold.outlines, e3 = sfnt.Parse(fonts.Bold)
		fRegular.metrics, fItalic.metrics, fBold.metrics = fam.Regular, fam.Italic, fam.Bold
		parseErr = errors.Join(e1, e2, e3)
	})
	return parseErr
}

// style is one kind of text on the cover and how far it may shrink.
type style struct {
	font           typeface
	max, min, step float64
	maxLines       int
	maxHeight      int     // pixels the block may take
	leading        float64 // line height as a multiple of the size
	tracking       float64 // extra space between letters, in ems
	upper          bool
	colour         color.RGBA
	balance        bool
}

// block is a laid-out run of lines at one size.
type block struct {
	face     *face
	lines    []string
	st       style
	lineH    int
	ascent   int
	descent  int
	widths   []fixed.Int26_6 // ink width of each line
	lefts    []fixed.Int26_6 // ink start of each line, from its pen start
	tracking fixed.Int26_6
}

// height runs from the first line's ascent to the last line's descent, so
// that rules set between blocks clear every descender.
func (b *block) height() int { return b.lineH*(len(b.lines)-1) + b.ascent + b.descent }

// Generate draws the cover for m as a PNG.
func Generate(m book.Meta) ([]byte, error) {
	img, _, err := render(m)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&out, img); err != nil {
		return nil, fmt.Errorf("cover: encoding PNG: %w", err)
	}
	return out.Bytes(), nil
}

// render draws the cover and returns it with the rows of the short rules
// between blocks (for tests).
func render(m book.Meta) (*image.RGBA, []int, error) {
	if err := loadFonts(); err != nil {
		return nil, nil, fmt.Errorf("cover: the embedded %s fonts do not parse: %w", fonts.Family, err)
	}
	title := strings.TrimSpace(m.Title)
	if title == "" {
		return nil, nil, errors.New("cover: the book has no title; give title: in the metadata file")
	}
	var authors []string
	for _, a := range m.Authors {
		authors = append(authors, a.Name)
	}
	textW := Width - 2*Margin

	var blocks []*block
	var gaps []int // gap before each block
	var rules []bool
	if len(authors) > 0 {
		b, err := layout(strings.Join(authors, " · "), textW, style{font: fRegular, max: 64, min: 34, step: 2, maxLines: 2, maxHeight: 200, leading: 1.3, tracking: 0.12, upper: true, colour: band})
		if err != nil {
			return nil, nil, err
		}
		blocks, gaps, rules = append(blocks, b), append(gaps, 0), append(rules, false)
	}
	t, err := layout(title, textW, style{font: fBold, max: 150, min: 56, step: 4, maxLines: 6, maxHeight: 1000, leading: 1.15, balance: true, colour: ink})
	if err != nil {
		return nil, nil, err
	}
	blocks, gaps, rules = append(blocks, t), append(gaps, 150), append(rules, len(blocks) > 0)
	if s := strings.TrimSpace(m.Subtitle); s != "" {
		b, err := layout(s, textW, style{font: fItalic, max: 72, min: 36, step: 2, maxLines: 4, maxHeight: 360, leading: 1.3, balance: true, colour: ink})
		if err != nil {
			return nil, nil, err
		}
		blocks, gaps, rules = append(blocks, b), append(gaps, 130), append(rules, true)
	}

	img := image.NewRGBA(image.Rect(0, 0, Width, Height))
	draw.Draw(img, img.Bounds(), image.NewUniform(paper), image.Point{}, draw.Src)
	fill := func(r image.Rectangle, c color.Color) {
		draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
	}
	// Bands, each with a thin rule set off from it.
	fill(image.Rect(0, 0, Width, BandHeight), band)
	fill(image.Rect(0, BandHeight+28, Width, BandHeight+34), band)
	fill(image.Rect(0, Height-BandHeight, Width, Height), band)
	fill(image.Rect(0, Height-BandHeight-34, Width, Height-BandHeight-28), band)

	// Centre the stack in the paper area, a little above the middle as a
	// printed title page is.
	total := 0
	for i, b := range blocks {
		total += gaps[i] + b.height()
	}
	top := BandHeight + 34
	avail := Height - 2*(BandHeight+34)
	y := top + (avail-total)*2/5
	var ruleRows []int
	for i, b := range blocks {
		if rules[i] {
			ry := y + gaps[i]/2
			ruleRows = append(ruleRows, ry)
			fill(image.Rect(Width/2-120, ry-2, Width/2+120, ry+2), band)
		}
		y += gaps[i]
		for j, line := range b.lines {
			x := (Width-b.widths[j].Round())/2 - b.lefts[j].Round()
			if err := drawLine(img, b, line, x, y+j*b.lineH+b.ascent); err != nil {
				return nil, nil, err
			}
		}
		y += b.height()
	}
	return img, ruleRows, nil
}

// layout finds the largest size at which s wraps into the allowed lines
// and height within width. Balanced blocks then narrow the measure while
// the line count holds, so that lines come out of even length.
func layout(s string, width int, st style) (*block, error) {
	if st.upper {
		s = strings.ToUpper(s)
	}
	words := strings.Fields(s)
	for size := st.max; size >= st.min; size -= st.step {
		b, err := newBlock(st, size)
		if err != nil {
			return nil, err
		}
		lines, ok := b.wrap(words, fixed.I(width))
		if !ok || len(lines) > st.maxLines || len(lines)*b.lineH > st.maxHeight {
			continue
		}
		if st.balance && len(lines) > 1 {
			lo, hi := fixed.I(width/3), fixed.I(width)
			for hi-lo > fixed.I(4) {
				mid := (lo + hi) / 2
				if l, ok := b.wrap(words, mid); ok && len(l) == len(lines) {
					hi = mid
				} else {
					lo = mid
				}
			}
			lines, _ = b.wrap(words, hi)
		}
		for _, l := range lines {
			b.addLine(l)
		}
		return b, nil
	}
	// Too long even at the smallest size: set it at the smallest size and
	// cut it, rather than overflow the margins.
	b, err := newBlock(st, st.min)
	if err != nil {
		return nil, err
	}
	lines, _ := b.wrap(words, fixed.I(width))
	if len(lines) > st.maxLines {
		lines = lines[:st.maxLines]
		lines[len(lines)-1] = b.fit(lines[len(lines)-1]+" …", fixed.I(width))
	}
	for _, l := range lines {
		b.addLine(b.fit(l, fixed.I(width)))
	}
	return b, nil
}

func newBlock(st style, size float64) (*block, error) {
	fc := newFace(st.font.outlines, st.font.metrics, size)
	asc, desc, err := fc.extent()
	if err != nil {
		return nil, err
	}
	return &block{
		face:     fc,
		st:       st,
		lineH:    int(size*st.leading + 0.5),
		ascent:   asc.Round(),
		descent:  desc.Round(),
		tracking: fixed.Int26_6(st.tracking * size * 64),
	}, nil
}

// wrap breaks words greedily into lines no wider than width; ok is false
// when a single word is wider.
func (b *block) wrap(words []string, width fixed.Int26_6) ([]string, bool) {
	var lines []string
	cur := ""
	ok := true
	for _, w := range words {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if b.measure(try) <= width {
			cur = try
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
		}
		cur = w
		if b.measure(w) > width {
			ok = false
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines, ok
}

// fit shortens s with an ellipsis until it fits width.
func (b *block) fit(s string, width fixed.Int26_6) string {
	r := []rune(s)
	for len(r) > 1 && b.measure(string(r)) > width {
		r = append(r[:len(r)-2], '…')
	}
	return string(r)
}

func (b *block) addLine(s string) {
	left, right := b.ink(s)
	b.lines = append(b.lines, s)
	b.lefts = append(b.lefts, left)
	b.widths = append(b.widths, right-left)
}

// measure is the width of s's ink, which is what must fit the measure:
// glyphs may overhang their advances (italics, a final f).
func (b *block) measure(s string) fixed.Int26_6 {
	left, right := b.ink(s)
	return right - left
}

// ink returns where s's ink starts and ends, from its pen start.
func (b *block) ink(s string) (left, right fixed.Int26_6) {
	var pen fixed.Int26_6
	prev := rune(0)
	inked := false
	for i, r := range []rune(s) {
		g := b.face.glyph(r)
		if i > 0 {
			pen += b.face.kern(prev, r) + b.tracking
		}
		bounds, adv := b.face.bounds(g)
		if bounds.Max.X > bounds.Min.X { // spaces have no ink
			if !inked || pen+bounds.Min.X < left {
				left = pen + bounds.Min.X
			}
			if !inked || pen+bounds.Max.X > right {
				right = pen + bounds.Max.X
			}
			inked = true
		}
		pen += adv
		prev = r
	}
	return left, right
}

// drawLine sets one line with its left end at x and its baseline at y.
func drawLine(img *image.RGBA, b *block, s string, x, baseline int) error {
	pad := 8 + b.lineH/2 // room for overhangs on either side
	w := b.measure(s).Ceil() + 2*pad
	top := baseline - b.ascent - pad
	h := b.lineH + b.ascent + 2*pad
	r := newRaster(w, h)
	dot := fixed.I(pad)
	prev := rune(0)
	for i, ch := range []rune(s) {
		g := b.face.glyph(ch)
		if i > 0 {
			dot += b.face.kern(prev, ch) + b.tracking
		}
		if err := r.glyph(b.face, g, float64(dot)/64, float64(baseline-top)); err != nil {
			return err
		}
		dot += b.face.advance(g)
		prev = ch
	}
	r.paint(img, b.st.colour, x-pad, top)
	return nil
}
