package pages

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/internal/roman"
)

// The furniture of a page — folios and running heads — sits among its
// first and last lines. Which of those lines are furniture is learnt
// from the whole book: a folio's number counts up with the pages (a
// steady offset from the page's index), a running head repeats on page
// after page (or repeats a title printed earlier, as recto heads repeat
// the chapter's), and a head beside a counting folio is one too.

// edgeDepth is how many lines with text at a page's top and foot may be
// furniture: a folio and a head on lines of their own, and one more for
// a rule or a second head line.
const edgeDepth = 3

// edge is a candidate line of furniture.
type edge struct {
	page  int    // index of the page
	line  int    // 0-based source line
	top   bool   // among the page's first lines (else its last)
	depth int    // 0 for the outermost line with text
	head  string // the running-head text, "" when none
	key   string // head's letters in lower case: the same head despite case, spacing and OCR punctuation
	num   int    // the folio's value, -1 when none
	roman bool   // the folio is a roman numeral
	alone bool   // the folio is alone on its line
	words int    // words in the head
	glued int    // bytes of a folio run into the line's text ("-5In…"): only they are furniture
	dash  string // the folio's form: "", "-", "—", "[]", "()", "page"
	align string // "left", "right", "centre" or "" (unknown: lines not laid out)
}

var (
	// A roman folio alone: "xii", "— xii —", "Page xii".
	romanFolioRe = regexp.MustCompile(`^\s*(?:(?:[Pp]age|[Pp]\.)\s*)?[\[(—–-]?\s*([ivxlcdm]{1,8}|[IVXLCDM]{1,8})\s*[\])—–-]?\s*$`)
	// A folio pdftotext ran into the page's first line, taking its closing
	// dash for a hyphen: "-5In the civil wars…" for "-5-" over "In the…".
	gluedFolioRe = regexp.MustCompile(`^\s*([-—–])(\d{1,4})\p{L}`)
	// A chapter's label alone: "CHAPTER I", "Book Two", "LETTER 12".
	chapterLabelRe = regexp.MustCompile(`(?i)^(?:chapter|chap\.|book|part|letter|section|canto|act|scene)\s+[\divxlcdm]+\.?$|^(?:[ivxlcdm]+|\d+)\.?$`)
	// A head with its folio at either end, however many spaces between.
	numHeadRe = regexp.MustCompile(`^\s*(\d{1,4}|[ivxlcdm]{1,8})\s+(\S.*?)\s*$`)
	headNumRe = regexp.MustCompile(`^\s*(\S.*?)\s+(\d{1,4}|[ivxlcdm]{1,8})\s*$`)
)

// parseEdge reads what a line would be as furniture.
func parseEdge(raw string) edge {
	e := edge{num: -1}
	t := strings.TrimSpace(strings.ReplaceAll(raw, "\f", ""))
	if t == "" || len(t) > maxFurniture {
		return e
	}
	// The patterns are asked only what they can match: a folio alone is
	// short; a number begins or ends a head's line.
	if len(t) <= 24 {
		if m := folioRe.FindStringSubmatch(t); m != nil {
			e.num, _ = strconv.Atoi(m[1])
			e.alone, e.dash = true, folioForm(t)
			return e
		}
		if m := romanFolioRe.FindStringSubmatch(t); m != nil {
			if v := roman.Parse(m[1]); v > 0 {
				e.num, e.roman, e.alone, e.dash = v, true, true, folioForm(t)
				return e
			}
		}
	}
	num := ""
	short := len(t) <= 480 && utf8.RuneCountInString(t) <= 120 // a head and its folio
	if short && folioToken(firstToken(t)) {
		if m := numHeadRe.FindStringSubmatch(t); m != nil && isHeadText(m[2]) {
			num, e.head = m[1], m[2]
		}
	}
	if num == "" && short && folioToken(lastToken(t)) {
		if m := headNumRe.FindStringSubmatch(t); m != nil && isHeadText(m[1]) {
			num, e.head = m[2], m[1]
		}
	}
	if num != "" {
		if v, err := strconv.Atoi(num); err == nil {
			e.num = v
		} else if v := roman.Parse(num); v > 0 {
			e.num, e.roman = v, true
		}
	} else if isHeadText(t) {
		e.head = t
	} else if m := gluedFolio(raw); m != nil {
		e.num, _ = strconv.Atoi(raw[m[4]:m[5]])
		e.glued, e.alone, e.dash = m[5], true, folioForm(raw[m[2]:m[3]])
		return e
	}
	if e.head == "" {
		return e
	}
	e.key = headKey(e.head)
	e.words = countWords(e.head)
	if utf8.RuneCountInString(e.key) < 3 {
		e.head, e.key = "", "" // "I", "A.": too little to be a head
	}
	return e
}

