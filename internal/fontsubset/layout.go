package fontsubset

import (
	"math/bits"
	"sort"
)

// The layout features a subset keeps: those browsers apply to Latin text
// by default, and the small capitals the style sheet asks for. A feature
// is kept with those of its lookups whose types are below; the others
// (contextual substitutions, alternates, style sets) are left out.
var (
	gsubFeatures = map[string]bool{"liga": true, "clig": true, "rlig": true, "locl": true, "smcp": true, "c2sc": true}
	gposFeatures = map[string]bool{"kern": true, "mark": true, "mkmk": true, "dist": true}
	// single and ligature substitution
	gsubLookupTypes = map[int]bool{1: true, 4: true}
	// single, pair and cursive adjustment, mark to base, mark to mark
	gposLookupTypes = map[int]bool{1: true, 2: true, 3: true, 4: true, 6: true}
)

// layout is a GSUB or GPOS table read for subsetting.
type layout struct {
	gpos     bool
	scripts  []script
	features []feature // every feature record, in order
	lookups  []lookup  // every lookup, in order
}

type script struct {
	tag   string
	def   *langSys
	langs []langEntry
}

type langEntry struct {
	tag string
	ls  langSys
}

type langSys struct {
	req   int // required feature index, 0xFFFF for none
	feats []int
}

type feature struct {
	tag     string
	lookups []int
	kept    bool
}

type lookup struct {
	typ, flag, markSet int
	subs               []rd
	used               bool // by a kept feature
}

// parseLayout reads a GSUB or GPOS table; nil data gives an empty layout.
func parseLayout(data []byte, keepFeatures map[string]bool, types map[int]bool, extType int) *layout {
	l := &layout{gpos: extType == 9}
	if data == nil {
		return l
	}
	b := rd(data)
	sl, fl, ll := b.sub(b.u16(4)), b.sub(b.u16(6)), b.sub(b.u16(8))
	readLS := func(t rd) langSys {
		ls := langSys{req: t.u16(2)}
		for i := 0; i < t.u16(4); i++ {
			ls.feats = append(ls.feats, t.u16(6+2*i))
		}
		return ls
	}
	for i := 0; i < sl.u16(0); i++ {
		s := script{tag: string(sl.slice(2+6*i, 4))}
		st := sl.sub(sl.u16(6 + 6*i))
		if o := st.u16(0); o != 0 {
			ls := readLS(st.sub(o))
			s.def = &ls
		}
		for j := 0; j < st.u16(2); j++ {
			s.langs = append(s.langs, langEntry{string(st.slice(4+6*j, 4)), readLS(st.sub(st.u16(8 + 6*j)))})
		}
		l.scripts = append(l.scripts, s)
	}
	for i := 0; i < fl.u16(0); i++ {
		f := feature{tag: string(fl.slice(2+6*i, 4))}
		ft := fl.sub(fl.u16(6 + 6*i))
		for j := 0; j < ft.u16(2); j++ {
			f.lookups = append(f.lookups, ft.u16(4+2*j))
		}
		f.kept = keepFeatures[f.tag]
		l.features = append(l.features, f)
	}
	for i := 0; i < ll.u16(0); i++ {
		lt := ll.sub(ll.u16(2 + 2*i))
		lk := lookup{typ: lt.u16(0), flag: lt.u16(2)}
		n := lt.u16(4)
		for j := 0; j < n; j++ {
			st := lt.sub(lt.u16(6 + 2*j))
			if lk.typ == extType {
				lk.typ = st.u16(2)
				st = st.sub(st.u32(4))
			}
			lk.subs = append(lk.subs, st)
		}
		if lk.flag&0x0010 != 0 {
			lk.markSet = lt.u16(6 + 2*n)
		}
		l.lookups = append(l.lookups, lk)
	}
	for _, f := range l.features {
		if !f.kept {
			continue
		}
		for _, li := range f.lookups {
			if li < len(l.lookups) && types[l.lookups[li].typ] {
				l.lookups[li].used = true
			}
		}
	}
	return l
}

