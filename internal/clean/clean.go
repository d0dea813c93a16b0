// Package clean unwraps the body lines of a paged book into paragraphs:
// across line ends, across page breaks and around the foot areas between
// them. It rejoins line-end hyphens (deciding soft from real on the book's
// own evidence) and normalises typography. Every join it is not sure of is
// recorded for review.
package clean

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/internal/dehyphen"
	"folio/internal/normalize"
	"folio/internal/notes"
	"folio/internal/pages"
	"folio/internal/report"
	"folio/internal/typo"
)

// Page-break sentinels stand in paragraph text where a source page
// begins: PageBase+i marks page i. Supplementary private use area B, so
// no real text holds them.
const (
	PageBase rune = 0x100000
	PageMax  rune = 0x10FFFD
)

// PageSentinel returns the rune that marks the start of page i.
func PageSentinel(i int) rune { return PageBase + rune(i) }

// IsPageSentinel reports whether r marks a page start, and which.
func IsPageSentinel(r rune) (int, bool) {
	if r >= PageBase && r <= PageMax {
		return int(r - PageBase), true
	}
	return 0, false
}

// Para is an unwrapped paragraph.
type Para struct {
	Text    string       // cleaned; holds note and page sentinels
	Src     []pages.Line // the source lines it was made from, as they stood
	Page    int          // index of the page it starts on
	PageTop bool         // the first text of its page
	Line    int          // source line where it starts
}

// Cleaner holds what cleaning learns from the whole book.
type Cleaner struct {
	Lex   *dehyphen.Lexicon
	Rep   *report.Report
	Pages []pages.Page
	width int // typical full line length in characters
	// indent is the depth, in spaces, of a paragraph's first line in
	// laid-out text (0: the text is not laid out, or indents nothing).
	indent int
	// own are the source lines that are paragraphs of their own: the
	// headings the book's heading pattern takes.
	own map[int]bool
	// labels are the speakers' labels the book opens its lines with
	// (learnLabels).
	labels map[string]bool
	// table are the source lines of tables laid out by spaces
	// (tableLines): a block of their own.
	table map[int]bool
}

// Width is the measure learnt: the length most full lines reach.
func (c *Cleaner) Width() int { return c.width }

// KeepOwn makes each of the given source lines a paragraph of its own
// (headings), whatever the join rules would say.
func (c *Cleaner) KeepOwn(lines map[int]bool) { c.own = lines }

// New learns the book's vocabulary and line width from its pages.
func New(ps []pages.Page, rep *report.Report) *Cleaner {
	return NewWith(ps, rep, dehyphen.NewLexicon(bookText(ps)))
}

// Learn starts learning the book's vocabulary from its pages on another
// goroutine and returns a function that waits for the lexicon, for
// NewWith. The page text is copied before Learn returns, so the caller
// may go on changing the pages: notes.Find may turn note markers into
// sentinels meanwhile, as neither is a letter, nor a hyphen, so the
// lexicon's words are the same before and after.
func Learn(ps []pages.Page) func() *dehyphen.Lexicon {
	text := bookText(ps)
	done := make(chan *dehyphen.Lexicon, 1)
	go func() { done <- dehyphen.NewLexicon(text) }()
	return func() *dehyphen.Lexicon { return <-done }
}

// NewWith is New with the lexicon learnt already (see Learn). The line
// width is learnt here, from the pages as they are now: a note marker
// turned sentinel changes a line's length.
func NewWith(ps []pages.Page, rep *report.Report, lex *dehyphen.Lexicon) *Cleaner {
	c := Prepare(ps, rep)
	c.Lex = lex
	return c
}

