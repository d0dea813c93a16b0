package typeset

import (
	"math"
	"strings"
	"unicode/utf8"

	"folio/internal/book"
)

// The block kinds of books other than the sample (issue 10): verse, set
// apart quotations, tables, scene breaks, figure captions, epigraphs and
// index entries. Each takes whole grid lines, so the page builder treats
// them as it treats paragraphs.

// space adds a blank grid line unless the list is empty or already ends
// with one.
func (out *chapter) space() {
	if n := len(out.items); n == 0 || out.items[n-1].space && out.items[n-1].h > 0 {
		return
	}
	out.items = append(out.items, vitem{h: 1, space: true})
}

// addVerse sets verse unjustified, each line at its own indent (in ems
// from the verse's left edge, itself indented two ems), a line too long
// for the measure turned over with a hanging indent of two ems more; an
// empty line is a stanza gap. A stanza's first two and last two lines
// keep together, as a paragraph's do.
func (t *setter) addVerse(out *chapter, lines []book.VerseLine, gid func([]int) []int, notes []book.Note, style Style, size float64) {
	em := size
	base := 2 * em
	out.space()
	var stanza []int // items of the current stanza's lines
	closeStanza := func() {
		n := len(stanza)
		for i, k := range stanza {
			it := &out.items[k]
			it.first, it.last, it.plines = i == 0, i == n-1, n
			it.keep = it.keep || n >= 2 && (i == 0 || i == n-2)
		}
		stanza = stanza[:0]
	}
	for _, vl := range lines {
		if len(vl.Inlines) == 0 || strings.TrimSpace(book.PlainText(vl.Inlines)) == "" && !hasNoteRef(vl.Inlines) {
			closeStanza()
			out.space()
			continue
		}
		left := base + float64(vl.Indent)*em
		ps := paraSpec{style: style, size: size, width: t.measure, left: left + 2*em, indent: -2 * em, align: flushLeft, notes: notes}
		set := t.setParaHang(vl.Inlines, ps)
		for j, ln := range set {
			it := vitem{h: 1, runs: ln.runs, notes: gid(ln.notes), overfull: ln.overfull, keep: j < len(set)-1}
			if ln.overfull {
				t.overfull++
			}
			stanza = append(stanza, len(out.items))
			out.items = append(out.items, it)
		}
	}
	closeStanza()
	out.space()
}

func hasNoteRef(in []book.Inline) bool {
	for _, r := range in {
		if r.Kind == book.NoteRef {
			return true
		}
	}
	return false
}

// addSceneBreak sets a centred ornament on a line of its own, with a
// blank line either side taken away: the break is the ornament. It is
// kept with the lines on both sides, so it never stands at a page's head
// or foot, where a reader would not see it.
func (t *setter) addSceneBreak(out *chapter) {
	orn := "⁂"
	if !t.fonts[Regular].Has('⁂') {
		orn = "*\u2002\u2002*\u2002\u2002*"
	}
	sg := t.mk(Regular, t.sp.bodySize, orn)
	x := (t.measure - t.width(sg)) / 2
	// drop a blank line before it: the break needs no more space
	if n := len(out.items); n > 0 && out.items[n-1].space && out.items[n-1].h > 0 {
		out.items = out.items[:n-1]
	}
	if n := len(out.items); n > 0 {
		k := n - 1
		for k > 0 && out.items[k].h == 0 {
			out.items[k].keep = true
			k--
		}
		out.items[k].keep = true
	}
	out.items = append(out.items, vitem{h: 1, runs: t.place(nil, x, 0, sg), keep: true, first: true, last: true, plines: 1})
}

