package cover

import (
	"fmt"
	"image"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// drawLine sets line s of b, whose ink box from its pen start is box, with
// its pen start at x and its baseline at baseline. The glyph outlines go,
// at the same kerned and tracked pen positions that block.ink measured,
// into one vector.Rasterizer per line, so that where kerned glyphs touch
// their coverage adds up once rather than being composited twice.
func drawLine(img *image.RGBA, z *vector.Rasterizer, b *block, s string, box fixed.Rectangle26_6, x, baseline int) error {
	// vector.Rasterizer.Draw does not clip: keep the strip on the image and
	// place the outlines relative to what is left of it.
	strip := lineStrip(box, x, baseline).Intersect(img.Rect)
	if strip.Empty() {
		return nil
	}
	z.Reset(strip.Dx(), strip.Dy())
	dot := fixed.I(x - strip.Min.X)
	oy := fixed.I(baseline - strip.Min.Y)
	prev := rune(0)
	for i, ch := range []rune(s) {
		g := b.face.glyph(ch)
		if i > 0 {
			dot += b.face.kern(prev, ch) + b.tracking
		}
		if err := outline(z, b.face, g, dot, oy); err != nil {
			return err
		}
		dot += b.face.advance(g)
		prev = ch
	}
	z.Draw(img, strip, image.NewUniform(b.st.colour), image.Point{})
	return nil
}

// lineStrip is the rectangle drawLine composites a line into, on the
// whole cover: the line's ink box and a little more, so that rounding
// never puts an outline past its edge (where the rasteriser would clamp
// it rather than clip it); every pixel of it is composited, so it is
// kept tight.
func lineStrip(box fixed.Rectangle26_6, x, baseline int) image.Rectangle {
	const pad = 2
	r := image.Rect(x+box.Min.X.Floor()-pad, baseline+box.Min.Y.Floor()-pad, x+box.Max.X.Ceil()+pad, baseline+box.Max.Y.Ceil()+pad)
	return r.Intersect(image.Rect(0, 0, Width, Height))
}

// outline adds glyph x to z with its origin at (ox, oy). sfnt gives the
// points already scaled to the face's size, y pointing down.
func outline(z *vector.Rasterizer, fc *face, x sfnt.GlyphIndex, ox, oy fixed.Int26_6) error {
	segs, err := fc.f.LoadGlyph(&fc.buf, x, fc.ppem, nil)
	if err != nil {
		return fmt.Errorf("cover: glyph %d of %s: %w", x, fc.k.Name, err)
	}
	pt := func(p fixed.Point26_6) (float32, float32) {
		return float32(ox+p.X) / 64, float32(oy+p.Y) / 64
	}
	open := false
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			if open {
				z.ClosePath()
			}
			z.MoveTo(pt(s.Args[0]))
			open = true
		case sfnt.SegmentOpLineTo:
			z.LineTo(pt(s.Args[0]))
		case sfnt.SegmentOpQuadTo:
			bx, by := pt(s.Args[0])
			cx, cy := pt(s.Args[1])
			z.QuadTo(bx, by, cx, cy)
		case sfnt.SegmentOpCubeTo:
			bx, by := pt(s.Args[0])
			cx, cy := pt(s.Args[1])
			dx, dy := pt(s.Args[2])
			z.CubeTo(bx, by, cx, cy, dx, dy)
		}
	}
	if open {
		z.ClosePath()
	}
	return nil
}
