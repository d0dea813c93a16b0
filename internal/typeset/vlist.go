package typeset

import (
	"math"
	"strings"

	"folio/internal/book"
)

// vitem is one entry of a chapter's vertical list: a line of text, a
// blank grid line, or a block (the chapter title) that spans several grid
// lines. Runs are relative to the text block's left edge and to the
// baseline of the item's first grid line.
type vitem struct {
	h     int // grid lines
	runs  []Run
	rules []Rule // rules drawn with the item (a table's header rule)
	// srcPages are the source pages that start on this line (PageBreak
	// inlines), for an index's page numbers
	srcPages []string
	notes    []int // global note ids whose markers are on this item
	keep     bool  // no page break after this item
	// hold is a weaker keep: a letter's ending stays with the last line of
	// its text, unless honouring it leaves the page two or more lines short
	hold  bool
	space bool // blank line, dropped at a page top
	hyph  bool
	// ending: a letter's ending (closing, signature, source note), not
	// running text
	ending bool
	// paragraph position, for widow and orphan accounting
	first, last bool
	plines      int
	marks       []Bookmark
	overfull    bool
	loose       bool // justified past its glue's stretch (badness over 100)
	// the paragraph this line belongs to, for re-breaking, and the line's
	// index in it
	par   *para
	pline int
	brk   int
}

// para is what it takes to set a paragraph again with other breaks.
type para struct {
	in   []book.Inline
	ps   paraSpec
	keep bool
	hold bool // the last line is held with what follows (see holdLast)
	gid  func([]int) []int
	n    int // lines
	// slots is the items the paragraph may fill: its lines, then empty
	// items of no height
	slots int
	// failed says that setting it a line shorter [0] or longer [1] as it
	// is now has failed (see reflow)
	failed [2]bool
}

// note is a footnote set in lines.
type note struct {
	lines []line
}

// chapter is a typeset chapter: its vertical list and running head.
type chapter struct {
	items []vitem
	head  string // running head (rectos)
	title string // for the contents
	ids   []int  // notes of the chapter, in order (global ids)
	// sections for the contents: title and the item that starts them
	sections []section
}

type section struct {
	title string
	item  int
}

