// Package pages splits the text layer of a book into its pages and each
// page into body, foot area (footnotes) and furniture (running heads,
// folios). It decides from evidence found in the text — repetition,
// numbers that count up, regular spacing — never from a book's strings.
package pages

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"folio/internal/report"
)

// Line is one source line.
type Line struct {
	N    int    // 1-based line number in the source
	Text string // without trailing white space or the page-start indent
}

// Page is one page of the source.
type Page struct {
	Index int // 0-based
	// Number is the printed page number: read from a folio, or inferred
	// from the folios around it when Printed is false. "" when unknown.
	Number    string
	Printed   bool
	Start     int    // first source line of the page
	Body      []Line // body lines in order, blank lines kept as ""
	Foot      []Line // lines of the foot area (footnotes), after the separator
	Furniture []Line // running heads and folios taken out
	// Separator says what opened the foot area ("a lone space", "a
	// printed rule"); "" when none did.
	Separator string
}

// Style names the way pages are marked in the source.
type Style string

const (
	FormFeed     Style = "form-feed"     // \f between pages
	LeadingSpace Style = "leading-space" // a page's first line starts with one space (PDF text layer)
	FolioOnly    Style = "folio"         // only folio lines and running heads mark pages
	NoPages      Style = "none"          // one long page
)

// Result is a split source.
type Result struct {
	Style Style
	Pages []Page

	furniture furnitureStats
}

var (
	// A folio alone on its line: "12", "— 12 —", "- 12 -", "[12]", "Page 12", "p. 12".
	folioRe = regexp.MustCompile(`^\s*(?:(?:[Pp]age|[Pp]\.)\s*)?[\[(—–-]?\s*(\d{1,4})\s*[\])—–-]?\s*$`)
	// A running head with its folio on the same line: "12   BOOK TITLE" or "CHAPTER   13".
	headLeftRe  = regexp.MustCompile(`^\s*(\d{1,4})\s{2,}(\S.*?)\s*$`)
	headRightRe = regexp.MustCompile(`^\s*(\S.*?)\s{2,}(\d{1,4})\s*$`)
	// A foot-area rule some books print: a line of underscores or dashes.
	ruleRe = regexp.MustCompile(`^\s*(?:_{5,}|-{8,}|—{3,})\s*$`)
)

