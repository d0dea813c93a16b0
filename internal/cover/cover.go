// Package cover draws a plain typographic cover, in the manner of the
// old Penguin and Standard Ebooks covers: coloured bands, the author, the
// title and subtitle in the book family (folio/fonts), centred and
// wrapped, with thin rules.
// Its bytes depend only on the metadata, so builds stay reproducible.
package cover

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"strings"
	"sync"
	"unicode/utf8"

	"folio/fonts"
	"folio/internal/book"
	metrics "folio/internal/face"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
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
	font           *typeface // filled by loadFonts
	max, min, step float64
	maxLines       int
	maxHeight      int     // pixels the block may take
	leading        float64 // line height as a multiple of the size
	tracking       float64 // extra space between letters, in ems
	upper          bool
	colour         color.RGBA
	balance        bool
}

var (
	authorStyle   = style{font: &fRegular, max: 64, min: 34, step: 2, maxLines: 2, maxHeight: 200, leading: 1.3, tracking: 0.12, upper: true, colour: band}
	titleStyle    = style{font: &fBold, max: 150, min: 56, step: 4, maxLines: 6, maxHeight: 1000, leading: 1.15, balance: true, colour: ink}
	subtitleStyle = style{font: &fItalic, max: 72, min: 36, step: 2, maxLines: 4, maxHeight: 360, leading: 1.3, balance: true, colour: ink}
)

// block is a laid-out run of lines at one size.
type block struct {
	face     *face
	lines    []string
	st       style
	lineH    int
	boxes    []fixed.Rectangle26_6 // ink of each line, from its pen start on the baseline
	tracking fixed.Int26_6
}

// span is where the block's ink starts and ends and where its last
// baseline lies, all from its first baseline. The stack is spaced as the
// eye measures it, from the last baseline of one block to the top of the
// next one's ink, rather than by the fonts' nominal ascent and descent, so
// that a rule looks midway between the lines it divides.
func (b *block) span() (top, last, bottom int) {
	last = (len(b.boxes) - 1) * b.lineH
	for j, box := range b.boxes {
		t, u := j*b.lineH+box.Min.Y.Floor(), j*b.lineH+box.Max.Y.Ceil()
		if j == 0 || t < top {
			top = t
		}
		if j == 0 || u > bottom {
			bottom = u
		}
	}
	return top, last, bottom
}

// rule is a short rule set between two blocks (for tests).
type rule struct {
	y        int // its middle row
	baseline int // the last baseline of the block above it
}

// descClear is the least room between a rule and the descenders above it.
const descClear = 24

// Generate draws the cover for m as a PNG.
func Generate(m book.Meta) ([]byte, error) {
	cv, _, err := paint(m)
	if err != nil {
		return nil, err
	}
	out, err := cv.encode()
	if err != nil {
		return nil, fmt.Errorf("cover: encoding PNG: %w", err)
	}
	return out, nil
}

// background is the colour of row y before any text or short rule: the
// bands, each with a thin rule set off from it, and paper between them.
func background(y int) color.RGBA {
	switch {
	case y < BandHeight, y >= BandHeight+28 && y < BandHeight+34,
		y >= Height-BandHeight-34 && y < Height-BandHeight-28, y >= Height-BandHeight:
		return band
	}
	return paper
}

// canvas is a drawn cover. The drawing touches only the rows of the text
// stack; every other row is its background colour throughout. Keeping
// those rows out of memory spares writing (and the system mapping) most
// of a 16 MB image that is flat colour.
type canvas struct {
	img *image.RGBA // the rows drawn on, full width
}

// at is row y of the cover as RGBA bytes; flat rows are made in buf.
func (cv *canvas) row(y int, buf []byte) []byte {
	if y >= cv.img.Rect.Min.Y && y < cv.img.Rect.Max.Y {
		i := cv.img.PixOffset(0, y)
		return cv.img.Pix[i : i+4*Width]
	}
	c := background(y)
	for x := 0; x < 4*Width; x += 4 {
		buf[x], buf[x+1], buf[x+2], buf[x+3] = c.R, c.G, c.B, c.A
	}
	return buf[:4*Width]
}