// setChapter turns a chapter into a vertical list and sets its notes,
// which take the global ids base, base+1… in t.notes (already long
// enough: chapters may be set side by side, each filling its own ids).
func (t *setter) setChapter(ci int, ch *book.Chapter, base int) chapter {
	out := chapter{title: strings.TrimSpace(ch.TitleText())}
	for ni := range ch.Notes {
		t.notes[base+ni] = t.setNote(&ch.Notes[ni])
		out.ids = append(out.ids, base+ni)
	}
	gid := func(local []int) []int {
		var g []int
		for _, n := range local {
			if n >= 0 && n < len(ch.Notes) {
				g = append(g, base+n)
			}
		}
		return g
	}
	sp := t.sp
	M := t.measure
	indent := sp.bodySize
	out.items = append(out.items, t.openingBlock(ch, gid))

	prevKind := book.Notice // no indent after the opening
	first := true
	for bi := range ch.Blocks {
		b := &ch.Blocks[bi]
		if prevKind == book.Quote && b.Kind != book.Quote {
			out.space()
		}
		switch b.Kind {
		case book.Verse:
			t.addVerse(&out, b.Lines, gid, ch.Notes, Regular, sp.bodySize)
			prevKind, first = b.Kind, false
			continue
		case book.Table:
			t.addTable(&out, b, gid, ch.Notes)
			prevKind, first = b.Kind, false
			continue
		case book.SceneBreak:
			t.addSceneBreak(&out)
			prevKind, first = book.Notice, false // no indent after it
			continue
		case book.Figure:
			t.addFigure(&out, b.Inlines, gid, ch.Notes)
			prevKind, first = book.Notice, false
			continue
		case book.Epigraph:
			t.addEpigraph(&out, b, gid, ch.Notes)
			prevKind, first = book.Notice, false
			continue
		case book.IndexEntry:
			t.addIndexEntry(&out, b, t.pageMap)
			prevKind, first = b.Kind, false
			continue
		case book.Quote:
			if prevKind != book.Quote && !first {
				out.space()
			}
		}
		startItem := len(out.items)
		ps := paraSpec{style: Regular, size: sp.bodySize, width: M, align: justify, notes: ch.Notes, hyph: true}
		space := 0
		keep := false
		switch b.Kind {
		case book.Para, book.Postscript:
			if ch.Kind == book.Dedication || ch.Kind == book.EpigraphPage {
				// a page of its own: centred, in italic, unjustified
				ps.align, ps.style, ps.hyph = center, Italic, false
				ps.left, ps.right = M*0.1, M*0.1
				break
			}
			if !first && prevKind != book.Heading && prevKind != book.Notice && prevKind != book.Salutation && prevKind != book.Dateline {
				ps.indent = indent
			}
			if b.Kind == book.Postscript {
				space, ps.indent = 1, 0
			}
		case book.Quote:
			ps.left, ps.right = 2*indent, indent
		case book.Speech:
			if !first && prevKind != book.Heading && prevKind != book.Notice {
				ps.indent = indent
			}
			if b.Speaker != "" {
				ps.prefix = t.labelToks(b.Speaker)
			}
		case book.ListItem:
			lab := []seg{t.mk(Regular, sp.bodySize, b.Label)}
			lw := t.width(lab[0])
			hang := math.Max(1.5*indent, lw+0.5*indent)
			ps.left = indent + hang
			ps.label, ps.labelX = lab, indent+hang-0.5*indent-lw
		case book.Heading:
			space, keep = 1, true
			if first {
				space = 0
			}
			ps.align, ps.hyph = center, false
			ps.width = M * 0.85
			ps.left = M * 0.075
			ps.width = M * 0.925
			txt := book.PlainText(b.Inlines)
			if isAllCaps(txt) || len(txt) < 80 {
				ps.prefix = t.capsToks(txt, true)
				ps.prefix = appendNoteToks(ps.prefix, b.Inlines, ch.Notes)
				lines := t.setPara(nil, ps)
				t.addLines(&out, lines, space, keep, gid)
				out.sections = append(out.sections, section{title: txt, item: len(out.items) - len(lines)})
				out.items[len(out.items)-len(lines)].marks = []Bookmark{{Title: txt, Level: 1}}
				prevKind, first = b.Kind, false
				continue
			}
			ps.style = Italic
			lines := t.setPara(b.Inlines, ps)
			t.addLines(&out, lines, space, keep, gid)
			out.sections = append(out.sections, section{title: txt, item: len(out.items) - len(lines)})
			if len(lines) > 0 {
				out.items[len(out.items)-len(lines)].marks = []Bookmark{{Title: txt, Level: 1}}
			}
			prevKind, first = b.Kind, false
			continue
		case book.Salutation:
			keep = true
			if !first {
				space = 1
			}
			ps.align = flushLeft
		case book.Closing:
			space, keep = 1, true
			holdLast(&out)
			ps.align, ps.left = flushLeft, M*0.45
			lines := t.setPara(b.Inlines, ps)
			t.addLines(&out, lines, space, keep, gid)
			for i := len(out.items) - len(lines); i < len(out.items); i++ {
				out.items[i].ending = true
			}
			prevKind, first = b.Kind, false
			continue
		case book.Signature:
			if prevKind != book.Closing {
				space = 1
				holdLast(&out)
			}
			t.addSignature(&out, b, gid, space)
			prevKind, first = b.Kind, false
			continue
		case book.SourceNote:
			holdLast(&out)
			t.addSource(&out, b, gid)
			prevKind, first = b.Kind, false
			continue
		case book.Notice:
			txt := book.PlainText(b.Inlines)
			ps.align, ps.hyph, keep = center, false, true
			if !first {
				space = 1
			}
			if !strings.HasPrefix(strings.TrimSpace(txt), "(") {
				ps.prefix = appendNoteToks(t.capsToks(txt, true), b.Inlines, ch.Notes)
				t.addLines(&out, t.setPara(nil, ps), space, keep, gid)
			} else {
				ps.style = Italic
				t.addLines(&out, t.setPara(b.Inlines, ps), space, keep, gid)
			}
			prevKind, first = b.Kind, false
			continue
		case book.Dateline:
			ps.align, ps.hyph, ps.style, keep = flushRight, false, Italic, true
		}
		lines := t.setPara(b.Inlines, ps)
		t.addLines(&out, lines, space, keep, gid)
		markSourcePages(&out, startItem, b.Inlines)
		if ps.align == justify && len(lines) > 0 {
			// a slot of no height after the paragraph lets the page
			// builder set it a line longer without moving any index
			par := &para{in: b.Inlines, ps: ps, keep: keep, gid: gid, n: len(lines), slots: len(lines) + 1}
			out.items = append(out.items, vitem{space: true})
			for j := range lines {
				it := &out.items[len(out.items)-1-len(lines)+j]
				it.par, it.pline, it.brk = par, j, lines[j].brk
			}
		}
		prevKind, first = b.Kind, false
	}
	// notes without a marker still have to appear: hang them on the last line
	seen := map[int]bool{}
	for _, it := range out.items {
		for _, id := range it.notes {
			seen[id] = true
		}
	}
	lastText := len(out.items) - 1
	for lastText > 0 && out.items[lastText].space {
		lastText--
	}
	for _, id := range out.ids {
		if !seen[id] {
			last := &out.items[lastText]
			last.notes = append(last.notes, id)
		}
	}
	// drop a marker's second reference to the same note
	seen = map[int]bool{}
	for i := range out.items {
		it := &out.items[i]
		var keepIDs []int
		for _, id := range it.notes {
			if !seen[id] {
				seen[id] = true
				keepIDs = append(keepIDs, id)
			}
		}
		it.notes = keepIDs
	}
	out.head = t.shorten(out.title, M*0.7)
	if st := strings.TrimSpace(ch.ShortTitle); st != "" {
		out.head = t.shorten(st, M*0.7)
	}
	return out
}

