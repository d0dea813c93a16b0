package face

import (
	"fmt"
	"math/bits"
	"sort"
)

// pairKey packs a glyph pair into one map key.
func pairKey(g1, g2 uint16) uint32 { return uint32(g1)<<16 | uint32(g2) }

// tag4 packs a four-letter OpenType tag.
func tag4(s string) uint32 {
	return uint32(s[0])<<24 | uint32(s[1])<<16 | uint32(s[2])<<8 | uint32(s[3])
}

// gposKern reads the pair adjustments of the 'kern' feature (script latn,
// else DFLT; default language system) into a map from glyph pair to the
// first glyph's XAdvance change, in font units. It follows the OpenType
// rule that within one lookup the first subtable that matches a pair wins,
// and that separate lookups add up.
func gposKern(gpos []byte, numGlyphs int) (map[uint32]int32, error) {
	r := &reader{b: gpos}
	major := r.u16(0)
	scriptList := int(r.u16(4))
	featureList := int(r.u16(6))
	lookupList := int(r.u16(8))
	if r.err != nil {
		return nil, fmt.Errorf("GPOS header: %w", r.err)
	}
	if major != 1 {
		return nil, fmt.Errorf("GPOS version %d is unknown", major)
	}

	// Script → default LangSys → feature indices.
	script := 0
	for _, want := range []string{"latn", "DFLT"} {
		n := int(r.u16(scriptList))
		for i := range n {
			rec := scriptList + 2 + 6*i
			if r.u32(rec) == tag4(want) {
				script = scriptList + int(r.u16(rec+4))
				break
			}
		}
		if script != 0 {
			break
		}
	}
	if r.err != nil {
		return nil, fmt.Errorf("GPOS script list: %w", r.err)
	}
	if script == 0 {
		return nil, nil
	}
	langSysOff := int(r.u16(script))
	if langSysOff == 0 {
		return nil, nil
	}
	langSys := script + langSysOff
	var features []int
	if req := r.u16(langSys + 2); req != 0xFFFF {
		features = append(features, int(req))
	}
	for i := range int(r.u16(langSys + 4)) {
		features = append(features, int(r.u16(langSys+6+2*i)))
	}

	// Features → lookup indices of 'kern', applied in lookup-list order.
	nFeatures := int(r.u16(featureList))
	lookupSet := map[int]bool{}
	for _, fi := range features {
		if fi >= nFeatures {
			return nil, fmt.Errorf("GPOS language system names feature %d of %d", fi, nFeatures)
		}
		rec := featureList + 2 + 6*fi
		if r.u32(rec) != tag4("kern") {
			continue
		}
		feat := featureList + int(r.u16(rec+4))
		for j := range int(r.u16(feat + 2)) {
			lookupSet[int(r.u16(feat+4+2*j))] = true
		}
	}
	if r.err != nil {
		return nil, fmt.Errorf("GPOS feature list: %w", r.err)
	}
	lookups := make([]int, 0, len(lookupSet))
	for li := range lookupSet {
		lookups = append(lookups, li)
	}
	sort.Ints(lookups)

	total := map[uint32]int32{}
	budget := maxKernWork
	nLookups := int(r.u16(lookupList))
	for _, li := range lookups {
		if li >= nLookups {
			return nil, fmt.Errorf("GPOS kern feature names lookup %d of %d", li, nLookups)
		}
		lookup := lookupList + int(r.u16(lookupList+2+2*li))
		typ := r.u16(lookup)
		lk := &pairLookup{r: r, numGlyphs: numGlyphs, seen: map[uint32]bool{}, firstDone: map[uint16]bool{}, total: total, budget: &budget}
		for s := range int(r.u16(lookup + 4)) {
			sub := lookup + int(r.u16(lookup+6+2*s))
			st := typ
			if st == 9 { // Extension: a 32-bit offset to the real subtable.
				if r.u16(sub) != 1 {
					return nil, fmt.Errorf("GPOS lookup %d: extension format %d is unknown", li, r.u16(sub))
				}
				st = r.u16(sub + 2)
				sub += int(r.u32(sub + 4))
			}
			if st != 2 {
				continue
			}
			if err := lk.spend(1); err != nil {
				return nil, err
			}
			if err := lk.pairPos(sub); err != nil {
				return nil, fmt.Errorf("GPOS lookup %d subtable %d: %w", li, s, err)
			}
		}
		if r.err != nil {
			return nil, fmt.Errorf("GPOS lookup %d: %w", li, r.err)
		}
	}
	for k, v := range total {
		if v == 0 {
			delete(total, k)
		}
	}
	return total, nil
}

