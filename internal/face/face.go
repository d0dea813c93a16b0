// Package face gives the typesetter the metrics of a TrueType font —
// advances, kerning, ligature codepoints, vertical metrics — in thousandths
// of an em, the unit of PDF glyph space.
//
// Advances are computed exactly as codeberg.org/go-pdf/fpdf computes the
// widths it embeds (the hmtx advance scaled to 1000 units per em and rounded
// to an integer, looked up through the same format 4 cmap), so a line the
// typesetter measures is the line the PDF viewer draws. Kerning comes from
// the GPOS 'kern' feature, or the old 'kern' table when GPOS has none.
package face

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Face is one parsed font. It is immutable after Parse and safe for
// concurrent use.
type Face struct {
	// Name is the PostScript name, else "Family Style", else the name
	// given to Parse.
	Name string

	unitsPerEm int
	glyph      []uint16  // BMP rune → glyph ID; 0 = not in the font
	adv        []float64 // glyph ID → advance, as fpdf rounds it
	ascent     float64
	descent    float64
	capHeight  float64
	xHeight    float64

	// Kerning, per first glyph: the pairs of glyph g are
	// kernSecond/kernValue[kernStart[g]:kernStart[g+1]], sorted by second
	// glyph.
	kernStart  []int32
	kernSecond []uint16
	kernValue  []float64

	// data is the font file, for the small capitals' GSUB and the
	// embedding copy (EmbedData); sc the small capitals, read on demand
	data []byte
	sc   smallCaps
	emb  embedding

	ligs    map[string]rune
	hasLigs bool // some ligature is mapped (all start with an f)
	// ligList is ligs in ligatureCandidates' order, for Ligate
	ligList []struct {
		seq string
		r   rune
	}
}

// ligatureCandidates are the Latin f-ligatures of the Alphabetic
// Presentation Forms block, longest first so that Ligate prefers "ffi" to
// "ff"+"i".
var ligatureCandidates = []struct {
	seq string
	r   rune
}{
	{"ffi", '\uFB03'},
	{"ffl", '\uFB04'},
	{"ff", '\uFB00'},
	{"fi", '\uFB01'},
	{"fl", '\uFB02'},
}

