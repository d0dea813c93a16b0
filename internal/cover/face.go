package cover

import (
	"math"

	metrics "folio/internal/face"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// face is one font at one size: outlines, bounds and advances from sfnt,
// kerning from internal/face, which reads the GPOS pairs that sfnt's Kern
// (old 'kern' table only) and so font/opentype's Face do not see.
type face struct {
	f    *sfnt.Font
	k    *metrics.Face
	size float64
	ppem fixed.Int26_6
	buf  sfnt.Buffer
}

func newFace(f *sfnt.Font, k *metrics.Face, size float64) *face {
	return &face{f: f, k: k, size: size, ppem: fixed.Int26_6(size*64 + 0.5)}
}

func (fc *face) glyph(r rune) sfnt.GlyphIndex {
	x, err := fc.f.GlyphIndex(&fc.buf, r)
	if err != nil || x == 0 {
		// Characters the font lacks fall back to the question mark
		// rather than an invisible .notdef box.
		x, _ = fc.f.GlyphIndex(&fc.buf, '?')
	}
	return x
}

// bounds is the ink box and advance of glyph x.
func (fc *face) bounds(x sfnt.GlyphIndex) (fixed.Rectangle26_6, fixed.Int26_6) {
	b, a, err := fc.f.GlyphBounds(&fc.buf, x, fc.ppem, font.HintingNone)
	if err != nil {
		return fixed.Rectangle26_6{}, 0
	}
	return b, a
}

func (fc *face) advance(x sfnt.GlyphIndex) fixed.Int26_6 {
	a, err := fc.f.GlyphAdvance(&fc.buf, x, fc.ppem, font.HintingNone)
	if err != nil {
		return 0
	}
	return a
}

// kern is the pair adjustment of a and b (thousandths of an em in
// internal/face) at this size.
func (fc *face) kern(a, b rune) fixed.Int26_6 {
	return fixed.Int26_6(math.Round(fc.k.Kern(a, b) * fc.size * 64 / 1000))
}