// pairLookup applies the subtables of one PairPos lookup in order.
type pairLookup struct {
	r         *reader
	numGlyphs int
	seen      map[uint32]bool // pairs a format 1 subtable already matched
	firstDone map[uint16]bool // first glyphs a format 2 subtable already matched
	total     map[uint32]int32
	budget    *int // work left; see maxKernWork
}

// maxKernWork bounds the pair records and expanded class pairs one font may
// cost. Real fonts need well under a million; a crafted GPOS can reuse
// offsets to describe billions, which would hang the build.
const maxKernWork = 1 << 23

func (lk *pairLookup) spend(n int) error {
	*lk.budget -= n
	if *lk.budget < 0 {
		return fmt.Errorf("kerning describes more than %d pairs; the table is malformed or too large for folio", maxKernWork)
	}
	return nil
}

// valueSize is the byte size of a ValueRecord with the given format.
func valueSize(format uint16) int { return 2 * bits.OnesCount16(format&0xFF) }

// xAdvance reads the XAdvance field of a ValueRecord at off, 0 if absent.
func xAdvance(r *reader, off int, format uint16) int32 {
	if format&0x0004 == 0 {
		return 0
	}
	return int32(r.i16(off + 2*bits.OnesCount16(format&0x0003)))
}

func (lk *pairLookup) pairPos(sub int) error {
	r := lk.r
	format := r.u16(sub)
	cov, err := coverage(r, sub+int(r.u16(sub+2)), lk.numGlyphs)
	if err != nil {
		return err
	}
	if err := lk.spend(len(cov)); err != nil {
		return err
	}
	vf1, vf2 := r.u16(sub+4), r.u16(sub+6)
	recSize := valueSize(vf1) + valueSize(vf2)
	switch format {
	case 1:
		nSets := int(r.u16(sub + 8))
		for _, c := range cov {
			if int(c.index) >= nSets {
				return fmt.Errorf("coverage index %d beyond %d pair sets", c.index, nSets)
			}
			if lk.firstDone[c.glyph] {
				continue
			}
			set := sub + int(r.u16(sub+10+2*int(c.index)))
			n := int(r.u16(set))
			if err := lk.spend(n); err != nil {
				return err
			}
			for i := range n {
				rec := set + 2 + i*(2+recSize)
				g2 := r.u16(rec)
				k := pairKey(c.glyph, g2)
				if lk.seen[k] {
					continue
				}
				lk.seen[k] = true
				lk.total[k] += xAdvance(r, rec+2, vf1)
			}
			if r.err != nil {
				return r.err
			}
		}
	case 2:
		if err := lk.spend(3 * lk.numGlyphs); err != nil { // two class tables and members
			return err
		}
		class1, err := classDef(r, sub+int(r.u16(sub+8)), lk.numGlyphs)
		if err != nil {
			return err
		}
		class2, err := classDef(r, sub+int(r.u16(sub+10)), lk.numGlyphs)
		if err != nil {
			return err
		}
		n1, n2 := int(r.u16(sub+12)), int(r.u16(sub+14))
		// Glyphs by second class, so only kerned classes are expanded.
		members := make([][]uint16, n2)
		for g, c := range class2 {
			if int(c) < n2 {
				members[c] = append(members[c], uint16(g))
			}
		}
		for _, c := range cov {
			if lk.firstDone[c.glyph] || int(c.glyph) >= lk.numGlyphs {
				continue
			}
			c1 := int(class1[c.glyph])
			if c1 >= n1 {
				continue
			}
			lk.firstDone[c.glyph] = true
			row := sub + 16 + c1*n2*recSize
			for c2 := range n2 {
				v := xAdvance(r, row+c2*recSize, vf1)
				if v == 0 {
					continue
				}
				if err := lk.spend(len(members[c2])); err != nil {
					return err
				}
				for _, g2 := range members[c2] {
					k := pairKey(c.glyph, g2)
					if !lk.seen[k] {
						lk.total[k] += v
					}
				}
			}
			if r.err != nil {
				return r.err
			}
		}
	default:
		return fmt.Errorf("PairPos format %d is unknown", format)
	}
	return r.err
}