// Split divides lines into pages and records its evidence in rep.
func Split(lines []string, rep *report.Report) Result {
	var res Result
	var starts []start
	ffCount := 0
	for _, l := range lines {
		if strings.Contains(l, "\f") {
			ffCount++
		}
	}
	switch {
	case ffCount >= 2:
		res.Style = FormFeed
		starts = formFeedStarts(lines)
	default:
		if ls := leadingSpaceStarts(lines); ls != nil {
			res.Style = LeadingSpace
			starts = ls
		}
		blocks := misreadFolios(lines, folioBlocks(lines, res.Style == LeadingSpace), rep)
		if res.Style == "" {
			if len(blocks) >= 2 {
				res.Style = FolioOnly
			} else {
				res.Style = NoPages
			}
		}
		starts = mergeFolioBlocks(lines, starts, blocks)
		starts = dropEmptyStarts(lines, starts)
	}
	if len(starts) == 0 || starts[0].line != 0 {
		starts = append([]start{{line: 0}}, starts...)
	}
	// The furniture of pages that no head-and-folio block opened: their
	// first and last lines, judged against the whole book.
	furn, nums, strips, fst := learnFurniture(lines, starts)
	for p, s := range starts {
		// Head-and-folio blocks found with the pages count too.
		for _, f := range s.furniture {
			e := parseEdge(lines[f])
			e.page, e.top = p, true
			fst.add(e, e.num >= 0, e.key != "")
		}
	}
	for p := range starts {
		for _, l := range furn[p] {
			if !slices.Contains(starts[p].furniture, l) {
				starts[p].furniture = append(starts[p].furniture, l)
			}
		}
		if starts[p].number == "" {
			starts[p].number = nums[p]
		}
	}
	res.furniture = fst
	rep.Add(report.Decision{Stage: "pages", Kind: "style", Line: 1,
		Text:       fmt.Sprintf("page style %q: %d pages", res.Style, len(starts)),
		Evidence:   styleEvidence(res.Style, len(starts), ffCount),
		Confidence: styleConfidence(res.Style, len(starts))})

	var raws []string // reused: only separator reads it
	res.Pages = make([]Page, 0, len(starts))
	for i, s := range starts {
		end := len(lines)
		if i+1 < len(starts) {
			end = starts[i+1].line
		}
		p := Page{Index: i, Start: s.line + 1, Number: s.number, Printed: s.number != ""}
		drop := make(map[int]bool, len(s.furniture))
		for _, f := range s.furniture {
			drop[f] = true
			p.Furniture = append(p.Furniture, Line{N: f + 1, Text: strings.TrimSpace(lines[f])})
		}
		for j := s.line; j < end && j < s.line+edgeDepth+2; j++ {
			if k := strips[j]; k > 0 {
				p.Furniture = append(p.Furniture, Line{N: j + 1, Text: strings.TrimSpace(strings.ReplaceAll(lines[j][:k], "\f", ""))})
			}
		}
		raws = raws[:0]
		lns := make([]Line, 0, end-s.line)
		for j := s.line; j < end; j++ {
			if drop[j] {
				continue
			}
			raw := lines[j]
			if k := strips[j]; k > 0 {
				raw = raw[k:] // a folio run into the line: the rest is text
			}
			raw = strings.ReplaceAll(raw, "\f", "")
			text := strings.TrimRight(raw, " \t\u00a0")
			if j == s.line && s.indent {
				text = strings.TrimPrefix(text, " ")
			}
			raws = append(raws, raw)
			lns = append(lns, Line{N: j + 1, Text: text})
		}
		if len(lns) == 0 {
			lns = nil // a page without lines has none, as before
		}
		prevOpen := i > 0 && footOpen(res.Pages[i-1].Foot)
		sep := separator(raws, lns, res.Style, prevOpen)
		if sep < 0 {
			p.Body = lns
		} else {
			p.Body, p.Foot = lns[:sep], lns[sep+1:]
			p.Separator = "a lone space"
			if ruleRe.MatchString(raws[sep]) {
				p.Separator = "a printed rule"
			}
		}
		res.Pages = append(res.Pages, p)
	}
	inferNumbers(res.Pages, rep)
	for _, p := range res.Pages {
		for _, f := range p.Furniture {
			rep.Add(report.Decision{Stage: "pages", Kind: "furniture", Line: f.N, Page: p.Number,
				Text: fmt.Sprintf("removed %q", f.Text), Evidence: "folio/running-head block", Confidence: 0.95})
		}
	}
	rep.Count("pages", len(res.Pages))
	return res
}

type start struct {
	line      int    // 0-based index of the page's first line
	indent    bool   // the first line carries the page-start space
	number    string // printed folio, if the page has one
	furniture []int  // 0-based lines to drop
	blank     bool   // a page the text layer shows only as a form feed: it holds no lines
	// footFolio: the page's only furniture found with it is the folio
	// at its foot; its top may still hold a running head to learn.
	footFolio bool
}

// isSeparator reports whether a raw line may open the foot area: a lone
// space in PDF text layers (an empty text object where the footnote rule
// was), or a printed rule.
func isSeparator(raw string, st Style) bool {
	if ruleRe.MatchString(raw) {
		return true
	}
	return raw == " " // an empty text object where a PDF drew the footnote rule
}

// separator picks the line that opens a page's foot area, or -1. A lone
// space also appears inside body text, and a rule may be a scene break,
// so the evidence is what follows: the first candidate followed by a
// numbered note wins; failing that, the last candidate when the previous
// page's note was left unfinished (its continuation fills this foot
// area).
func separator(raws []string, lns []Line, st Style, prevOpen bool) int {
	last := -1
	for k := 1; k < len(raws); k++ {
		if !isSeparator(raws[k], st) {
			continue
		}
		last = k
		for m := k + 1; m < len(lns); m++ {
			t := strings.TrimSpace(lns[m].Text)
			if t == "" {
				continue
			}
			if NoteLabel.MatchString(t) || bareLabel.MatchString(t) && m+1 < len(lns) && strings.TrimSpace(lns[m+1].Text) != "" || ContinuedMark(t) != "" {
				return k
			}
			break
		}
	}
	if last >= 0 && prevOpen {
		return last
	}
	return -1
}

