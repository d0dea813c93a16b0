package typeset

import "slices"

// The page builder fills pages with grid lines, footnotes at the foot.
//
// Widows, orphans and hyphens at a page foot are avoided TeX's
// \raggedbottom way: a page may end only after an item without keep, so
// when the natural break falls badly the page runs a line or two short;
// the grid never stretches. Footnotes follow TeX too: a note goes whole
// on the page of its marker's line when it fits; otherwise it is split
// (at least two lines stay with the marker) and no further body line joins
// that page; the rest continues first thing at the next page's foot.

// pending is the unplaced rest of a note.
type pending struct {
	id    int
	lines []line
	cont  bool // some lines are already placed
}

// chunk is a piece of a note placed on a page.
type chunk struct {
	id    int
	lines []line
	cont  bool // continues a note from an earlier page
	split bool // continues on a later page
}

// bodyPage is one page of a chapter's body.
type bodyPage struct {
	ch      int
	start   int // items [start, end)
	end     int
	chunks  []chunk
	opening bool
	short   bool
}

type pager struct {
	t     *setter
	items []vitem
	notes []note
	// geometry, from the setter
	lines              int
	lead, nlead, nsize float64
}

// noteDepth is the vertical space n note lines take with the rule, in
// points, and bodyFits reports whether b body grid lines fit above n note
// lines.
func (p *pager) fits(b, n int) bool {
	if n == 0 {
		return b <= p.lines
	}
	avail := float64(p.lines-1)*p.lead - float64(n+1)*p.nlead // last body baseline limit, from the first
	if b == 0 {
		return float64(n-1)*p.nlead <= float64(p.lines-1)*p.lead
	}
	return float64(b-1)*p.lead <= avail+0.01
}

// maxNotes is how many note lines fit under b body lines.
func (p *pager) maxNotes(b int) int {
	n := 0
	for p.fits(b, n+1) {
		n++
	}
	return n
}

// fill lays out one page from item i, stopping before limit, with queue
// the notes carried from the previous page. force places item i even if
// it does not fit.
func (p *pager) fill(i, limit int, queue []pending, force bool) (end int, chunks []chunk, rest []pending) {
	b, n := 0, 0
	// carried notes first, leaving room for a few body lines when there are
	for len(queue) > 0 {
		q := queue[0]
		room := p.maxNotes(min(3, limit-i))
		if i >= limit {
			room = p.maxNotes(0)
		}
		room -= n
		if room <= 0 {
			break
		}
		if len(q.lines) <= room {
			chunks = append(chunks, chunk{id: q.id, lines: q.lines, cont: q.cont})
			n += len(q.lines)
			queue = queue[1:]
			continue
		}
		if r := noteCut(q.lines, room, 1); r > 0 {
			room = r
		}
		chunks = append(chunks, chunk{id: q.id, lines: q.lines[:room], cont: q.cont, split: true})
		n += room
		queue = append([]pending{{id: q.id, lines: q.lines[room:], cont: true}}, queue[1:]...)
		break
	}
	rest = queue
	j := i
	for j < limit {
		it := &p.items[j]
		if it.space && b == 0 {
			j++
			continue
		}
		hb := b + it.h
		if len(it.notes) == 0 {
			if p.fits(hb, n) || (force && j == i) {
				b = hb
				j++
				continue
			}
			break
		}
		if len(rest) > 0 && !(force && j == i) {
			break // notes keep their order: earlier notes must finish first
		}
		total := 0
		for _, id := range it.notes {
			total += len(p.notes[id].lines)
		}
		// the lines that must stay with the marker's line (widow, hyphen,
		// heading) end the page with it if its notes are split
		tail, hbt := j+1, hb
		if it.keep {
			for tail < limit && len(p.items[tail].notes) == 0 {
				hbt += p.items[tail].h
				tail++
				if !p.items[tail-1].keep {
					break
				}
			}
		}
		whole := len(rest) == 0 && p.fits(hb, n+total)
		if whole && (tail == j+1 || p.fits(hbt, n+total)) {
			for _, id := range it.notes {
				chunks = append(chunks, chunk{id: id, lines: p.notes[id].lines})
			}
			b, n = hb, n+total
			j++
			continue
		}
		lastID := it.notes[len(it.notes)-1]
		lastN := len(p.notes[lastID].lines)
		hb = hbt
		room := p.maxNotes(hb) - n - (total - lastN)
		if room < lastN {
			room = noteCut(p.notes[lastID].lines, room, min(2, lastN))
		}
		if len(rest) == 0 && room >= min(2, lastN) && room < lastN {
			for _, id := range it.notes[:len(it.notes)-1] {
				chunks = append(chunks, chunk{id: id, lines: p.notes[id].lines})
			}
			chunks = append(chunks, chunk{id: lastID, lines: p.notes[lastID].lines[:room], split: true})
			rest = []pending{{id: lastID, lines: p.notes[lastID].lines[room:], cont: true}}
			b = hb
			j = tail
			break // the page is full: notes have priority over the body
		}
		hb = b + it.h
		if whole {
			// the notes fit whole but not the lines held to the marker's:
			// the page will end before the marker's paragraph part
			for _, id := range it.notes {
				chunks = append(chunks, chunk{id: id, lines: p.notes[id].lines})
			}
			b, n = hb, n+total
			j++
			continue
		}
		if force && j == i {
			// nothing fits with its notes: place what fits, carry the rest
			b = hb
			j++
			room := p.maxNotes(b) - n
			for _, id := range it.notes {
				ls := p.notes[id].lines
				switch {
				case room >= len(ls):
					chunks = append(chunks, chunk{id: id, lines: ls})
					room -= len(ls)
				case room > 0:
					if r := noteCut(ls, room, 1); r > 0 {
						room = r
					}
					chunks = append(chunks, chunk{id: id, lines: ls[:room], split: true})
					rest = append(rest, pending{id: id, lines: ls[room:], cont: true})
					room = 0
				default:
					rest = append(rest, pending{id: id, lines: ls})
				}
			}
			break
		}
		break
	}
	return j, chunks, rest
}