// closure adds to keep the glyphs the kept substitutions make of glyphs
// already kept.
func (l *layout) closure(keep map[int]bool) {
	if l.gpos {
		return
	}
	for _, lk := range l.lookups {
		if !lk.used {
			continue
		}
		for _, st := range lk.subs {
			switch lk.typ {
			case 1:
				eachSingle(st, func(in, out int) {
					if keep[in] {
						keep[out] = true
					}
				})
			case 4:
				eachLigature(st, func(comps []int, lig int) {
					for _, c := range comps {
						if !keep[c] {
							return
						}
					}
					keep[lig] = true
				})
			}
		}
	}
}

func eachSingle(st rd, f func(in, out int)) {
	cov := readCoverage(st.sub(st.u16(2)))
	switch st.u16(0) {
	case 1:
		d := st.u16(4)
		for _, g := range cov {
			f(g, (g+d)&0xFFFF)
		}
	case 2:
		for i, g := range cov {
			if i < st.u16(4) {
				f(g, st.u16(6+2*i))
			}
		}
	}
}

func eachLigature(st rd, f func(comps []int, lig int)) {
	if st.u16(0) != 1 {
		return
	}
	cov := readCoverage(st.sub(st.u16(2)))
	for i, first := range cov {
		if i >= st.u16(4) {
			break
		}
		set := st.sub(st.u16(6 + 2*i))
		for j := 0; j < set.u16(0); j++ {
			lg := set.sub(set.u16(2 + 2*j))
			n := lg.u16(2)
			comps := []int{first}
			for k := 1; k < n; k++ {
				comps = append(comps, lg.u16(4+2*(k-1)))
			}
			f(comps, lg.u16(0))
		}
	}
}

// write rebuilds the table for the kept glyphs; nil when nothing is left.
func (l *layout) write(gm glyphMap) []byte {
	newLookup := map[int]int{}
	var lookups [][]byte
	for i, lk := range l.lookups {
		if !lk.used {
			continue
		}
		var subs [][]byte
		for _, st := range lk.subs {
			if b := l.subtable(lk.typ, st, gm); b != nil {
				subs = append(subs, b)
			}
		}
		if len(subs) == 0 {
			continue
		}
		newLookup[i] = len(lookups)
		w := &wr{}
		w.u16(lk.typ)
		w.u16(lk.flag)
		w.u16(len(subs))
		at := w.reserve(2 * len(subs))
		if lk.flag&0x0010 != 0 {
			w.u16(lk.markSet)
		}
		for k, s := range subs {
			w.off16(at+2*k, 0)
			w.bytes(s)
		}
		lookups = append(lookups, w.b)
	}
	if len(lookups) == 0 {
		return nil
	}
	newFeature := map[int]int{}
	var feats []feature
	for i, f := range l.features {
		if !f.kept {
			continue
		}
		var ls []int
		for _, li := range f.lookups {
			if n, ok := newLookup[li]; ok {
				ls = append(ls, n)
			}
		}
		if len(ls) == 0 {
			continue
		}
		newFeature[i] = len(feats)
		feats = append(feats, feature{tag: f.tag, lookups: ls})
	}
	mapLS := func(ls langSys) langSys {
		out := langSys{req: 0xFFFF}
		if n, ok := newFeature[ls.req]; ok {
			out.req = n
		}
		for _, f := range ls.feats {
			if n, ok := newFeature[f]; ok {
				out.feats = append(out.feats, n)
			}
		}
		return out
	}
	writeLS := func(w *wr, ls langSys) {
		w.u16(0)
		w.u16(ls.req)
		w.u16(len(ls.feats))
		for _, f := range ls.feats {
			w.u16(f)
		}
	}

	// ScriptList
	sw := &wr{}
	sw.u16(len(l.scripts))
	sat := sw.reserve(6 * len(l.scripts))
	for i, s := range l.scripts {
		copy(sw.b[sat+6*i:], s.tag)
		sw.off16(sat+6*i+4, 0)
		base := sw.len()
		sw.u16(0)
		sw.u16(len(s.langs))
		lat := sw.reserve(6 * len(s.langs))
		if s.def != nil {
			sw.off16(base, base)
			writeLS(sw, mapLS(*s.def))
		}
		for j, lg := range s.langs {
			copy(sw.b[lat+6*j:], lg.tag)
			sw.off16(lat+6*j+4, base)
			writeLS(sw, mapLS(lg.ls))
		}
	}
	// FeatureList
	fw := &wr{}
	fw.u16(len(feats))
	fat := fw.reserve(6 * len(feats))
	for i, f := range feats {
		copy(fw.b[fat+6*i:], f.tag)
		fw.off16(fat+6*i+4, 0)
		fw.u16(0)
		fw.u16(len(f.lookups))
		for _, li := range f.lookups {
			fw.u16(li)
		}
	}
	// LookupList
	lw := &wr{}
	lw.u16(len(lookups))
	lat := lw.reserve(2 * len(lookups))
	for i, lk := range lookups {
		lw.off16(lat+2*i, 0)
		lw.bytes(lk)
	}
	w := &wr{}
	w.u32(0x00010000)
	hdr := w.reserve(6)
	w.off16(hdr, 0)
	w.bytes(sw.b)
	w.off16(hdr+2, 0)
	w.bytes(fw.b)
	w.off16(hdr+4, 0)
	w.bytes(lw.b)
	return w.b
}

