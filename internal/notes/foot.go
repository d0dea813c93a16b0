package notes

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/internal/pages"
	"folio/internal/report"
)

// Books typeset by TeX or groff draw the rule over their footnotes, so
// their text layers hold no separator line: the notes simply follow the
// page's last line of text. Their foot areas are found from the notes
// themselves — a line that opens with a label whose marker stands in the
// text above it on the page, and that continues the book's count of
// notes — and the notes' own measure: set smaller, their lines hold more
// characters than the text's.

// footStyle is what the book shows of its footnotes, learnt from the
// pages where a label and its marker stand on one page.
type footStyle struct {
	forms   map[labelForm]int // anchored note starts by label form
	kinds   map[string]int    // … and by label kind
	anchors int               // pages with an anchored note start
	dots    int               // … whose label has a full stop ("1. Text")
	scope   string            // "page", "chapter" or "book"
	scopeEv string
	// The measures of text and notes, in characters; wide is the length
	// above which a line is set to the notes' measure (0: the two are
	// too close to tell lines apart).
	bodyWidth, noteWidth, wide int
	// byMeasure: no label had its marker or counted on; the feet were
	// found by their measure alone (OCR that misread every mark).
	byMeasure bool
	// quoteLabels: feet open with an opening quote that closes nowhere,
	// on pages enough to be the OCR's reading of a mark.
	quoteLabels bool
}

// anchor is a note start whose marker stands above it on its page.
type anchor struct {
	page, line int
	lab        footLabel
}

// learnFootStyle looks for note starts in the pages that have no foot
// area yet: lines that open with a label whose marker stands above them
// on the page, or whose labels count up from page to page (OCR garbles
// the superscript markers in the text, rarely the labels at the foot:
// "1This is possibly…", "2Strabo…").
func learnFootStyle(ps []pages.Page) (footStyle, []anchor) {
	st := footStyle{forms: map[labelForm]int{}, kinds: map[string]int{}}
	type cand struct {
		anchor
		marked bool
	}
	var cands []cand
	for pi := range ps {
		p := &ps[pi]
		if len(p.Foot) > 0 {
			continue
		}
		above := map[string]bool{}
		for i, l := range p.Body {
			t := strings.TrimSpace(l.Text)
			if i > 0 {
				if lab, ok := readLabel(t); ok {
					cands = append(cands, cand{anchor{pi, i, lab}, above[lab.label]})
				}
			}
			for _, m := range findMarkers(p.Body[i : i+1]) {
				above[m.label] = true
			}
		}
	}
	// Runs of labels that count up by one over two pages or more: the
	// book's count of notes. (A numbered list counts up too, on one page.)
	chain := make([]int, len(cands)) // length of the run ending here
	from := make([]int, len(cands))  // the run's first page
	prev := make([]int, len(cands))  // the candidate before in the run
	last := map[int]int{}            // label → last candidate with it
	for i, c := range cands {
		chain[i], from[i] = 1, c.page
		n := labelNumber(c.lab.label)
		// The label before, or the one before that (OCR loses a label
		// now and then).
		for _, d := range []int{1, 2} {
			if j, ok := last[n-d]; ok && n > d && cands[j].page >= c.page-3 && cands[j].page <= c.page {
				chain[i], from[i], prev[i] = chain[j]+1, from[j], j
				break
			}
		}
		if n > 0 {
			last[n] = i
		}
	}
	inRun := make([]bool, len(cands))
	for i := len(cands) - 1; i >= 0; i-- {
		if chain[i] < 3 || from[i] == cands[i].page || inRun[i] {
			continue
		}
		// The whole run, walking back through its labels. A run of
		// "1. …", "2. …" with no marker for any is a numbered list that
		// goes over a page.
		var run []int
		marked, dots := false, false
		for k := i; k >= 0 && chain[k] >= 1; {
			if inRun[k] {
				break
			}
			run = append(run, k)
			marked = marked || cands[k].marked
			dots = dots || cands[k].lab.dot
			if chain[k] == 1 {
				break
			}
			k = prev[k]
		}
		if dots && !marked {
			continue
		}
		for _, k := range run {
			inRun[k] = true
		}
	}
	var anchors []anchor
	var bodyLens, noteLens []int
	seen := map[int]bool{}
	for i, c := range cands {
		if !(c.marked || inRun[i]) {
			continue
		}
		anchors = append(anchors, c.anchor)
		if seen[c.page] {
			continue // the page's first note start is the one to learn from
		}
		seen[c.page] = true
		st.anchors++
		st.forms[c.lab.form]++
		st.kinds[c.lab.kind]++
		if c.lab.dot {
			st.dots++
		}
		body := ps[c.page].Body
		for _, b := range body[:c.line] {
			bodyLens = appendLen(bodyLens, b.Text)
		}
		for _, n := range body[c.line:] {
			if lab, ok := readLabel(strings.TrimSpace(n.Text)); !ok || lab.form != formOwnLine {
				noteLens = appendLen(noteLens, n.Text)
			}
		}
	}
	st.bodyWidth, st.noteWidth = measure(bodyLens), measure(noteLens)
	if st.bodyWidth > 0 && st.noteWidth*100 >= st.bodyWidth*108 {
		st.wide = (st.bodyWidth + st.noteWidth) / 2
	}
	if len(anchors) == 0 {
		if ms, mas := learnByMeasure(ps); len(mas) > 0 {
			st, anchors = ms, mas
		}
	}
	st.scope, st.scopeEv = learnScope(ps, firstPerPage(anchors))
	return st, anchors
}

