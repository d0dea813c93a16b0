package typeset

import (
	"math"
	"strings"
	"unicode"

	"folio/internal/book"
	"folio/internal/linebreak"
)

type align uint8

const (
	justify align = iota
	flushLeft
	center
	flushRight
)

// paraSpec says how to set one paragraph.
type paraSpec struct {
	style  Style // base face; emphasis toggles to the other slope
	size   float64
	width  float64 // full measure
	indent float64 // first-line indent
	left   float64 // left indent of every line (hanging lists, quotes)
	right  float64 // right indent of every line
	align  align
	prefix []tok // words set before the text (speech labels)
	label  []seg // drawn in the hanging indent of the first line
	labelX float64
	notes  []book.Note // the chapter's notes, for marker labels
	hyph   bool
	forbid []int // hyphen items not to break at (the page builder's feedback)
	// loose is TeX's \looseness, roughly: -1 asks for a line fewer, +1
	// for a line more; the page builder uses it against widows and orphans
	loose int
	// display: a title, broken for sense — never after an article, a
	// preposition or a conjunction, nor between a number and its word
	display bool
}

// line is one set line; runs are relative to the left edge of the text
// block and to the line's baseline.
type line struct {
	runs     []Run
	notes    []int // indices into the chapter's notes, in marker order
	hyph     bool  // ends with a discretionary or hard hyphen
	overfull bool
	brk      int // index of the item the line breaks at (see paraSpec.forbid)
	ratio    float64
}

type tokKind uint8

const (
	tWord tokKind = iota
	tSpace
	tBreak
)

// tok is a word, an interword space or a forced line break.
type tok struct {
	kind  tokKind
	segs  []bseg
	notes []int
}

// bseg is an unligated piece of a word while it is being collected.
type bseg struct {
	style  Style
	text   string
	marker bool // a note reference: never hyphenated or ligated
	ready  *seg // preformatted (small caps)
	caps   bool // set in small capitals (a SmallCaps inline): not hyphenated
}