// subtable rebuilds one subtable for the kept glyphs; nil when nothing
// of it applies to them.
func (l *layout) subtable(typ int, st rd, gm glyphMap) []byte {
	if !l.gpos {
		switch typ {
		case 1:
			return gsubSingle(st, gm)
		case 4:
			return gsubLigature(st, gm)
		}
		return nil
	}
	switch typ {
	case 1:
		return gposSingle(st, gm)
	case 2:
		switch st.u16(0) {
		case 1:
			return pairPos1(st, gm)
		case 2:
			return pairPos2(st, gm)
		}
	case 3:
		return cursive(st, gm)
	case 4, 6:
		return markAttach(st, gm)
	}
	return nil
}

func gsubSingle(st rd, gm glyphMap) []byte {
	var in, out []int
	eachSingle(st, func(i, o int) {
		if gm.has(i) && gm.has(o) {
			in, out = append(in, gm.new[i]), append(out, gm.new[o])
		}
	})
	if len(in) == 0 {
		return nil
	}
	w := &wr{}
	w.u16(2)
	cov := w.reserve(2)
	w.u16(len(out))
	for _, o := range out {
		w.u16(o)
	}
	w.off16(cov, 0)
	w.bytes(writeCoverage(in))
	return w.b
}

func gsubLigature(st rd, gm glyphMap) []byte {
	type lig struct {
		rest []int
		g    int
	}
	sets := map[int][]lig{}
	var firsts []int
	eachLigature(st, func(comps []int, g int) {
		if !gm.has(g) {
			return
		}
		for _, c := range comps {
			if !gm.has(c) {
				return
			}
		}
		f := gm.new[comps[0]]
		if _, ok := sets[f]; !ok {
			firsts = append(firsts, f)
		}
		var rest []int
		for _, c := range comps[1:] {
			rest = append(rest, gm.new[c])
		}
		sets[f] = append(sets[f], lig{rest, gm.new[g]})
	})
	if len(firsts) == 0 {
		return nil
	}
	sort.Ints(firsts)
	w := &wr{}
	w.u16(1)
	cov := w.reserve(2)
	w.u16(len(firsts))
	at := w.reserve(2 * len(firsts))
	for i, f := range firsts {
		w.off16(at+2*i, 0)
		base := w.len()
		ls := sets[f]
		w.u16(len(ls))
		lat := w.reserve(2 * len(ls))
		for j, lg := range ls {
			w.off16(lat+2*j, base)
			w.u16(lg.g)
			w.u16(len(lg.rest) + 1)
			for _, c := range lg.rest {
				w.u16(c)
			}
		}
	}
	w.off16(cov, 0)
	w.bytes(writeCoverage(firsts))
	return w.b
}

// Value records: the device-table fields (pixel-size hinting) are left
// out, so a record is its placement and advance fields.
func valueSize(f int) int { return 2 * bits.OnesCount(uint(f&0xFF)) }

func copyValue(w *wr, b rd, o, f int) {
	for bit := 0; bit < 4; bit++ {
		if f&(1<<bit) != 0 {
			w.u16(b.u16(o))
			o += 2
		}
	}
}