// learnByMeasure finds feet in a book whose marks OCR misread throughout
// (no label counts on, no marker stands above its label): a page's last
// block, a blank line above it, opening with a glyph run into a capital,
// its lines set to a measure wider than the text's. On three pages or
// more, and on most pages with such a block, that is the book's foot.
func learnByMeasure(ps []pages.Page) (footStyle, []anchor) {
	st := footStyle{forms: map[labelForm]int{}, kinds: map[string]int{}, byMeasure: true}
	var all []int
	for pi := range ps {
		if len(ps[pi].Foot) > 0 {
			continue
		}
		for _, l := range ps[pi].Body {
			all = appendLen(all, l.Text)
		}
	}
	body := measure(all)
	if body == 0 {
		return st, nil
	}
	var anchors []anchor
	var noteLens, bodyLens []int
	quotes := 0
	for pi := range ps {
		p := &ps[pi]
		if len(p.Foot) > 0 {
			continue
		}
		// The first block at the page's foot, after a blank line, whose
		// lines to the page's end are mostly wider than the text's.
		for i := 1; i < len(p.Body); i++ {
			if strings.TrimSpace(p.Body[i-1].Text) != "" {
				continue
			}
			lab, ok := readLabel(strings.TrimSpace(p.Body[i].Text))
			if !ok || lab.form != formGlyph {
				continue
			}
			wide, full := 0, 0
			var lens []int
			for _, l := range p.Body[i:] {
				n := utf8.RuneCountInString(strings.TrimSpace(l.Text))
				if n == 0 {
					continue
				}
				lens = append(lens, n)
				if n*100 >= body*90 {
					full++
					if n*100 >= body*106 {
						wide++
					}
				}
			}
			if wide == 0 || wide*10 < full*7 {
				continue
			}
			anchors = append(anchors, anchor{pi, i, lab})
			noteLens = append(noteLens, lens...)
			for _, b := range p.Body[:i] {
				bodyLens = appendLen(bodyLens, b.Text)
			}
			if lab.quote {
				quotes++
			}
			break
		}
	}
	if len(anchors) < 3 {
		return st, nil
	}
	st.anchors = len(anchors)
	st.forms[formGlyph] = len(anchors)
	st.kinds["ocr"] = len(anchors)
	st.quoteLabels = quotes >= 2
	st.bodyWidth, st.noteWidth = measure(bodyLens), measure(noteLens)
	if st.bodyWidth > 0 && st.noteWidth*100 >= st.bodyWidth*106 {
		st.wide = (st.bodyWidth + st.noteWidth) / 2
	} else {
		return st, nil
	}
	return st, anchors
}

func firstPerPage(as []anchor) []anchor {
	var out []anchor
	for i, a := range as {
		if i == 0 || as[i-1].page != a.page {
			out = append(out, a)
		}
	}
	return out
}

func appendLen(lens []int, s string) []int {
	if n := utf8.RuneCountInString(strings.TrimSpace(s)); n > 0 {
		lens = append(lens, n)
	}
	return lens
}

// measure is the length full lines reach: the 80th percentile of the
// lines near the median, leaving out the short last lines of paragraphs
// and the double lines pdftotext makes where it joined a hyphenated word.
func measure(lens []int) int {
	if len(lens) < 5 {
		return 0
	}
	s := append([]int(nil), lens...)
	sort.Ints(s)
	med := s[len(s)/2]
	var kept []int
	for _, n := range s {
		if n*10 >= med*7 && n*10 <= med*14 {
			kept = append(kept, n)
		}
	}
	if len(kept) == 0 {
		return med
	}
	return kept[len(kept)*8/10]
}

// learnScope: notes numbered through the book count on across pages and
// chapters; notes numbered per page open every page at 1; per chapter,
// the count starts again now and then.
func learnScope(ps []pages.Page, anchors []anchor) (string, string) {
	prev, restarts, ones, numbered := 0, 0, 0, 0
	for _, a := range anchors {
		n := labelNumber(a.lab.label)
		if n == 0 {
			ones++ // a symbol: symbols begin again on every page
			continue
		}
		numbered++
		if n == 1 {
			ones++
		}
		if prev > 0 && n < prev && n <= 2 {
			restarts++ // the count starts again (a misread label going back is no restart)
		}
		prev = n
	}
	total := len(anchors)
	switch {
	case total == 0:
		return "book", "no notes found"
	case total >= 3 && ones*10 >= total*7:
		return "page", fmt.Sprintf("%d of %d pages with notes open their notes with 1 or *", ones, total)
	case restarts == 0:
		return "book", fmt.Sprintf("the labels count up through the book over %d pages with notes", total)
	}
	return "chapter", fmt.Sprintf("the labels start again at 1 %d times over %d pages with notes", restarts, total)
}

// markerIndex tells which labels have a marker in a page's text before
// a line (limit): the first line each label's marker stands on.
type markerIndex struct {
	first map[string]int
	limit int
}

func (m markerIndex) has(label string) bool {
	i, ok := m.first[label]
	return ok && i < m.limit
}

// footFinder parses the foot areas of a book without separators.
type footFinder struct {
	ps    []pages.Page
	st    footStyle
	rep   *report.Report
	notes []Note
	last  int // the last numeric label read
	// anchored are the note starts learnFootStyle found (by source line):
	// their markers stand above them, or their labels count up with
	// their neighbours'.
	anchored map[int]bool
}

