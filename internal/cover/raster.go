package cover

import (
	"fmt"
	"image"
	"image/color"
	"math"

	metrics "folio/internal/face"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// face is one font at one size. folio draws glyph outlines itself:
// x/image's own rasteriser (x/image/vector, used by font/opentype) needs
// golang.org/x/sys, which the module does not require.
// Kerning comes from internal/face, which reads the GPOS pairs that
// sfnt's Kern (old 'kern' table only) does not see.
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

// extent is the font's ascent and descent at this size.
func (fc *face) extent() (ascent, descent fixed.Int26_6, err error) {
	m, err := fc.f.Metrics(&fc.buf, fc.ppem, font.HintingNone)
	if err != nil {
		return 0, 0, fmt.Errorf("cover: font metrics: %w", err)
	}
	return m.Ascent, m.Descent, nil
}

// raster accumulates signed coverage area for a strip of the image; the
// running sum of a row is the coverage of each pixel (the accumulation
// method of font-rs and x/image/vector, written out here).
type raster struct {
	w, h int
	acc  []float32
}

func newRaster(w, h int) *raster {
	return &raster{w: w, h: h, acc: make([]float32, w*h+2)}
}

// line adds the edge from (x0,y0) to (x1,y1), in pixels of the strip.
func (r *raster) line(x0, y0, x1, y1 float64) {
	if y0 == y1 {
		return
	}
	dir := float32(1)
	if y0 > y1 {
		dir = -1
		x0, y0, x1, y1 = x1, y1, x0, y0
	}
	dxdy := (x1 - x0) / (y1 - y0)
	x := x0
	if y0 < 0 {
		x -= y0 * dxdy
	}
	yEnd := min(r.h, int(math.Ceil(y1)))
	for y := max(0, int(math.Floor(y0))); y < yEnd; y++ {
		row := y * r.w
		dy := math.Min(float64(y+1), y1) - math.Max(float64(y), y0)
		xNext := x + dxdy*dy
		d := float32(dy) * dir
		a, b := x, xNext
		if a > b {
			a, b = b, a
		}
		// Keep inside the strip; the caller pads so this seldom bites.
		a = math.Max(0, math.Min(a, float64(r.w-1)))
		b = math.Max(0, math.Min(b, float64(r.w-1)))
		aFloor := math.Floor(a)
		ai := int(aFloor)
		bCeil := math.Ceil(b)
		bi := int(bCeil)
		if bi <= ai+1 {
			mid := float32(0.5*(a+b) - aFloor)
			r.acc[row+ai] += d - d*mid
			r.acc[row+ai+1] += d * mid
		} else {
			s := 1 / (b - a)
			af := a - aFloor
			a0 := float32(0.5 * s * (1 - af) * (1 - af))
			bf := b - bCeil + 1
			am := float32(0.5 * s * bf * bf)
			r.acc[row+ai] += d * a0
			if bi == ai+2 {
				r.acc[row+ai+1] += d * (1 - a0 - am)
			} else {
				a1 := float32(s * (1.5 - af))
				r.acc[row+ai+1] += d * (a1 - a0)
				for xi := ai + 2; xi < bi-1; xi++ {
					r.acc[row+xi] += d * float32(s)
				}
				a2 := a1 + float32(bi-ai-3)*float32(s)
				r.acc[row+bi-1] += d * (1 - a2 - am)
			}
			r.acc[row+bi] += d * am
		}
		x = xNext
	}
}

// glyph adds the outline of glyph x with its origin at (ox, oy).
func (r *raster) glyph(fc *face, x sfnt.GlyphIndex, ox, oy float64) error {
	segs, err := fc.f.LoadGlyph(&fc.buf, x, fc.ppem, nil)
	if err != nil {
		return fmt.Errorf("cover: glyph %d: %w", x, err)
	}
	pt := func(p fixed.Point26_6) (float64, float64) {
		return ox + float64(p.X)/64, oy + float64(p.Y)/64
	}
	var cx, cy, sx, sy float64 // current and contour start
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			if cx != sx || cy != sy {
				r.line(cx, cy, sx, sy)
			}
			cx, cy = pt(s.Args[0])
			sx, sy = cx, cy
		case sfnt.SegmentOpLineTo:
			x1, y1 := pt(s.Args[0])
			r.line(cx, cy, x1, y1)
			cx, cy = x1, y1
		case sfnt.SegmentOpQuadTo:
			bx, by := pt(s.Args[0])
			ex, ey := pt(s.Args[1])
			n := steps(math.Hypot(bx-cx, by-cy) + math.Hypot(ex-bx, ey-by))
			px, py := cx, cy
			for i := 1; i <= n; i++ {
				t := float64(i) / float64(n)
				u := 1 - t
				qx := u*u*cx + 2*u*t*bx + t*t*ex
				qy := u*u*cy + 2*u*t*by + t*t*ey
				r.line(px, py, qx, qy)
				px, py = qx, qy
			}
			cx, cy = ex, ey
		case sfnt.SegmentOpCubeTo:
			bx, by := pt(s.Args[0])
			b2x, b2y := pt(s.Args[1])
			ex, ey := pt(s.Args[2])
			n := steps(math.Hypot(bx-cx, by-cy) + math.Hypot(b2x-bx, b2y-by) + math.Hypot(ex-b2x, ey-b2y))
			px, py := cx, cy
			for i := 1; i <= n; i++ {
				t := float64(i) / float64(n)
				u := 1 - t
				qx := u*u*u*cx + 3*u*u*t*bx + 3*u*t*t*b2x + t*t*t*ex
				qy := u*u*u*cy + 3*u*u*t*by + 3*u*t*t*b2y + t*t*t*ey
				r.line(px, py, qx, qy)
				px, py = qx, qy
			}
			cx, cy = ex, ey
		}
	}
	if cx != sx || cy != sy {
		r.line(cx, cy, sx, sy)
	}
	return nil
}

// steps is how many straight pieces a curve of this control-polygon
// length needs to look smooth at cover sizes.
func steps(length float64) int {
	return max(2, min(64, int(length/6)+1))
}

// paint blends colour c onto dst through the accumulated coverage, with
// the strip's top-left corner at (x0, y0).
func (r *raster) paint(dst *image.RGBA, c color.RGBA, x0, y0 int) {
	var acc float32
	for y := 0; y < r.h; y++ {
		for x := 0; x < r.w; x++ {
			acc += r.acc[y*r.w+x]
			a := acc
			if a < 0 {
				a = -a
			}
			if a > 1 {
				a = 1
			}
			cov := uint32(a*255 + 0.5)
			if cov == 0 {
				continue
			}
			px, py := x0+x, y0+y
			if !(image.Point{px, py}.In(dst.Rect)) {
				continue
			}
			i := dst.PixOffset(px, py)
			p := dst.Pix[i : i+4 : i+4]
			p[0] = blend(p[0], c.R, cov)
			p[1] = blend(p[1], c.G, cov)
			p[2] = blend(p[2], c.B, cov)
			p[3] = 0xFF
		}
	}
}

func blend(bg, fg uint8, cov uint32) uint8 {
	return uint8((uint32(bg)*(255-cov) + uint32(fg)*cov + 127) / 255)
}
