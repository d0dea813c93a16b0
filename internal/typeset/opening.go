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
	ps := paraSpec{style: Regular, size: tsize, width: M, left: M * 0.08, right: M * 0.08, align: center, notes: ch.Notes}
	title := ch.Title
	if len(title) == 0 {
		title = []book.Inline{{Kind: book.Text, Text: " "}}
	}
	put(t.setPara(title, ps), tsize*1.3)
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
	it.marks = []Bookmark{{Title: strings.TrimSpace(ch.TitleText()), Level: 0, Y: 0}}
	return it
}

// sinkLines is the drop of chapter titles, in grid lines.
func (t *setter) sinkLines() int { return int(math.Round(float64(t.lines) * 0.2)) }