// allowed: a label form the book uses for its notes (one seen anchored on
// a page, or the glued form OCR makes of the book's own labels).
func (f *footFinder) allowed(lab footLabel) bool {
	if lab.quote && !f.st.quoteLabels {
		return false // an opening quote: a quotation, in a book whose feet do not open so
	}
	if lab.kind != "ocr" && f.st.kinds[lab.kind]*5 < f.st.anchors {
		return false // "* Note:" inside a book whose notes are numbered
	}
	if lab.dot && f.st.dots*5 < f.st.anchors {
		return false // "7. I request…": a numbered list, the notes' labels have no stop
	}
	if f.st.forms[lab.form] > 0 {
		return true
	}
	// OCR's forms of the book's labels: once its labels come glued, a
	// glyph may stand for one too.
	return lab.form == formGlued && f.st.anchors > 0 || lab.form == formGlyph && f.st.forms[formGlued] > 0
}

// findUnseparated finds the foot areas of pages with none, moving their
// lines from the body to the foot, and reads their notes.
func findUnseparated(ps []pages.Page, st footStyle, anchors []anchor, rep *report.Report) []Note {
	f := &footFinder{ps: ps, st: st, rep: rep, anchored: map[int]bool{}}
	for _, a := range anchors {
		f.anchored[ps[a.page].Body[a.line].N] = true
	}
	for pi := range ps {
		if len(ps[pi].Foot) > 0 {
			continue
		}
		f.page(pi)
	}
	return f.notes
}

// page finds and reads page pi's foot area.
func (f *footFinder) page(pi int) {
	p := &f.ps[pi]
	body := p.Body
	// Markers in the text above each line, as labels.
	// Where each label's marker first stands in the text: a marker is
	// "above" line i when it stands on a line before it.
	first := map[string]int{}
	for i := range body {
		for _, mk := range findMarkers(body[i : i+1]) {
			if _, ok := first[mk.label]; !ok {
				first[mk.label] = i
			}
		}
	}
	above := func(i int) markerIndex { return markerIndex{first, i} }
	start := -1
	for i := 1; i < len(body); i++ {
		if k := f.gluedLabel(body[i], above(i)); k > 0 && i+1 < len(body) {
			// pdftotext joined the page's last line of text, cut by a
			// hyphen, with the first note's label: "Cybele and Aes11".
			t := strings.TrimRight(body[i].Text, " ")
			label := pages.Line{N: body[i].N, Text: t[k:]}
			// pdftotext joins lines so only where the first ended with a
			// hyphen, which it drops: the word runs on after the notes.
			cut := pages.Line{N: body[i].N, Text: t[:k] + "-"}
			nb := make([]pages.Line, 0, len(body)+1)
			nb = append(append(append(nb, body[:i]...), cut, label), body[i+1:]...)
			body = nb
			p.Body = body
			f.rep.Add(report.Decision{Stage: "notes", Kind: "label-glued", Line: cut.N, Page: p.Number,
				Text:     fmt.Sprintf("%q: the note label %s was run into the text's last line; taken off it", clip(strings.TrimSpace(t)), label.Text),
				Evidence: "its marker stands above on the page, and the note's text follows", Confidence: 0.8})
			start = i + 1
			break
		}
		lab, ok := readLabel(strings.TrimSpace(body[i].Text))
		if !ok || !f.allowed(lab) {
			continue
		}
		if lab.form == formGlyph {
			if f.notesBelow(body, i) {
				start = i
				break
			}
			continue
		}
		if f.anchored[body[i].N] || f.plausible(lab, above(i)) || f.runAhead(body, i, lab) {
			start = i
			break
		}
	}
	cont := f.continuation(body, start)
	if start < 0 && cont < 0 {
		if k := f.interruptingBlock(pi); k > 0 {
			f.lostLabelNote(pi, k)
		}
		return
	}
	from := start
	if cont >= 0 {
		from = cont
	}
	lost := map[int]bool{}
	if cont < 0 && start > 0 {
		if top, starts := f.lostAbove(body, start); top >= 0 {
			from = top
			for _, n := range starts {
				lost[n] = true
			}
		}
	}
	p.Foot = body[from:]
	p.Body = body[:from:from]
	f.read(pi, above(from), cont >= 0, lost)
}

// lostAbove finds the notes whose labels the OCR lost just above the
// page's first label read (at start): the count wants note 13, the label
// says 15, and two paragraphs set off by blank lines stand right above
// it, short as notes are. It returns the first of those lines' index and
// their source lines, or -1.
func (f *footFinder) lostAbove(body []pages.Line, start int) (int, []int) {
	lab, ok := readLabel(strings.TrimSpace(body[start].Text))
	if !ok || f.st.scope == "page" || f.last == 0 {
		return -1, nil
	}
	gap := labelNumber(lab.label) - f.last - 1
	if gap < 1 || gap > 3 {
		return -1, nil
	}
	k := start
	var starts []int
	for range gap {
		// a blank line above, then a block of a few lines
		if k-1 < 0 || strings.TrimSpace(body[k-1].Text) != "" {
			return -1, nil
		}
		e := k - 2
		if e < 0 || strings.TrimSpace(body[e].Text) == "" {
			return -1, nil
		}
		b := e
		for b > 0 && strings.TrimSpace(body[b-1].Text) != "" {
			b--
		}
		if e-b >= 6 || !opensNote(strings.TrimSpace(body[b].Text)) || startsLower(strings.TrimSpace(body[b].Text)) {
			return -1, nil
		}
		starts = append(starts, body[b].N)
		k = b
	}
	// The text above ends a sentence: the blocks begin no paragraph of it.
	if k < 2 || strings.TrimSpace(body[k-1].Text) != "" || !endsSentence(strings.TrimRight(strings.TrimSpace(body[k-2].Text), "°'’”\"*®")) {
		return -1, nil
	}
	return k, starts
}