func gposSingle(st rd, gm glyphMap) []byte {
	cov := readCoverage(st.sub(st.u16(2)))
	vf := st.u16(4)
	var glyphs, at []int
	for i, g := range cov {
		if gm.has(g) {
			glyphs, at = append(glyphs, gm.new[g]), append(at, i)
		}
	}
	if len(glyphs) == 0 {
		return nil
	}
	w := &wr{}
	switch st.u16(0) {
	case 1:
		w.u16(1)
		c := w.reserve(2)
		w.u16(vf & 0x0F)
		copyValue(w, st, 6, vf)
		w.off16(c, 0)
	case 2:
		w.u16(2)
		c := w.reserve(2)
		w.u16(vf & 0x0F)
		w.u16(len(glyphs))
		for _, i := range at {
			copyValue(w, st, 8+i*valueSize(vf), vf)
		}
		w.off16(c, 0)
	default:
		return nil
	}
	w.bytes(writeCoverage(glyphs))
	return w.b
}

func pairPos1(st rd, gm glyphMap) []byte {
	cov := readCoverage(st.sub(st.u16(2)))
	vf1, vf2 := st.u16(4), st.u16(6)
	rec := 2 + valueSize(vf1) + valueSize(vf2)
	type set struct {
		first int
		at    rd
		pairs []int
	}
	var sets []set
	for i, g := range cov {
		if !gm.has(g) || i >= st.u16(8) {
			continue
		}
		ps := st.sub(st.u16(10 + 2*i))
		s := set{first: gm.new[g], at: ps}
		for j := 0; j < ps.u16(0); j++ {
			if gm.has(ps.u16(2 + j*rec)) {
				s.pairs = append(s.pairs, j)
			}
		}
		if len(s.pairs) > 0 {
			sets = append(sets, s)
		}
	}
	if len(sets) == 0 {
		return nil
	}
	w := &wr{}
	w.u16(1)
	c := w.reserve(2)
	w.u16(vf1 & 0x0F)
	w.u16(vf2 & 0x0F)
	w.u16(len(sets))
	at := w.reserve(2 * len(sets))
	var firsts []int
	for i, s := range sets {
		firsts = append(firsts, s.first)
		w.off16(at+2*i, 0)
		w.u16(len(s.pairs))
		for _, j := range s.pairs {
			o := 2 + j*rec
			w.u16(gm.new[s.at.u16(o)])
			copyValue(w, s.at, o+2, vf1)
			copyValue(w, s.at, o+2+valueSize(vf1), vf2)
		}
	}
	w.off16(c, 0)
	w.bytes(writeCoverage(firsts))
	return w.b
}

func pairPos2(st rd, gm glyphMap) []byte {
	cov := readCoverage(st.sub(st.u16(2)))
	vf1, vf2 := st.u16(4), st.u16(6)
	cd1, cd2 := readClassDef(st.sub(st.u16(8))), readClassDef(st.sub(st.u16(10)))
	n1, n2 := st.u16(12), st.u16(14)
	rec := valueSize(vf1) + valueSize(vf2)
	var glyphs []int
	used1, used2 := map[int]bool{}, map[int]bool{0: true}
	for _, g := range cov {
		if gm.has(g) {
			glyphs = append(glyphs, gm.new[g])
			used1[cd1[g]] = true
		}
	}
	if len(glyphs) == 0 {
		return nil
	}
	for _, g := range gm.old {
		used2[cd2[g]] = true
	}
	renum := func(used map[int]bool, n int) (map[int]int, []int) {
		m, order := map[int]int{}, []int{}
		for c := 0; c < n; c++ {
			if used[c] {
				m[c] = len(order)
				order = append(order, c)
			}
		}
		return m, order
	}
	m1, o1 := renum(used1, n1)
	m2, o2 := renum(used2, n2)
	w := &wr{}
	w.u16(2)
	c := w.reserve(2)
	w.u16(vf1 & 0x0F)
	w.u16(vf2 & 0x0F)
	c1 := w.reserve(2)
	c2 := w.reserve(2)
	w.u16(len(o1))
	w.u16(len(o2))
	for _, a := range o1 {
		for _, b := range o2 {
			o := 16 + (a*n2+b)*rec
			copyValue(w, st, o, vf1)
			copyValue(w, st, o+valueSize(vf1), vf2)
		}
	}
	w.off16(c, 0)
	w.bytes(writeCoverage(glyphs))
	newCD := func(cd map[int]int, m map[int]int) map[int]int {
		out := map[int]int{}
		for _, g := range gm.old {
			if k := cd[g]; k != 0 {
				if n, ok := m[k]; ok {
					out[gm.new[g]] = n
				}
			}
		}
		return out
	}
	w.off16(c1, 0)
	w.bytes(writeClassDef(newCD(cd1, m1)))
	w.off16(c2, 0)
	w.bytes(writeClassDef(newCD(cd2, m2)))
	return w.b
}