// Prepare learns the line width and the indents from the pages as they
// are now, before the lexicon is ready (the caller sets Lex, from Learn,
// before Body): the heading pattern needs the width meanwhile.
func Prepare(ps []pages.Page, rep *report.Report) *Cleaner {
	n := 0
	for _, p := range ps {
		n += len(p.Body) + len(p.Foot)
	}
	lens := make([]int, 0, n)
	for _, p := range ps {
		for _, set := range [][]pages.Line{p.Body, p.Foot} {
			for _, l := range set {
				if n := utf8.RuneCountInString(l.Text); n > 0 {
					lens = append(lens, n)
				}
			}
		}
	}
	c := &Cleaner{Rep: rep, Pages: ps, width: typicalWidth(lens)}
	c.indent = learnIndent(ps)
	c.labels = learnLabels(ps)
	c.table = tableLines(ps)
	return c
}

// learnIndent finds whether the text is laid out as on the page
// (pdftotext -layout, OCR that keeps indents) and how deep its paragraphs'
// first lines are indented: the commonest small indent of the body's
// lines, when enough lines carry one. 0: the indents say nothing.
func learnIndent(ps []pages.Page) int {
	counts := map[int]int{}
	long := 0
	for _, p := range ps {
		for _, l := range p.Body {
			n := utf8.RuneCountInString(strings.TrimSpace(l.Text))
			if n < 30 {
				continue
			}
			long++
			if ind := leadingSpaces(l.Text); ind >= 2 && ind <= 8 {
				counts[ind]++
			}
		}
	}
	best, bestN, total := 0, 0, 0
	for ind, n := range counts {
		total += n
		if n > bestN || n == bestN && ind < best {
			best, bestN = ind, n
		}
	}
	// Paragraph openings are a few lines in a hundred at least.
	if long == 0 || total*100 < long*3 {
		return 0
	}
	return best
}

func leadingSpaces(s string) int {
	n := 0
	for n < len(s) && s[n] == ' ' {
		n++
	}
	return n
}