// holdCost is how many lines a page may give up to keep a letter's
// ending with the last lines of its text; beyond it the hold gives way.
const holdCost = 3

// paginate splits one chapter's items into pages.
func (p *pager) paginate(ch int, queue []pending) ([]bodyPage, []pending) {
	var pages []bodyPage
	i := 0
	limit := len(p.items)
	for i < limit || len(queue) > 0 {
		var end int
		var chunks []chunk
		var rest []pending
		short := false
		tried := map[int]bool{}      // breaks already repaired, for this page
		loosened := map[*para]bool{} // paragraphs already reset for it
		for round := 0; ; round++ {
			end, chunks, rest = p.fill(i, limit, queue, false)
			// a hyphen at the foot: first try breaking that paragraph so
			// that the line does not end in one, then, failing that, run short
			for try := 0; try < 2 && end > i && end < limit && p.items[end-1].hyph && p.unhyphenate(end-1); try++ {
				end, chunks, rest = p.fill(i, limit, queue, false)
			}
			// a widow or an orphan: set a paragraph a line shorter or longer
			// (TeX's \looseness) so that the page can stay full
			for try := 0; try < 2 && end > i && end < limit && p.fixBreak(i, end); try++ {
				end, chunks, rest = p.fill(i, limit, queue, false)
			}
			if end >= limit {
				break
			}
			if end == i {
				// not even one item fits: force it
				end, chunks, rest = p.fill(i, limit, queue, true)
				break
			}
			short = false
			if k := p.backup(i, end); k > i && k < end {
				// the page would run short: make a later break legal if
				// a paragraph can be set otherwise, the latest break
				// first, so that a page runs one line short, not several
				fixed := false
				for e := end - 1; e > k && !fixed && round < 8; e-- {
					if !tried[e] {
						tried[e] = true
						fixed = p.repair(i, e)
					}
				}
				if fixed {
					continue
				}
				end, chunks, rest = p.fill(i, k, queue, false)
				short = true
			}
			// still short (a keep, or a note that could not come): a
			// paragraph of the page set a line shorter or longer may fill it
			if sl := p.slack(i, end, chunks); round < 8 && (short && sl >= 1 || sl >= 2) && p.loosen(i, end, limit, queue, sl, loosened) {
				continue
			}
			break
		}
		if end > i && end < limit && len(rest) == 0 && p.onlyEnding(end, limit) {
			// a letter's ending would stand alone on the chapter's last
			// page: set a paragraph of this page a line tighter so that
			// it fits here, or else take the last lines of the text over
			// with it, whatever the hold costs this page
			if debugEnd {
				println("ending alone: page from", i, "end", end, "limit", limit)
			}
			if e, c, r, ok := p.pullIn(i, limit, queue); ok {
				end, chunks, rest = e, c, r
			} else if e, c, r, ok := p.pushOut(i, limit, queue); ok {
				end, chunks, rest = e, c, r
			} else {
				k := end
				for k > i && (p.items[k-1].keep || p.items[k-1].hold) {
					k--
				}
				if k > i && k < end {
					end, chunks, rest = p.fill(i, k, queue, false)
					short = true
				}
			}
		}
		if end == i && len(chunks) == 0 {
			// nothing placed at all (cannot happen with sane geometry);
			// force progress rather than loop
			end, chunks, rest = p.fill(i, limit, nil, true)
			rest = append(rest, queue...)
		}
		pages = append(pages, bodyPage{ch: ch, start: i, end: end, chunks: chunks, opening: i == 0, short: short})
		i, queue = end, rest
	}
	return pages, queue
}