// interruptingBlock finds a note whose label the OCR lost with its mark:
// a block at the page's foot, after a blank line, between a sentence the
// page leaves unfinished and its end in lower case on the next page (the
// text runs on around it, so it is no text). It returns the block's first
// line, or 0. Only in a book whose notes are found elsewhere.
func (f *footFinder) interruptingBlock(pi int) int {
	if f.st.anchors == 0 || pi+1 >= len(f.ps) {
		return 0
	}
	body := f.ps[pi].Body
	e := len(body) - 1
	for e >= 0 && strings.TrimSpace(body[e].Text) == "" {
		e--
	}
	b := e
	for b > 0 && strings.TrimSpace(body[b-1].Text) != "" {
		b--
	}
	if b <= 1 || e-b >= 8 {
		return 0
	}
	prev := strings.TrimSpace(body[b-2].Text)
	first := strings.TrimSpace(body[b].Text)
	if prev == "" || endsSentence(prev) || strings.HasSuffix(prev, ":") || strings.HasSuffix(prev, ";") || !opensNote(first) || startsLower(first) {
		return 0
	}
	// The sentence left unfinished is running text, a full line of it
	// (not a signature, a title); the block is no heading in capitals
	// nor a chapter's list of topics.
	if w := max(f.st.bodyWidth, 40); utf8.RuneCountInString(prev)*10 < w*8 || isHeadingLine(first) || strings.Count(first, ".—") > 0 {
		return 0
	}
	next := f.ps[pi+1].Body
	k := nextText(next, 0)
	if k < 0 || !startsLower(strings.TrimSpace(next[k].Text)) {
		return 0
	}
	return b
}

// lostLabelNote makes the lines of page pi from k a note of its own, its
// label the next of the count.
func (f *footFinder) lostLabelNote(pi, k int) {
	p := &f.ps[pi]
	label := fmt.Sprint(f.last + 1)
	if f.st.scope == "page" {
		label = "1"
	}
	lines := append([]pages.Line(nil), p.Body[k:]...)
	first := strings.TrimSpace(lines[0].Text)
	if lab, ok := readLabel(first); ok && lab.rest != "" {
		lines[0].Text = lab.rest
	}
	p.Foot = p.Body[k:]
	p.Body = p.Body[:k:k]
	f.notes = append(f.notes, Note{Label: label, Page: pi, Lines: lines})
	if n := labelNumber(label); n > f.last {
		f.last = n
	}
	f.rep.Add(report.Decision{Stage: "notes", Kind: "label-lost", Line: lines[0].N, Page: p.Number,
		Text:     fmt.Sprintf("read %q as note %s, its label and mark lost", clip(first), label),
		Evidence: "a block at the page's foot between a sentence left unfinished and its end on the next page", Confidence: 0.5})
}

// notesBelow: the lines from i to the page's end are set to the notes'
// measure (most of the long ones), and a blank line sets them off: the
// evidence a glyph label needs.
func (f *footFinder) notesBelow(ls []pages.Line, i int) bool {
	if f.st.wide == 0 || i == 0 || strings.TrimSpace(ls[i-1].Text) != "" {
		return false
	}
	wide, full := 0, 0
	for _, l := range ls[i:] {
		n := utf8.RuneCountInString(strings.TrimSpace(l.Text))
		if n*100 >= f.st.bodyWidth*90 {
			full++
			if n >= f.st.wide {
				wide++
			}
		}
	}
	return wide >= 1 && wide*10 >= full*6
}

// labelBelow is the number of the next label below line i that opens a
// note (after a blank line or a line that ends a sentence), or 0.
func (f *footFinder) labelBelow(ls []pages.Line, i int) int {
	for k := i + 1; k < len(ls); k++ {
		t := strings.TrimSpace(ls[k].Text)
		if t == "" {
			continue
		}
		next, ok := readLabel(t)
		if !ok || !f.allowed(next) || next.form == formOwnLine {
			continue
		}
		if prev := strings.TrimSpace(ls[k-1].Text); prev != "" && !endsSentence(prev) {
			continue
		}
		return labelNumber(next.label)
	}
	return 0
}

// runAhead: the next label below line i continues i's count (n+1, or
// n+2 past a lost one): two notes in a row, whatever the count before
// them says (an OCR misread broke it).
func (f *footFinder) runAhead(ls []pages.Line, i int, lab footLabel) bool {
	n := labelNumber(lab.label)
	if n == 0 || lab.form == formOwnLine {
		return false
	}
	for k := i + 1; k < len(ls); k++ {
		next, ok := readLabel(strings.TrimSpace(ls[k].Text))
		if !ok || !f.allowed(next) || next.form == formOwnLine {
			continue
		}
		m := labelNumber(next.label)
		return m == n+1 || m == n+2
	}
	return false
}

