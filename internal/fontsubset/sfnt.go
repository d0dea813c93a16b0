// Package fontsubset makes a TrueType font smaller for embedding in a
// book: it keeps the glyphs the book's characters need (and those that
// its ligatures, small capitals and composite glyphs need in turn), the
// kerning and mark positioning between them, and renames the family, as
// the SIL Open Font License asks of a modified font. No Go library served
// here subsets a font's layout tables (GPOS, GSUB, GDEF), so it is written
// here; golang.org/x/image/font/sfnt checks its output in the tests.
package fontsubset

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// errShort is what a read past the end of a table panics with; Subset
// turns it into an error.
var errShort = errors.New("font table truncated")

// rd reads big-endian values from a table, panicking with errShort when a
// read leaves it (a damaged font): the callers stay readable.
type rd []byte

func (b rd) u8(o int) int {
	if o < 0 || o >= len(b) {
		panic(errShort)
	}
	return int(b[o])
}

func (b rd) u16(o int) int {
	if o < 0 || o+2 > len(b) {
		panic(errShort)
	}
	return int(binary.BigEndian.Uint16(b[o:]))
}

func (b rd) i16(o int) int { return int(int16(b.u16(o))) }

func (b rd) u32(o int) int {
	if o < 0 || o+4 > len(b) {
		panic(errShort)
	}
	return int(binary.BigEndian.Uint32(b[o:]))
}

func (b rd) sub(o int) rd {
	if o < 0 || o > len(b) {
		panic(errShort)
	}
	return b[o:]
}

func (b rd) slice(o, n int) []byte {
	if o < 0 || n < 0 || o+n > len(b) {
		panic(errShort)
	}
	return b[o : o+n]
}

// wr builds a table.
type wr struct{ b []byte }

func (w *wr) u16(v int)      { w.b = binary.BigEndian.AppendUint16(w.b, uint16(v)) }
func (w *wr) u32(v int)      { w.b = binary.BigEndian.AppendUint32(w.b, uint32(v)) }
func (w *wr) bytes(p []byte) { w.b = append(w.b, p...) }
func (w *wr) at(o, v int)    { binary.BigEndian.PutUint16(w.b[o:], uint16(v)) }
func (w *wr) len() int       { return len(w.b) }
func (w *wr) pad(align int) {
	for len(w.b)%align != 0 {
		w.b = append(w.b, 0)
	}
}
func (w *wr) reserve(n int) int { o := len(w.b); w.b = append(w.b, make([]byte, n)...); return o }

// errOverflow: a subset table needs an offset beyond 16 bits.
var errOverflow = errors.New("a layout table of the subset is too large for 16-bit offsets")

// off16 writes at o the offset of the current end relative to base.
func (w *wr) off16(o, base int) {
	d := len(w.b) - base
	if d > 0xFFFF {
		panic(errOverflow)
	}
	w.at(o, d)
}

// readTables reads the table directory of a TrueType font.
func readTables(data []byte) (map[string][]byte, error) {
	b := rd(data)
	if len(data) < 12 {
		return nil, errors.New("not a font: too short")
	}
	switch v := b.u32(0); v {
	case 0x00010000, 0x74727565: // TrueType outlines
	case 0x4F54544F:
		return nil, errors.New("an OpenType font with CFF outlines; only TrueType (glyf) fonts are subset")
	default:
		return nil, fmt.Errorf("not a TrueType font (version %08x)", v)
	}
	n := b.u16(4)
	t := map[string][]byte{}
	for i := 0; i < n; i++ {
		r := 12 + 16*i
		tag := string(b.slice(r, 4))
		off, ln := b.u32(r+8), b.u32(r+12)
		t[tag] = b.slice(off, ln)
	}
	for _, need := range []string{"head", "hhea", "hmtx", "maxp", "loca", "glyf", "cmap"} {
		if t[need] == nil {
			return nil, fmt.Errorf("the font has no %s table", need)
		}
	}
	return t, nil
}

// writeFont assembles tables into a font file with a correct directory,
// checksums and head.checkSumAdjustment.
func writeFont(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	es, lg := 1, 0
	for es*2 <= n {
		es *= 2
		lg++
	}
	w := &wr{}
	w.u32(0x00010000)
	w.u16(n)
	w.u16(es * 16)
	w.u16(lg)
	w.u16(n*16 - es*16)
	dir := w.reserve(16 * n)
	headAt := 0
	for i, tag := range tags {
		data := tables[tag]
		if tag == "head" {
			data = append([]byte(nil), data...)
			binary.BigEndian.PutUint32(data[8:], 0)
		}
		o := w.len()
		if tag == "head" {
			headAt = o
		}
		w.bytes(data)
		w.pad(4)
		r := dir + 16*i
		copy(w.b[r:], tag)
		binary.BigEndian.PutUint32(w.b[r+4:], checksum(data))
		binary.BigEndian.PutUint32(w.b[r+8:], uint32(o))
		binary.BigEndian.PutUint32(w.b[r+12:], uint32(len(data)))
	}
	binary.BigEndian.PutUint32(w.b[headAt+8:], 0xB1B0AFBA-checksum(w.b))
	return w.b
}

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var v [4]byte
		copy(v[:], b[i:min(i+4, len(b))])
		s += binary.BigEndian.Uint32(v[:])
	}
	return s
}