// addFigure sets an illustration's caption as its placeholder: centred,
// in small italic, between thin rules, set off by a blank line.
func (t *setter) addFigure(out *chapter, in []book.Inline, gid func([]int) []int, notes []book.Note) {
	sp := t.sp
	ps := paraSpec{style: Italic, size: sp.noteSize, width: t.measure, left: t.measure * 0.12, right: t.measure * 0.12, align: center, notes: notes}
	if len(in) == 0 {
		in = []book.Inline{{Kind: book.Text, Text: "[Illustration]"}}
	}
	lines := t.displayLines(in, ps)
	out.space()
	it := vitem{first: true, last: true, plines: 1}
	w := t.measure * 0.3
	y := 0.0
	for _, ln := range lines {
		for _, r := range ln.runs {
			r.Y += y
			it.runs = append(it.runs, r)
		}
		it.notes = append(it.notes, gid(ln.notes)...)
		y += sp.noteLead
	}
	it.h = int(math.Ceil((float64(len(lines)-1)*sp.noteLead)/sp.bodyLead)) + 1
	// a thin rule over the caption and one under it
	it.rules = []Rule{{X1: (t.measure - w) / 2, X2: (t.measure + w) / 2, Y: -sp.bodyLead * 0.9, Width: 0.4},
		{X1: (t.measure - w) / 2, X2: (t.measure + w) / 2, Y: y - sp.noteLead + sp.bodyLead*0.55, Width: 0.4}}
	out.items = append(out.items, it)
	out.space()
}

// addEpigraph sets a chapter's epigraph: indented by a third of the
// measure, in italic, ragged right (its verse lines kept), the source
// flush right under it after an em dash.
func (t *setter) addEpigraph(out *chapter, b *book.Block, gid func([]int) []int, notes []book.Note) {
	size := t.sp.bodySize
	left := t.measure / 3
	var lines []line
	if len(b.Lines) > 0 {
		for _, vl := range b.Lines {
			ps := paraSpec{style: Italic, size: size, width: t.measure, left: left + float64(vl.Indent)*size + size, indent: -size, align: flushLeft, notes: notes}
			lines = append(lines, t.setParaHang(vl.Inlines, ps)...)
		}
	} else {
		ps := paraSpec{style: Italic, size: size, width: t.measure, left: left, align: flushLeft, notes: notes}
		lines = t.setPara(b.Inlines, ps)
	}
	if len(b.Attribution) > 0 {
		in := append([]book.Inline{{Kind: book.Text, Text: "— "}}, b.Attribution...)
		ps := paraSpec{style: Regular, size: size, width: t.measure, left: left, align: flushRight, notes: notes}
		lines = append(lines, t.setPara(in, ps)...)
	}
	t.addLines(out, lines, 0, false, gid)
	out.space()
}