// markSourcePages puts the source pages that start inside a block on
// the line where they fall, reckoned by their share of the block's
// text: close enough for an index, which names pages, not lines.
func markSourcePages(out *chapter, start int, in []book.Inline) {
	has := false
	for _, r := range in {
		if r.Kind == book.PageBreak && r.Page != "" {
			has = true
			break
		}
	}
	if !has {
		return
	}
	var lines []int
	for k := start; k < len(out.items); k++ {
		if !out.items[k].space && out.items[k].h > 0 {
			lines = append(lines, k)
		}
	}
	if len(lines) == 0 {
		return
	}
	total := len(book.PlainText(in))
	pos := 0
	for _, r := range in {
		if r.Kind == book.PageBreak && r.Page != "" {
			i := 0
			if total > 0 {
				i = min(pos*len(lines)/total, len(lines)-1)
			}
			out.items[lines[i]].srcPages = append(out.items[lines[i]].srcPages, r.Page)
		}
		switch r.Kind {
		case book.Text, book.Emphasis, book.Strong, book.SmallCaps, book.PageRef:
			pos += len(r.Text)
		}
	}
}

// holdLast keeps the last item with what follows: a letter's closing,
// signature and source note never stand alone at the top of a page but
// take the last lines of the text with them.
func holdLast(out *chapter) {
	n := len(out.items)
	if n <= 1 {
		return
	}
	// the empty slot after a paragraph is held too, and so is the
	// paragraph's last line (what the slot may become on a reflow)
	k := n - 1
	for k > 0 && out.items[k].h == 0 {
		out.items[k].hold = true
		k--
	}
	out.items[k].hold = true
	if par := out.items[k].par; par != nil {
		par.hold = true
	}
}