// render draws the whole cover as one image, for the tests.
func render(m book.Meta) (*image.RGBA, []rule, error) {
	cv, rules, err := paint(m)
	if err != nil {
		return nil, nil, err
	}
	img := image.NewRGBA(image.Rect(0, 0, Width, Height))
	buf := make([]byte, 4*Width)
	for y := 0; y < Height; y++ {
		copy(img.Pix[img.PixOffset(0, y):], cv.row(y, buf))
	}
	return img, rules, nil
}

// mark is a piece of ink: a short rule or a line of text.
type mark struct {
	rule image.Rectangle // when b is nil
	b    *block
	line int
	x, y int // the line's pen start and baseline
}

// bounds is the part of the cover a mark may change.
func (mk *mark) bounds() image.Rectangle {
	if mk.b == nil {
		return mk.rule
	}
	return lineStrip(mk.b.boxes[mk.line], mk.x, mk.y)
}

// paint draws the cover and returns it with the short rules it set
// between blocks (for tests).
func paint(m book.Meta) (*canvas, []rule, error) {
	marks, rules, err := plan(m)
	if err != nil {
		return nil, nil, err
	}
	cv, err := paintMarks(marks)
	return cv, rules, err
}

// plan lays the cover out: the marks to draw, in order, and the short
// rules between blocks.
func plan(m book.Meta) ([]mark, []rule, error) {
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
	var gaps []int   // before each block: last baseline above to ink
	var ruled []bool // whether a rule goes before each block
	if len(authors) > 0 {
		b := layout(names(authors), textW, authorStyle)
		blocks, gaps, ruled = append(blocks, b), append(gaps, 0), append(ruled, false)
	}
	t := layout(words(title), textW, titleStyle)
	// Without an author the title opens the stack: no gap, no rule.
	tgap := 0
	if len(blocks) > 0 {
		tgap = 200
	}
	blocks, gaps, ruled = append(blocks, t), append(gaps, tgap), append(ruled, len(blocks) > 0)
	if s := strings.TrimSpace(m.Subtitle); s != "" {
		b := layout(words(s), textW, subtitleStyle)
		blocks, gaps, ruled = append(blocks, b), append(gaps, 180), append(ruled, true)
	}

	// A rule goes midway between a baseline and the ink below; should
	// deep descenders above come near it, the gap opens.
	for i := 1; i < len(blocks); i++ {
		_, last, bottom := blocks[i-1].span()
		if ruled[i] {
			gaps[i] = max(gaps[i], 2*(bottom-last+descClear+2))
		}
	}
	// The stack runs from its first ink to its last (descenders too).
	total := 0
	for i, b := range blocks {
		t, last, bottom := b.span()
		total += gaps[i] + last - t
		if i == len(blocks)-1 {
			total += bottom - last
		}
	}
	// Centre the stack in the paper area, a little above the middle as a
	// printed title page is.
	top := BandHeight + 34
	avail := Height - 2*(BandHeight+34)
	y := top + (avail-total)*2/5 // the stack's first ink, then each last baseline
	var rules []rule
	var marks []mark
	for i, b := range blocks {
		if ruled[i] {
			ry := y + gaps[i]/2
			rules = append(rules, rule{y: ry, baseline: y})
			marks = append(marks, mark{rule: image.Rect(Width/2-120, ry-2, Width/2+120, ry+2)})
		}
		t, last, _ := b.span()
		first := y + gaps[i] - t
		for j := range b.lines {
			box := b.boxes[j]
			x := (Width-(box.Max.X-box.Min.X).Round())/2 - box.Min.X.Round()
			marks = append(marks, mark{b: b, line: j, x: x, y: first + j*b.lineH})
		}
		y = first + last
	}
	return marks, rules, nil
}