// bookText is the text of all body and foot lines, one a line.
func bookText(ps []pages.Page) string {
	var b strings.Builder
	n := 0
	for _, p := range ps {
		for _, set := range [][]pages.Line{p.Body, p.Foot} {
			for _, l := range set {
				n += len(l.Text) + 1
			}
		}
	}
	b.Grow(n)
	for _, p := range ps {
		for _, set := range [][]pages.Line{p.Body, p.Foot} {
			for _, l := range set {
				b.WriteString(l.Text)
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

// typicalWidth is the length most full lines reach: the 80th percentile.
func typicalWidth(lens []int) int {
	if len(lens) == 0 {
		return 60
	}
	counts := map[int]int{}
	for _, n := range lens {
		counts[n]++
	}
	target := len(lens) * 8 / 10
	seen := 0
	for n := 0; n < 10000; n++ {
		seen += counts[n]
		if seen >= target {
			return n
		}
	}
	return 60
}

// item is a line of the stream being unwrapped, or a page start.
type item struct {
	line    pages.Line
	blank   bool
	newPage int // >= 0: page i starts here
}

// Body unwraps the body text of all pages into paragraphs. Suspicious OCR
// in them is found by Flags, not here.
func (c *Cleaner) Body() []Para {
	stream := c.bodyStream()
	cut := c.cleanBreak(stream)
	if cut < 0 {
		return c.unwrap(stream, true)
	}
	// The two halves share nothing but read-only data: the second is
	// unwrapped on the other core, with its own report, which joins the
	// shared one after the first half's decisions, in order.
	sub := *c
	sub.Rep = report.New(c.Rep.Source)
	done := make(chan []Para, 1)
	go func() { done <- sub.unwrap(stream[cut:], true) }()
	out := c.unwrap(stream[:cut], true)
	out = append(out, <-done...)
	c.Rep.Decisions = append(c.Rep.Decisions, sub.Rep.Decisions...) // Add, at once
	for k, n := range sub.Rep.Counts {
		c.Rep.Count(k, n) // sums: the order does not matter
	}
	return out
}

// bodyStream lists the body lines and page starts of all pages, dropping
// (and recording) stray lines.
func (c *Cleaner) bodyStream() []item {
	n := 0
	for _, p := range c.Pages {
		n += 1 + len(p.Body)
	}
	stream := make([]item, 0, n)
	for i, p := range c.Pages {
		stream = append(stream, item{newPage: i})
		for _, l := range p.Body {
			if strings.TrimSpace(l.Text) == "" {
				stream = append(stream, item{line: l, blank: true, newPage: -1})
				continue
			}
			if isStray(l.Text) {
				c.Rep.Add(report.Decision{Stage: "clean", Kind: "stray", Line: l.N, Page: p.Number,
					Text: fmt.Sprintf("dropped a line holding only %q", strings.TrimSpace(l.Text)), Evidence: "no letters or digits: OCR noise", Confidence: 0.85})
				continue
			}
			stream = append(stream, item{line: l, newPage: -1})
		}
	}
	return stream
}

// cleanBreak finds a page start near the middle of stream where unwrap
// surely ends a paragraph and records nothing: the next page opens with
// a text line that does not continue the last one, with a confidence
// that needs no review. Unwrapping the stream before it and the stream
// from it apart gives what unwrapping it whole would. -1: none found.
func (c *Cleaner) cleanBreak(stream []item) int {
	const minItems = 2000 // below this, a second goroutine costs more than it saves
	if len(stream) < minItems {
		return -1
	}
	lastText, blank := "", false
	for i, it := range stream {
		switch {
		case it.newPage >= 0:
		case it.blank:
			blank = true
		default:
			lastText, blank = strings.TrimSpace(it.line.Text), false
		}
		if i < len(stream)/2 || it.newPage < 0 || lastText == "" || i+1 >= len(stream) {
			continue
		}
		next := stream[i+1]
		if next.newPage >= 0 || next.blank {
			continue
		}
		join, conf, _ := c.continues(lastText, strings.TrimSpace(next.line.Text), blank, true)
		if !join && conf >= report.Uncertain {
			return i
		}
	}
	return -1
}

// Note unwraps a footnote's lines into its paragraphs.
func (c *Cleaner) Note(n notes.Note) []Para {
	stream := make([]item, 0, len(n.Lines))
	for _, l := range n.Lines {
		stream = append(stream, item{line: l, blank: strings.TrimSpace(l.Text) == "", newPage: -1})
	}
	ps := c.unwrap(stream, false)
	for i := range ps {
		ps[i].Page = n.Page
	}
	return ps
}

// Join unwraps lines that are known to form one run of text (a title, a
// signature line) with the same hyphen and typography rules.
func (c *Cleaner) Join(lines []pages.Line) string {
	var buf []byte
	prev := 0
	for _, l := range lines {
		t := strings.TrimSpace(l.Text)
		if t == "" {
			continue
		}
		if len(buf) > 0 {
			buf = c.appendLine(buf, t, prev, nil)
		} else {
			buf = append(buf, t...)
		}
		prev = l.N
	}
	out, _ := typo.Normalize(string(buf))
	return out
}

// unwrap turns a stream of lines into paragraphs. body says whether page
// starts are in the stream.
func (c *Cleaner) unwrap(stream []item, body bool) []Para {
	var out []Para
	var cur *Para
	var buf []byte
	pendingPages := []int{}
	page := 0
	lastText := "" // the previous text line, for the join rules
	lastLine := 0
	lastIndent := 0
	blanks := 0
	pageTurn := false
	// Every paragraph's Src is a run of one array, capped so that no
	// append to it can reach the next paragraph's lines.
	src := make([]pages.Line, 0, len(stream))
	srcStart := 0
	var slot Para // cur points here: out gets copies
	flush := func() {
		if cur == nil {
			return
		}
		cur.Src = src[srcStart:len(src):len(src)]
		text, changes := typo.Normalize(string(buf))
		c.recordTypo(cur, changes)
		cur.Text = text
		out = append(out, *cur)
		cur = nil
		buf = buf[:0]
	}
	for _, it := range stream {
		if it.newPage >= 0 {
			page = it.newPage
			pendingPages = append(pendingPages, it.newPage)
			pageTurn = true
			continue
		}
		if it.blank {
			blanks++
			continue
		}
		t := strings.TrimSpace(it.line.Text)
		ind := leadingSpaces(it.line.Text)
		join := false
		conf, why := 1.0, ""
		if cur != nil {
			first := len(src)-srcStart == 1 // the line before opened the paragraph
			join, conf, why = c.continuesLaid(lastText, t, blanks > 0, pageTurn, lastIndent, ind, first)
			if c.own[it.line.N] || c.own[lastLine] {
				join, conf, why = false, 0.95, "a heading: a paragraph of its own"
			}
			if tin, tprev := c.table[it.line.N], c.table[lastLine]; tin != tprev {
				join, conf, why = false, 0.9, "a table laid out by spaces: a block of its own"
			} else if tin && blanks == 0 {
				join, conf, why = true, 0.9, "a row of the table above"
			}
		}
		if !join && cur != nil && pageTurn && conf < report.Uncertain {
			c.Rep.Add(report.Decision{Stage: "clean", Kind: "end-paragraph", Line: it.line.N, Page: c.pageNumber(page),
				Text:     fmt.Sprintf("ended the paragraph at the page break: %q ⏎ %q", tail(lastText), head(t)),
				Evidence: why, Confidence: conf})
		}
		if !join {
			flush()
			slot = Para{Page: page, Line: it.line.N, PageTop: pageTurn && body}
			cur, srcStart = &slot, len(src)
			if cur.PageTop && len(pendingPages) > 0 {
				cur.Page = pendingPages[len(pendingPages)-1]
			}
			for _, pg := range pendingPages {
				buf = utf8.AppendRune(buf, PageSentinel(pg))
			}
			pendingPages = pendingPages[:0]
			buf = append(buf, t...)
		} else {
			if conf < report.Uncertain {
				c.Rep.Add(report.Decision{Stage: "clean", Kind: "join-paragraph", Line: it.line.N, Page: c.pageNumber(page),
					Text:     fmt.Sprintf("continued the paragraph: %q ⏎ %q", tail(lastText), head(t)),
					Evidence: why, Confidence: conf})
			}
			var sentinels []byte
			for _, pg := range pendingPages {
				sentinels = utf8.AppendRune(sentinels, PageSentinel(pg))
			}
			pendingPages = pendingPages[:0]
			buf = c.appendLine(buf, t, lastLine, sentinels)
		}
		src = append(src, it.line)
		lastText, lastLine, lastIndent = t, it.line.N, ind
		blanks = 0
		pageTurn = false
	}
	flush()
	if !body {
		for _, d := range c.Flags(out) {
			c.Rep.Count("suspicious OCR", 1)
			c.Rep.Add(d)
		}
	}
	return out
}

// Flags finds suspicious OCR in paragraphs, to be recorded for review; it
// changes nothing and touches no shared state, so the caller may run it
// beside the next stage.
func (c *Cleaner) Flags(ps []Para) []report.Decision {
	var out []report.Decision
	cur := ""
	if len(ps) > 0 {
		cur = stripSentinels(ps[0].Text)
	}
	for i := range ps {
		next := "" // each paragraph is stripped once, as next, then as cur
		if i+1 < len(ps) {
			next = stripSentinels(ps[i+1].Text)
		}
		out = c.flag(out, &ps[i], cur, next)
		cur = next
	}
	return out
}

func (c *Cleaner) pageNumber(i int) string {
	if i >= 0 && i < len(c.Pages) {
		return c.Pages[i].Number
	}
	return ""
}

// continuesLaid is continues with the evidence of laid-out text: the
// indents of the two lines (in spaces).
func (c *Cleaner) continuesLaid(prev, t string, blank, pageTurn bool, prevInd, ind int, prevFirst bool) (bool, float64, string) {
	if c.indent == 0 {
		return c.continues(prev, t, blank, pageTurn)
	}
	p := stripSentinels(prev)
	deep := c.indent + 4 // deeper than a paragraph's first line: a quotation, verse, a centred or set-right line
	hyphen := strings.HasSuffix(p, "-")
	switch {
	case hyphen && !blank:
		return true, 1, "the line ends with a hyphen"
	case ind >= deep && prevInd >= deep && abs(ind-prevInd) <= 2 && !blank:
		return true, 0.9, "lines set in from both sides alike: one block"
	case prevFirst && !blank && ind >= 2 && prevInd >= deep && abs(prevInd-ind-c.indent) <= 1 && !terminal(p):
		// A quotation set in, its first line indented as the book's
		// paragraphs are, from the quotation's own edge.
		return true, 0.85, "a quotation's first line, set in by a paragraph's indent more than its other lines"
	case ind >= deep || prevInd >= deep && ind < deep:
		return false, 0.9, "a line set in deeper than a paragraph, or the text after one: a block of its own (heading, quotation, verse, signature)"
	case prevFirst && abs(ind-c.indent) <= 1 && abs(prevInd-c.indent) <= 1 && !blank && terminal(p) && !startsLower(t):
		// A paragraph's second line comes back to the margin: a first
		// line set in, and the line after it set in alike, are two
		// paragraphs, the first of one line ("P.S.—Tell Mrs.
		// Whitrigg…"); a quotation set in goes on set in.
		return false, 0.85, "two lines set in as paragraphs open, the first ending a sentence: a paragraph of one line"
	case ind >= c.indent-1 && ind < deep && prevInd < c.indent-1:
		if startsLower(t) && !terminal(p) {
			return true, 0.8, "an indented line, but it continues the sentence in lower case"
		}
		return false, 0.95, fmt.Sprintf("an indented first line (%d spaces, as the book's paragraphs open)", ind)
	}
	return c.continues(prev, t, blank, pageTurn)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// continues decides whether line t continues the paragraph that line prev
// ended, with a confidence and the evidence.
func (c *Cleaner) continues(prev, t string, blank, pageTurn bool) (bool, float64, string) {
	p := stripSentinels(prev)
	if pc, tc := isCapsLine(p), isCapsLine(t); pc != tc {
		// A heading in capitals is not running text; a lone word in
		// capitals ("PLA.", "CPSU.") is an acronym ending a sentence.
		caps := p
		if !pc {
			caps = stripSentinels(t)
		}
		if CountWords(caps) >= 2 || !terminal(caps) {
			return false, 1, "a line in capitals is a heading, not running text"
		}
	}
	hyphen := strings.HasSuffix(p, "-") || strings.HasSuffix(p, "—") || strings.HasSuffix(p, normalize.SoftBreak)
	term := terminal(p)
	lower := startsLower(t)
	shortLine := utf8.RuneCountInString(p) < c.width*7/10
	switch {
	case !blank && !pageTurn && startsLabel(t):
		return false, 0.9, "a speaker or list label opens the line"
	case !blank && term && c.labels[labelOf(t)]:
		return false, 0.85, "a speaker's label the book opens its lines with (" + labelOf(t) + ")"
	case !blank && !pageTurn && term && !lower && shortLine:
		// Justified text fills its lines: a short line ending a
		// sentence ended its paragraph, blank line or not.
		return false, 0.85, "a short line ends a sentence"
	case !blank && !pageTurn && strings.HasSuffix(p, "—") && shortLine && !lower:
		// "MY GOOD ADJUTANT,—": a salutation or a heading set off by a
		// dash, not a sentence running on.
		return false, 0.8, "a short line ending in a dash, a capital after it"
	case !blank && !pageTurn:
		return true, 1, ""
	case hyphen && blank && startsCapital(t):
		// A blank line after a dash or hyphen: the paragraph ended there
		// ("…namely:—" over a list, a salutation "Dear Sir,—").
		return false, 0.75, "a blank line after the dash, a capital after it"
	case hyphen:
		return true, 1, "the line ends with a hyphen or dash"
	case !term && lower:
		return true, 1, "no sentence end before, a lower-case word after"
	case !term && endsWithFunctionWord(p):
		return true, 0.95, "the line ends with “" + lastWord(p) + "”, which cannot end a sentence"
	}
	if !pageTurn {
		// A blank line between text lines on one page ends the paragraph.
		return false, 1, ""
	}
	// Across a page break there is no blank-line evidence: the page ends
	// and the next begins. Decide from the sentence and the line length.
	short := utf8.RuneCountInString(p) < c.width*8/10
	switch {
	case !term:
		if startsLabel(t) {
			return false, 0.7, "no sentence end, but the next page opens with a label or list item"
		}
		if utf8.RuneCountInString(p) < c.width/2 && !strings.HasSuffix(p, ",") {
			return false, 0.75, "a short last line without a sentence end (a signature or heading?)"
		}
		return true, 0.85, "no sentence end at the foot of the page"
	case lower:
		return true, 0.8, "a sentence end, but the next page opens in lower case"
	case short || startsLabel(t):
		return false, 0.9, "a sentence end on a short last line"
	}
	// A full last line ending a sentence, a capital on the next page:
	// in the books we have read, a new paragraph more often than not.
	return false, 0.6, "a sentence end on a full last line, a capital after it: probably a new paragraph"
}

// appendLine adds line t to a paragraph whose text so far is buf,
// rejoining a line-end hyphen; sentinels (page starts) go after the word
// that straddles the break. Only the paragraph's last word is looked at,
// so building a paragraph stays linear in its length.
func (c *Cleaner) appendLine(buf []byte, t string, prevN int, sentinels []byte) []byte {
	for len(buf) > 0 && buf[len(buf)-1] == ' ' {
		buf = buf[:len(buf)-1]
	}
	// Only the last token becomes a string, not the whole window.
	win := buf[max(0, len(buf)-200):]
	last := stripSentinels(string(win[bytes.LastIndexByte(win, ' ')+1:]))
	switch {
	case strings.HasSuffix(last, normalize.SoftBreak):
		// The typesetter's own discretionary hyphen: the word is one.
		buf = buf[:len(buf)-len(normalize.SoftBreak)]
		c.Rep.Count("hyphens joined", 1)
		firstTok, rest := splitFirstToken(t)
		buf = append(buf, firstTok...)
		buf = append(buf, sentinels...)
		if rest != "" {
			buf = append(buf, ' ')
			buf = append(buf, rest...)
		}
		return buf
	case strings.HasSuffix(last, "—"):
		buf = append(buf, sentinels...)
		return append(buf, t...)
	case strings.HasSuffix(last, "-") && len(last) >= 2 && !strings.HasSuffix(last, "--") && buf[len(buf)-1] == '-':
		win := buf[max(0, len(buf)-200) : len(buf)-1]
		left := string(win[bytes.LastIndexByte(win, ' ')+1:])
		firstTok, rest := splitFirstToken(t)
		lw, rw := bareLeft(left), bareRight(firstTok)
		if lw != "" && rw != "" {
			d := c.Lex.Decide(lw, rw)
			kind := "keep"
			if d.Join {
				kind = "join"
				buf = buf[:len(buf)-1]
			}
			c.Rep.Add(report.Decision{Stage: "hyphen", Kind: kind, Line: prevN,
				Text:     lw + "-|" + rw + " → " + d.Word,
				Evidence: d.Evidence, Confidence: d.Confidence})
			if d.Join {
				c.Rep.Count("hyphens joined", 1)
			} else {
				c.Rep.Count("hyphens kept", 1)
			}
			buf = append(buf, firstTok...)
			buf = append(buf, sentinels...)
			if rest != "" {
				buf = append(buf, ' ')
				buf = append(buf, rest...)
			}
			return buf
		}
	}
	buf = append(buf, ' ')
	buf = append(buf, sentinels...)
	return append(buf, t...)
}

func (c *Cleaner) recordTypo(p *Para, changes []typo.Change) {
	for _, ch := range changes {
		c.Rep.Count("typography "+ch.Kind, 1)
		if ch.Kind == "dash" || ch.Kind == "ellipsis" {
			c.Rep.Add(report.Decision{Stage: "typo", Kind: ch.Kind, Line: p.Line, Page: c.pageNumber(p.Page),
				Text: fmt.Sprintf("%q → %q", ch.From, ch.To), Confidence: 0.95})
		}
	}
}

// flag records suspicious OCR in a paragraph, without changing it.
// text is p.Text without its sentinels.
func (c *Cleaner) flag(out []report.Decision, p *Para, text, next string) []report.Decision {
	for _, f := range typo.Suspicious(text) {
		if f.Kind == "unbalanced" && f.Text == "“" && strings.HasPrefix(next, "“") {
			continue // a quotation running over paragraphs opens each one and closes the last
		}
		out = append(out, report.Decision{Stage: "typo", Kind: "suspicious-" + f.Kind, Line: p.Line, Page: c.pageNumber(p.Page),
			Text: fmt.Sprintf("%q: %s", f.Text, f.Reason), Evidence: "left as printed; check against the scan", Confidence: f.Confidence})
	}
	return out
}

// terminal: the line ends a sentence.
func terminal(s string) bool {
	s = strings.TrimRight(s, "”’\"')]» ")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == ':' || r == '…'
}

func startsCapital(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r)
		}
		if unicode.IsDigit(r) {
			return false
		}
	}
	return false
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

// startsLabel: a list label or a speaker label opens the line.
func startsLabel(s string) bool {
	if len(s) >= 2 && s[0] >= '0' && s[0] <= '9' && (s[1] == ')' || s[1] == '.') {
		return true
	}
	if strings.HasPrefix(s, "P.S.") || strings.HasPrefix(s, "P. S.") {
		return true
	}
	if i := strings.Index(s, ":"); i > 2 && i < 90 {
		label := s[:i]
		if j := strings.Index(label, "("); j > 0 && strings.HasSuffix(strings.TrimSpace(label), ")") {
			label = label[:j] // "HYSNI KAPO (addressing the comrades):"
		}
		return isCapsLine(label) && !strings.ContainsAny(label, ";")
	}
	return false
}

var functionWords = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "and": true, "to": true, "in": true, "for": true,
	"with": true, "by": true, "on": true, "at": true, "from": true, "that": true, "which": true,
	"who": true, "as": true, "or": true, "but": true, "into": true, "than": true, "whose": true,
	"its": true, "their": true, "our": true, "his": true, "her": true, "this": true, "these": true,
	"is": true, "are": true, "was": true, "were": true, "be": true, "has": true, "have": true, "had": true,
	"not": true, "no": true, "we": true, "they": true, "he": true, "she": true, "it": true, "I": true,
}

func endsWithFunctionWord(s string) bool {
	w := lastWord(s)
	return functionWords[w] || functionWords[strings.ToLower(w)] && w != strings.ToUpper(w)
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.TrimFunc(f[len(f)-1], func(r rune) bool { return !unicode.IsLetter(r) })
}

// isCapsLine: a line with letters, all of them capitals (titles, headings,
// running heads), allowing ordinals ("21st") and digits. It runs on every
// line, so it scans once without allocating.
func isCapsLine(s string) bool {
	letters := 0
	digitWord := false // inside a word that began with a digit: "21st"
	wordStart := true
	for _, r := range s {
		if r >= 0xC0000 && isSentinel(r) {
			continue // as if stripped: see IsCaps
		}
		if r == ' ' || r == '\t' {
			wordStart = true
			continue
		}
		if wordStart {
			digitWord = r >= '0' && r <= '9'
			wordStart = false
		}
		if digitWord || !unicode.IsLetter(r) {
			continue
		}
		if !unicode.IsUpper(r) {
			return false
		}
		letters++
	}
	return letters >= 2
}

// IsCaps is isCapsLine for other stages.
// isCapsLine skips sentinels, which is the same as stripping them first.
func IsCaps(s string) bool { return isCapsLine(s) }

func isStray(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || r == '…' {
			return false
		}
	}
	t := strings.TrimSpace(s)
	// "* * *", a fleuron or three dots alone are a scene break.
	return t != "" && !strings.ContainsAny(t, "*⁂❦❧☙✻✦◆•·~§")
}

// stripSentinels removes note and page sentinels. Every sentinel is at
// or above U+C0000, so its UTF-8 form opens with byte 0xF3 or 0xF4: text
// without such a byte (most lines) is returned as is, unscanned by rune.
func stripSentinels(s string) string {
	i := sentinelLead(s)
	if i < 0 {
		return s
	}
	var buf []byte
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isSentinel(r):
			if buf == nil {
				buf = make([]byte, 0, len(s))
				if utf8.ValidString(s[:i]) {
					buf = append(buf, s[:i]...)
				} else {
					for _, r := range s[:i] {
						buf = utf8.AppendRune(buf, r) // bad bytes → U+FFFD, as strings.Map does
					}
				}
			}
		case buf == nil:
		case r == utf8.RuneError && size == 1:
			buf = utf8.AppendRune(buf, r) // as strings.Map did
		default:
			buf = append(buf, s[i:i+size]...)
		}
		i += size
		if buf == nil {
			// No sentinel yet: skip ahead to the next candidate.
			j := sentinelLead(s[i:])
			if j < 0 {
				return s
			}
			i += j
		}
	}
	return string(buf)
}