// addLines appends a paragraph's lines with its keep and widow/orphan data.
func (t *setter) addLines(out *chapter, lines []line, space int, keep bool, gid func([]int) []int) {
	if len(lines) == 0 {
		return
	}
	if space > 0 && len(out.items) > 0 {
		// a blank line after a held item is held too (see holdLast)
		prev := &out.items[len(out.items)-1]
		out.items = append(out.items, vitem{h: space, space: true, keep: prev.keep, hold: prev.hold})
	}
	n := len(lines)
	for i, ln := range lines {
		it := vitem{h: 1, runs: ln.runs, notes: gid(ln.notes), hyph: ln.hyph, first: i == 0, last: i == n-1, plines: n, overfull: ln.overfull, loose: ln.ratio > 1}
		it.keep = keep || ln.hyph || (n >= 2 && (i == 0 || i == n-2))
		if ln.overfull {
			t.overfull++
		}
		out.items = append(out.items, it)
	}
}

// labelToks turns a speaker's label into small-capital words and a colon.
func (t *setter) labelToks(label string) []tok {
	label = strings.TrimSpace(label)
	toks := t.capsToks(label, true)
	// A label with its own stop ("Keeper.", "Q.") keeps it, as the book
	// prints it; the others take a colon.
	if n := len(toks); n > 0 && !strings.HasSuffix(label, ".") && !strings.HasSuffix(label, ":") {
		toks[n-1].segs = append(toks[n-1].segs, bseg{ready: ptr(t.mk(Regular, t.sp.bodySize, ":"))})
	}
	return toks
}

func ptr(s seg) *seg { return &s }

// capsToks sets text in small capitals as ready-made words.
func (t *setter) capsToks(s string, all bool) []tok {
	var toks []tok
	for i, w := range strings.Fields(s) {
		if i > 0 {
			toks = append(toks, tok{kind: tSpace})
		}
		var tk tok
		for _, sg := range t.smallCaps(Regular, t.sp.bodySize, w, all) {
			tk.segs = append(tk.segs, bseg{ready: ptr(sg)})
		}
		toks = append(toks, tk)
	}
	return toks
}

// appendNoteToks attaches the note markers of inlines to the last word.
func appendNoteToks(toks []tok, in []book.Inline, notes []book.Note) []tok {
	for _, r := range in {
		if r.Kind != book.NoteRef || len(toks) == 0 {
			continue
		}
		label := "?"
		if r.Note >= 0 && r.Note < len(notes) {
			label = notes[r.Note].Label
		}
		last := &toks[len(toks)-1]
		last.segs = append(last.segs, bseg{text: label, marker: true})
		last.notes = append(last.notes, r.Note)
	}
	return toks
}

// addSignature sets a signature flush right: the name in small capitals,
// a title above it in italic.
func (t *setter) addSignature(out *chapter, b *book.Block, gid func([]int) []int, space int) {
	parts := splitBreaks(b.Inlines)
	var lines []line
	for i, p := range parts {
		ps := paraSpec{style: Italic, size: t.sp.bodySize, width: t.measure, align: flushRight, notes: nil}
		txt := strings.TrimSpace(book.PlainText(p))
		var ls []line
		if i == len(parts)-1 {
			ps.prefix = t.capsToks(txt, true)
			ls = t.setPara(nil, ps)
		} else {
			ls = t.setPara(p, ps)
		}
		for _, r := range p {
			if r.Kind == book.NoteRef && len(ls) > 0 {
				ls[len(ls)-1].notes = append(ls[len(ls)-1].notes, r.Note)
			}
		}
		lines = append(lines, ls...)
	}
	t.addLines(out, lines, space, false, gid)
	for i := len(out.items) - len(lines); i < len(out.items); i++ {
		out.items[i].keep = i < len(out.items)-1
		out.items[i].ending = true
	}
}

// splitBreaks splits inlines at forced line breaks.
func splitBreaks(in []book.Inline) [][]book.Inline {
	var out [][]book.Inline
	var cur []book.Inline
	for _, r := range in {
		if r.Kind == book.LineBreak {
			out = append(out, cur)
			cur = nil
			continue
		}
		cur = append(cur, r)
	}
	return append(out, cur)
}