// onlyEnding reports whether items [a, b) are a letter's ending (and
// blank lines) and nothing else.
func (p *pager) onlyEnding(a, b int) bool {
	text := false
	for _, it := range p.items[a:b] {
		if it.space || it.h == 0 {
			continue
		}
		if !it.ending {
			return false
		}
		text = true
	}
	return text
}

// pullIn tries to end the chapter on the page from top: paragraphs of
// the page, from the last, set a line shorter, until the rest fits.
func (p *pager) pullIn(top, limit int, queue []pending) (int, []chunk, []pending, bool) {
	type saved struct {
		first int
		items []vitem
		par   *para
		was   para
	}
	// first, the blank lines that set the ending off from the text: on
	// a chapter's last page nothing follows them, and the ending stands
	// apart by its small italic anyway
	var gaps []int
	for k := limit - 1; k >= top; k-- {
		if it := &p.items[k]; it.space && it.h > 0 {
			gaps = append(gaps, k)
		} else if !p.items[k].ending {
			break
		}
	}
	for _, k := range gaps {
		p.items[k].h = 0
	}
	if end, chunks, rest := p.fill(top, limit, queue, false); end >= limit {
		return end, chunks, rest, true
	}
	for _, k := range gaps {
		p.items[k].h = 1
	}
	var undo []saved
	tried := 0
	for q := limit - 1; q >= top && tried < 8; q-- {
		it := &p.items[q]
		par := it.par
		if par == nil || !it.last || q-it.pline < top {
			continue
		}
		tried++
		first := q - it.pline
		undo = append(undo, saved{first, append([]vitem(nil), p.items[first:first+par.slots]...), par, *par})
		if !p.reflow(q, -1, top) {
			if debugEnd {
				println(" pull: reflow failed at", q)
			}
			continue
		}
		end, chunks, rest := p.fill(top, limit, queue, false)
		if debugEnd {
			println(" pull: end", end, "limit", limit)
		}
		if end >= limit {
			return end, chunks, rest, true
		}
	}
	for i := len(undo) - 1; i >= 0; i-- {
		u := undo[i]
		copy(p.items[u.first:], u.items)
		*u.par = u.was
	}
	return 0, nil, nil, false
}

// pushOut is pullIn's other way: a paragraph of the page set a line
// longer, so that lines of text go over with the ending while this page
// stays full.
func (p *pager) pushOut(top, limit int, queue []pending) (int, []chunk, []pending, bool) {
	type saved struct {
		first int
		items []vitem
		par   *para
		was   para
	}
	var undo []saved
	tried := 0
	for q := limit - 1; q >= top && tried < 8; q-- {
		it := &p.items[q]
		par := it.par
		if par == nil || !it.last || q-it.pline < top {
			continue
		}
		tried++
		first := q - it.pline
		undo = append(undo, saved{first, append([]vitem(nil), p.items[first:first+par.slots]...), par, *par})
		if !p.reflow(q, +1, top) {
			if debugEnd {
				println(" push: reflow failed at", q)
			}
			continue
		}
		end, chunks, rest := p.fill(top, limit, queue, false)
		if debugEnd {
			println(" push: end", end, "rest", len(rest), "only", p.onlyEnding(end, limit), "backup", p.backup(top, end), "slack", p.slack(top, end, chunks))
		}
		if end > top && end < limit && len(rest) == 0 && !p.onlyEnding(end, limit) && p.backup(top, end) == end && p.slack(top, end, chunks) <= 1 {
			return end, chunks, rest, true
		}
	}
	for i := len(undo) - 1; i >= 0; i-- {
		u := undo[i]
		copy(p.items[u.first:], u.items)
		*u.par = u.was
	}
	return 0, nil, nil, false
}

