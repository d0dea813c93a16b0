// Package clean unwraps the body lines of a paged book into paragraphs:
// across line ends, across page breaks and around the foot areas between
// them. It rejoins line-end hyphens (deciding soft from real on the book's
// own evidence) and normalises typography. Every join it is not sure of is
// recorded for review.
package clean

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/internal/dehyphen"
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
}

// New learns the book's vocabulary and line width from its pages.
func New(ps []pages.Page, rep *report.Report) *Cleaner {
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
	lens := make([]int, 0, n/40)
	for _, p := range ps {
		for _, set := range [][]pages.Line{p.Body, p.Foot} {
			for _, l := range set {
				b.WriteString(l.Text)
				b.WriteByte('\n')
				if n := utf8.RuneCountInString(l.Text); n > 0 {
					lens = append(lens, n)
				}
			}
		}
	}
	return &Cleaner{Lex: dehyphen.NewLexicon(b.String()), Rep: rep, Pages: ps, width: typicalWidth(lens)}
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
	var stream []item
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
	return c.unwrap(stream, true)
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
			buf = c.appendLine(buf, t, prev, "")
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
	blanks := 0
	pageTurn := false
	flush := func() {
		if cur == nil {
			return
		}
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
		join := false
		conf, why := 1.0, ""
		if cur != nil {
			join, conf, why = c.continues(lastText, t, blanks > 0, pageTurn)
		}
		if !join && cur != nil && pageTurn && conf < report.Uncertain {
			c.Rep.Add(report.Decision{Stage: "clean", Kind: "end-paragraph", Line: it.line.N, Page: c.pageNumber(page),
				Text:     fmt.Sprintf("ended the paragraph at the page break: %q ⏎ %q", tail(lastText), head(t)),
				Evidence: why, Confidence: conf})
		}
		if !join {
			flush()
			cur = &Para{Page: page, Line: it.line.N, PageTop: pageTurn && body}
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
			sentinels := ""
			for _, pg := range pendingPages {
				sentinels += string(PageSentinel(pg))
			}
			pendingPages = pendingPages[:0]
			buf = c.appendLine(buf, t, lastLine, sentinels)
		}
		cur.Src = append(cur.Src, it.line)
		lastText, lastLine = t, it.line.N
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
	for i := range ps {
		next := ""
		if i+1 < len(ps) {
			next = stripSentinels(ps[i+1].Text)
		}
		out = c.flag(out, &ps[i], next)
	}
	return out
}

func (c *Cleaner) pageNumber(i int) string {
	if i >= 0 && i < len(c.Pages) {
		return c.Pages[i].Number
	}
	return ""
}

// continues decides whether line t continues the paragraph that line prev
// ended, with a confidence and the evidence.
func (c *Cleaner) continues(prev, t string, blank, pageTurn bool) (bool, float64, string) {
	p := stripSentinels(prev)
	if pc, tc := isCapsLine(p), isCapsLine(stripSentinels(t)); pc != tc {
		// A heading in capitals is not running text; a lone word in
		// capitals ("PLA.", "CPSU.") is an acronym ending a sentence.
		if caps := stripSentinels(map[bool]string{true: p, false: t}[pc]); len(strings.Fields(caps)) >= 2 || !terminal(caps) {
			return false, 1, "a line in capitals is a heading, not running text"
		}
	}
	hyphen := strings.HasSuffix(p, "-") || strings.HasSuffix(p, "—")
	term := terminal(p)
	lower := startsLower(t)
	switch {
	case !blank && !pageTurn && startsLabel(t):
		return false, 0.9, "a speaker or list label opens the line"
	case !blank && !pageTurn && term && !lower && utf8.RuneCountInString(p) < c.width*7/10:
		// Justified text fills its lines: a short line ending a
		// sentence ended its paragraph, blank line or not.
		return false, 0.85, "a short line ends a sentence"
	case !blank && !pageTurn:
		return true, 1, ""
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
func (c *Cleaner) appendLine(buf []byte, t string, prevN int, sentinels string) []byte {
	for len(buf) > 0 && buf[len(buf)-1] == ' ' {
		buf = buf[:len(buf)-1]
	}
	last := stripSentinels(lastToken(string(buf[max(0, len(buf)-200):])))
	switch {
	case strings.HasSuffix(last, "—"):
		buf = append(buf, sentinels...)
		return append(buf, t...)
	case strings.HasSuffix(last, "-") && len(last) >= 2 && !strings.HasSuffix(last, "--") && buf[len(buf)-1] == '-':
		left := lastToken(string(buf[max(0, len(buf)-200) : len(buf)-1]))
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
				Text:     fmt.Sprintf("%s-|%s → %s", lw, rw, d.Word),
				Evidence: d.Evidence, Confidence: d.Confidence})
			c.Rep.Count("hyphens "+map[bool]string{true: "joined", false: "kept"}[d.Join], 1)
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
func (c *Cleaner) flag(out []report.Decision, p *Para, next string) []report.Decision {
	for _, f := range typo.Suspicious(stripSentinels(p.Text)) {
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
func IsCaps(s string) bool { return isCapsLine(stripSentinels(s)) }

func isStray(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '…' {
			return false
		}
	}
	t := strings.TrimSpace(s)
	return t != "" && !strings.Contains(t, "*") // "* * *" is a scene break
}

// stripSentinels removes note and page sentinels.
func stripSentinels(s string) string {
	if !strings.ContainsFunc(s, isSentinel) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isSentinel(r) {
			return -1
		}
		return r
	}, s)
}

// StripSentinels is stripSentinels for other stages.
func StripSentinels(s string) string { return stripSentinels(s) }

func isSentinel(r rune) bool {
	_, a := notes.IsSentinel(r)
	_, b := IsPageSentinel(r)
	return a || b
}

func lastToken(s string) string {
	i := strings.LastIndexByte(s, ' ')
	return s[i+1:]
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