// addSource sets a source note ("Published for the first time in …") in
// small italic, flush right, as one block on the grid.
func (t *setter) addSource(out *chapter, b *book.Block, gid func([]int) []int) {
	sp := t.sp
	ps := paraSpec{style: Italic, size: sp.noteSize, width: t.measure, left: t.measure * 0.35, align: flushRight}
	lines := t.setPara(b.Inlines, ps)
	if len(lines) == 0 {
		return
	}
	it := vitem{keep: false, first: true, last: true, plines: 1, ending: true}
	for i, ln := range lines {
		y := float64(i) * sp.noteLead
		for _, r := range ln.runs {
			r.Y += y
			it.runs = append(it.runs, r)
		}
		it.notes = append(it.notes, gid(ln.notes)...)
	}
	it.h = int(math.Ceil((float64(len(lines)-1)*sp.noteLead)/sp.bodyLead)) + 1
	prev := &out.items[len(out.items)-1]
	out.items = append(out.items, vitem{h: 1, space: true, keep: prev.keep, hold: prev.hold}, it)
}

// setNote sets a footnote: the label hanging, the text justified.
func (t *setter) setNote(n *book.Note) note {
	sp := t.sp
	hang := sp.noteSize * 1.6
	var out note
	for pi, p := range n.Paras {
		ps := paraSpec{style: Regular, size: sp.noteSize, width: t.measure, left: hang, align: justify, hyph: true}
		if pi == 0 {
			lab := t.mk(Regular, sp.noteSize, n.Label)
			ps.label = []seg{lab}
			ps.labelX = 0
		} else {
			ps.indent = sp.noteSize
		}
		out.lines = append(out.lines, t.setPara(p, ps)...)
	}
	if len(out.lines) == 0 {
		lab := t.mk(Regular, sp.noteSize, n.Label)
		out.lines = []line{{runs: t.place(nil, 0, 0, lab)}}
	}
	for _, ln := range out.lines {
		if ln.overfull {
			t.overfull++
		}
	}
	return out
}

// shorten fits s to width in the running-head style: whole if it fits,
// else cut at the last phrase boundary that fits — before a preposition
// or a conjunction, or after punctuation — never ending on a word that
// leans on the next, with an ellipsis; a word boundary if no phrase
// boundary fits; a first word too wide on its own is cut inside. More
// than a line holds is cut at once, so that the search costs a few dozen
// measures whatever the title's length (a 2 MB title once took 300 s).
func (t *setter) shorten(s string, width float64) string {
	size := t.sp.bodySize * 0.9
	fits := func(c string) bool { return t.width(t.mk(Italic, size, c)) <= width }
	s, long := runePrefix(s, maxRunes(width, 0, size, 1))
	if !long && fits(s) {
		return s
	}
	words := strings.Fields(s)
	if len(words) == 0 {
		return ""
	}
	cut := func(n int) string {
		ws := words[:n]
		for len(ws) > 1 && bindsNext(strings.TrimRight(ws[len(ws)-1], ",;:.—–-")) {
			ws = ws[:len(ws)-1]
		}
		return strings.TrimRight(strings.Join(ws, " "), ",;:.—–-") + "…"
	}
	// phrase boundaries: after punctuation, or before a preposition,
	// which opens a phrase (a conjunction joins inside one: "Communist
	// and Workers' Parties")
	for n := len(words) - 1; n > 0; n-- {
		prev, next := words[n-1], words[n]
		boundary := strings.ContainsAny(prev[len(prev)-1:], ",;:—–") || prepositions[strings.ToLower(next)] && !bindsNext(prev)
		if boundary {
			if c := cut(n); fits(c) {
				return c
			}
		}
	}
	for n := len(words) - 1; n > 0; n-- {
		if c := cut(n); fits(c) {
			return c
		}
	}
	r := []rune(words[0])
	return string(r[:fitPrefix(len(r), func(n int) bool { return fits(string(r[:n]) + "…") })]) + "…"
}