// anchor copies an anchor table as format 1 or 2 (format 3's device
// tables are pixel hinting, left out).
func anchor(b rd) []byte {
	w := &wr{}
	if b.u16(0) == 2 {
		w.u16(2)
		w.u16(b.u16(2))
		w.u16(b.u16(4))
		w.u16(b.u16(6))
		return w.b
	}
	w.u16(1)
	w.u16(b.u16(2))
	w.u16(b.u16(4))
	return w.b
}

func cursive(st rd, gm glyphMap) []byte {
	if st.u16(0) != 1 {
		return nil
	}
	cov := readCoverage(st.sub(st.u16(2)))
	var glyphs, at []int
	for i, g := range cov {
		if gm.has(g) && i < st.u16(4) {
			glyphs, at = append(glyphs, gm.new[g]), append(at, i)
		}
	}
	if len(glyphs) == 0 {
		return nil
	}
	w := &wr{}
	w.u16(1)
	c := w.reserve(2)
	w.u16(len(glyphs))
	rec := w.reserve(4 * len(glyphs))
	for k, i := range at {
		for e := 0; e < 2; e++ {
			if o := st.u16(6 + 4*i + 2*e); o != 0 {
				w.off16(rec+4*k+2*e, 0)
				w.bytes(anchor(st.sub(o)))
			}
		}
	}
	w.off16(c, 0)
	w.bytes(writeCoverage(glyphs))
	return w.b
}

// markAttach subsets mark-to-base (type 4) and mark-to-mark (type 6)
// subtables, which share their layout.
func markAttach(st rd, gm glyphMap) []byte {
	if st.u16(0) != 1 {
		return nil
	}
	marks, bases := readCoverage(st.sub(st.u16(2))), readCoverage(st.sub(st.u16(4)))
	nClass := st.u16(6)
	ma, ba := st.sub(st.u16(8)), st.sub(st.u16(10))
	var km, kb []int // coverage indices kept
	used := map[int]bool{}
	for i, g := range marks {
		if gm.has(g) && i < ma.u16(0) {
			km = append(km, i)
			used[ma.u16(2+4*i)] = true
		}
	}
	for i, g := range bases {
		if gm.has(g) && i < ba.u16(0) {
			kb = append(kb, i)
		}
	}
	if len(km) == 0 || len(kb) == 0 {
		return nil
	}
	classMap, classes := map[int]int{}, []int{}
	for c := 0; c < nClass; c++ {
		if used[c] {
			classMap[c] = len(classes)
			classes = append(classes, c)
		}
	}
	w := &wr{}
	w.u16(1)
	mc := w.reserve(2)
	bc := w.reserve(2)
	w.u16(len(classes))
	mao := w.reserve(2)
	bao := w.reserve(2)
	var mg, bg []int
	for _, i := range km {
		mg = append(mg, gm.new[marks[i]])
	}
	for _, i := range kb {
		bg = append(bg, gm.new[bases[i]])
	}
	w.off16(mc, 0)
	w.bytes(writeCoverage(mg))
	w.off16(bc, 0)
	w.bytes(writeCoverage(bg))
	// MarkArray
	w.off16(mao, 0)
	base := w.len()
	w.u16(len(km))
	recs := w.reserve(4 * len(km))
	for k, i := range km {
		w.at(recs+4*k, classMap[ma.u16(2+4*i)])
		w.off16(recs+4*k+2, base)
		w.bytes(anchor(ma.sub(ma.u16(4 + 4*i))))
	}
	// BaseArray (or Mark2Array)
	w.off16(bao, 0)
	base = w.len()
	w.u16(len(kb))
	recs = w.reserve(2 * len(kb) * len(classes))
	for k, i := range kb {
		for j, c := range classes {
			o := ba.u16(2 + 2*(i*nClass+c))
			if o == 0 {
				continue
			}
			w.off16(recs+2*(k*len(classes)+j), base)
			w.bytes(anchor(ba.sub(o)))
		}
	}
	return w.b
}