// gluedLabel returns where a note label begins that pdftotext ran into
// the end of line l — digits glued to the last word whose note's marker
// already stands above — or 0.
func (f *footFinder) gluedLabel(l pages.Line, markers markerIndex) int {
	if f.st.forms[formOwnLine] == 0 {
		return 0 // only labels on lines of their own get joined so
	}
	t := strings.TrimRight(l.Text, " ")
	ms := findMarkers([]pages.Line{{Text: t}})
	if len(ms) == 0 {
		return 0
	}
	m := ms[len(ms)-1]
	if m.end != len(t) || !markers.has(m.label) {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(t[:m.start])
	if !unicode.IsLetter(r) {
		return 0 // "Paganism.12": a marker after punctuation
	}
	return m.start
}

// plausible: a label that opens a note here — its marker stands above on
// the page, or it is the next number of the book's count.
func (f *footFinder) plausible(lab footLabel, markers markerIndex) bool {
	if markers.has(lab.label) {
		return true
	}
	n := labelNumber(lab.label)
	if n == 0 {
		return false // a symbol needs its marker
	}
	if f.st.scope == "page" {
		return n == 1
	}
	// The next of the count, or one or two past it (a note the text
	// layer lost, or the OCR misread).
	if f.last > 0 && n > f.last && n <= f.last+3 && (n == f.last+1 || lab.form != formOwnLine) {
		return true
	}
	return f.misread(lab) > 0
}

// misread is the number the OCR meant by a label that lost a digit —
// "6See the Augustan…" where the count wants 26 — or 0.
func (f *footFinder) misread(lab footLabel) int {
	if lab.form != formGlued || f.last == 0 {
		return 0
	}
	for want := f.last + 1; want <= f.last+3; want++ {
		if w := fmt.Sprint(want); want >= 10 && strings.HasSuffix(w, lab.label) && lab.label != w {
			return want
		}
	}
	return 0
}

// continuation finds the lines before the page's first note (or at its
// foot when none starts) that carry on the last note of the page before:
// lines set to the notes' measure, under the text, while that note is
// unfinished. It returns their first line, or -1.
func (f *footFinder) continuation(body []pages.Line, start int) int {
	if len(f.notes) == 0 {
		return -1
	}
	end := start
	if end < 0 {
		end = len(body)
	}
	if f.st.wide == 0 {
		return f.gapContinuation(body, end)
	}
	// Where the text ends and the note's lines begin: lines of the
	// notes' measure belong below the boundary, and a full line of the
	// text's measure that runs on into the next line (no paragraph's
	// last) belongs above it. The boundary is put where the fewest lines
	// disagree; short lines, blank lines and pdftotext's joined double
	// lines say nothing either way.
	type kind uint8
	const (
		neutral kind = iota
		wideLine
		textLine
	)
	kinds := make([]kind, end)
	for k := 0; k < end; k++ {
		t := strings.TrimSpace(body[k].Text)
		n := utf8.RuneCountInString(t)
		switch {
		case t == "" || n*100 > f.st.noteWidth*140:
		case n >= f.st.wide:
			kinds[k] = wideLine
		case n*100 >= f.st.bodyWidth*90:
			if next := nextText(body[:end], k+1); next >= 0 && (strings.HasSuffix(t, "-") || startsLower(strings.TrimSpace(body[next].Text))) {
				kinds[k] = textLine
			}
		}
	}
	// score(b) = wide lines below b − wide lines above b − text lines below b.
	best, bestScore := end, 0
	wideAbove, wideBelow, textBelow := 0, 0, 0
	for k := 0; k < end; k++ {
		if kinds[k] == wideLine {
			wideAbove++
		}
	}
	bestScore = -wideAbove
	for b := end - 1; b >= 0; b-- {
		switch kinds[b] {
		case wideLine:
			wideAbove--
			wideBelow++
		case textLine:
			textBelow++
		}
		if kinds[b] != wideLine {
			continue // the block opens with one of the note's lines
		}
		if sc := wideBelow - wideAbove - textBelow; sc > bestScore {
			best, bestScore = b, sc
		}
	}
	if best == end {
		return -1
	}
	wide := 0
	for k := best; k < end; k++ {
		if kinds[k] == wideLine {
			wide++
		}
	}
	// The note before ran on unfinished, or the lines are plainly the
	// notes' (a note may break between its paragraphs).
	if !f.open() && wide < 3 {
		return -1
	}
	return best
}

func startsLower(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsLower(r)
		}
		if unicode.IsDigit(r) {
			return false
		}
	}
	return false
}

// gapContinuation finds, where the notes' measure tells nothing, the
// lines of an unfinished note that run on at a page's foot: the last
// block before end, set off from the text above it by two blank lines or
// more. It returns the block's first line, or -1.
func (f *footFinder) gapContinuation(body []pages.Line, end int) int {
	if !f.open() {
		return -1
	}
	k := end - 1
	for k >= 0 && strings.TrimSpace(body[k].Text) == "" {
		k--
	}
	first := -1
	for k >= 0 && strings.TrimSpace(body[k].Text) != "" {
		first = k
		k--
	}
	blanks := 0
	for k >= 0 && strings.TrimSpace(body[k].Text) == "" {
		blanks++
		k--
	}
	if first <= 0 || blanks < 2 || k < 0 {
		return -1
	}
	return first
}