// Parse reads a TrueType font. name identifies the font in error messages
// (a file name, say). Fonts that fpdf cannot embed — CFF OpenType, WOFF,
// collections, truncated files, fonts whose licence forbids embedding — are
// rejected with an error that says so.
func Parse(name string, data []byte) (*Face, error) {
	dir, err := readTables(name, data)
	if err != nil {
		return nil, err
	}
	corrupt := func(table string, err error) error {
		return fmt.Errorf("font %s is corrupt: %s table: %v; get an intact copy of the font", name, table, err)
	}

	head := &reader{b: dir["head"]}
	upem := int(head.u16(18))
	if head.err != nil {
		return nil, corrupt("head", head.err)
	}
	if upem < 16 || upem > 16384 {
		return nil, corrupt("head", fmt.Errorf("units per em %d is outside 16–16384", upem))
	}
	scale := 1000 / float64(upem)

	maxp := &reader{b: dir["maxp"]}
	numGlyphs := int(maxp.u16(4))
	if maxp.err != nil || numGlyphs == 0 {
		return nil, corrupt("maxp", fmt.Errorf("no glyph count"))
	}

	hhea := &reader{b: dir["hhea"]}
	hAscent, hDescent := hhea.i16(4), hhea.i16(6)
	numHMetrics := int(hhea.u16(34))
	if hhea.err != nil {
		return nil, corrupt("hhea", hhea.err)
	}
	if numHMetrics == 0 || numHMetrics > numGlyphs {
		return nil, corrupt("hhea", fmt.Errorf("%d horizontal metrics for %d glyphs", numHMetrics, numGlyphs))
	}

	os2 := &reader{b: dir["OS/2"]}
	os2Version := os2.u16(0)
	fsType := os2.u16(8)
	typoAscent, typoDescent := os2.i16(68), os2.i16(70)
	if os2.err != nil {
		return nil, corrupt("OS/2", os2.err)
	}
	if err := checkEmbedding(name, fsType); err != nil {
		return nil, err
	}

	f := &Face{Name: name, unitsPerEm: upem, data: data}

	// Advances: round(advance·1000/upem), as fpdf's parseHMTXTable does;
	// glyphs past numberOfHMetrics repeat the last advance.
	hmtx := &reader{b: dir["hmtx"]}
	f.adv = make([]float64, numGlyphs)
	for g := range numGlyphs {
		a := hmtx.u16(4 * min(g, numHMetrics-1))
		if a >= 1<<15 { // fpdf treats these as zero
			a = 0
		}
		f.adv[g] = math.Round(scale * float64(a))
	}
	if hmtx.err != nil {
		return nil, corrupt("hmtx", hmtx.err)
	}

	if f.glyph, err = cmap4(dir["cmap"], numGlyphs); err != nil {
		return nil, fmt.Errorf("font %s: %v", name, err)
	}

	// Vertical metrics: hhea first, as fpdf writes them into the PDF font
	// descriptor; OS/2 typo metrics when hhea leaves them zero.
	f.ascent, f.descent = scale*float64(hAscent), scale*float64(hDescent)
	if hAscent == 0 {
		f.ascent = scale * float64(typoAscent)
	}
	if hDescent == 0 {
		f.descent = scale * float64(typoDescent)
	}
	if f.descent > 0 { // some fonts store the descender as a positive depth
		f.descent = -f.descent
	}

	if os2Version >= 2 {
		f.xHeight = scale * float64(os2.i16(86))
		f.capHeight = scale * float64(os2.i16(88))
	}
	// Old OS/2 tables lack the two heights; measure H and x instead.
	if f.capHeight == 0 {
		f.capHeight = f.glyphTop(dir, 'H', scale)
	}
	if f.xHeight == 0 {
		f.xHeight = f.glyphTop(dir, 'x', scale)
	}
	if n := fontName(dir["name"]); n != "" {
		f.Name = n
	}

	var pairs map[uint32]int32
	if gpos, ok := dir["GPOS"]; ok {
		if pairs, err = gposKern(gpos, numGlyphs); err != nil {
			return nil, corrupt("GPOS", err)
		}
	}
	if kern, ok := dir["kern"]; ok && len(pairs) == 0 {
		if pairs, err = kernTable(kern); err != nil {
			return nil, corrupt("kern", err)
		}
	}
	f.buildKern(pairs, numGlyphs, scale)

	f.ligs = map[string]rune{}
	for _, c := range ligatureCandidates {
		if f.Has(c.r) {
			f.ligs[c.seq] = c.r
			f.ligList = append(f.ligList, c)
			f.hasLigs = true
		}
	}
	return f, nil
}

// checkEmbedding refuses the fsType licence bits that forbid what fpdf
// does: embed a subset of the outlines in a PDF.
func checkEmbedding(name string, fsType uint16) error {
	switch {
	// Bits 1–3 should be exclusive; when several are set, the least
	// restrictive wins (OpenType spec), so 0x0006 allows embedding.
	case fsType&0x000E == 0x0002:
		return fmt.Errorf("font %s has a restricted licence (OS/2 fsType %#04x forbids embedding); PDFs must embed their fonts: choose a font whose licence allows embedding, such as an OFL font", name, fsType)
	case fsType&0x0100 != 0:
		return fmt.Errorf("font %s forbids subsetting (OS/2 fsType %#04x), and the PDF writer embeds only the glyphs used: choose a font whose licence allows subsetting", name, fsType)
	case fsType&0x0200 != 0:
		return fmt.Errorf("font %s allows only bitmap embedding (OS/2 fsType %#04x); PDFs need the outlines: choose a font whose licence allows outline embedding", name, fsType)
	}
	return nil
}

