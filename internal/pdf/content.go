package pdf

import (
	"math"
	"strconv"
	"unicode/utf8"

	"folio/internal/typeset"
)

// A 300-page book has some 150,000 text runs. Drawn through fpdf, each
// cost a fmt.Sprintf, a UTF-16 copy, an escaped copy and a map insert per
// character, and all of it was held in page buffers that grew by
// doubling: half of Write's time. So fpdf now builds only the skeleton of
// the file (pages, outline, fonts, metadata) and contentWriter writes
// the page content streams, operator for operator and byte for byte what
// fpdf's AddPage, SetFont, Text, SetLineWidth and Line wrote for the same
// calls (TestContentMatchesFpdf holds it to that); recompress puts them in
// place of fpdf's.

// contentWriter writes the pages' content streams in order; it carries
// fpdf's graphics state from page to page, as fpdf's AddPage does.
type contentWriter struct {
	h      float64   // the trim's top edge from the media's bottom: PDF's y axis points up
	dx     float64   // the trim's left edge on the media (bled pages)
	tc     float64   // the character spacing set on this page (Tc)
	fontID [4]string // fpdf's resource name of each face, without the /F
	// fpdf's current font and line width, which each page starts with
	style typeset.Style
	size  float64
	lw    float64
	// the font render last selected; -1 until the first run, so that the
	// first page with text selects its font again, as render did
	cur     int
	curSize float64
}

// newContentWriter starts as render leaves fpdf before the first page:
// the regular face at 10 pt and fpdf's default line width.
func newContentWriter(h, lineWidth float64, ids [4]string) *contentWriter {
	return &contentWriter{h: h, fontID: ids, style: typeset.Regular, size: 10, lw: lineWidth, cur: -1}
}

// starts returns a writer for the start of each page, so that pages can
// be written in any order, on several cores, and come out as if written
// one after the other: it follows the state through the pages without
// writing them.
func (c *contentWriter) starts(pages []typeset.Page) []contentWriter {
	out := make([]contentWriter, len(pages))
	s := *c
	for k := range pages {
		out[k] = s
		pg := &pages[k]
		if pg.Blank {
			continue
		}
		if len(pg.Bookmarks) > 0 {
			s.style, s.size = typeset.Regular, 10
			s.cur, s.curSize = int(typeset.Regular), 10
		}
		for i := range pg.Runs {
			r := &pg.Runs[i]
			if int(r.Style) != s.cur || r.Size != s.curSize {
				s.style, s.size = r.Style, r.Size
				s.cur, s.curSize = int(r.Style), r.Size
			}
		}
		if n := len(pg.Rules); n > 0 {
			s.lw = pg.Rules[n-1].Width
		}
	}
	return out
}

// page appends the content stream of pg to dst.
func (c *contentWriter) page(dst []byte, pg *typeset.Page) []byte {
	// AddPage: line cap and join, line width, font, colours, and the
	// font once more (its "restore" after a page header)
	dst = append(dst, "0 J\n0 j\n"...)
	dst = appendFixed2(dst, c.lw)
	dst = append(dst, " w\n"...)
	dst = c.setFont(dst, c.style, c.size)
	dst = append(dst, "0.000 G\n0.000 g\n"...)
	dst = c.setFont(dst, c.style, c.size)
	if pg.Blank {
		return dst
	}
	c.tc = 0 // every page starts with the default text state
	for range pg.Bookmarks {
		dst = c.setFont(dst, typeset.Regular, 10)
		c.cur, c.curSize = int(typeset.Regular), 10
	}
	for i := range pg.Runs {
		r := &pg.Runs[i]
		if int(r.Style) != c.cur || r.Size != c.curSize {
			dst = c.setFont(dst, r.Style, r.Size)
			c.cur, c.curSize = int(r.Style), r.Size
		}
		dst = append(dst, "BT "...)
		if r.Track != c.tc {
			// letterspacing: the character spacing persists past ET
			c.tc = r.Track
			dst = appendFixed2(dst, r.Track)
			dst = append(dst, " Tc "...)
		}
		dst = appendFixed2(dst, r.X+c.dx)
		dst = append(dst, ' ')
		dst = appendFixed2(dst, c.h-r.Y)
		dst = append(dst, " Td ("...)
		dst = appendText(dst, bmp(r.Text))
		dst = append(dst, ") Tj ET\n"...)
	}
	for _, rl := range pg.Rules {
		c.lw = rl.Width
		dst = appendFixed2(dst, rl.Width)
		dst = append(dst, " w\n"...)
		dst = appendFixed2(dst, rl.X1+c.dx)
		dst = append(dst, ' ')
		dst = appendFixed2(dst, c.h-rl.Y)
		dst = append(dst, " m "...)
		dst = appendFixed2(dst, rl.X2+c.dx)
		dst = append(dst, ' ')
		dst = appendFixed2(dst, c.h-rl.Y)
		dst = append(dst, " l S\n"...)
	}
	return dst
}

// setFont is fpdf's SetFont on an open page.
func (c *contentWriter) setFont(dst []byte, st typeset.Style, size float64) []byte {
	c.style, c.size = st, size
	dst = append(dst, "BT /F"...)
	dst = append(dst, c.fontID[st]...)
	dst = append(dst, ' ')
	dst = appendFixed2(dst, size)
	return append(dst, " Tf ET\n"...)
}

// appendText appends s as fpdf writes a string for an embedded font: its
// UTF-16BE code units, the bytes of which are escaped as in a PDF literal
// string (backslash, parentheses, carriage return). s is valid UTF-8
// inside the Basic Multilingual Plane (see bmp).
func appendText(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			dst = append(dst, 0)
			dst = appendEscaped(dst, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n - 1
		dst = appendEscaped(dst, byte(r>>8))
		dst = appendEscaped(dst, byte(r))
	}
	return dst
}

func appendEscaped(dst []byte, b byte) []byte {
	switch b {
	case '\\', '(', ')':
		return append(dst, '\\', b)
	case '\r':
		return append(dst, '\\', 'r')
	}
	return append(dst, b)
}

// appendFixed2 appends v as fmt's %.2f does (correctly rounded, halves
// to even on the exact binary value), without strconv's general path for
// the common case: a non-negative coordinate whose hundredths are not
// within rounding error of a tie.
func appendFixed2(dst []byte, v float64) []byte {
	if v >= 0 && v < 1e6 && !math.Signbit(v) {
		s := v * 100
		n := math.Floor(s)
		// s differs from the exact v·100 by at most half an ulp (< 1e-8
		// below 1e6), so away from .5 both round the same way
		if frac := s - n; math.Abs(frac-0.5) > 1e-6 {
			m := int64(n)
			if frac > 0.5 {
				m++
			}
			dst = strconv.AppendInt(dst, m/100, 10)
			d := m % 100
			return append(dst, '.', byte('0'+d/10), byte('0'+d%10))
		}
	}
	return strconv.AppendFloat(dst, v, 'f', 2, 64)
}
