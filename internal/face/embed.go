package face

import (
	"encoding/binary"
	"sort"
	"sync"
)

// embedding is the font file the PDF writer embeds: the face's own with
// a character map that also maps the small capitals' private codes.
type embedding struct {
	once sync.Once
	data []byte
}

// EmbedData returns the font file for the PDF writer: the face's file
// with its character map rebuilt (one Windows Unicode BMP subtable,
// format 4, the one fpdf reads) to map the private codes of the small
// capitals too, so that fpdf embeds and subsets those glyphs like any
// other. Every other table is kept byte for byte. A face without small
// capitals gets its own file back.
func (f *Face) EmbedData() []byte {
	f.emb.once.Do(func() {
		f.loadSmallCaps()
		if len(f.sc.glyph) == 0 || f.data == nil {
			f.emb.data = f.data
			return
		}
		dir, err := readTables(f.Name, f.data)
		if err != nil {
			f.emb.data = f.data
			return
		}
		m := map[uint16]uint16{}
		for c, g := range f.glyph {
			if g != 0 && c != 0 && c != 0xFFFF {
				m[uint16(c)] = g
			}
		}
		for c, g := range f.sc.glyph {
			m[uint16(c)] = g
		}
		dir["cmap"] = cmapFormat4(m)
		f.emb.data = writeFont(dir)
	})
	return f.emb.data
}

// cmapFormat4 writes a cmap table with one (3,1) format 4 subtable:
// runs of consecutive codes become segments whose glyphs come from the
// glyph array (idRangeOffset), which maps any glyph numbers.
func cmapFormat4(m map[uint16]uint16) []byte {
	codes := make([]int, 0, len(m))
	for c := range m {
		codes = append(codes, int(c))
	}
	sort.Ints(codes)
	type segment struct{ start, end int }
	var segs []segment
	for _, c := range codes {
		if n := len(segs); n > 0 && segs[n-1].end == c-1 {
			segs[n-1].end = c
			continue
		}
		segs = append(segs, segment{c, c})
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF}) // the required last segment
	n := len(segs)
	// header, endCode[n], reservedPad, startCode[n], idDelta[n], idRangeOffset[n], glyphIdArray
	glyphs := 0
	for _, s := range segs[:n-1] {
		glyphs += s.end - s.start + 1
	}
	sub := make([]byte, 14+8*n+2+2*glyphs)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*n))
	sr := 1
	es := 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	be.PutUint16(sub[8:], uint16(2*sr))
	be.PutUint16(sub[10:], uint16(es))
	be.PutUint16(sub[12:], uint16(2*n-2*sr))
	ends, starts := 14, 14+2*n+2
	deltas, ranges := starts+2*n, starts+4*n
	arr := ranges + 2*n
	k := 0 // glyphs written
	for i, s := range segs {
		be.PutUint16(sub[ends+2*i:], uint16(s.end))
		be.PutUint16(sub[starts+2*i:], uint16(s.start))
		if i == n-1 {
			be.PutUint16(sub[deltas+2*i:], 1) // 0xFFFF + 1 = glyph 0
			break
		}
		// idRangeOffset counts from its own position to the glyphs
		be.PutUint16(sub[ranges+2*i:], uint16(arr+2*k-(ranges+2*i)))
		for c := s.start; c <= s.end; c++ {
			be.PutUint16(sub[arr+2*k:], m[uint16(c)])
			k++
		}
	}
	t := make([]byte, 12, 12+len(sub))
	be.PutUint16(t[2:], 1) // one subtable
	be.PutUint16(t[4:], 3)
	be.PutUint16(t[6:], 1)
	be.PutUint32(t[8:], 12)
	return append(t, sub...)
}

// writeFont writes a TrueType file from its tables, in tag order, each
// four-byte aligned, with their checksums and the head table's
// checksum adjustment.
func writeFont(dir tableDir) []byte {
	tags := make([]string, 0, len(dir))
	for t := range dir {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	be := binary.BigEndian
	size := 12 + 16*n
	for _, t := range tags {
		size += (len(dir[t]) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	be.PutUint32(out[0:], magicTrueType)
	be.PutUint16(out[4:], uint16(n))
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	be.PutUint16(out[6:], uint16(16*sr))
	be.PutUint16(out[8:], uint16(es))
	be.PutUint16(out[10:], uint16(16*n-16*sr))
	headAt := -1
	for i, t := range tags {
		data := dir[t]
		off := len(out)
		if t == "head" {
			headAt = off
		}
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		rec := 12 + 16*i
		copy(out[rec:], t)
		if t == "head" && len(data) >= 12 {
			be.PutUint32(out[off+8:], 0) // the adjustment is left out of the sums
		}
		be.PutUint32(out[rec+4:], checksum(out[off:off+((len(data)+3)&^3)]))
		be.PutUint32(out[rec+8:], uint32(off))
		be.PutUint32(out[rec+12:], uint32(len(data)))
	}
	if headAt >= 0 && len(dir["head"]) >= 12 {
		be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i+4 <= len(b); i += 4 {
		s += binary.BigEndian.Uint32(b[i:])
	}
	return s
}