// open: the last note read ends mid-sentence, so it runs on.
func (f *footFinder) open() bool {
	n := f.notes[len(f.notes)-1]
	for k := len(n.Lines) - 1; k >= 0; k-- {
		t := strings.TrimSpace(n.Lines[k].Text)
		if t == "" {
			continue
		}
		t = strings.TrimRight(t, "”’\"')]")
		return !strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "!") && !strings.HasSuffix(t, "?")
	}
	return false
}

// read parses page pi's foot lines into notes. markers are the labels of
// the markers in the page's text; continued says the foot opens with more
// of the last note.
func (f *footFinder) read(pi int, markers markerIndex, continued bool, lost map[int]bool) {
	p := &f.ps[pi]
	foot := f.bodyResumes(p)
	var cur *Note
	if len(f.notes) > 0 && (continued || f.open()) {
		cur = &f.notes[len(f.notes)-1] // lines before the first label continue it
	}
	firstOnPage := len(f.notes)
	var strays []footLabel
	expected := f.last + 1
	if f.st.scope == "page" {
		expected = 1
	}
	for i := 0; i < len(foot); i++ {
		l := foot[i]
		t := strings.TrimSpace(l.Text)
		if t == "" {
			if cur != nil {
				cur.Lines = append(cur.Lines, pages.Line{N: l.N})
			}
			continue
		}
		if lost[l.N] {
			// A note above the first label read, its own label lost: the
			// count leaves room for it (lostAbove).
			cur = f.lostNote(pi, l, t, t, &expected, "its label lost", "a paragraph set off above the page's first label, whose number skips as many")
			continue
		}
		if f.st.byMeasure && cur != nil && cur.Page == pi && i > 0 && strings.TrimSpace(foot[i-1].Text) == "" && endsSentence(lastText(cur.Lines)) && opensNote(t) {
			// A book whose marks OCR misread throughout sets each note
			// as a paragraph of its own: after a finished note and a
			// blank line, a paragraph is the next note, its label lost
			// or misread ("Nine of them…", "8The second of…").
			rest := t
			if lab, ok := readLabel(t); ok && lab.rest != "" {
				rest = lab.rest
			} else if r, size := utf8.DecodeRuneInString(t); strings.ContainsRune(glyphLabels, r) || markGlued(t, r, size) {
				if next, _ := utf8.DecodeRuneInString(t[size:]); unicode.IsUpper(next) {
					rest = t[size:] // "*A stone of flour…", "tThe papers…": the mark run into the note
				}
			}
			cur = f.lostNote(pi, l, t, rest, &expected, "its label lost or misread", "a paragraph of the foot after a finished note, set to the notes' measure, in a book whose notes stand a paragraph each")
			continue
		}
		if lab, ok := readLabel(t); ok && f.allowed(lab) {
			n := labelNumber(lab.label)
			next := nextText(foot, i+1)
			if lab.form == formOwnLine && (next < 0 || isLabelLine(foot[next].Text)) {
				strays = append(strays, lab) // a label whose text pdftotext put elsewhere
				continue
			}
			if lab.form == formGlyph {
				if prev := strings.TrimSpace(foot[max(0, i-1)].Text); i > 0 && prev != "" && cur != nil {
					goto text // a glyph inside a note's paragraph: its text
				}
				lab.label, n = fmt.Sprint(expected), expected
				f.rep.Add(report.Decision{Stage: "notes", Kind: "label-misread", Line: l.N, Page: p.Number,
					Text:     fmt.Sprintf("read %q as the start of note %d", clip(t), expected),
					Evidence: "a glyph glued to a capital after a blank line in the foot area: the OCR's reading of a raised label", Confidence: 0.5})
			}
			if m := f.misread(lab); m > 0 && !markers.has(lab.label) {
				f.rep.Add(report.Decision{Stage: "notes", Kind: "label-misread", Line: l.N, Page: p.Number,
					Text:     fmt.Sprintf("read the label %q as note %d", lab.label, m),
					Evidence: fmt.Sprintf("the notes count to %d before it; the text layer lost a digit", f.last), Confidence: 0.6})
				lab.label, n = fmt.Sprint(m), m
			}
			if n > 0 && n != expected && expected > 1 && lab.form == formGlued && f.labelBelow(foot, i) == expected+1 && !markers.has(lab.label) {
				// "8Caesar…" between notes 5 and "7Claudius…": the OCR
				// misread the 6 the count and the next label want.
				f.rep.Add(report.Decision{Stage: "notes", Kind: "label-misread", Line: l.N, Page: p.Number,
					Text:     fmt.Sprintf("read the label %q as note %d", lab.label, expected),
					Evidence: fmt.Sprintf("the notes count to %d before it and the next label is %d", expected-1, expected+1), Confidence: 0.6})
				lab.label, n = fmt.Sprint(expected), expected
			}
			lost := n > expected && n <= expected+2 && lab.form != formOwnLine && f.st.scope != "page"
			lost = lost || n > f.last && f.runAhead(foot, i, lab) // the count picks up again after a misread
			lost = lost || f.anchored[l.N] && n > 0               // a start the whole book's count vouches for
			if n == 0 && markers.has(lab.label) || n > 0 && (n == expected || markers.has(lab.label) && n > f.last || lost) || n == 1 && f.st.scope != "book" {
				rest := lab.rest
				if lab.form == formOwnLine && next >= 0 {
					i = next
					rest = strings.TrimSpace(foot[next].Text)
				}
				f.notes = append(f.notes, Note{Label: lab.label, Page: pi, Lines: []pages.Line{{N: foot[i].N, Text: rest}}})
				cur = &f.notes[len(f.notes)-1]
				if n > 0 {
					f.last, expected = n, n+1
				}
				continue
			}
		}
	text:
		if cur == nil {
			// Text before any note of the book: keep it in the body.
			p.Body = append(p.Body, l)
			continue
		}
		if cur.Page != pi && !cur.Continued {
			cur.Continued = true
			f.rep.Add(report.Decision{Stage: "notes", Kind: "continued", Line: l.N, Page: p.Number,
				Text:     fmt.Sprintf("note %s (from p.%s) continues here: %q", cur.Label, f.ps[cur.Page].Number, clip(t)),
				Evidence: "unfinished note; lines set to the notes' measure at the page's foot", Confidence: 0.8})
		}
		cur.Lines = append(cur.Lines, l)
	}
	f.placeStrays(pi, firstOnPage, strays)
	f.inferLost(pi, firstOnPage, markers)
}