// tokenize splits inline runs into words and spaces. A note marker sticks
// to the word before it, even across a space, so no line starts with one.
func (t *setter) tokenize(in []book.Inline, base Style, notes []book.Note) []tok {
	// The tokens, their segments and the word being collected live in the
	// setter's reused buffers: a paragraph's tokens die once its items
	// are built.
	out := t.toks[:0]
	arena := t.tokSegs[:0]
	cur := tok{segs: t.wordSegs[:0]}
	flush := func() {
		if len(cur.segs) > 0 {
			start := len(arena)
			arena = append(arena, cur.segs...)
			w := cur
			w.segs = arena[start:len(arena):len(arena)]
			out = append(out, w)
		}
		cur = tok{segs: cur.segs[:0]}
	}
	space := func() {
		flush()
		if len(out) > 0 && out[len(out)-1].kind == tWord {
			out = append(out, tok{kind: tSpace})
		}
	}
	for _, r := range in {
		switch r.Kind {
		case book.Text, book.Emphasis, book.Strong, book.SmallCaps, book.PageRef:
			st := base
			switch r.Kind {
			case book.Emphasis:
				st = base ^ Italic
			case book.Strong:
				st = base | Bold
			}
			caps := r.Kind == book.SmallCaps
			s := r.Text
			for len(s) > 0 {
				i := strings.IndexFunc(s, isSpace)
				if i < 0 {
					i = len(s)
				}
				if i > 0 {
					n := len(cur.segs)
					if n > 0 && cur.segs[n-1].style == st && !cur.segs[n-1].marker && cur.segs[n-1].ready == nil && cur.segs[n-1].caps == caps {
						cur.segs[n-1].text += s[:i]
					} else {
						cur.segs = append(cur.segs, bseg{style: st, text: s[:i], caps: caps})
					}
				}
				s = s[i:]
				j := strings.IndexFunc(s, func(r rune) bool { return !isSpace(r) })
				if j < 0 {
					j = len(s)
				}
				if j > 0 {
					space()
				}
				s = s[j:]
			}
		case book.NoteRef:
			if notes == nil {
				continue // a reference inside a note, or where no note can follow
			}
			label := "?"
			if r.Note >= 0 && r.Note < len(notes) {
				label = notes[r.Note].Label
			}
			m := bseg{style: base, text: label, marker: true}
			if len(cur.segs) == 0 && len(out) > 0 && out[len(out)-1].kind == tSpace {
				// attach to the previous word
				prev := out[len(out)-2]
				out = out[:len(out)-2]
				cur.segs = append(cur.segs, prev.segs...)
				cur.notes = prev.notes
			}
			cur.segs = append(cur.segs, m)
			cur.notes = append(cur.notes, r.Note)
		case book.LineBreak:
			flush()
			if len(out) > 0 && out[len(out)-1].kind == tSpace {
				out = out[:len(out)-1]
			}
			out = append(out, tok{kind: tBreak})
		}
	}
	flush()
	for len(out) > 0 && out[len(out)-1].kind != tWord {
		out = out[:len(out)-1]
	}
	t.toks, t.tokSegs, t.wordSegs = out[:0], arena[:0], cur.segs[:0]
	return out
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// imeta is what the renderer needs to know about an item.
type imeta struct {
	segs  []seg
	notes []int
	dash  bool // a hard-hyphen break: no hyphen is added
}

// noBreakAfter reports words after which a line must not break: initials
// and short titles that belong to the next word ("N. S. Khrushchev").
func noBreakAfter(w string) bool {
	w = strings.TrimLeft(w, "“‘([")
	if len(w) == 2 && w[1] == '.' && unicode.IsUpper(rune(w[0])) {
		return true
	}
	switch w {
	case "Mr.", "Mrs.", "Dr.", "St.", "No.", "Nos.", "p.", "pp.", "Vol.", "vol.":
		return true
	}
	return false
}

// bindsNext reports words a display line should not end with: English
// function words, which lean on the word after them, and numbers ("81 /
// Communist Parties").
func bindsNext(w string) bool {
	w = strings.ToLower(strings.Trim(w, "“‘([\"'"))
	if w == "" {
		return false
	}
	if strings.IndexFunc(w, func(r rune) bool { return r < '0' || r > '9' }) < 0 {
		return true
	}
	return functionWords[w]
}

var functionWords = map[string]bool{}

// prepositions open phrases: a running head may be cut before one.
var prepositions = map[string]bool{}

func init() {
	for _, w := range strings.Fields("of in on at to by for with from into onto upon about against between among toward towards concerning over under via per") {
		prepositions[w] = true
	}
	for _, w := range strings.Fields("a an the of in on at to by for with from into onto upon about against between among toward towards concerning over under via per and or nor but as than that its his her their our your my") {
		functionWords[w] = true
	}
}

func isDash(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2013' || r == '\u2014' }

// setPara breaks a paragraph into lines.
func (t *setter) setPara(in []book.Inline, ps paraSpec) []line {
	t.itemsOf = nil
	lines, _ := t.breakPara(in, ps, nil, 0)
	return lines
}

// resetPara sets a paragraph of the vertical list again with other
// breaks (ps differs from par.ps only in forbid and loose, which do not
// change its items): the page builder tries several settings of one
// paragraph in a row, and the item list, the costliest part, is built
// only for the first. Only a setting of want lines is of use to it: for
// any other count the lines are not built, and n says how many there are.
func (t *setter) resetPara(par *para, ps paraSpec, want int) (lines []line, n int) {
	return t.breakPara(par.in, ps, par, want)
}

func (t *setter) breakPara(in []book.Inline, ps paraSpec, par *para, want int) ([]line, int) {
	if par == nil || t.itemsOf != par {
		t.itemsOf = nil
		if !t.buildItems(in, ps) {
			return nil, 0
		}
		t.itemsOf = par
	}
	items, meta := t.items, t.meta
	if len(ps.forbid) > 0 {
		items = append(t.work[:0], items...)
		t.work = items
		for _, k := range ps.forbid {
			if k >= 0 && k < len(items) && items[k].Kind == linebreak.Penalty {
				items[k].Penalty = linebreak.Infinity
			}
		}
	}

	width := ps.width - ps.left - ps.right
	var breaks []linebreak.Break
	if ps.align == justify {
		params := t.params
		bw := width
		switch {
		case ps.loose < 0:
			// a huge line penalty makes the fewest lines win; the no-hyphen
			// pass is skipped so that it cannot settle for the usual count
			params.Pretolerance = -1
			params.Tolerance = 1000
			params.LinePenalty = 5000
		case ps.loose > 0:
			// break for a slightly narrower measure, set at the real one
			bw = width * (1 - 0.006*float64(ps.loose))
			params.Pretolerance = -1
		}
		res := t.breaker.Breaks(items, func(int) float64 { return bw }, params)
		breaks = res.Breaks
	} else {
		breaks = raggedBreaks(items, width)
	}
	if want > 0 && len(breaks) != want {
		return nil, len(breaks)
	}
	lines := make([]line, 0, len(breaks))
	// every line's runs are built in one reused buffer and copied at the
	// end into a single array of the exact size: one allocation a paragraph
	scratch, offs := t.runBuf[:0], t.runOffs[:0]
	spaced := t.spaced[:0] // runs of scratch that end with a space
	t.joins = t.joins[:0]
	start := 0
	for bi, br := range breaks {
		ln := line{runs: scratch[len(scratch):]}
		// skip discardable items at the line start
		for start < br.Index && items[start].Kind != linebreak.Box {
			start++
		}
		end := br.Index
		last := bi == len(breaks)-1
		// natural width, stretch and shrink of the line
		nat, st, sh := 0.0, 0.0, 0.0
		for k := start; k < end; k++ {
			it := items[k]
			if it.Kind == linebreak.Box || it.Kind == linebreak.Glue {
				nat += it.Width
			}
			if it.Kind == linebreak.Glue {
				st += it.Stretch
				sh += it.Shrink
			}
		}
		bk := items[end]
		hyph := bk.Kind == linebreak.Penalty && bk.Flagged && bk.Penalty < linebreak.Infinity && !last
		if hyph {
			nat += bk.Width
		}
		ratio := 0.0
		if ps.align == justify {
			ratio = br.Ratio
			if ps.loose > 0 && st > 0 && !math.IsInf(st, 1) {
				ratio = (width - nat) / st
			}
			if math.IsInf(st, 1) || bk.Kind == linebreak.Penalty && bk.Penalty <= -linebreak.Infinity {
				ratio = min(ratio, 0) // last line of a paragraph or before a forced break: ragged
			}
		}
		ln.ratio = ratio
		if nat+min(ratio, 0)*sh > width+0.5 {
			ln.overfull = true
		}
		x := ps.left
		switch ps.align {
		case center:
			x += (width - nat) / 2
		case flushRight:
			x += width - nat
		}
		if bi == 0 && len(ps.label) > 0 {
			lx := ps.labelX
			for _, sg := range ps.label {
				ln.runs = t.place(ln.runs, lx, 0, sg)
				lx += t.width(sg)
			}
		}
		joined := false // the last seg placed ends where the next one starts
		for k := start; k < end; k++ {
			it := items[k]
			switch it.Kind {
			case linebreak.Box:
				m := meta[k]
				for _, sg := range m.segs {
					ln.runs = t.placeAfter(ln.runs, len(scratch), x, 0, sg, joined)
					x += t.width(sg)
					joined = sg.text != ""
				}
				if len(m.segs) == 0 {
					x += it.Width
					joined = false
				} else if k+1 < end && items[k+1].Kind == linebreak.Glue && len(ln.runs) > 0 {
					// a real space glyph after the word (its advance is
					// never used: the next word is placed absolutely) keeps
					// words apart in the text layer even in a tight line;
					// added when the paragraph's texts are joined below
					spaced = append(spaced, len(scratch)+len(ln.runs)-1)
				}
				ln.notes = append(ln.notes, m.notes...)
			case linebreak.Glue:
				joined = false
				if ratio >= 0 {
					x += it.Width + ratio*it.Stretch
				} else {
					x += it.Width + ratio*it.Shrink
				}
			}
		}
		if hyph {
			ln.hyph = true
			if !meta[end].dash {
				ln.runs = t.placeAfter(ln.runs, len(scratch), x, 0, meta[end].segs[0], joined)
			}
		}
		ln.brk = end
		// ln.runs sits at the end of scratch unless an append outgrew it
		scratch = append(scratch, ln.runs...)
		offs = append(offs, len(scratch))
		ln.runs = nil
		lines = append(lines, ln)
		start = end + 1
	}
	all := make([]Run, len(scratch))
	copy(all, scratch)
	from := 0
	for i, to := range offs {
		lines[i].runs = all[from:to:to]
		from = to
	}
	t.joinTexts(all, spaced)
	t.runBuf, t.runOffs, t.spaced = scratch[:0], offs[:0], spaced[:0]
	return lines, len(lines)
}

// joinTexts gives the runs of a paragraph their whole texts: each run
// with the pieces placeAfter joined to it (t.joins) and a space if it is
// listed in spaced (ascending). The texts made so are substrings of one
// string: a string of its own for each word cost an allocation each.
func (t *setter) joinTexts(runs []Run, spaced []int) {
	joins := t.joins
	if len(spaced) == 0 && len(joins) == 0 {
		return
	}
	// the runs that change, in order, each with its pieces and space
	buf := t.textBuf[:0]
	ends := t.textEnds[:0]
	si, ji := 0, 0
	for si < len(spaced) || ji < len(joins) {
		r := len(runs)
		if si < len(spaced) {
			r = spaced[si]
		}
		if ji < len(joins) {
			r = min(r, joins[ji].run)
		}
		buf = append(buf, runs[r].Text...)
		for ji < len(joins) && joins[ji].run == r {
			buf = append(buf, joins[ji].text...)
			ji++
		}
		if si < len(spaced) && spaced[si] == r {
			buf = append(buf, ' ')
			si++
		}
		ends = append(ends, r, len(buf))
	}
	all := string(buf)
	from := 0
	for i := 0; i < len(ends); i += 2 {
		runs[ends[i]].Text = all[from:ends[i+1]]
		from = ends[i+1]
	}
	t.textBuf, t.textEnds = buf[:0], ends[:0]
}

// buildItems turns a paragraph into the line breaker's items, in t.items
// with t.meta in step; false when there is nothing to set.
func (t *setter) buildItems(in []book.Inline, ps paraSpec) bool {
	toks := t.tokenize(in, ps.style, ps.notes)
	if len(ps.prefix) > 0 {
		pre := append([]tok(nil), ps.prefix...)
		if len(toks) > 0 {
			pre = append(pre, tok{kind: tSpace})
		}
		toks = append(pre, toks...)
	}
	if len(toks) == 0 && len(ps.label) == 0 {
		return false
	}
	items := t.items[:0]
	meta := t.meta[:0]
	t.segArena = t.segArena[:0]
	add := func(it linebreak.Item, m imeta) {
		items = append(items, it)
		meta = append(meta, m)
	}
	sp := t.fonts[ps.style].Advance(' ') * ps.size / 1000
	if ps.indent > 0 {
		add(linebreak.Item{Kind: linebreak.Box, Width: ps.indent}, imeta{})
	}
	for i, tk := range toks {
		switch tk.kind {
		case tSpace:
			if i > 0 && (noBreakAfter(plainOf(toks[i-1].segs)) || ps.display && bindsNext(plainOf(toks[i-1].segs))) {
				add(linebreak.Item{Kind: linebreak.Penalty, Penalty: linebreak.Infinity}, imeta{})
			}
			add(linebreak.Item{Kind: linebreak.Glue, Width: sp, Stretch: sp / 2, Shrink: sp / 3}, imeta{})
		case tBreak:
			items, meta = finish(items, meta)
		case tWord:
			t.addWord(tk, ps, add)
		}
	}
	items, meta = finish(items, meta)
	t.items, t.meta = items, meta
	return true
}

// finish appends the paragraph end to items and keeps meta in step: what
// linebreak.Finish does, in place, since items is the setter's reused
// buffer and Finish copies it.
func finish(items []linebreak.Item, meta []imeta) ([]linebreak.Item, []imeta) {
	if n := len(items); n > 0 && items[n-1].Kind == linebreak.Glue {
		items, meta = items[:n-1], meta[:n-1]
	}
	items = append(items,
		linebreak.Item{Kind: linebreak.Penalty, Penalty: linebreak.Infinity},
		linebreak.Item{Kind: linebreak.Glue, Stretch: math.Inf(1)},
		linebreak.Item{Kind: linebreak.Penalty, Penalty: -linebreak.Infinity},
	)
	for len(meta) < len(items) {
		meta = append(meta, imeta{})
	}
	return items, meta
}

// points returns the hyphenation points of a word, remembered: a book
// repeats its words, and Liang's lookup is the costliest step of a word.
func (t *setter) points(w string) []int {
	if len(w) <= 4 {
		// short words, most of a text, go uncached: the hyphenator
		// refuses them faster than a map finds them
		return t.hy.Points(w)
	}
	if p, ok := t.hyCache[w]; ok {
		return p
	}
	p := t.hy.Points(w)
	t.hyCache[w] = p
	return p
}

func plainOf(segs []bseg) string {
	if len(segs) == 1 && !segs[0].marker && segs[0].ready == nil {
		return segs[0].text
	}
	var b strings.Builder
	for _, s := range segs {
		if !s.marker && s.ready == nil {
			b.WriteString(s.text)
		}
	}
	return b.String()
}

// addWord adds a word's boxes and its break points.
func (t *setter) addWord(tk tok, ps paraSpec, add func(linebreak.Item, imeta)) {
	var pts []int
	if ps.hyph && ps.align == justify {
		pts = t.points(plainOf(tk.segs))
	}
	// cut the word's segments at the break points (offsets in the plain text)
	// segments live in the setter's arena, which setPara reuses: meta
	// (and so the segments) die with the paragraph's lines
	fragStart := len(t.segArena)
	fw := 0.0
	emit := func(notes []int) {
		n := len(t.segArena)
		add(linebreak.Item{Kind: linebreak.Box, Width: fw}, imeta{segs: t.segArena[fragStart:n:n], notes: notes})
		fragStart, fw = n, 0
	}
	pos := 0 // offset in plain text
	pi := 0
	for si, bs := range tk.segs {
		if bs.ready != nil || bs.caps {
			sg := bs.ready
			if sg == nil {
				sg = &t.smallCaps(bs.style, ps.size, bs.text, true)[0]
			}
			t.segArena = append(t.segArena, *sg)
			fw += t.width(*sg)
			if bs.caps {
				pos += len(bs.text) // it is in the plain text; a ready one is not
			}
			continue
		}
		if bs.marker {
			m := t.marker(ps.style, ps.size, bs.text)
			t.segArena = append(t.segArena, m)
			fw += t.width(m)
			continue
		}
		text := bs.text
		base := pos
		for pi < len(pts) && pts[pi] <= base+len(text) {
			cut := pts[pi] - base
			pi++
			if cut <= 0 || cut >= len(text) && si == len(tk.segs)-1 {
				continue
			}
			sg := t.mk(bs.style, ps.size, text[:cut])
			t.segArena = append(t.segArena, sg)
			fw += t.width(sg)
			dash := isDash(lastRune(text[:cut]))
			hy := t.mk(bs.style, ps.size, "-")
			emit(nil)
			if dash {
				add(linebreak.Item{Kind: linebreak.Penalty, Penalty: t.params.HyphenPenalty, Flagged: true}, imeta{dash: true})
			} else {
				t.segArena = append(t.segArena, hy)
				n := len(t.segArena)
				add(linebreak.Item{Kind: linebreak.Penalty, Width: t.width(hy), Penalty: t.params.HyphenPenalty, Flagged: true}, imeta{segs: t.segArena[n-1 : n : n]})
				fragStart = n
			}
			base += cut
			pos += cut
			text = text[cut:]
		}
		if text != "" {
			sg := t.mk(bs.style, ps.size, text)
			t.segArena = append(t.segArena, sg)
			fw += t.width(sg)
			pos += len(text)
		}
	}
	emit(tk.notes)
}

// raggedBreaks breaks at spaces and forced breaks, first fit, for lines
// that are centred or set flush to one side.
func raggedBreaks(items []linebreak.Item, width float64) []linebreak.Break {
	var out []linebreak.Break
	w := 0.0       // width since the line start
	lastGlue := -1 // last glue where the line could break
	wAtGlue := 0.0 // w before that glue
	lineStart := true
	for i := 0; i < len(items); i++ {
		it := items[i]
		switch it.Kind {
		case linebreak.Box:
			if w+it.Width > width && lastGlue >= 0 {
				out = append(out, linebreak.Break{Index: lastGlue})
				w -= wAtGlue + items[lastGlue].Width
				lastGlue = -1
			}
			w += it.Width
			lineStart = false
		case linebreak.Glue:
			if lineStart {
				continue
			}
			if i+1 < len(items) && !(i > 0 && items[i-1].Kind == linebreak.Penalty && items[i-1].Penalty >= linebreak.Infinity) {
				lastGlue, wAtGlue = i, w
			}
			w += it.Width
		case linebreak.Penalty:
			if it.Penalty <= -linebreak.Infinity {
				out = append(out, linebreak.Break{Index: i})
				w, lastGlue, lineStart = 0, -1, true
			}
		}
	}
	return out
}
