package typeset

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
		if len(rest) == 0 && p.fits(hb, n+total) {
			for _, id := range it.notes {
				chunks = append(chunks, chunk{id: id, lines: p.notes[id].lines})
			}
			b, n = hb, n+total
			j++
			continue
		}
		lastID := it.notes[len(it.notes)-1]
		lastN := len(p.notes[lastID].lines)
		room := p.maxNotes(hb) - n - (total - lastN)
		if len(rest) == 0 && room >= min(2, lastN) && room < lastN {
			for _, id := range it.notes[:len(it.notes)-1] {
				chunks = append(chunks, chunk{id: id, lines: p.notes[id].lines})
			}
			chunks = append(chunks, chunk{id: lastID, lines: p.notes[lastID].lines[:room], split: true})
			rest = []pending{{id: lastID, lines: p.notes[lastID].lines[room:], cont: true}}
			b = hb
			j++
			break // the page is full: notes have priority over the body
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

// paginate splits one chapter's items into pages.
func (p *pager) paginate(ch int, queue []pending) ([]bodyPage, []pending) {
	var pages []bodyPage
	i := 0
	limit := len(p.items)
	for i < limit || len(queue) > 0 {
		end, chunks, rest := p.fill(i, limit, queue, false)
		short := false
		if end < limit {
			k := end
			for k > i && p.items[k-1].keep {
				k--
			}
			switch {
			case k > i && k < end:
				end, chunks, rest = p.fill(i, k, queue, false)
				short = true
			case end == i && i < limit:
				// not even one item fits: force it
				end, chunks, rest = p.fill(i, limit, queue, true)
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