// gluedFolio is gluedFolioRe's match of raw, asked only of lines that
// open with a dash.
func gluedFolio(raw string) []int {
	t := strings.TrimLeft(raw, " \f")
	if r, _ := utf8.DecodeRuneInString(t); t == "" || r != '-' && r != '—' && r != '–' {
		return nil
	}
	return gluedFolioRe.FindStringSubmatchIndex(raw)
}

// folioToken: a word that can be a folio beside a head: 1–4 digits, or
// a roman numeral in small letters.
func folioToken(w string) bool {
	if w == "" || len(w) > 8 {
		return false
	}
	if w[0] >= '0' && w[0] <= '9' {
		for i := 1; i < len(w); i++ {
			if w[i] < '0' || w[i] > '9' {
				return false
			}
		}
		return len(w) <= 4
	}
	for i := 0; i < len(w); i++ {
		if strings.IndexByte("ivxlcdm", w[i]) < 0 {
			return false // most words: not a numeral at a glance
		}
	}
	return roman.Parse(w) > 0
}

func firstToken(t string) string {
	if i := strings.IndexByte(t, ' '); i >= 0 {
		return t[:i]
	}
	return t
}

func lastToken(t string) string {
	return t[strings.LastIndexByte(t, ' ')+1:]
}

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

func folioForm(t string) string {
	switch {
	case strings.HasPrefix(strings.ToLower(t), "p"):
		return "page"
	case strings.ContainsAny(t, "—–"):
		return "—"
	case strings.Contains(t, "-"):
		return "-"
	case strings.Contains(t, "["):
		return "[]"
	case strings.Contains(t, "("):
		return "()"
	}
	return ""
}

// headKey is a head's letters and digits in lower case: "BEETHOVEN’S
// LETTERS" and the OCR's "BEETHOVEN’s Letters" are one head; "April 27,
// 1823" and "April 29, 1823" are two lines.
func headKey(s string) string {
	if ascii := isASCIIString(s); ascii {
		// The common case, a byte at a time.
		buf := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				buf = append(buf, c)
			case c >= 'A' && c <= 'Z':
				buf = append(buf, c+'a'-'A')
			}
		}
		return string(buf)
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// furnitureFinder holds what the whole book says of its page edges.
type furnitureFinder struct {
	edges   []edge
	offsets map[[2]int][]int   // (roman?, value − page index) → page indices with such a folio
	heads   map[string]int     // head key → pages it stands at an edge of beside a counting folio
	share   map[string]float64 // head key → share of all pages it stands at an edge of
	strong  []string           // keys of heads that repeat on three pages or more
	first   map[string]int     // key of a short line → first line it appears on anywhere
	width   int                // the measure of laid-out lines (right edge), 0 if not laid out
	placed  [2]int             // folios that keep step with the pages, at the foot [0] and the top [1]
	// Alternating heads: the key of the head one parity of pages shows
	// (alternating, altParity), the parity of each page with a folio, and
	// the top lines of the other parity that repeat an earlier title.
	similarSeen map[string]bool
	alternating string
	altParity   int
	parity      map[int]int
	recto       map[int]bool
}