// backup returns where a page that would end before item end may end:
// after the last item without keep. A hold (a letter's ending kept with
// its text) gives way when honouring it would cost holdCost lines or more.
func (p *pager) backup(i, end int) int {
	k := end
	for k > i && (p.items[k-1].keep || p.items[k-1].hold) {
		k--
	}
	if p.height(k, end) >= holdCost || k == i {
		kh := end
		for kh > i && p.items[kh-1].keep {
			kh--
		}
		if kh > k {
			k = kh
		}
	}
	return k
}

// height is the grid lines items [a, b) take.
func (p *pager) height(a, b int) int {
	h := 0
	for _, it := range p.items[a:b] {
		h += it.h
	}
	return h
}

// repair tries to make a page break before item e legal by setting a
// paragraph again: without the hyphen that ends line e-1, or a line
// longer or shorter against a widow or an orphan.
func (p *pager) repair(top, e int) bool {
	if p.items[e-1].hyph && p.unhyphenate(e-1) {
		return true
	}
	return p.fixBreak(top, e)
}

// loosen is TeX's \looseness applied by hand: when a page [top, k) runs
// short by slack lines, it sets one of the paragraphs wholly on the page
// a line shorter or longer, and keeps the change only if the page then
// ends at its natural, legal break with less slack. Tighter goes first:
// it also saves a line.
func (p *pager) loosen(top, k, limit int, queue []pending, slack int, done map[*para]bool) bool {
	tried := 0
	for q := k - 1; q >= top && tried < 6; q-- {
		it := &p.items[q]
		par := it.par
		if par == nil || !it.last {
			continue
		}
		first := q - it.pline
		if first < top {
			break // the paragraph began on an earlier page, which is built
		}
		tried++
		if done[par] {
			continue
		}
		done[par] = true
		saved := append([]vitem(nil), p.items[first:first+par.slots]...)
		savedPar := *par
		for _, delta := range []int{-1, +1} {
			if !p.reflow(q, delta, top) {
				continue
			}
			end, chunks, _ := p.fill(top, limit, queue, false)
			if end >= limit || end > top && p.backup(top, end) == end && p.slack(top, end, chunks) < slack {
				return true
			}
			copy(p.items[first:], saved)
			*par = savedPar
		}
	}
	return false
}

// slack is how many more body lines the page [top, end) with its note
// chunks could hold.
func (p *pager) slack(top, end int, chunks []chunk) int {
	b, n := 0, 0
	for _, it := range p.items[top:end] {
		if it.space && b == 0 {
			continue
		}
		b += it.h
	}
	for _, c := range chunks {
		n += len(c.lines)
	}
	s := 0
	for p.fits(b+s+1, n) {
		s++
	}
	return s
}

// noteCut is where a note split after at most room lines may end: not
// after a hyphenated line (as for the body, no hyphen ends a page's part),
// with at least least lines, and if it can be, with two lines or more
// left to continue; 0 when there is no such place.
func noteCut(lines []line, room, least int) int {
	if room >= len(lines) {
		return len(lines) // no split
	}
	for _, keep := range []int{2, 1} {
		for r := min(room, len(lines)-keep); r >= max(least, 1); r-- {
			if !lines[r-1].hyph {
				return r
			}
		}
	}
	return 0
}