// sentinelLead is the index of the first byte that can open a sentinel's
// UTF-8 form, or -1.
func sentinelLead(s string) int {
	i := strings.IndexByte(s, 0xF3)
	// Look for 0xF4 only before the 0xF3 found: scanning the whole rest
	// each time would make stripping a paragraph of many note markers
	// quadratic in its length.
	t := s
	if i >= 0 {
		t = s[:i]
	}
	if j := strings.IndexByte(t, 0xF4); j >= 0 {
		return j
	}
	return i
}

// asciiSpace holds the ASCII characters unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// CountWords is len(strings.Fields(StripSentinels(s))) without building
// either: the word count of paragraph text.
func CountWords(s string) int {
	n := 0
	in := false
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII: the common case, without decoding.
			i++
			if asciiSpace[c] {
				in = false
			} else if !in {
				in = true
				n++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r >= 0xC0000 && isSentinel(r):
			// neither space nor word: removing it joins nothing
		case unicode.IsSpace(r):
			in = false
		case !in:
			in = true
			n++
		}
	}
	return n
}

// WriteStripped writes s without its sentinels to b: StripSentinels
// without the string in between.
func WriteStripped(b *strings.Builder, s string) {
	if !utf8.ValidString(s) {
		b.WriteString(stripSentinels(s))
		return
	}
	for {
		i := sentinelLead(s)
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isSentinel(r) {
			b.WriteString(s[i : i+size])
		}
		s = s[i+size:]
	}
}

// StripSentinels is stripSentinels for other stages.
func StripSentinels(s string) string { return stripSentinels(s) }

func isSentinel(r rune) bool {
	_, a := notes.IsSentinel(r)
	_, b := IsPageSentinel(r)
	return a || b
}

func splitFirstToken(t string) (string, string) {
	i := strings.IndexByte(t, ' ')
	if i < 0 {
		return t, ""
	}
	return t[:i], strings.TrimLeft(t[i+1:], " ")
}

// bareLeft is the word material of the left half: leading punctuation
// off, internal hyphens kept ("“self-reli" → "self-reli").
func bareLeft(s string) string {
	s = stripSentinels(s)
	return strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// bareRight is the leading word material of the right half ("chev1," →
// "chev"; markers are sentinels by now, and go too).
func bareRight(s string) string {
	s = stripSentinels(s)
	end := 0
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’' || r == '\'' {
			end = i + utf8.RuneLen(r)
			continue
		}
		break
	}
	return strings.TrimRight(s[:end], "’'")
}

func tail(s string) string {
	s = stripSentinels(s)
	r := []rune(s)
	if len(r) > 40 {
		return "…" + string(r[len(r)-40:])
	}
	return s
}

func head(s string) string {
	s = stripSentinels(s)
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