// learnFurniture finds the furniture of the pages that have none yet,
// given where each page starts, and returns it per page (0-based lines)
// with the printed number it shows, and the lines whose first bytes only
// are furniture (a folio run into the text).
func learnFurniture(lines []string, starts []start) ([][]int, []string, map[int]int, furnitureStats) {
	strips := map[int]int{}
	f := &furnitureFinder{offsets: map[[2]int][]int{}, heads: map[string]int{}}
	f.width = layoutWidth(lines)
	ends := make([]int, len(starts))
	for p := range starts {
		ends[p] = len(lines)
		if p+1 < len(starts) {
			ends[p] = starts[p+1].line
		}
	}
	for p, s := range starts {
		if len(s.furniture) > 0 && !s.footFolio {
			continue // found with the page (a head-and-folio block)
		}
		var top, foot []int
		for j := s.line; j < ends[p] && len(top) < edgeDepth; j++ {
			if strings.TrimSpace(strings.ReplaceAll(lines[j], "\f", "")) != "" {
				top = append(top, j)
			}
		}
		for j := ends[p] - 1; j >= s.line && len(foot) < edgeDepth; j-- {
			if strings.TrimSpace(strings.ReplaceAll(lines[j], "\f", "")) != "" {
				foot = append(foot, j)
			}
		}
		for d, j := range top {
			f.add(lines, j, p, true, d)
		}
		for d, j := range foot {
			f.add(lines, j, p, false, d)
		}
	}
	// A head is counted where it stands beside a counting folio (on
	// its line, or at the same edge of the page): chapter titles that
	// open pages repeat too (a book of letters "TO ZMESKALL"), but they
	// open pages that show no folio at their top.
	folioEdge := map[[2]int]bool{}
	for _, e := range f.edges {
		if e.num >= 0 && f.steps(e) {
			f.placed[b2i(e.top)]++
		}
	}
	for _, e := range f.edges {
		if e.num >= 0 && f.counts(e) {
			folioEdge[[2]int{e.page, b2i(e.top)}] = true
		}
	}
	type pageKey struct {
		page int
		key  string
	}
	seen := map[pageKey]bool{}
	keyPages := map[string]int{}
	for _, e := range f.edges {
		if e.key == "" || seen[pageKey{e.page, e.key}] {
			continue
		}
		seen[pageKey{e.page, e.key}] = true
		keyPages[e.key]++
		if folioEdge[[2]int{e.page, b2i(e.top)}] || folioEdge[[2]int{e.page, 1 - b2i(e.top)}] {
			f.heads[e.key]++ // a page whose folio counts, at this edge or the other
		}
	}
	f.share = map[string]float64{}
	for k, n := range keyPages {
		f.share[k] = float64(n) / float64(len(starts))
	}
	f.learnAlternating(lines, folioEdge)
	keys := make([]string, 0, len(f.heads))
	for k, n := range f.heads {
		if n >= 3 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { // the most repeated first
		if f.heads[keys[i]] != f.heads[keys[j]] {
			return f.heads[keys[i]] > f.heads[keys[j]]
		}
		return keys[i] < keys[j]
	})
	f.strong = keys

	furn := make([][]int, len(starts))
	nums := make([]string, len(starts))
	var st furnitureStats
	st.sides = f.parity
	byPage := map[int][]int{}
	for i, e := range f.edges {
		byPage[e.page] = append(byPage[e.page], i)
	}
	for p := range starts {
		idx := byPage[p]
		folioAt := map[bool]bool{} // the page shows a counting folio at its top / foot
		for _, i := range idx {
			if e := f.edges[i]; e.num >= 0 && f.counts(e) {
				folioAt[e.top] = true
			}
		}
		for _, top := range []bool{true, false} {
			for d := 0; d < edgeDepth; d++ {
				k := -1
				for _, i := range idx {
					if f.edges[i].top == top && f.edges[i].depth == d {
						k = i
					}
				}
				if k < 0 {
					break
				}
				e := f.edges[k]
				if contains(furn[p], e.line) {
					continue // a short page: taken from the top already
				}
				folio := e.num >= 0 && f.counts(e)
				if e.glued > 0 {
					if folio && top && d == 0 {
						strips[e.line] = e.glued
						st.add(e, true, false)
						if nums[p] == "" {
							nums[p] = strconv.Itoa(e.num)
						}
					}
					break // the rest of the line is text
				}
				head := e.key != "" && f.isHead(e, folio, folioAt[top])
				if !folio && !head {
					break
				}
				if e.num >= 0 && !folio && !e.alone {
					break // a number beside text that is no folio: body text
				}
				furn[p] = append(furn[p], e.line)
				st.add(e, folio, head)
				if folio && nums[p] == "" {
					nums[p] = strconv.Itoa(e.num)
					if e.roman {
						nums[p] = roman.Lower(e.num)
					}
				}
			}
		}
	}
	st.pages = len(starts)
	return furn, nums, strips, st
}