// ContinuedMark returns the mark some books open a continued note with
// ("(continued)", "[Continued]", "Continued from p. 12."), or "".
func ContinuedMark(t string) string {
	if m := continuedRe.FindString(t); m != "" {
		return m
	}
	return ""
}

var continuedRe = regexp.MustCompile(`^(?i:\(continued[^)]{0,20}\)|\[continued[^\]]{0,20}\]|continued(?: from (?:p\.|page) ?[\divxlc]+)?[.:—–]?)\s*`)

// bareLabel is a note label alone on its line, its text on the next
// (TeX's superscript label as a text layer gives it).
var bareLabel = regexp.MustCompile(`^(?:[1-9]\d{0,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|[*†‡§]+|\[[1-9]\d{0,2}\]|\([1-9]\d{0,2}\))$`)

// NoteLabel matches the start of a footnote: "1 Text", "12 Text", "¹ Text",
// "* Text", "† Text".
var NoteLabel = regexp.MustCompile(`^(?:\d{1,3}\.? +\S|[¹²³⁴⁵⁶⁷⁸⁹⁰]+ *\S|[*†‡§]+ +\S|\[\d{1,3}\] +\S|\(\d{1,3}\) +\S)`)

// footOpen reports whether a foot area ends mid-sentence, so that the
// note runs on to the next page.
func footOpen(foot []Line) bool {
	for k := len(foot) - 1; k >= 0; k-- {
		t := strings.TrimSpace(foot[k].Text)
		if t == "" {
			continue
		}
		t = strings.TrimRight(t, "”’\"')]")
		return !strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "!") && !strings.HasSuffix(t, "?")
	}
	return false
}

// leadingSpaceStarts finds pages marked by a first line indented by one
// space. It only accepts the style when such lines are spread like pages
// (tens of lines apart), not scattered like indented paragraphs.
func leadingSpaceStarts(lines []string) []start {
	var idx []int
	for i, l := range lines {
		if len(l) >= 2 && l[0] == ' ' && l[1] != ' ' && l[1] != '\t' {
			idx = append(idx, i)
		}
	}
	if len(idx) < 3 {
		return nil
	}
	gaps := make([]int, 0, len(idx))
	for i := 1; i < len(idx); i++ {
		gaps = append(gaps, idx[i]-idx[i-1])
	}
	sort.Ints(gaps)
	if med := gaps[len(gaps)/2]; med < 12 {
		return nil
	}
	out := make([]start, len(idx))
	for i, j := range idx {
		out[i] = start{line: j, indent: true}
	}
	return out
}

type folioBlock struct {
	head   int // line of the running head, -1 if none
	num    int // line of the folio
	value  int
	inline bool // head and number on one line
}