// paintMarks draws the marks, in order, on their background.
func paintMarks(marks []mark) (*canvas, error) {
	// the rows the marks may touch, on their background
	var area image.Rectangle
	for i := range marks {
		area = area.Union(marks[i].bounds())
	}
	area = image.Rect(0, area.Min.Y, Width, area.Max.Y).Intersect(image.Rect(0, 0, Width, Height))
	cv := &canvas{img: image.NewRGBA(area)}
	for y := area.Min.Y; y < area.Max.Y; y++ {
		draw.Draw(cv.img, image.Rect(0, y, Width, y+1), image.NewUniform(background(y)), image.Point{}, draw.Src)
	}
	var z vector.Rasterizer // reused across lines for its buffers
	for i := range marks {
		mk := &marks[i]
		if mk.b == nil {
			draw.Draw(cv.img, mk.rule, image.NewUniform(band), image.Point{}, draw.Src)
			continue
		}
		if err := drawLine(cv.img, &z, mk.b, mk.b.lines[mk.line], mk.b.boxes[mk.line], mk.x, mk.y); err != nil {
			return nil, err
		}
	}
	return cv, nil
}

// layout finds the largest size at which ws wrap into the allowed lines
// and height within width. Balanced blocks then narrow the measure while
// the line count holds, so that lines come out of even length.
func layout(ws []word, width int, st style) *block {
	if st.upper {
		for i := range ws {
			ws[i].text = strings.ToUpper(ws[i].text)
		}
	}
	for size := st.max; size >= st.min; size -= st.step {
		b := newBlock(st, size)
		lines, ok := b.wrap(ws, fixed.I(width), st.maxLines)
		if !ok || len(lines) > st.maxLines || len(lines)*b.lineH > st.maxHeight {
			continue
		}
		if st.balance && len(lines) > 1 {
			lo, hi := fixed.I(width/3), fixed.I(width)
			for hi-lo > fixed.I(4) {
				mid := (lo + hi) / 2
				if l, ok := b.wrap(ws, mid, len(lines)); ok && len(l) == len(lines) {
					hi = mid
				} else {
					lo = mid
				}
			}
			lines, _ = b.wrap(ws, hi, len(lines))
		}
		for _, l := range lines {
			b.addLine(l)
		}
		return b
	}
	// Too long even at the smallest size: set it at the smallest size, a
	// word wider than the measure cut where it fills a line, and end it
	// with an ellipsis, rather than overflow the margins or the stack.
	b := newBlock(st, st.min)
	lines := b.wrapHard(ws, fixed.I(width), st.maxLines)
	if len(lines) > st.maxLines {
		lines = lines[:st.maxLines]
		lines[len(lines)-1] = b.fit(lines[len(lines)-1], " …", fixed.I(width))
	}
	for _, l := range lines {
		b.addLine(l)
	}
	return b
}

func newBlock(st style, size float64) *block {
	return &block{
		face:     newFace(st.font.outlines, st.font.metrics, size),
		st:       st,
		lineH:    int(size*st.leading + 0.5),
		tracking: fixed.Int26_6(st.tracking * size * 64),
	}
}

// word is a unit of wrapping and what joins it to the word before on the
// same line. The separator between names (" · ") is such a join: it never
// ends or starts a line, and a line breaks between names rather than
// inside one when it can.
type word struct {
	text, sep string
}

// words splits s at spaces.
func words(s string) []word {
	var ws []word
	for _, f := range strings.Fields(s) {
		ws = append(ws, word{f, " "})
	}
	return ws
}

// names is the words of each name, the names joined by a middle dot.
func names(list []string) []word {
	var ws []word
	for _, n := range list {
		w := words(n)
		if len(w) > 0 && len(ws) > 0 {
			w[0].sep = " · "
		}
		ws = append(ws, w...)
	}
	return ws
}

func join(ws []word) string {
	var sb strings.Builder
	for i, w := range ws {
		if i > 0 {
			sb.WriteString(w.sep)
		}
		sb.WriteString(w.text)
	}
	return sb.String()
}