func contains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func (f *furnitureFinder) add(lines []string, j, p int, top bool, depth int) {
	e := parseEdge(lines[j])
	if e.num < 0 && e.key == "" {
		// Neither folio nor head: still a candidate position, so that
		// nothing deeper is taken for furniture.
		e.key = ""
	}
	e.page, e.line, e.top, e.depth = p, j, top, depth
	e.align = f.alignment(lines[j])
	f.edges = append(f.edges, e)
	if e.num >= 0 {
		k := [2]int{b2i(e.roman), e.num - p}
		f.offsets[k] = append(f.offsets[k], p)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// counts: the folio's number keeps step with the pages: other folios
// near it in the book stand at the same offset from their page's index.
// A number beside text at the edge where the book sets no such folios
// (a note "8 Iliad…" at the foot of page 8) is not one.
func (f *furnitureFinder) counts(e edge) bool {
	if !e.alone {
		here, there := f.placed[b2i(e.top)], f.placed[1-b2i(e.top)]
		if there >= 3 && here*5 < there {
			return false
		}
	}
	return f.steps(e)
}

func (f *furnitureFinder) steps(e edge) bool {
	ps := f.offsets[[2]int{b2i(e.roman), e.num - e.page}]
	if len(ps) < 2 {
		return false
	}
	if len(ps) >= 3 {
		return true
	}
	if !e.alone {
		// A number beside text on two pages only: as likely a note's
		// label ("2 The Roman…") or a heading ("Chapter 1") as a folio.
		return false
	}
	for _, p := range ps {
		if p != e.page && abs(p-e.page) <= 12 {
			return true
		}
	}
	return false
}

// isHead: the line is a running head — it repeats at page edges, is a
// garbled copy of one that does, repeats a title printed earlier, or
// stands beside a counting folio.
func (f *furnitureFinder) isHead(e edge, folio, besideFolio bool) bool {
	if folio && !e.alone {
		return true // on the line of a counting folio
	}
	strong := f.heads[e.key] >= 3 || f.similarToStrong(e.key)
	if besideFolio {
		return strong
	}
	if e.top && e.depth == 0 && f.alternating != "" {
		if par, ok := f.parity[e.page]; ok && par == f.altParity && e.key == f.alternating {
			return true // the verso head
		}
		if par, ok := f.parity[e.page]; ok && par != f.altParity && f.recto[e.line] {
			return true // a recto head: the chapter's title again
		}
	}
	// No folio at this edge (the OCR lost it): only a head that stands
	// at the very edge of a good share of the book's pages.
	return strong && e.depth == 0 && f.share[e.key] >= 0.35
}

// learnAlternating finds the heads of books that set the book's title
// over one side of each spread and the chapter's title over the other:
// one head at the top of most pages of one parity (by their folios), and
// on pages of the other parity a top line that repeats a title printed
// on the pages before.
func (f *furnitureFinder) learnAlternating(lines []string, folioEdge map[[2]int]bool) {
	f.parity, f.recto = map[int]int{}, map[int]bool{}
	for _, e := range f.edges {
		if e.num >= 0 && folioEdge[[2]int{e.page, b2i(e.top)}] {
			f.parity[e.page] = e.num % 2
		}
	}
	pagesOf := [2]int{}
	for _, par := range f.parity {
		pagesOf[par]++
	}
	onParity := map[string]*[2]int{}
	for _, e := range f.edges {
		par, ok := f.parity[e.page]
		if !ok || !e.top || e.depth > 1 || e.key == "" {
			continue
		}
		if onParity[e.key] == nil {
			onParity[e.key] = &[2]int{}
		}
		onParity[e.key][par]++
	}
	keys := make([]string, 0, len(onParity))
	for k := range onParity {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for par := 0; par < 2; par++ {
			// On most pages of one side that are not chapter openings
			// (which show no head): four in ten at least.
			if n := onParity[k][par]; n >= 3 && n*10 >= pagesOf[par]*4 && onParity[k][1-par]*4 <= n {
				f.alternating, f.altParity = k, par
			}
		}
	}
	if f.alternating == "" {
		return
	}
	// A top line of a page of the other parity that repeats a short
	// line printed within the pages before it: the chapter title.
	recent := map[string]int{} // key → last line it stood on
	byLine := map[int]edge{}
	for _, e := range f.edges {
		if e.top && e.depth == 0 {
			byLine[e.line] = e
		}
	}
	for i, l := range lines {
		t := strings.TrimSpace(strings.ReplaceAll(l, "\f", ""))
		if t == "" || len(t) > 120 {
			continue
		}
		k := headKey(t)
		if chapterLabelRe.MatchString(t) {
			continue // "CHAPTER I" opens a chapter, heads never repeat a label alone
		}
		if e, ok := byLine[i]; ok && e.key != "" {
			if at, seen := recent[k]; seen && i-at > 5 && i-at < 3000 {
				f.recto[i] = true
			}
			continue // a head does not vouch for the next
		}
		if len(k) >= 6 {
			recent[k] = i
		}
	}
}

// similarToStrong: a head that differs by a few letters from one that
// repeats, remembered per key (a book repeats its heads: each is asked
// once, and of the most repeated heads only).
func (f *furnitureFinder) similarToStrong(key string) bool {
	if v, ok := f.similarSeen[key]; ok {
		return v
	}
	if f.similarSeen == nil {
		f.similarSeen = map[string]bool{}
	}
	v := false
	for i, k := range f.strong {
		if i >= 32 {
			break
		}
		if similar(k, key) {
			v = true
			break
		}
	}
	f.similarSeen[key] = v
	return v
}

// similar: two head keys that differ by a few letters (OCR misreads),
// and not in their digits.
func similar(a, b string) bool {
	if digits(a) != digits(b) {
		return false
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) < 6 || len(rb) < 6 || abs(len(ra)-len(rb)) > max(len(ra), len(rb))/5 {
		return false
	}
	return editDistance(ra, rb, max(len(ra), len(rb))/5) <= max(len(ra), len(rb))/5
}

// editDistance is Levenshtein's, giving up past limit.
func editDistance(a, b []rune, limit int) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
			best = min(best, c)
		}
		if best > limit {
			return best
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// layoutWidth is the right edge most long lines reach when the text is
// laid out as on the page (pdftotext -layout: indents and centred lines
// kept), else 0.
func layoutWidth(lines []string) int {
	// A first look at the bytes: hardly an indented long line means the
	// text is not laid out, without counting a rune.
	roughLong, roughIndented := 0, 0
	for _, l := range lines {
		if len(l) >= 40 {
			roughLong++
			if strings.HasPrefix(strings.TrimLeft(l, "\f"), "    ") {
				roughIndented++
			}
		}
	}
	if roughLong == 0 || roughIndented*20 < roughLong/2 {
		return 0
	}
	indented, long := 0, 0
	ends := make([]int, 0, 256) // by length
	for _, l := range lines {
		if len(l) < 40 {
			continue // fewer bytes than 40 runes
		}
		l = strings.ReplaceAll(l, "\f", "")
		t := strings.TrimRight(l, " ")
		n := utf8.RuneCountInString(t)
		if n < 40 {
			continue
		}
		long++
		if strings.HasPrefix(t, "    ") {
			indented++
		}
		for len(ends) <= n {
			ends = append(ends, 0)
		}
		ends[n]++
	}
	if long == 0 || indented*20 < long {
		return 0 // hardly an indented line: not laid out
	}
	best, bestN := 0, 0
	for w, n := range ends {
		if n > 0 && (n > bestN || n == bestN && w > best) {
			best, bestN = w, n
		}
	}
	// The measure is where the justified lines end: the longest of the
	// common lengths.
	for w, n := range ends {
		if w > best && n*4 >= bestN {
			best = w
		}
	}
	return best
}

// alignment says where a laid-out line stands in the measure.
func (f *furnitureFinder) alignment(raw string) string {
	if f.width == 0 {
		return ""
	}
	raw = strings.ReplaceAll(raw, "\f", "")
	t := strings.TrimRight(raw, " ")
	lead := utf8.RuneCountInString(t) - utf8.RuneCountInString(strings.TrimLeft(t, " "))
	right := f.width - utf8.RuneCountInString(t)
	switch {
	case lead <= 2:
		return "left"
	case right <= 2:
		return "right"
	case abs(lead-right) <= max(4, f.width/10):
		return "centre"
	case right < lead:
		return "right"
	}
	return "left"
}

// furnitureStats is what the report and the profile say of the furniture.
type furnitureStats struct {
	pages         int
	folioPages    map[int]bool
	topFolios     int
	footFolios    int
	onHead        int
	alone         int
	roman         int
	forms         map[string]int
	aligns        map[string]int
	verso, recto  map[string]int // head texts on even and odd pages
	headPages     map[int]bool
	sides         map[int]int // page → parity of its printed folio
	example       string
	exampleFolios []string
}

// parity is the side a head stands on: the page's folio's parity where
// it shows one (even: verso), else its place in the text.
func (s *furnitureStats) parity(e edge) int {
	if p, ok := s.sides[e.page]; ok {
		return p
	}
	return (e.page + 1) % 2
}

func (s *furnitureStats) add(e edge, folio, head bool) {
	if s.folioPages == nil {
		s.folioPages, s.headPages = map[int]bool{}, map[int]bool{}
		s.forms, s.aligns = map[string]int{}, map[string]int{}
		s.verso, s.recto = map[string]int{}, map[string]int{}
	}
	if folio {
		s.folioPages[e.page] = true
		if e.top {
			s.topFolios++
		} else {
			s.footFolios++
		}
		if e.alone {
			s.alone++
		} else {
			s.onHead++
		}
		if e.roman {
			s.roman++
		}
		s.forms[e.dash]++
		if e.align != "" {
			s.aligns[e.align]++
		}
		if len(s.exampleFolios) < 3 {
			s.exampleFolios = append(s.exampleFolios, strings.TrimSpace(fmt.Sprint(e.num)))
		}
	}
	if head {
		s.headPages[e.page] = true
		if s.parity(e) == 0 {
			s.verso[e.head]++
		} else {
			s.recto[e.head]++
		}
	}
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}