type covered struct{ glyph, index uint16 }

// coverage lists the glyphs of a Coverage table with their coverage
// indices, leaving out glyph IDs the font does not have.
func coverage(r *reader, off, numGlyphs int) ([]covered, error) {
	var out []covered
	switch r.u16(off) {
	case 1:
		n := int(r.u16(off + 2))
		for i := range n {
			if g := r.u16(off + 4 + 2*i); int(g) < numGlyphs {
				out = append(out, covered{g, uint16(i)})
			}
		}
	case 2:
		n := int(r.u16(off + 2))
		for i := range n {
			rec := off + 4 + 6*i
			start, end, idx := int(r.u16(rec)), int(r.u16(rec+2)), int(r.u16(rec+4))
			if end < start {
				return nil, fmt.Errorf("coverage range %d–%d is reversed", start, end)
			}
			for g := start; g <= min(end, numGlyphs-1); g++ {
				out = append(out, covered{uint16(g), uint16(idx + g - start)})
			}
			if len(out) > numGlyphs { // ranges overlap, which the spec forbids
				return nil, fmt.Errorf("coverage ranges overlap")
			}
		}
	default:
		if r.err == nil {
			return nil, fmt.Errorf("coverage format %d is unknown", r.u16(off))
		}
	}
	return out, r.err
}

// classDef expands a ClassDef table into a class per glyph (0 by default).
func classDef(r *reader, off, numGlyphs int) ([]uint16, error) {
	classes := make([]uint16, numGlyphs)
	set := func(g int, c uint16) {
		if g < numGlyphs {
			classes[g] = c
		}
	}
	switch r.u16(off) {
	case 1:
		start, n := int(r.u16(off+2)), int(r.u16(off+4))
		for i := range n {
			set(start+i, r.u16(off+6+2*i))
		}
	case 2:
		n, done := int(r.u16(off+2)), 0
		for i := range n {
			rec := off + 4 + 6*i
			start, end, c := int(r.u16(rec)), int(r.u16(rec+2)), r.u16(rec+4)
			if end < start {
				return nil, fmt.Errorf("class range %d–%d is reversed", start, end)
			}
			if end = min(end, numGlyphs-1); end >= start {
				if done += end - start + 1; done > numGlyphs {
					return nil, fmt.Errorf("class ranges overlap")
				}
			}
			for g := start; g <= end; g++ {
				set(g, c)
			}
		}
	default:
		if r.err == nil {
			return nil, fmt.Errorf("class definition format %d is unknown", r.u16(off))
		}
	}
	return classes, r.err
}

// kernTable reads horizontal format 0 subtables of the old 'kern' table,
// both the Microsoft (version 0) and the Apple (version 1) layout.
func kernTable(kern []byte) (map[uint32]int32, error) {
	r := &reader{b: kern}
	total := map[uint32]int32{}
	var n, off int
	apple := r.u16(0) == 1
	if apple {
		n, off = int(r.u32(4)), 8
	} else {
		n, off = int(r.u16(2)), 4
	}
	for range n {
		var length, format int
		var horizontal bool
		var body int
		if apple {
			length = int(r.u32(off))
			cov := r.u16(off + 4)
			format, horizontal = int(cov&0xFF), cov&0xE000 == 0 // not vertical, cross-stream or variation
			body = off + 8
		} else {
			length = int(r.u16(off + 2))
			cov := r.u16(off + 4)
			format, horizontal = int(cov>>8), cov&0x0007 == 0x0001 // horizontal, not minimum or cross-stream
			body = off + 6
		}
		if r.err != nil {
			return nil, fmt.Errorf("kern table: %w", r.err)
		}
		if format == 0 && horizontal {
			nPairs := int(r.u16(body))
			for i := range nPairs {
				rec := body + 8 + 6*i
				k := pairKey(r.u16(rec), r.u16(rec+2))
				total[k] += int32(r.i16(rec + 4))
			}
			if r.err != nil {
				return nil, fmt.Errorf("kern table: %w", r.err)
			}
		}
		if length <= 0 {
			break // a zero length cannot be skipped; fonts with one big subtable set it wrong
		}
		off += length
	}
	for k, v := range total {
		if v == 0 {
			delete(total, k)
		}
	}
	return total, nil
}
