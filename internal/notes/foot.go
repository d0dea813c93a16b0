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
	scope   string            // "page", "chapter" or "book"
	scopeEv string
	// The measures of text and notes, in characters; wide is the length
	// above which a line is set to the notes' measure (0: the two are
	// too close to tell lines apart).
	bodyWidth, noteWidth, wide int
}

// anchor is a note start whose marker stands above it on its page.
type anchor struct {
	page, line int
	lab        footLabel
}

// learnFootStyle looks for anchored note starts in the pages that have no
// foot area yet.
func learnFootStyle(ps []pages.Page) (footStyle, []anchor) {
	st := footStyle{forms: map[labelForm]int{}, kinds: map[string]int{}}
	var anchors []anchor
	var bodyLens, noteLens []int
	for pi := range ps {
		p := &ps[pi]
		if len(p.Foot) > 0 {
			continue
		}
		above := map[string]bool{}
		for i, l := range p.Body {
			t := strings.TrimSpace(l.Text)
			if i > 0 {
				if lab, ok := readLabel(t); ok && above[lab.label] {
					anchors = append(anchors, anchor{pi, i, lab})
					st.forms[lab.form]++
					st.kinds[lab.kind]++
					for _, b := range p.Body[:i] {
						bodyLens = appendLen(bodyLens, b.Text)
					}
					for _, n := range p.Body[i:] {
						if lab, ok := readLabel(strings.TrimSpace(n.Text)); !ok || lab.form != formOwnLine {
							noteLens = appendLen(noteLens, n.Text)
						}
					}
					break
				}
			}
			for _, m := range findMarkers(p.Body[i : i+1]) {
				above[m.label] = true
			}
		}
	}
	st.anchors = len(anchors)
	st.bodyWidth, st.noteWidth = measure(bodyLens), measure(noteLens)
	if st.bodyWidth > 0 && st.noteWidth*100 >= st.bodyWidth*108 {
		st.wide = (st.bodyWidth + st.noteWidth) / 2
	}
	st.scope, st.scopeEv = learnScope(ps, anchors)
	return st, anchors
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
		if prev > 0 && n <= prev {
			restarts++
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

// footFinder parses the foot areas of a book without separators.
type footFinder struct {
	ps    []pages.Page
	st    footStyle
	rep   *report.Report
	notes []Note
	last  int // the last numeric label read
}

// allowed: a label form the book uses for its notes (one seen anchored on
// a page, or the glued form OCR makes of the book's own labels).
func (f *footFinder) allowed(lab footLabel) bool {
	if f.st.forms[lab.form] > 0 {
		return true
	}
	return lab.form == formGlued && f.st.anchors > 0
}

// findUnseparated finds the foot areas of pages with none, moving their
// lines from the body to the foot, and reads their notes.
func findUnseparated(ps []pages.Page, st footStyle, rep *report.Report) []Note {
	f := &footFinder{ps: ps, st: st, rep: rep}
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
	above := make([]map[string]bool, len(body)+1)
	above[0] = map[string]bool{}
	for i, l := range body {
		m := above[i]
		if ms := findMarkers(body[i : i+1]); len(ms) > 0 {
			m = make(map[string]bool, len(above[i])+len(ms))
			for k := range above[i] {
				m[k] = true
			}
			for _, mk := range ms {
				m[mk.label] = true
			}
		}
		above[i+1] = m
		_ = l
	}
	start := -1
	for i := 1; i < len(body); i++ {
		if k := f.gluedLabel(body[i], above[i]); k > 0 && i+1 < len(body) {
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
			above = append(above[:i+1:i+1], append([]map[string]bool{above[i+1]}, above[i+1:]...)...)
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
		if f.plausible(lab, above[i]) {
			start = i
			break
		}
	}
	cont := f.continuation(body, start)
	if start < 0 && cont < 0 {
		return
	}
	from := start
	if cont >= 0 {
		from = cont
	}
	p.Foot = body[from:]
	p.Body = body[:from:from]
	f.read(pi, above[from], cont >= 0)
}

// gluedLabel returns where a note label begins that pdftotext ran into
// the end of line l — digits glued to the last word whose note's marker
// already stands above — or 0.
func (f *footFinder) gluedLabel(l pages.Line, markers map[string]bool) int {
	if f.st.forms[formOwnLine] == 0 {
		return 0 // only labels on lines of their own get joined so
	}
	t := strings.TrimRight(l.Text, " ")
	ms := findMarkers([]pages.Line{{Text: t}})
	if len(ms) == 0 {
		return 0
	}
	m := ms[len(ms)-1]
	if m.end != len(t) || !markers[m.label] {
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
func (f *footFinder) plausible(lab footLabel, markers map[string]bool) bool {
	if markers[lab.label] {
		return true
	}
	n := labelNumber(lab.label)
	if n == 0 {
		return false // a symbol needs its marker
	}
	switch f.st.scope {
	case "page":
		return n == 1
	case "chapter":
		return n == f.last+1 && f.last > 0
	}
	return n == f.last+1 && f.last > 0
}

// continuation finds the lines before the page's first note (or at its
// foot when none starts) that carry on the last note of the page before:
// lines set to the notes' measure, under the text, while that note is
// unfinished. It returns their first line, or -1.
func (f *footFinder) continuation(body []pages.Line, start int) int {
	if len(f.notes) == 0 || f.st.wide == 0 {
		return -1
	}
	end := start
	if end < 0 {
		end = len(body)
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
func (f *footFinder) read(pi int, markers map[string]bool, continued bool) {
	p := &f.ps[pi]
	foot := p.Foot
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
		if lab, ok := readLabel(t); ok && f.allowed(lab) {
			n := labelNumber(lab.label)
			next := nextText(foot, i+1)
			if lab.form == formOwnLine && (next < 0 || isLabelLine(foot[next].Text)) {
				strays = append(strays, lab) // a label whose text pdftotext put elsewhere
				continue
			}
			if n == 0 && markers[lab.label] || n > 0 && (n == expected || markers[lab.label] && n > f.last) || n == 1 && f.st.scope != "book" {
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
func (f *footFinder) inferLost(pi, first int, markers map[string]bool) {
	for k := first; k < len(f.notes); k++ {
		n := labelNumber(f.notes[k].Label)
		want := fmt.Sprint(n + 1)
		if n == 0 || !markers[want] || f.notes[k].Page != pi {
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