// opensNote: a line that may open a note — a capital, a digit or a
// glyph first.
func opensNote(t string) bool {
	r, size := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(glyphLabels+"“‘", r) || markGlued(t, r, size)
}

// markGlued: a small letter run into a capital opens the line ("tThe
// papers…"), as OCR reads a dagger: no word begins so.
func markGlued(t string, r rune, size int) bool {
	if !unicode.IsLower(r) || size >= len(t) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(t[size:])
	return unicode.IsUpper(next)
}

// lostNote starts note *expected at line l of page pi, whose label the
// text layer lost (t as read, rest its text), and reports it as uncertain.
func (f *footFinder) lostNote(pi int, l pages.Line, t, rest string, expected *int, what, why string) *Note {
	label := fmt.Sprint(*expected)
	f.notes = append(f.notes, Note{Label: label, Page: pi, Lines: []pages.Line{{N: l.N, Text: rest}}})
	f.last, *expected = *expected, *expected+1
	f.rep.Add(report.Decision{Stage: "notes", Kind: "label-lost", Line: l.N, Page: f.ps[pi].Number,
		Text:     fmt.Sprintf("read %q as note %s, %s", clip(t), label, what),
		Evidence: why, Confidence: 0.5})
	return &f.notes[len(f.notes)-1]
}

// bodyResumes takes back into the body the text that follows a page's
// notes when a page break was missed (a chapter's opening page, which
// shows no running head, in OCR text without page separators): the foot
// area of one page, then the text of the next. Text is told from notes
// by its measure: paragraphs of full lines of the text's measure, none
// of the notes'. It returns the foot's lines that are notes.
func (f *footFinder) bodyResumes(p *pages.Page) []pages.Line {
	foot := p.Foot
	if f.st.wide == 0 {
		return foot
	}
	var notes, text []pages.Line
	inText := false
	for k := 0; k < len(foot); k++ {
		t := strings.TrimSpace(foot[k].Text)
		if inText {
			if lab, ok := readLabel(t); ok && f.allowed(lab) && lab.form != formGlyph && (k == 0 || strings.TrimSpace(foot[k-1].Text) == "") {
				inText = false // the next page's notes
			} else {
				text = append(text, foot[k])
				continue
			}
		}
		if t != "" && (k == 0 || strings.TrimSpace(foot[k-1].Text) == "") && f.textParagraph(foot[k:]) {
			inText = true
			// A short heading just above it ("CHAPTER II.", a title in
			// capitals) opens the text too.
			for len(notes) > 0 {
				h := strings.TrimSpace(notes[len(notes)-1].Text)
				if h == "" || isHeadingLine(h) {
					text = append([]pages.Line{notes[len(notes)-1]}, text...)
					notes = notes[:len(notes)-1]
					continue
				}
				break
			}
			text = append(text, foot[k])
			continue
		}
		notes = append(notes, foot[k])
	}
	if len(text) == 0 {
		return foot
	}
	for len(text) > 0 && strings.TrimSpace(text[0].Text) == "" {
		text = text[1:]
	}
	f.rep.Add(report.Decision{Stage: "notes", Kind: "page-break-missed", Line: text[0].N, Page: p.Number,
		Text:     fmt.Sprintf("text resumes after the notes at line %d (%q): a page break the text layer does not show; kept as text", text[0].N, clip(strings.TrimSpace(text[0].Text))),
		Evidence: "full lines of the text's measure after lines of the notes'", Confidence: 0.6})
	p.Body = append(p.Body, text...)
	p.Foot = notes
	return notes
}

