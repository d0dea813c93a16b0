package fontsubset

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf16"
)

// Options are the choices of one subset.
type Options struct {
	// Family is the subset's family name. The OFL forbids a modified font
	// the Reserved Font Names of the original, so it replaces the family
	// in the name table (the copyright and licence records stay).
	Family string
}

// Result is a subset font and what it covers.
type Result struct {
	Font []byte
	// Glyphs is how many glyphs it holds, of Original in the font.
	Glyphs, Original int
	// Missing are the runes asked for that the font has no glyph for.
	Missing []rune
}

// Subset returns the font cut down to the glyphs that runes need: their
// cmap glyphs, what the kept substitutions (ligatures, small capitals,
// localised forms) turn them into, and the components of composite
// glyphs. Kerning (GPOS pair adjustment, or an old kern table) and mark
// positioning between kept glyphs are kept; hinting is kept; layout
// features the subset cannot keep whole (contextual substitutions, style
// sets, alternates) and glyph names are left out.
func Subset(font []byte, runes []rune, opt Options) (res Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			e, ok := p.(error)
			if !ok || !(errors.Is(e, errShort) || errors.Is(e, errOverflow)) {
				panic(p)
			}
			err = fmt.Errorf("fontsubset: %w", e)
		}
	}()
	t, err := readTables(font)
	if err != nil {
		return res, fmt.Errorf("fontsubset: %w", err)
	}
	numGlyphs := rd(t["maxp"]).u16(4)
	res.Original = numGlyphs
	cmap := readCmap(t["cmap"])

	keep := map[int]bool{0: true} // .notdef always
	sorted := append([]rune(nil), runes...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	var mapped []rune
	for i, r := range sorted {
		if i > 0 && r == sorted[i-1] {
			continue
		}
		g, ok := cmap[r]
		if !ok || g == 0 || g >= numGlyphs {
			res.Missing = append(res.Missing, r)
			continue
		}
		keep[g] = true
		mapped = append(mapped, r)
	}

	gsub := parseLayout(t["GSUB"], gsubFeatures, gsubLookupTypes, 7)
	gpos := parseLayout(t["GPOS"], gposFeatures, gposLookupTypes, 9)
	loca := readLoca(t, numGlyphs)
	for {
		n := len(keep)
		gsub.closure(keep)
		compositeClosure(t["glyf"], loca, keep)
		if len(keep) == n {
			break
		}
	}
	old := make([]int, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	sort.Ints(old)
	newID := make(map[int]int, len(old))
	for i, g := range old {
		newID[g] = i
	}
	gm := glyphMap{old: old, new: newID}

	out := map[string][]byte{}
	for _, tag := range []string{"cvt ", "fpgm", "prep", "gasp"} {
		if t[tag] != nil {
			out[tag] = t[tag]
		}
	}
	out["glyf"], out["loca"] = writeGlyf(t["glyf"], loca, gm)
	out["hmtx"] = writeHmtx(t["hmtx"], rd(t["hhea"]).u16(34), numGlyphs, gm)
	out["head"] = patchHead(t["head"])
	out["hhea"] = patch16(t["hhea"], 34, len(old))
	out["maxp"] = patch16(t["maxp"], 4, len(old))
	out["cmap"] = writeCmap(mapped, cmap, gm)
	out["post"] = writePost(t["post"])
	if t["OS/2"] != nil {
		out["OS/2"] = patchOS2(t["OS/2"], mapped)
	}
	if t["name"] != nil {
		out["name"] = writeName(t["name"], opt.Family)
	}
	if t["GDEF"] != nil {
		out["GDEF"] = writeGDEF(t["GDEF"], gm)
	}
	if b := gsub.write(gm); b != nil {
		out["GSUB"] = b
	}
	if b := gpos.write(gm); b != nil {
		out["GPOS"] = b
	}
	if t["kern"] != nil {
		if b := writeKern(t["kern"], gm); b != nil {
			out["kern"] = b
		}
	}
	res.Font = writeFont(out)
	res.Glyphs = len(old)
	return res, nil
}

// glyphMap renumbers the kept glyphs: old[i] is the original of glyph i;
// new maps back. The order is kept, so sorted lists stay sorted.
type glyphMap struct {
	old []int
	new map[int]int
}

func (m glyphMap) has(g int) bool { _, ok := m.new[g]; return ok }

// readCmap reads the font's Unicode mapping: the full-repertoire format 12
// subtable if there is one, else format 4.
func readCmap(data []byte) map[rune]int {
	b := rd(data)
	n := b.u16(2)
	best, bestRank := -1, 0
	for i := 0; i < n; i++ {
		r := 4 + 8*i
		pid, eid, off := b.u16(r), b.u16(r+2), b.u32(r+4)
		f := b.u16(off)
		rank := 0
		switch {
		case f == 12 && (pid == 3 && eid == 10 || pid == 0):
			rank = 3
		case f == 4 && (pid == 3 && eid == 1 || pid == 0):
			rank = 2
		}
		if rank > bestRank {
			best, bestRank = off, rank
		}
	}
	m := map[rune]int{}
	if best < 0 {
		return m
	}
	s := b.sub(best)
	switch s.u16(0) {
	case 4:
		segs := s.u16(6) / 2
		for i := 0; i < segs; i++ {
			end, start := s.u16(14+2*i), s.u16(16+2*segs+2*i)
			delta := s.u16(16 + 4*segs + 2*i)
			roAt := 16 + 6*segs + 2*i
			ro := s.u16(roAt)
			for c := start; c <= end && c != 0xFFFF; c++ {
				var g int
				if ro == 0 {
					g = (c + delta) & 0xFFFF
				} else {
					g = s.u16(roAt + ro + 2*(c-start))
					if g != 0 {
						g = (g + delta) & 0xFFFF
					}
				}
				if g != 0 {
					m[rune(c)] = g
				}
			}
		}
	case 12:
		groups := s.u32(12)
		for i := 0; i < groups; i++ {
			r := 16 + 12*i
			start, end, g := s.u32(r), s.u32(r+4), s.u32(r+8)
			if end-start > 0x10FFFF {
				continue
			}
			for c := start; c <= end; c++ {
				m[rune(c)] = g + c - start
			}
		}
	}
	return m
}

// readLoca returns each glyph's byte range in glyf.
func readLoca(t map[string][]byte, n int) []int {
	long := rd(t["head"]).i16(50) == 1
	l := rd(t["loca"])
	offs := make([]int, n+1)
	for i := range offs {
		if long {
			offs[i] = l.u32(4 * i)
		} else {
			offs[i] = 2 * l.u16(2*i)
		}
	}
	return offs
}

// Composite glyph flags.
const (
	argWords     = 0x0001
	haveScale    = 0x0008
	moreComps    = 0x0020
	haveXYScale  = 0x0040
	haveTwoByTwo = 0x0080
)

// components calls f with the offset of each component's glyph index in
// a composite glyph.
func components(g rd, f func(at int)) {
	if len(g) < 10 || g.i16(0) >= 0 {
		return
	}
	o := 10
	for {
		flags := g.u16(o)
		f(o + 2)
		o += 4
		if flags&argWords != 0 {
			o += 4
		} else {
			o += 2
		}
		switch {
		case flags&haveScale != 0:
			o += 2
		case flags&haveXYScale != 0:
			o += 4
		case flags&haveTwoByTwo != 0:
			o += 8
		}
		if flags&moreComps == 0 {
			return
		}
	}
}

func compositeClosure(glyf []byte, loca []int, keep map[int]bool) {
	for {
		var add []int
		for g := range keep {
			if g+1 >= len(loca) {
				continue
			}
			gd := rd(glyf).slice(loca[g], loca[g+1]-loca[g])
			components(gd, func(at int) {
				if c := rd(gd).u16(at); !keep[c] && c+1 < len(loca) {
					add = append(add, c)
				}
			})
		}
		if len(add) == 0 {
			return
		}
		for _, c := range add {
			keep[c] = true
		}
	}
}

// writeGlyf copies the kept glyphs in their new order, renumbering the
// components of composites; loca is written in the long format.
func writeGlyf(glyf []byte, loca []int, gm glyphMap) (g, l []byte) {
	gw, lw := &wr{}, &wr{}
	for _, old := range gm.old {
		lw.u32(gw.len())
		data := append([]byte(nil), rd(glyf).slice(loca[old], loca[old+1]-loca[old])...)
		components(data, func(at int) {
			c := rd(data).u16(at)
			n, ok := gm.new[c]
			if !ok {
				n = 0
			}
			data[at], data[at+1] = byte(n>>8), byte(n)
		})
		gw.bytes(data)
		gw.pad(4)
	}
	lw.u32(gw.len())
	return gw.b, lw.b
}

func writeHmtx(hmtx []byte, nMetrics, numGlyphs int, gm glyphMap) []byte {
	b := rd(hmtx)
	w := &wr{}
	for _, old := range gm.old {
		var adv, lsb int
		if old < nMetrics {
			adv, lsb = b.u16(4*old), b.u16(4*old+2)
		} else {
			adv, lsb = b.u16(4*(nMetrics-1)), b.u16(4*nMetrics+2*(old-nMetrics))
		}
		w.u16(adv)
		w.u16(lsb)
	}
	return w.b
}

func patch16(table []byte, at, v int) []byte {
	out := append([]byte(nil), table...)
	out[at], out[at+1] = byte(v>>8), byte(v)
	return out
}

// patchHead sets the long loca format.
func patchHead(head []byte) []byte { return patch16(head, 50, 1) }

// writeCmap writes a format 4 subtable for the BMP and, when the book uses
// characters beyond it, a format 12 one.
func writeCmap(runes []rune, cmap map[rune]int, gm glyphMap) []byte {
	type seg struct{ start, end, delta int }
	var segs []seg
	astral := false
	for _, r := range runes {
		if r > 0xFFFF {
			astral = true
			continue
		}
		g := gm.new[cmap[r]]
		c := int(r)
		if n := len(segs); n > 0 && segs[n-1].end == c-1 && (segs[n-1].delta+c)&0xFFFF == g {
			segs[n-1].end = c
			continue
		}
		segs = append(segs, seg{c, c, (g - c) & 0xFFFF})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	f4 := &wr{}
	n := len(segs)
	es, lg := 1, 0
	for es*2 <= n {
		es *= 2
		lg++
	}
	f4.u16(4)
	f4.u16(16 + 8*n)
	f4.u16(0)
	f4.u16(2 * n)
	f4.u16(2 * es)
	f4.u16(lg)
	f4.u16(2*n - 2*es)
	for _, s := range segs {
		f4.u16(s.end)
	}
	f4.u16(0)
	for _, s := range segs {
		f4.u16(s.start)
	}
	for _, s := range segs {
		f4.u16(s.delta)
	}
	for range segs {
		f4.u16(0)
	}
	w := &wr{}
	w.u16(0)
	if astral {
		w.u16(2)
		w.u16(3)
		w.u16(1)
		w.u32(20)
		w.u16(3)
		w.u16(10)
		w.u32(20 + len(f4.b))
	} else {
		w.u16(1)
		w.u16(3)
		w.u16(1)
		w.u32(12)
	}
	w.bytes(f4.b)
	if astral {
		var groups [][3]int
		for _, r := range runes {
			g := gm.new[cmap[r]]
			c := int(r)
			if n := len(groups); n > 0 && groups[n-1][1] == c-1 && groups[n-1][2]+c-groups[n-1][0] == g {
				groups[n-1][1] = c
				continue
			}
			groups = append(groups, [3]int{c, c, g})
		}
		w.u16(12)
		w.u16(0)
		w.u32(16 + 12*len(groups))
		w.u32(0)
		w.u32(len(groups))
		for _, gr := range groups {
			w.u32(gr[0])
			w.u32(gr[1])
			w.u32(gr[2])
		}
	}
	return w.b
}

// writePost keeps the post header and drops the glyph names (format 3).
func writePost(post []byte) []byte {
	w := &wr{}
	w.u32(0x00030000)
	if len(post) >= 32 {
		w.bytes(post[4:16])
	} else {
		w.bytes(make([]byte, 12))
	}
	w.bytes(make([]byte, 16))
	return w.b
}

// patchOS2 sets the first and last character the subset maps.
func patchOS2(os2 []byte, runes []rune) []byte {
	if len(os2) < 68 || len(runes) == 0 {
		return os2
	}
	first, last := min(int(runes[0]), 0xFFFF), min(int(runes[len(runes)-1]), 0xFFFF)
	return patch16(patch16(os2, 64, first), 66, last)
}

// writeName keeps the Windows Unicode records that say who made the font
// and under what licence, renames the family (IDs 1, 3, 4, 6, 16; the
// OFL's Reserved Font Names may not name a modified font) and notes the
// modification in the description. The records of dropped features go.
func writeName(name []byte, family string) []byte {
	b := rd(name)
	n, strOff := b.u16(2), b.u16(4)
	type rec struct {
		lang, id int
		s        string
	}
	var recs []rec
	sub := map[int]string{} // subfamily by language
	for i := 0; i < n; i++ {
		r := 6 + 12*i
		pid, eid, lang, id := b.u16(r), b.u16(r+2), b.u16(r+4), b.u16(r+6)
		ln, off := b.u16(r+8), b.u16(r+10)
		if pid != 3 || eid != 1 || id > 25 {
			continue
		}
		raw := b.slice(strOff+off, ln)
		u := make([]uint16, len(raw)/2)
		for j := range u {
			u[j] = uint16(raw[2*j])<<8 | uint16(raw[2*j+1])
		}
		s := string(utf16.Decode(u))
		if id == 2 {
			sub[lang] = s
		}
		recs = append(recs, rec{lang, id, s})
	}
	if family != "" {
		ps := strings.ReplaceAll(family, " ", "")
		for i := range recs {
			r := &recs[i]
			style := sub[r.lang]
			switch r.id {
			case 1, 16:
				r.s = family
			case 4:
				r.s = family
				if style != "" && style != "Regular" {
					r.s += " " + style
				}
			case 3:
				r.s = family + " " + style + " (subset)"
			case 6:
				r.s = ps + "-" + strings.ReplaceAll(style, " ", "")
			case 10:
				r.s += " This is a subset made by folio for one book: a Modified Version under the SIL Open Font License, renamed as it requires."
			}
		}
	}
	sort.SliceStable(recs, func(i, j int) bool {
		if recs[i].lang != recs[j].lang {
			return recs[i].lang < recs[j].lang
		}
		return recs[i].id < recs[j].id
	})
	w := &wr{}
	w.u16(0)
	w.u16(len(recs))
	w.u16(6 + 12*len(recs))
	var strs wr
	for _, r := range recs {
		enc := utf16.Encode([]rune(r.s))
		w.u16(3)
		w.u16(1)
		w.u16(r.lang)
		w.u16(r.id)
		w.u16(2 * len(enc))
		w.u16(strs.len())
		for _, c := range enc {
			strs.u16(int(c))
		}
	}
	w.bytes(strs.b)
	return w.b
}

// writeKern subsets an old-style kern table (format 0 subtables).
func writeKern(kern []byte, gm glyphMap) []byte {
	b := rd(kern)
	if b.u16(0) != 0 {
		return nil // Apple's version 1: left out
	}
	n := b.u16(2)
	w := &wr{}
	w.u16(0)
	count := w.reserve(2)
	kept, o := 0, 4
	for i := 0; i < n; i++ {
		length, coverage := b.u16(o+2), b.u16(o+4)
		if coverage>>8 == 0 {
			np := b.u16(o + 6)
			type pair struct{ l, r, v int }
			var ps []pair
			for j := 0; j < np; j++ {
				p := o + 14 + 6*j
				l, r := b.u16(p), b.u16(p+2)
				if gm.has(l) && gm.has(r) {
					ps = append(ps, pair{gm.new[l], gm.new[r], b.u16(p + 4)})
				}
			}
			if len(ps) > 0 {
				sort.Slice(ps, func(a, c int) bool { return ps[a].l<<16|ps[a].r < ps[c].l<<16|ps[c].r })
				es, lg := 1, 0
				for es*2 <= len(ps) {
					es *= 2
					lg++
				}
				w.u16(0)
				w.u16(14 + 6*len(ps))
				w.u16(coverage)
				w.u16(len(ps))
				w.u16(6 * es)
				w.u16(lg)
				w.u16(6*len(ps) - 6*es)
				for _, p := range ps {
					w.u16(p.l)
					w.u16(p.r)
					w.u16(p.v)
				}
				kept++
			}
		}
		o += length
	}
	if kept == 0 {
		return nil
	}
	w.at(count, kept)
	return w.b
}