func readCoverage(b rd) []int {
	var out []int
	switch b.u16(0) {
	case 1:
		for i := 0; i < b.u16(2); i++ {
			out = append(out, b.u16(4+2*i))
		}
	case 2:
		for i := 0; i < b.u16(2); i++ {
			r := 4 + 6*i
			for g := b.u16(r); g <= b.u16(r+2); g++ {
				out = append(out, g)
			}
		}
	}
	return out
}

// writeCoverage writes sorted glyphs as a coverage table (format 1).
func writeCoverage(glyphs []int) []byte {
	w := &wr{}
	w.u16(1)
	w.u16(len(glyphs))
	for _, g := range glyphs {
		w.u16(g)
	}
	return w.b
}

func readClassDef(b rd) map[int]int {
	m := map[int]int{}
	switch b.u16(0) {
	case 1:
		start := b.u16(2)
		for i := 0; i < b.u16(4); i++ {
			if c := b.u16(6 + 2*i); c != 0 {
				m[start+i] = c
			}
		}
	case 2:
		for i := 0; i < b.u16(2); i++ {
			r := 4 + 6*i
			for g := b.u16(r); g <= b.u16(r+2); g++ {
				if c := b.u16(r + 4); c != 0 {
					m[g] = c
				}
			}
		}
	}
	return m
}

// writeClassDef writes a class definition (format 2: ranges of glyphs of
// one class).
func writeClassDef(m map[int]int) []byte {
	gs := make([]int, 0, len(m))
	for g := range m {
		gs = append(gs, g)
	}
	sort.Ints(gs)
	type rng struct{ s, e, c int }
	var rs []rng
	for _, g := range gs {
		if n := len(rs); n > 0 && rs[n-1].e == g-1 && rs[n-1].c == m[g] {
			rs[n-1].e = g
			continue
		}
		rs = append(rs, rng{g, g, m[g]})
	}
	w := &wr{}
	w.u16(2)
	w.u16(len(rs))
	for _, r := range rs {
		w.u16(r.s)
		w.u16(r.e)
		w.u16(r.c)
	}
	return w.b
}

// writeGDEF keeps the glyph classes, the mark attachment classes and the
// mark glyph sets of the kept glyphs (the lookups' flags name them); the
// attachment points and ligature carets are left out.
func writeGDEF(data []byte, gm glyphMap) []byte {
	b := rd(data)
	version := b.u32(0)
	sub := func(cd map[int]int) map[int]int {
		out := map[int]int{}
		for g, c := range cd {
			if gm.has(g) {
				out[gm.new[g]] = c
			}
		}
		return out
	}
	var sets [][]int
	if version >= 0x00010002 && b.u16(12) != 0 {
		ms := b.sub(b.u16(12))
		for i := 0; i < ms.u16(2); i++ {
			var gs []int
			for _, g := range readCoverage(ms.sub(ms.u32(4 + 4*i))) {
				if gm.has(g) {
					gs = append(gs, gm.new[g])
				}
			}
			sets = append(sets, gs)
		}
	}
	w := &wr{}
	if sets != nil {
		w.u32(0x00010002)
	} else {
		w.u32(0x00010000)
	}
	hdr := w.reserve(8)
	if sets != nil {
		w.reserve(2)
	}
	if o := b.u16(4); o != 0 {
		w.off16(hdr, 0)
		w.bytes(writeClassDef(sub(readClassDef(b.sub(o)))))
	}
	if o := b.u16(10); o != 0 {
		w.off16(hdr+6, 0)
		w.bytes(writeClassDef(sub(readClassDef(b.sub(o)))))
	}
	if sets != nil {
		w.off16(hdr+8, 0)
		base := w.len()
		w.u16(1)
		w.u16(len(sets))
		at := w.reserve(4 * len(sets))
		for i, gs := range sets {
			o := w.len() - base
			w.b[at+4*i] = byte(o >> 24)
			w.b[at+4*i+1] = byte(o >> 16)
			w.b[at+4*i+2] = byte(o >> 8)
			w.b[at+4*i+3] = byte(o)
			w.bytes(writeCoverage(gs))
		}
	}
	return w.b
}