// folioBlocks finds lines holding a page number (alone or beside a running
// head) set off by blank lines, and keeps only those whose numbers count
// up through the book: a stray number in the text does not fit.
func folioBlocks(lines []string, leadingSpace bool) []folioBlock {
	blank := func(i int) bool { return i < 0 || i >= len(lines) || strings.TrimSpace(lines[i]) == "" }
	// Heads set beside their folio with one space ("2 THE DECLINE AND
	// FALL…", as OCR gives them) are told from text by repetition: the
	// same head on three pages or more.
	repeated := map[string]int{}
	for i, l := range lines {
		if !blank(i-1) || !blank(i+1) || len(l) > maxFurniture {
			continue
		}
		t := strings.TrimSpace(l)
		if t == "" || len(t) > 120 {
			continue
		}
		if c := t[0]; c >= '0' && c <= '9' {
			if m := numHeadRe.FindStringSubmatch(l); m != nil && isHeadText(m[2]) {
				repeated[headKey(m[2])]++
			}
		} else if c := t[len(t)-1]; c >= '0' && c <= '9' {
			if m := headHumRe(l); m != "" {
				repeated[headKey(m)]++
			}
		}
	}
	var cands []folioBlock
	for i, l := range lines {
		if !blank(i-1) || !blank(i+1) || len(l) > maxFurniture {
			continue
		}
		if m := folioRe.FindStringSubmatch(l); m != nil {
			v, _ := strconv.Atoi(m[1])
			b := folioBlock{head: -1, num: i, value: v}
			// A running head sits two lines above, itself after a blank
			// line; in PDF text layers it may be an empty " " line.
			if i >= 2 && blank(i-1) && (blank(i-3) || i == 2) && isHeadLine(lines[i-2], leadingSpace) {
				b.head = i - 2
			}
			cands = append(cands, b)
			continue
		}
		if m := headLeftRe.FindStringSubmatch(l); m != nil && isHeadText(m[2]) {
			v, _ := strconv.Atoi(m[1])
			cands = append(cands, folioBlock{head: i, num: i, value: v, inline: true})
		} else if m := headRightRe.FindStringSubmatch(l); m != nil && isHeadText(m[1]) {
			v, _ := strconv.Atoi(m[2])
			cands = append(cands, folioBlock{head: i, num: i, value: v, inline: true})
		} else if t := strings.TrimSpace(l); t == "" || !folioToken(firstToken(t)) && !folioToken(lastToken(t)) {
			continue // no number at either end: no head beside its folio
		} else if m := numHeadRe.FindStringSubmatch(l); m != nil && isHeadText(m[2]) && repeated[headKey(m[2])] >= 3 {
			if v, err := strconv.Atoi(m[1]); err == nil {
				cands = append(cands, folioBlock{head: i, num: i, value: v, inline: true})
			}
		} else if m := headNumRe.FindStringSubmatch(l); m != nil && isHeadText(m[1]) && repeated[headKey(m[1])] >= 3 {
			if v, err := strconv.Atoi(m[2]); err == nil {
				cands = append(cands, folioBlock{head: i, num: i, value: v, inline: true})
			}
		}
	}
	return increasing(cands, len(lines))
}

// headHumRe returns the head of a line "HEAD 12", or "".
func headHumRe(l string) string {
	if m := headNumRe.FindStringSubmatch(l); m != nil && isHeadText(m[1]) {
		return m[1]
	}
	return ""
}

// maxFurniture is the longest line, in bytes, that may be a folio or a
// running head (heads have at most 70 runes; layout text pads them).
const maxFurniture = 1000

func isHeadLine(l string, leadingSpace bool) bool {
	if l == " " && leadingSpace {
		return true
	}
	return isHeadText(strings.TrimSpace(l))
}

// isHeadText: a running head is short and is not the end of a sentence.
func isHeadText(s string) bool {
	if s == "" || len(s) > 70*4 || utf8.RuneCountInString(s) > 70 {
		return false
	}
	last := s[len(s)-1]
	return last != '.' && last != ',' && last != ';' && last != '-'
}

