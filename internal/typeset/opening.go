package typeset

import (
	"math"
	"strings"

	"folio/internal/book"
)

// openingBlock sets a chapter's title block: a sink of about a fifth of
// the text block, the title, the subtitle in italic, and the place and
// date, then two blank grid lines before the text.
func (t *setter) openingBlock(ch *book.Chapter, gid func([]int) []int) vitem {
	sp := t.sp
	M := t.measure
	sink := float64(t.sinkLines()) * sp.bodyLead
	it := vitem{keep: true, first: true, last: true, plines: 1}
	y := sink
	put := func(lines []line, lead float64) {
		for _, ln := range lines {
			for _, r := range ln.runs {
				r.Y += y
				it.runs = append(it.runs, r)
			}
			it.notes = append(it.notes, gid(ln.notes)...)
			y += lead
		}
	}
	tsize := sp.bodySize * 1.6
	if ch.Kind == book.Part {
		// a part-title page: the title a third down, larger
		y = float64(t.lines) * sp.bodyLead / 3
		tsize = sp.bodySize * 2
	}
	// the label apart from the title and over it: "Chapter I" in spaced
	// capitals, then "The Arrival at Skerryvore"
	if l := strings.TrimSpace(ch.Label); l != "" {
		lps := paraSpec{style: Regular, size: sp.bodySize, width: M, align: center}
		lps.prefix = t.capsToksSize(l, false, Regular, sp.bodySize)
		put(t.setPara(nil, lps), sp.bodyLead)
		y += sp.bodyLead * 0.8
	}
	ps := paraSpec{style: Regular, size: tsize, width: M, left: M * 0.08, right: M * 0.08, align: center, notes: ch.Notes}
	title := ch.Title
	if len(title) == 0 {
		title = []book.Inline{{Kind: book.Text, Text: " "}}
	}
	if ch.Kind == book.Dedication || ch.Kind == book.EpigraphPage {
		// set without a heading: the page is its text
		title = []book.Inline{{Kind: book.Text, Text: " "}}
	}
	put(t.displayLines(title, ps), tsize*1.3)
	y += sp.bodyLead*0.6 - tsize*1.3 + sp.bodyLead
	if len(ch.Subtitle) > 0 {
		ps = paraSpec{style: Italic, size: sp.bodySize * 1.05, width: M, left: M * 0.1, right: M * 0.1, align: center, notes: ch.Notes}
		put(t.setPara(ch.Subtitle, ps), sp.bodyLead)
		y += sp.bodyLead * 0.3
	}
	var dl []string
	for _, s := range []string{ch.Place, ch.Date, ch.Time} {
		if s = strings.TrimSpace(s); s != "" {
			dl = append(dl, s)
		}
	}
	if len(dl) > 0 {
		txt := strings.Join(dl, ", ")
		ps = paraSpec{style: Regular, size: sp.bodySize, width: M, align: center}
		ps.prefix = t.capsToks(txt, true)
		put(t.setPara(nil, ps), sp.bodyLead)
	}
	last := y - sp.bodyLead // baseline of the last line set
	it.h = int(math.Ceil(last/sp.bodyLead)) + 3
	if it.h > t.lines {
		it.h = t.lines
	}
	mark := strings.TrimSpace(ch.TitleText())
	if l := strings.TrimSpace(ch.Label); l != "" {
		mark = l + ": " + mark
	}
	if mark == "" && ch.Kind != "" {
		mark = strings.ToUpper(string(ch.Kind[:1])) + string(ch.Kind[1:])
	}
	it.marks = []Bookmark{{Title: mark, Level: 0, Y: 0}}
	return it
}

// displayLines sets a display title centred, broken for sense and
// balance: no line ends with a word that leans on the next (bindsNext),
// and the measure is narrowed as long as the line count holds, so that
// the lines come out of even length instead of a full line over a short
// one. Breaking for sense is given up if it leaves a line too wide.
func (t *setter) displayLines(in []book.Inline, ps paraSpec) []line {
	ps.display = true
	lines := t.setPara(in, ps)
	if overfullAny(lines) {
		ps.display = false
		lines = t.setPara(in, ps)
	}
	if len(lines) < 2 {
		return lines
	}
	n := len(lines)
	full := ps.width - ps.left - ps.right
	lo, hi := full/3, full
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		q := ps
		q.right += full - mid
		if l := t.setPara(in, q); len(l) == n && !overfullAny(l) {
			hi = mid
		} else {
			lo = mid
		}
	}
	q := ps
	// narrower on the right only, then the whole block moved back to the
	// centre: the lines are centred on the narrowed measure
	q.right += full - hi
	lines = t.setPara(in, q)
	for i := range lines {
		for j := range lines[i].runs {
			lines[i].runs[j].X += (full - hi) / 2
		}
	}
	return lines
}

func overfullAny(lines []line) bool {
	for _, l := range lines {
		if l.overfull {
			return true
		}
	}
	return false
}

// sinkLines is the drop of chapter titles, in grid lines.
func (t *setter) sinkLines() int { return int(math.Round(float64(t.lines) * 0.2)) }