// wrap breaks ws greedily into lines no wider than width; ok is false,
// and the lines incomplete, when a single word is wider. It stops after
// limit+1 lines: the caller wants no more.
func (b *block) wrap(ws []word, width fixed.Int26_6, limit int) ([]string, bool) {
	var lines []string
	for start := 0; start < len(ws) && len(lines) <= limit; {
		end := start + 1 // a line holds at least one word
		if utf8.RuneCountInString(ws[start].text) > maxRunes(width) || b.measure(ws[start].text) > width {
			return lines, false
		}
		for end < len(ws) && b.measure(join(ws[start:end+1])) <= width {
			end++
		}
		// Inside a name, go back to the last break between names.
		if end < len(ws) && ws[end].sep == " " {
			for k := end - 1; k > start; k-- {
				if ws[k].sep != " " {
					end = k
					break
				}
			}
		}
		lines = append(lines, join(ws[start:end]))
		start = end
	}
	return lines, true
}

// maxRunes is more runes than any line of width holds: no glyph that
// inks is narrower than two pixels at the cover's sizes.
func maxRunes(width fixed.Int26_6) int { return int(width>>6)/2 + 1 }

// wrapHard is wrap for words that may not fit: a word wider than the
// measure is cut where it fills a line (a title of one long "word" has
// no syllables to go by). It stops once it has more than limit lines, so
// that its cost does not grow with text that is cut off anyway.
func (b *block) wrapHard(ws []word, width fixed.Int26_6, limit int) []string {
	var lines []string
	var cur []word
	for i := 0; i < len(ws) && len(lines) <= limit; i++ {
		w := ws[i]
		if len(cur) > 0 {
			if b.measure(join(append(cur[:len(cur):len(cur)], w))) <= width {
				cur = append(cur, w)
				continue
			}
			lines = append(lines, join(cur))
			cur = nil
		}
		r := []rune(w.text)
		for len(lines) <= limit {
			n := b.fitRunes(r, "", width)
			if n == len(r) {
				cur = []word{{string(r), " "}}
				break
			}
			lines = append(lines, string(r[:n]))
			r = r[n:]
		}
	}
	if len(cur) > 0 {
		lines = append(lines, join(cur))
	}
	return lines
}

// fit shortens s, ending it with tail (an ellipsis), until it fits width.
func (b *block) fit(s, tail string, width fixed.Int26_6) string {
	if b.measure(s+tail) <= width {
		return s + tail
	}
	r := []rune(strings.TrimSpace(s))
	n := b.fitRunes(r, strings.TrimSpace(tail), width)
	return strings.TrimRight(string(r[:n]), " ·,;:") + strings.TrimSpace(tail)
}

// fitRunes is how many of r's first runes, followed by tail, fit width:
// at least one. It searches by halves (a line holds a few dozen runes of
// a text of any length), so its cost is a few measures of a line.
func (b *block) fitRunes(r []rune, tail string, width fixed.Int26_6) int {
	// No line holds more runes than the measure holds hair spaces.
	lo, hi := 1, min(len(r), maxRunes(width))
	if b.measure(string(r[:hi])+tail) <= width {
		return hi
	}
	for hi-lo > 1 { // r[:lo] fits (or is the one rune a line must hold), r[:hi] does not
		mid := (lo + hi) / 2
		if b.measure(string(r[:mid])+tail) <= width {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

func (b *block) addLine(s string) {
	b.lines = append(b.lines, s)
	b.boxes = append(b.boxes, b.ink(s))
}

// measure is the width of s's ink, which is what must fit the measure:
// glyphs may overhang their advances (italics, a final f).
func (b *block) measure(s string) fixed.Int26_6 {
	box := b.ink(s)
	return box.Max.X - box.Min.X
}

// ink returns the box of s's ink, from its pen start on the baseline (y
// down, as sfnt gives it).
func (b *block) ink(s string) fixed.Rectangle26_6 {
	var box fixed.Rectangle26_6
	var pen fixed.Int26_6
	prev := rune(0)
	inked := false
	for i, r := range []rune(s) {
		g := b.face.glyph(r)
		if i > 0 {
			pen += b.face.kern(prev, r) + b.tracking
		}
		gb, adv := b.face.bounds(g)
		if gb.Max.X > gb.Min.X { // spaces have no ink
			gb = gb.Add(fixed.Point26_6{X: pen})
			if inked {
				box = box.Union(gb)
			} else {
				box, inked = gb, true
			}
		}
		pen += adv
		prev = r
	}
	return box
}
