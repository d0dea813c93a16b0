package cover

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image/color"
)

// encode writes the cover as an 8-bit RGB PNG (it is opaque). It does
// what image/png does with an *image.RGBA, but row by row from the
// canvas, so that the flat rows never have to exist as pixels, and with
// the fastest deflate: flat colour filters to runs of zeros that every
// level packs nearly alike, and the default level took longer than all
// the drawing. A flat row under an identical one is filtered Up (all
// zeros); the drawn rows get the filter with the least sum of absolute
// values, libpng's heuristic, as image/png does.
func (cv *canvas) encode() ([]byte, error) {
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], Width)
	binary.BigEndian.PutUint32(ihdr[4:], Height)
	ihdr[8], ihdr[9] = 8, 2 // bit depth, colour type RGB; then deflate, adaptive filters, no interlace
	writeChunk(&out, "IHDR", ihdr[:])

	idat := &chunker{out: &out}
	zw, err := zlib.NewWriterLevel(idat, zlib.BestSpeed)
	if err != nil {
		return nil, err
	}
	const n = 3 * Width
	var (
		flat         = make([]byte, 4*Width)
		cur, prev    = make([]byte, n), make([]byte, n) // unfiltered RGB rows
		sub, up, pae = make([]byte, 1+n), make([]byte, 1+n), make([]byte, 1+n)
		none         = make([]byte, 1+n)
	)
	sub[0], up[0], pae[0], none[0] = 1, 2, 4, 0
	zeros := make([]byte, 1+n)
	zeros[0] = 2 // Up, under an identical row
	prevFlat := false
	var prevColour color.RGBA
	for y := 0; y < Height; y++ {
		drawn := y >= cv.img.Rect.Min.Y && y < cv.img.Rect.Max.Y
		row := zeros
		if drawn || !prevFlat || background(y) != prevColour {
			px := cv.row(y, flat)
			for x, i := 0, 0; x < Width; x, i = x+1, i+3 {
				cur[i], cur[i+1], cur[i+2] = px[4*x], px[4*x+1], px[4*x+2]
			}
			if !bytes.Equal(cur, prev) { // else Up, all zeros, is the best
				row = bestFilter(cur, prev, none, sub, up, pae)
			}
			cur, prev = prev, cur
		}
		if _, err := zw.Write(row); err != nil {
			return nil, err
		}
		prevFlat, prevColour = !drawn, background(y)
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	idat.flush()
	writeChunk(&out, "IEND", nil)
	return out.Bytes(), nil
}

// bestFilter filters row cur (after prev, all zero for the first row)
// each way and returns the one whose bytes, read as signed, sum least in
// absolute value.
func bestFilter(cur, prev, none, sub, up, pae []byte) []byte {
	const bpp = 3
	copy(none[1:], cur)
	best, bestSum := none, sumAbs(none[1:])
	for i := range cur {
		var a, c byte
		if i >= bpp {
			a, c = cur[i-bpp], prev[i-bpp]
		}
		b := prev[i]
		sub[1+i] = cur[i] - a
		up[1+i] = cur[i] - b
		pae[1+i] = cur[i] - paeth(a, b, c)
	}
	for _, f := range [][]byte{sub, up, pae} {
		if s := sumAbs(f[1:]); s < bestSum {
			best, bestSum = f, s
		}
	}
	return best
}

func sumAbs(b []byte) int {
	s := 0
	for _, v := range b {
		if v < 128 {
			s += int(v)
		} else {
			s += 256 - int(v)
		}
	}
	return s
}

// paeth is the PNG Paeth predictor of a (left), b (above), c (above left).
func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// chunker cuts the zlib stream into IDAT chunks of up to 64 KB.
type chunker struct {
	out *bytes.Buffer
	buf []byte
}

func (c *chunker) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), 1<<16-len(c.buf))
		c.buf = append(c.buf, p[:k]...)
		p = p[k:]
		if len(c.buf) == 1<<16 {
			c.flush()
		}
	}
	return n, nil
}

func (c *chunker) flush() {
	if len(c.buf) > 0 {
		writeChunk(c.out, "IDAT", c.buf)
		c.buf = c.buf[:0]
	}
}

func writeChunk(w *bytes.Buffer, kind string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(kind))
	crc.Write(data)
	w.WriteString(kind)
	w.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	w.Write(n[:])
}