// cmap4 reads the subtable fpdf uses — the first format 4 subtable of
// platform 3 encoding 1 or of platform 0 — into a dense BMP table.
func cmap4(cmap []byte, numGlyphs int) ([]uint16, error) {
	r := &reader{b: cmap}
	sub := -1
	for i := range int(r.u16(2)) {
		rec := 4 + 8*i
		pid, eid, off := r.u16(rec), r.u16(rec+2), int(r.u32(rec+4))
		if (pid == 3 && eid == 1 || pid == 0) && r.u16(off) == 4 {
			sub = off
			break
		}
	}
	if r.err != nil {
		return nil, fmt.Errorf("cmap table is corrupt (%v); get an intact copy of the font", r.err)
	}
	if sub < 0 {
		return nil, fmt.Errorf("font has no Unicode BMP character map (cmap format 4), which the PDF writer needs; use a Unicode TrueType font")
	}
	segX2 := int(r.u16(sub + 6))
	ends := sub + 14
	starts := ends + segX2 + 2
	deltas := starts + segX2
	ranges := deltas + segX2
	glyph := make([]uint16, 0x10000)
	mapped := 0
	for s := 0; s < segX2/2; s++ {
		end, start := int(r.u16(ends+2*s)), int(r.u16(starts+2*s))
		delta, rangeOff := r.u16(deltas+2*s), int(r.u16(ranges+2*s))
		if end >= start {
			if mapped += end - start + 1; mapped > 0x10000 { // overlapping segments
				return nil, fmt.Errorf("cmap format 4 subtable is corrupt (segments overlap); get an intact copy of the font")
			}
		}
		for c := start; c <= end && c <= 0xFFFF; c++ {
			var g uint16
			if rangeOff == 0 {
				g = uint16(c) + delta
			} else if g = r.u16(ranges + 2*s + rangeOff + 2*(c-start)); g != 0 {
				g += delta
			}
			if r.err != nil {
				return nil, fmt.Errorf("cmap format 4 subtable is corrupt (%v); get an intact copy of the font", r.err)
			}
			if int(g) < numGlyphs {
				glyph[c] = g
			}
		}
	}
	// fpdf never gives U+0000 or U+FFFF a width.
	glyph[0], glyph[0xFFFF] = 0, 0
	return glyph, nil
}

// fontName is the PostScript name (ID 6), else family (1) and style (2),
// from the name table; "" if it has none of them.
func fontName(name []byte) string {
	ps := nameString(name, 6)
	if ps != "" {
		return ps
	}
	fam, sub := nameString(name, 1), nameString(name, 2)
	if fam == "" || sub == "" {
		return fam
	}
	return fam + " " + sub
}

// nameString reads one name record, preferring Windows Unicode (UTF-16BE)
// over Unicode-platform and then Macintosh Roman records. Non-ASCII Mac
// Roman bytes are dropped; PostScript names are ASCII anyway.
func nameString(name []byte, id uint16) string {
	r := &reader{b: name}
	n, strings0 := int(r.u16(2)), int(r.u16(4))
	best, bestRank := "", 0
	for i := range n {
		rec := 6 + 12*i
		pid, eid, nid := r.u16(rec), r.u16(rec+2), r.u16(rec+6)
		length, off := int(r.u16(rec+8)), strings0+int(r.u16(rec+10))
		if r.err != nil {
			break
		}
		if nid != id || off+length > len(name) {
			continue
		}
		raw := name[off : off+length]
		var s string
		rank := 0
		switch {
		case pid == 3 && (eid == 1 || eid == 10):
			rank, s = 3, utf16BE(raw)
		case pid == 0:
			rank, s = 2, utf16BE(raw)
		case pid == 1 && eid == 0:
			b := make([]byte, 0, len(raw))
			for _, c := range raw {
				if c < 0x80 {
					b = append(b, c)
				}
			}
			rank, s = 1, string(b)
		}
		if rank > bestRank && s != "" {
			best, bestRank = s, rank
		}
	}
	return best
}