// addTable sets a table: with rows, a real one — columns as wide as
// their widest cell (narrowed in proportion when the table is wider
// than the measure, the cells then wrapping), a header row in bold over
// a rule, numbers and right-aligned cells flush right; without rows
// (Pre), the lines as printed with their columns kept in line: each run
// of text starts at its column times the width of a figure.
func (t *setter) addTable(out *chapter, b *book.Block, gid func([]int) []int, notes []book.Note) {
	size := t.sp.noteSize + 0.5
	lead := t.sp.bodyLead
	out.space()
	if b.Pre || len(b.Rows) == 0 {
		cell := t.width(t.mk(Regular, size, "0"))
		if n := maxCols(b.Lines); n > 0 && cell*float64(n) > t.measure {
			size *= t.measure / (cell * float64(n))
			cell = t.width(t.mk(Regular, size, "0"))
		}
		for _, vl := range b.Lines {
			it := vitem{h: 1, first: true, last: true, plines: 1, keep: true}
			col := vl.Indent
			for _, f := range fieldsWithColumns(book.PlainText(vl.Inlines)) {
				it.runs = t.place(it.runs, float64(col+f.col)*cell, 0, t.mk(Regular, size, f.text))
			}
			out.items = append(out.items, it)
		}
		if n := len(out.items); n > 0 {
			out.items[n-1].keep = false
		}
		out.space()
		return
	}
	cols := 0
	for _, r := range b.Rows {
		cols = max(cols, len(r))
	}
	gap := size
	widths := make([]float64, cols)
	for ri, r := range b.Rows {
		st := Regular
		if ri == 0 && b.Header {
			st = Bold
		}
		for ci, c := range r {
			w := t.width(t.mk(st, size, strings.TrimSpace(book.PlainText(c.Inlines))))
			widths[ci] = math.Max(widths[ci], w+1) // a point of play: a cell as wide as its text must not wrap
		}
	}
	total := gap * float64(cols-1)
	for _, w := range widths {
		total += w
	}
	if total > t.measure {
		scale := (t.measure - gap*float64(cols-1)) / (total - gap*float64(cols-1))
		for i := range widths {
			widths[i] *= scale
		}
	}
	for ri, r := range b.Rows {
		st := Regular
		if ri == 0 && b.Header {
			st = Bold
		}
		var cellLines [][]line
		h := 1
		for ci, c := range r {
			al := flushLeft
			switch c.Align {
			case "right":
				al = flushRight
			case "center":
				al = center
			case "":
				if numeric(book.PlainText(c.Inlines)) {
					al = flushRight
				}
			}
			ps := paraSpec{style: st, size: size, width: widths[ci], align: al, notes: notes}
			ls := t.setPara(c.Inlines, ps)
			cellLines = append(cellLines, ls)
			h = max(h, len(ls))
		}
		x := 0.0
		it := vitem{h: h, first: true, last: true, plines: 1, keep: ri == 0 && b.Header}
		for ci, ls := range cellLines {
			for li, ln := range ls {
				for _, rn := range ln.runs {
					rn.X += x
					rn.Y += float64(li) * lead
					it.runs = append(it.runs, rn)
				}
				it.notes = append(it.notes, gid(ln.notes)...)
			}
			x += widths[ci] + gap
		}
		if ri == 0 && b.Header {
			it.rules = []Rule{{X1: 0, X2: x - gap, Y: float64(h-1)*lead + lead*0.35, Width: 0.4}}
		}
		out.items = append(out.items, it)
	}
	out.space()
}

func numeric(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || strings.ContainsRune(".,%–-$£€ ", r)) {
			return false
		}
	}
	return true
}

type field struct {
	col  int
	text string
}

// fieldsWithColumns splits a printed table line at runs of two or more
// spaces, each field with the column it starts in.
func fieldsWithColumns(s string) []field {
	var out []field
	col, start, spaces := 0, -1, 0
	var cur strings.Builder
	for _, r := range s {
		if r == ' ' {
			spaces++
			if start >= 0 && spaces >= 2 {
				out = append(out, field{start, strings.TrimRight(cur.String(), " ")})
				cur.Reset()
				start = -1
			} else if start >= 0 {
				cur.WriteRune(r)
			}
			col++
			continue
		}
		if start < 0 {
			start = col
		}
		spaces = 0
		cur.WriteRune(r)
		col++
	}
	if start >= 0 {
		out = append(out, field{start, cur.String()})
	}
	return out
}

func maxCols(lines []book.VerseLine) int {
	n := 0
	for _, l := range lines {
		n = max(n, l.Indent+utf8.RuneCountInString(book.PlainText(l.Inlines)))
	}
	return n
}

// addIndexEntry sets an index entry with a hanging indent: the main
// entry at the left, sub-entries an em in per level, turnovers two ems
// further; its page numbers are the source's pages mapped to this
// edition's (pageMap), or as printed when a page is not in the text.
func (t *setter) addIndexEntry(out *chapter, b *book.Block, pageMap map[string]string) {
	size := t.sp.noteSize + 0.5
	level := max(b.Level, 1)
	in := make([]book.Inline, 0, len(b.Inlines))
	for _, r := range b.Inlines {
		if r.Kind == book.PageRef {
			if p, ok := pageMap[r.Page]; ok {
				r.Text = p
			}
			r.Kind = book.Text
		}
		in = append(in, r)
	}
	left := float64(level-1)*size + 2*size
	ps := paraSpec{style: Regular, size: size, width: t.measure, left: left, indent: -2 * size, align: flushLeft}
	lines := t.setParaHang(in, ps)
	if level == 1 && len(out.items) > 1 {
		out.items[len(out.items)-1].keep = false
	}
	t.addLines(out, lines, 0, false, func([]int) []int { return nil })
}