// unhyphenate sets the paragraph of item k again with the hyphen that ends
// line k forbidden, and takes the new lines if the paragraph keeps its
// line count and its note markers stay on the same lines (so pages
// already built keep their notes) and line k no longer ends in a hyphen.
func (p *pager) unhyphenate(k int) bool {
	it := &p.items[k]
	par := it.par
	if par == nil {
		return false
	}
	first := k - it.pline
	forbid := append([]int(nil), par.ps.forbid...)
	forbid = append(forbid, it.brk)
	for range 3 {
		ps := par.ps
		ps.forbid = forbid
		lines, n := p.t.resetPara(par, ps, par.n)
		if n != par.n {
			return false
		}
		for j, ln := range lines {
			if ln.overfull || !slices.Equal(par.gid(ln.notes), p.items[first+j].notes) {
				return false
			}
		}
		if lines[it.pline].hyph {
			forbid = append(forbid, lines[it.pline].brk)
			continue
		}
		par.ps.forbid = forbid
		par.failed = [2]bool{}
		for j, ln := range lines {
			dst := &p.items[first+j]
			dst.runs, dst.hyph, dst.brk, dst.loose = ln.runs, ln.hyph, ln.brk, ln.ratio > 1
			dst.keep = par.keep || ln.hyph || (n >= 2 && (j == 0 || j == n-2))
		}
		return true
	}
	return false
}

// reflow sets the paragraph of item k again with delta lines more (+1)
// or fewer (-1), within its slots, so that no index moves; the page being
// built starts at item top. It keeps the result only if no line is
// overfull or very loose and every note marker stays on the line of an
// earlier page it was on (those pages and their notes are built).
func (p *pager) reflow(k, delta, top int) bool {
	it := &p.items[k]
	par := it.par
	if par == nil || par.n+delta < 2 || par.n+delta > par.slots {
		return false
	}
	// with no line on a built page the outcome depends on the paragraph
	// alone: a failure is remembered until the paragraph changes
	key := max(delta, 0)
	alone := k-it.pline >= top
	if alone && par.failed[key] {
		return false
	}
	ok := p.reflowPar(k, delta, top)
	if ok {
		par.failed = [2]bool{}
	} else if alone {
		par.failed[key] = true
	}
	return ok
}

func (p *pager) reflowPar(k, delta, top int) bool {
	it := &p.items[k]
	par := it.par
	first := k - it.pline
	var old []int
	for j := 0; j < par.n; j++ {
		old = append(old, p.items[first+j].notes...)
	}
	for try := 1; try <= 10; try++ {
		ps := par.ps
		ps.loose = delta * try
		if delta < 0 {
			ps.loose = -1
		}
		lines, n := p.t.resetPara(par, ps, par.n+delta)
		if n != par.n+delta {
			if delta < 0 || n > par.n+delta {
				return false
			}
			continue // not yet a line longer: narrow the measure more
		}
		var now []int
		for j, ln := range lines {
			ids := par.gid(ln.notes)
			if ln.overfull || ln.ratio > 1.5 || first+j < top && !slices.Equal(ids, p.items[first+j].notes) {
				return false
			}
			now = append(now, ids...)
		}
		if !slices.Equal(now, old) {
			return false
		}
		par.ps, par.n = ps, n
		for j, ln := range lines {
			dst := &p.items[first+j]
			*dst = vitem{h: 1, runs: ln.runs, notes: par.gid(ln.notes), hyph: ln.hyph, brk: ln.brk,
				first: j == 0, last: j == n-1, plines: n, par: par, pline: j, marks: dst.marks, overfull: ln.overfull, loose: ln.ratio > 1,
				hold: par.hold && j == n-1}
			dst.keep = par.keep || ln.hyph || (n >= 2 && (j == 0 || j == n-2))
		}
		for j := n; j < par.slots; j++ {
			p.items[first+j] = vitem{space: true, hold: par.hold}
		}
		return true
	}
	return false
}

// fixBreak tries to take away a widow or an orphan at a page that would
// end before item end by resetting a paragraph on the page; it reports
// whether it changed anything.
func (p *pager) fixBreak(top, end int) bool {
	next, last := &p.items[end], &p.items[end-1]
	switch {
	case next.last && next.plines >= 2 && !next.first:
		// a widow: take it in, or send a second line over with it
		return p.reflow(end, -1, top) || p.reflow(end, +1, top)
	case last.first && last.plines >= 2 && !last.last:
		// an orphan: the paragraph before takes a line more (pushing the
		// orphan over) or a line less (making room for a second line)
		q := end - 2
		for q >= top && p.items[q].h == 0 {
			q--
		}
		if q < top || p.items[q].par == nil {
			return false
		}
		return p.reflow(q, +1, top) || p.reflow(q, -1, top)
	}
	return false
}

var debugEnd = false