func utf16BE(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

// glyphTop is the top of r's outline (its glyf yMax), for fonts whose
// OS/2 table predates the cap and x heights.
func (f *Face) glyphTop(dir tableDir, r rune, scale float64) float64 {
	g := int(f.glyphOf(r))
	if g == 0 {
		return 0
	}
	head, loca := &reader{b: dir["head"]}, &reader{b: dir["loca"]}
	var start, end int
	if head.i16(50) == 0 { // short offsets, stored halved
		start, end = 2*int(loca.u16(2*g)), 2*int(loca.u16(2*g+2))
	} else {
		start, end = int(loca.u32(4*g)), int(loca.u32(4*g+4))
	}
	glyf := &reader{b: dir["glyf"]}
	yMax := glyf.i16(start + 8)
	if head.err != nil || loca.err != nil || glyf.err != nil || end <= start {
		return 0
	}
	return scale * float64(yMax)
}

// buildKern turns the pair map into per-first-glyph sorted runs.
func (f *Face) buildKern(pairs map[uint32]int32, numGlyphs int, scale float64) {
	keys := make([]uint32, 0, len(pairs))
	for k := range pairs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	f.kernStart = make([]int32, numGlyphs+1)
	f.kernSecond = make([]uint16, 0, len(keys))
	f.kernValue = make([]float64, 0, len(keys))
	for _, k := range keys {
		g1 := int(k >> 16)
		if g1 >= numGlyphs {
			continue
		}
		f.kernStart[g1+1]++
		f.kernSecond = append(f.kernSecond, uint16(k))
		f.kernValue = append(f.kernValue, scale*float64(pairs[k]))
	}
	for g := range numGlyphs {
		f.kernStart[g+1] += f.kernStart[g]
	}
}

// glyphOf maps a rune to its glyph as fpdf does: BMP only, 0 when missing.
func (f *Face) glyphOf(r rune) uint16 {
	if r < 0 || r > 0xFFFF {
		return 0
	}
	g := f.glyph[r]
	if g == 0 && r >= puaBase && r < puaEnd {
		f.loadSmallCaps()
		g = f.sc.glyph[r]
	}
	return g
}

// kernGlyphs is the pair adjustment of two glyphs, in thousandths of an em.
func (f *Face) kernGlyphs(g1, g2 uint16) float64 {
	lo, hi := int(f.kernStart[g1]), int(f.kernStart[g1+1])
	for lo < hi { // binary search among g1's second glyphs
		m := int(uint(lo+hi) >> 1)
		if f.kernSecond[m] < g2 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < int(f.kernStart[g1+1]) && f.kernSecond[lo] == g2 {
		return f.kernValue[lo]
	}
	return 0
}

// UnitsPerEm is the font's design grid (2048 for Gentium Book Plus).
func (f *Face) UnitsPerEm() int { return f.unitsPerEm }

// Has reports whether the font maps r to a glyph that the PDF writer can
// show. Runes outside the Basic Multilingual Plane never are: fpdf reads
// only the format 4 cmap.
func (f *Face) Has(r rune) bool { return f.glyphOf(r) != 0 }

// Advance is r's advance width; a rune the font lacks gets the .notdef
// advance, which is what fpdf charges for it.
func (f *Face) Advance(r rune) float64 { return f.adv[f.glyphOf(r)] }

// Kern is the adjustment between a and b set side by side: negative moves
// b closer to a. It is 0 for pairs the font does not kern.
func (f *Face) Kern(a, b rune) float64 { return f.kernGlyphs(f.glyphOf(a), f.glyphOf(b)) }

// Width is the width of s: the advances of its runes plus the kerning of
// each consecutive pair. It does not ligate; call Ligate first.
func (f *Face) Width(s string) float64 {
	w := 0.0
	prev := -1
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		i += n
		g := f.glyphOf(r)
		w += f.adv[g]
		if prev >= 0 && f.kernStart[prev] != f.kernStart[prev+1] {
			w += f.kernGlyphs(uint16(prev), g)
		}
		prev = int(g)
	}
	return w
}

// WidthNoKern is the sum of the advances of s, which is what fpdf's
// GetStringSymbolWidth returns.
func (f *Face) WidthNoKern(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += f.adv[f.glyphOf(r)]
	}
	return w
}

// Ascent is the height above the baseline the font reserves (hhea).
func (f *Face) Ascent() float64 { return f.ascent }

// Descent is the depth below the baseline; it is negative.
func (f *Face) Descent() float64 { return f.descent }

// CapHeight is the height of flat capitals such as H.
func (f *Face) CapHeight() float64 { return f.capHeight }

// XHeight is the height of flat lower-case letters such as x.
func (f *Face) XHeight() float64 { return f.xHeight }

// KernPairs is the number of glyph pairs with a nonzero adjustment.
func (f *Face) KernPairs() int { return len(f.kernSecond) }

// Ligatures maps the f-ligature sequences ("ff", "fi", "fl", "ffi", "ffl")
// to their presentation-form runes (U+FB00–U+FB04), for only those the
// font's cmap maps. The map is a copy; the caller may change it.
func (f *Face) Ligatures() map[string]rune {
	out := make(map[string]rune, len(f.ligs))
	for k, v := range f.ligs {
		out[k] = v
	}
	return out
}

// Ligate replaces every ligature sequence in s with its ligature rune,
// longest match first ("ffi" before "ff"). Text without an f comes back
// as is, without allocating. Callers that must not ligate across a
// boundary (a morpheme break, a hyphenation point they will use, a font
// change) should ligate the pieces separately.
func (f *Face) Ligate(s string) string {
	if !f.hasLigs || strings.IndexByte(s, 'f') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] == 'f' {
			matched := false
			for _, c := range f.ligList {
				if strings.HasPrefix(s[i:], c.seq) {
					b.WriteRune(c.r)
					i += len(c.seq)
					matched = true
					break
				}
			}
			if matched {
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}