// increasing keeps the longest run of candidates whose values rise with
// their position, each step no larger than the lines between them allow
// (a page holds at least a few lines).
func increasing(c []folioBlock, nlines int) []folioBlock {
	if len(c) < 2 {
		return nil
	}
	best := make([]int, len(c))
	prev := make([]int, len(c))
	for i := range c {
		best[i], prev[i] = 1, -1
		// Only the last maxBack candidates may come before this one: a
		// page holds a few dozen numbers alone on their lines at most,
		// and a text of thousands (a table, a list of years) would make
		// the search quadratic.
		for j := max(0, i-maxBack); j < i; j++ {
			dv := c[i].value - c[j].value
			gap := c[i].num - c[j].num
			// A page holds a few lines at least — but a folio at one
			// page's foot and the next page's head stand close together.
			footThenHead := dv == 1 && c[j].head < 0 && c[i].head >= 0
			if dv <= 0 || gap < dv*3 && !footThenHead || gap > dv*400 {
				continue
			}
			if best[j]+1 > best[i] {
				best[i], prev[i] = best[j]+1, j
			}
		}
	}
	bi := 0
	for i := range best {
		if best[i] > best[bi] {
			bi = i
		}
	}
	if best[bi] < 2 {
		return nil
	}
	var out []folioBlock
	for i := bi; i >= 0; i = prev[i] {
		out = append(out, c[i])
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// maxBack is how many earlier candidates increasing looks back over.
const maxBack = 256

// mergeFolioBlocks turns folio blocks into page starts with furniture.
// A block with a running head opens the page; a lone folio closes it
// (the folio was at the foot of its page).
func mergeFolioBlocks(lines []string, starts []start, blocks []folioBlock) []start {
	byLine := map[int]int{}
	for i, s := range starts {
		byLine[s.line] = i
	}
	for _, b := range blocks {
		n := strconv.Itoa(b.value)
		if b.head >= 0 {
			furn := []int{b.head}
			if b.num != b.head {
				furn = append(furn, b.num)
			}
			if i, ok := byLine[b.head]; ok {
				starts[i].number, starts[i].furniture = n, furn
				continue
			}
			byLine[b.head] = len(starts)
			starts = append(starts, start{line: b.head, number: n, furniture: furn})
			continue
		}
		// A lone folio: the next page starts after it, and the
		// number belongs to the page it closes, found after sorting.
		starts = append(starts, start{line: b.num + 1, furniture: nil, number: "<" + n})
	}
	sort.SliceStable(starts, func(i, j int) bool { return starts[i].line < starts[j].line })
	if len(starts) > 0 && starts[0].line != 0 {
		// The first page, for a lone folio at its foot to number.
		starts = append([]start{{line: 0}}, starts...)
	}
	// Resolve lone folios: the number goes to the page before, the
	// folio line into that page's furniture.
	var opening []start
	for i := range starts {
		if !strings.HasPrefix(starts[i].number, "<") {
			continue
		}
		n := strings.TrimPrefix(starts[i].number, "<")
		starts[i].number = ""
		if i == 0 {
			continue
		}
		prev := &starts[i-1]
		prev.furniture = append(prev.furniture, starts[i].line-1)
		if prev.number == "" {
			prev.number = n
			prev.footFolio = len(prev.furniture) == 1
			continue
		}
		// The page before is numbered by its head block, and this folio
		// counts on from it: a page without a head (a chapter's opening,
		// its folio at the foot) follows it unmarked. It begins where
		// the text layer leaves the widest gap of blank lines.
		if v, err := strconv.Atoi(n); err == nil && prev.number == strconv.Itoa(v-1) {
			prev.furniture = prev.furniture[:len(prev.furniture)-1]
			from := prev.line + 1
			for _, f := range prev.furniture {
				from = max(from, f+1)
			}
			if at := widestGap(lines, from, starts[i].line-1); at > 0 {
				opening = append(opening, start{line: at, number: n, furniture: []int{starts[i].line - 1}})
			} else {
				prev.furniture = append(prev.furniture, starts[i].line-1)
			}
		}
	}
	if len(opening) > 0 {
		starts = append(starts, opening...)
		sort.SliceStable(starts, func(i, j int) bool { return starts[i].line < starts[j].line })
	}
	// Drop duplicate starts (a folio block at a leading-space line), and
	// starts inside the head-and-folio block that opens the page before
	// (a leading-space line at its folio): that page holds the whole
	// block, which is furniture.
	out := starts[:0]
	for i, s := range starts {
		if i > 0 {
			prev := &out[len(out)-1]
			if s.line == prev.line {
				continue
			}
			if s.line <= slices.Max(append([]int{-1}, prev.furniture...)) {
				prev.furniture = append(prev.furniture, s.furniture...)
				if prev.number == "" {
					prev.number = s.number
				}
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// widestGap returns the line after the widest run of two blank lines or
// more within [from, to), the latest of the widest; 0 if there is none.
func widestGap(lines []string, from, to int) int {
	best, at, run := 1, 0, 0
	for j := from; j < to && j < len(lines); j++ {
		if strings.TrimSpace(lines[j]) == "" {
			run++
			continue
		}
		if run >= best && run >= 2 {
			best, at = run, j
		}
		run = 0
	}
	return at
}

// dropEmptyStarts removes page starts that open no text: the gap
// between a lone folio closing one page and the head block opening the
// next is no page.
func dropEmptyStarts(lines []string, starts []start) []start {
	out := starts[:0]
	for i, s := range starts {
		end := len(lines)
		if i+1 < len(starts) {
			end = starts[i+1].line
		}
		empty := len(s.furniture) == 0 && s.number == "" && i+1 < len(starts)
		for j := s.line; j < end && empty; j++ {
			empty = strings.TrimSpace(lines[j]) == ""
		}
		if empty && i > 0 {
			continue
		}
		out = append(out, s)
	}
	return out
}

// formFeedStarts splits at form feeds.
func formFeedStarts(lines []string) []start {
	var starts []start
	starts = append(starts, start{line: 0})
	for i, l := range lines {
		if strings.Contains(l, "\f") && i > 0 {
			if strings.HasPrefix(l, "\f") {
				// "\f\f": a blank page between (a verso left empty) is a
				// page too, for the folios to count.
				for k := 1; k < len(l) && l[k] == '\f'; k++ {
					starts = append(starts, start{line: i, blank: true})
				}
				starts = append(starts, start{line: i})
			} else {
				starts = append(starts, start{line: i + 1})
			}
		}
	}
	if starts[len(starts)-1].line >= len(lines) {
		starts = starts[:len(starts)-1]
	}
	return starts
}

// inferNumbers gives unnumbered pages the numbers their printed
// neighbours imply: counting on from the folio before (or back from the
// first one). Where two folios disagree with the pages found between them,
// a page is missing from the text (often a blank one) or was split: the
// editor is told where.
func inferNumbers(ps []Page, rep *report.Report) {
	type anchor struct{ index, value int }
	var as []anchor
	for _, p := range ps {
		if p.Printed {
			if v, err := strconv.Atoi(p.Number); err == nil {
				as = append(as, anchor{p.Index, v})
			}
		}
	}
	if len(as) == 0 {
		return
	}
	k := 0
	inferred := 0
	for i := range ps {
		for k+1 < len(as) && as[k+1].index <= i {
			k++
		}
		if ps[i].Printed {
			continue
		}
		a := as[k]
		if n := a.value + (i - a.index); n >= 1 {
			ps[i].Number = strconv.Itoa(n)
			inferred++
		}
	}
	rep.Add(report.Decision{Stage: "pages", Kind: "numbering", Line: 1,
		Text:     fmt.Sprintf("inferred %d page numbers from %d printed folios", inferred, len(as)),
		Evidence: "pages counted on from the nearest printed folio before them", Confidence: 0.9})
	for k := 1; k < len(as); k++ {
		a, b := as[k-1], as[k]
		if found, want := b.index-a.index, b.value-a.value; found != want {
			what := "missing from the text (a blank page?)"
			if found > want {
				what = "more than the numbers allow (a page split in two?)"
			}
			rep.Add(report.Decision{Stage: "pages", Kind: "numbering-gap", Line: ps[b.index].Start, Page: ps[b.index].Number,
				Text:     fmt.Sprintf("between folio %d (line %d) and folio %d (line %d) the text has %d pages where the numbers say %d: %d page(s) %s", a.value, ps[a.index].Start, b.value, ps[b.index].Start, found, want, abs(found-want), what),
				Evidence: "page numbers after the gap count on from the folio that follows it", Confidence: 0.6, Problem: true})
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func styleEvidence(st Style, n, ff int) string {
	switch st {
	case FormFeed:
		return fmt.Sprintf("%d form feeds", ff)
	case LeadingSpace:
		return "first lines indented by one space, tens of lines apart, plus folio blocks"
	case FolioOnly:
		return "page numbers alone on their lines, counting up"
	}
	return "no page marks found: the text is treated as one page"
}

func styleConfidence(st Style, n int) float64 {
	if st == NoPages {
		return 0.5
	}
	return 0.95
}