// isHeadingLine: a short line of capitals (a chapter's label or title).
func isHeadingLine(s string) bool {
	if utf8.RuneCountInString(s) > 80 {
		return false
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 3
}

// textParagraph: the paragraph opening ls is set to the text's measure:
// two full lines or more that run on, and no line of the notes' width.
func (f *footFinder) textParagraph(ls []pages.Line) bool {
	full := 0
	for k, l := range ls {
		t := strings.TrimSpace(l.Text)
		if t == "" {
			break
		}
		n := utf8.RuneCountInString(t)
		if n >= f.st.wide && n*100 <= f.st.noteWidth*140 {
			return false
		}
		if n*100 >= f.st.bodyWidth*90 && k+1 < len(ls) {
			if next := strings.TrimSpace(ls[k+1].Text); next != "" && (strings.HasSuffix(t, "-") || startsLower(next)) {
				full++
			}
		}
	}
	return full >= 2
}

func nextText(ls []pages.Line, from int) int {
	for k := from; k < len(ls); k++ {
		if strings.TrimSpace(ls[k].Text) != "" {
			return k
		}
	}
	return -1
}

func isLabelLine(s string) bool {
	lab, ok := readLabel(strings.TrimSpace(s))
	return ok && lab.form == formOwnLine
}

// placeStrays gives labels that pdftotext set apart from their text (at
// the foot's end, out of order) the text they belong to: the note whose
// number comes before holds it, from its first paragraph break on.
func (f *footFinder) placeStrays(pi, first int, strays []footLabel) {
	for _, s := range strays {
		n := labelNumber(s.label)
		if n == 0 {
			continue
		}
		have := false
		for k := first; k < len(f.notes); k++ {
			have = have || f.notes[k].Label == s.label
		}
		if have {
			continue
		}
		host := -1
		for k := first; k < len(f.notes); k++ {
			if m := labelNumber(f.notes[k].Label); m > 0 && m < n && (host < 0 || m > labelNumber(f.notes[host].Label)) {
				host = k
			}
		}
		if host < 0 {
			continue
		}
		h := &f.notes[host]
		cut := paragraphBreak(h.Lines, f.st.noteWidth)
		if cut < 0 {
			f.rep.Add(report.Decision{Stage: "notes", Kind: "stray-label", Line: h.Lines[0].N, Page: f.ps[pi].Number,
				Text:     fmt.Sprintf("label %s stands apart from any text; note %s may hold its text", s.label, h.Label),
				Evidence: "a label alone at the foot of the page, its note's text not found", Confidence: 0.4, Problem: true})
			continue
		}
		moved := Note{Label: s.label, Page: pi, Lines: append([]pages.Line(nil), h.Lines[cut:]...)}
		h.Lines = h.Lines[:cut:cut]
		f.rep.Add(report.Decision{Stage: "notes", Kind: "stray-label", Line: moved.Lines[0].N, Page: f.ps[pi].Number,
			Text:     fmt.Sprintf("note %s: its label stood apart from its text; the text is the paragraph after note %s's first: %q", s.label, h.Label, clip(strings.TrimSpace(moved.Lines[0].Text))),
			Evidence: "the labels count past it and its marker is on the page", Confidence: 0.7})
		// Keep the notes in label order on the page.
		f.notes = append(f.notes[:host+1], append([]Note{moved}, f.notes[host+1:]...)...)
	}
}

// paragraphBreak is the first line of a note's second paragraph: after a
// short line that ends a sentence, a line that opens with a capital.
func paragraphBreak(ls []pages.Line, width int) int {
	for k := 1; k < len(ls); k++ {
		prev := strings.TrimSpace(ls[k-1].Text)
		t := strings.TrimSpace(ls[k].Text)
		if prev == "" && t != "" {
			return k
		}
		if prev == "" || t == "" {
			continue
		}
		short := width == 0 || utf8.RuneCountInString(prev)*100 < width*85
		r, _ := utf8.DecodeRuneInString(t)
		if short && endsSentence(prev) && unicode.IsUpper(r) {
			return k
		}
	}
	return -1
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, "”’\"')]")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}

// inferLost finds notes whose label the OCR lost: a marker on the page
// wants note n, no note n was read, and the note before it holds a second
// paragraph set off by a blank line.
func (f *footFinder) inferLost(pi, first int, markers markerIndex) {
	for k := first; k < len(f.notes); k++ {
		n := labelNumber(f.notes[k].Label)
		want := fmt.Sprint(n + 1)
		if n == 0 || !markers.has(want) || f.notes[k].Page != pi {
			continue
		}
		if k+1 < len(f.notes) && f.notes[k+1].Label == want {
			continue
		}
		h := &f.notes[k]
		cut := -1
		for j := 1; j < len(h.Lines); j++ {
			if strings.TrimSpace(h.Lines[j-1].Text) == "" && strings.TrimSpace(h.Lines[j].Text) != "" && endsSentence(lastText(h.Lines[:j])) {
				r, _ := utf8.DecodeRuneInString(strings.TrimSpace(h.Lines[j].Text))
				if unicode.IsUpper(r) {
					cut = j
					break
				}
			}
		}
		if cut < 0 {
			continue
		}
		moved := Note{Label: want, Page: pi, Lines: append([]pages.Line(nil), h.Lines[cut:]...)}
		h.Lines = h.Lines[:cut:cut]
		f.notes = append(f.notes[:k+1], append([]Note{moved}, f.notes[k+1:]...)...)
		if n+1 > f.last {
			f.last = n + 1
		}
		f.rep.Add(report.Decision{Stage: "notes", Kind: "label-lost", Line: moved.Lines[0].N, Page: f.ps[pi].Number,
			Text:     fmt.Sprintf("read %q as note %s, whose label the text layer lost", clip(strings.TrimSpace(moved.Lines[0].Text)), want),
			Evidence: fmt.Sprintf("marker %s is on the page; the paragraph follows note %d after a blank line", want, n), Confidence: 0.6})
	}
}

func lastText(ls []pages.Line) string {
	for k := len(ls) - 1; k >= 0; k-- {
		if t := strings.TrimSpace(ls[k].Text); t != "" {
			return t
		}
	}
	return ""
}
