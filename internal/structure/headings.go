package structure

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/internal/book"
	"folio/internal/clean"
	"folio/internal/pages"
	"folio/internal/profile"
	"folio/internal/roman"
)

// A book's headings follow a pattern the book shows many times: a label
// whose number counts up ("CHAPTER I" … "CHAPTER III", "216. TO STEINER"
// … "314. TO …"), dates that run forward ("December 29, 1822" … "July
// 24, 1830"), a label that starts again in every chapter ("Part II",
// "Part III": the sections). Lines are headings when they fit the
// pattern; a short line in capitals elsewhere (a signature, a salutation,
// a table's caption) is not. The pattern is learnt from the body lines
// before cleaning, so that cleaning keeps each heading a paragraph of its
// own.

// Role is what a heading line is.
type Role uint8

const (
	RoleNone    Role = iota
	RolePart         // a level above chapters: "BOOK ONE", "PART I"
	RoleChapter      // opens a chapter; Label and, when on the same line, Title
	RoleTitle        // the title line under a chapter's label line
	RoleSection      // a section inside a chapter
)

// HeadingLine is one source line the pattern takes for a heading.
type HeadingLine struct {
	Role    Role
	Label   string // "Chapter I", "216", "Part II"; "" when the heading is a title only (a date)
	Title   string // the title on the line, "" when it is on the next line or absent
	Pattern string // which pattern: "keyword", "numbered", "number", "date"
}

// Headings is the book's heading pattern and the lines it takes.
type Headings struct {
	Lines       map[int]HeadingLine // by 1-based source line
	Conventions []book.Convention
	chapters    int // chapter headings found
}

// Chapters reports whether a pattern for chapters was found.
func (h Headings) Chapters() bool { return h.chapters > 0 }

// OwnLines are the source lines cleaning must keep as paragraphs of
// their own.
func (h Headings) OwnLines() map[int]bool {
	out := make(map[int]bool, len(h.Lines))
	for n := range h.Lines {
		out[n] = true
	}
	return out
}

var (
	numWords        = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
	keywordRe       = regexp.MustCompile(`^(?i:(chapter|chap\.|book|part|letter|section|canto|act|scene|lecture|essay|sermon|volume|vol\.))\s+([\p{L}\d]{1,12})\.?(?:\s*[.:—–-]+\s*(\S.*?))?\s*$`)
	numberedRe      = regexp.MustCompile(`^(\d{1,4}|[IVXLCDM]{2,8}|[IVX])(?:\.\s+|\s*[—–]\s*)(\S.*?)\s*$`)
	spacedNumeralRe = regexp.MustCompile(`^(\p{L}+)\s+((?:[IVXLCDM] ){1,5}[IVXLCDM])$`)
	bareNumRe       = regexp.MustCompile(`^(\d{1,3}|[IVXLCDM]{1,8}|[A-Z][a-z]+|[A-Z]+)\.?$`)
)

// numberValue reads a heading's number: arabic, roman or a word.
func numberValue(s string) int {
	s = strings.TrimSuffix(s, ".")
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	if n := roman.Parse(s); n > 0 && strings.ToUpper(s) == s {
		return n
	}
	return numWords[strings.ToLower(s)]
}

// cand is a line that may be a heading, in book order.
type cand struct {
	line    int    // 1-based source line
	page    int    // page index
	pattern string // "keyword", "numbered", "number", "date"
	family  string // the keyword ("chapter", "part") or the pattern
	value   int    // the number; for dates, days since year 0
	label   string
	title   string
	after   bool // the line before is a heading-like line (a title block above: a date that is part of an opening)
}

// LearnHeadings finds the book's heading pattern in its body lines.
// Lines of the contents page and lists (front) are not headings.
func LearnHeadings(ps []pages.Page, width int, front Front) Headings {
	h := Headings{Lines: map[int]HeadingLine{}}
	var cands []cand
	for pi, p := range ps {
		prevHead := false
		for li, l := range p.Body {
			t := strings.TrimSpace(clean.StripSentinels(l.Text))
			if t == "" || front.InList(l.N) {
				continue
			}
			c, ok := headingCandidate(t, width)
			if ok {
				c.line, c.page, c.after = l.N, pi, prevHead
				cands = append(cands, c)
			}
			prevHead = clean.IsCaps(t) && utf8.RuneCountInString(t) < 80
			_ = li
		}
	}
	// Families: a keyword, numbered titles, bare numbers, dates.
	fams := map[string][]int{}
	for i, c := range cands {
		fams[c.family] = append(fams[c.family], i)
	}
	type famStat struct {
		name              string
		n, steps, restart int
		level             Role
	}
	var stats []famStat
	names := make([]string, 0, len(fams))
	for k := range fams {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		idx := fams[name]
		fs := famStat{name: name, n: len(idx)}
		for k := 1; k < len(idx); k++ {
			a, b := cands[idx[k-1]], cands[idx[k]]
			switch {
			case name == "date" && b.value >= a.value:
				fs.steps++
			case name != "date" && b.value == a.value+1:
				fs.steps++
			case name != "date" && b.value <= 2 && a.value >= 1:
				fs.restart++
			}
		}
		stats = append(stats, fs)
	}
	// A family counts up when most of its steps do; one that starts again
	// and again numbers sections within chapters.
	var chapterFam, partFam, sectionFam string
	best := 0
	for i := range stats {
		fs := &stats[i]
		c0 := cands[fams[fs.name][0]]
		keyword := c0.pattern == "keyword"
		counts := fs.n >= 3 && fs.steps*10 >= (fs.n-1)*6 || keyword && fs.n >= 1 && fs.steps+fs.restart >= fs.n-1
		if fs.restart > 0 && fs.n >= 3 && (fs.steps+fs.restart)*10 >= (fs.n-1)*8 {
			counts = true // a count that starts again: sections within chapters
		}
		if fs.name == "date" {
			// Dates open chapters when they stand alone, not under a
			// title block (where they are a document's opening).
			alone := 0
			for _, k := range fams[fs.name] {
				if !cands[k].after {
					alone++
				}
			}
			counts = fs.n >= 3 && fs.steps*10 >= (fs.n-1)*8 && alone*10 >= fs.n*7
		}
		if !counts {
			continue
		}
		// Chapters run through the book: the headings spread over most
		// of it (four numbered sections of one document do not).
		idx := fams[fs.name]
		first, last := cands[idx[0]].page, cands[idx[len(idx)-1]].page
		gap := 0
		if len(idx) > 1 {
			gap = (last - first) / (len(idx) - 1)
		}
		spread := float64(last-first+gap+1) / float64(max(1, len(ps)))
		if fs.n >= 3 && spread < 0.5 && fs.restart == 0 && !keyword {
			continue
		}
		if fs.restart >= 1 && fs.restart*3 >= fs.n/3 && fs.name != "date" {
			if sectionFam == "" {
				sectionFam = fs.name
			}
			continue
		}
		if fs.name == "book" || fs.name == "part" || fs.name == "volume" || fs.name == "vol." {
			if partFam == "" {
				partFam = fs.name
			}
			continue
		}
		if score := fs.n + fs.steps; score > best {
			best, chapterFam = score, fs.name
		}
	}
	if chapterFam == "" && partFam != "" {
		chapterFam, partFam = partFam, "" // parts alone are the book's chapters
	}
	if chapterFam == "" {
		if sectionFam != "" {
			h.Conventions = append(h.Conventions, book.Convention{Aspect: profile.Headings, Value: "capitals at the top of a page; sections " + describe(sectionFam, cands, fams),
				Evidence: fmt.Sprintf("%d section labels that start again in each chapter", len(fams[sectionFam])), Confidence: 0.7})
		}
		return h // no counting pattern: the chapters are found by their openings
	}
	for _, k := range fams[chapterFam] {
		c := cands[k]
		h.Lines[c.line] = HeadingLine{Role: RoleChapter, Label: c.label, Title: c.title, Pattern: c.pattern}
		h.chapters++
	}
	for _, k := range fams[partFam] {
		c := cands[k]
		h.Lines[c.line] = HeadingLine{Role: RolePart, Label: c.label, Title: c.title, Pattern: c.pattern}
	}
	for _, k := range fams[sectionFam] {
		c := cands[k]
		if _, taken := h.Lines[c.line]; !taken {
			h.Lines[c.line] = HeadingLine{Role: RoleSection, Label: c.label, Title: c.title, Pattern: c.pattern}
		}
	}
	// A label alone on its line takes the next line as its title when
	// that is short and ends no sentence ("CHAPTER I." / "THE EXTENT OF
	// THE EMPIRE…", "Chapter 1" / "The Arrival at Skerryvore").
	// A title that begins on the label's line runs on over the lines in
	// capitals right under it ("219. TO THE HIGH-BORN HERR HASLINGER,
	// HONORARY" / "MEMBER OF THE HÖFEN GRABENS…").
	for _, p := range ps {
		for li, l := range p.Body {
			hl, ok := h.Lines[l.N]
			if !ok || hl.Role == RoleTitle || hl.Role == RoleSection || hl.Pattern == "date" {
				continue
			}
			if hl.Title == "" {
				for k := li + 1; k < len(p.Body) && k <= li+4; k++ {
					t := strings.TrimSpace(clean.StripSentinels(p.Body[k].Text))
					if t == "" {
						continue
					}
					if isTitleLine(t, width) {
						if _, taken := h.Lines[p.Body[k].N]; !taken {
							h.Lines[p.Body[k].N] = HeadingLine{Role: RoleTitle, Pattern: hl.Pattern}
						}
					}
					break
				}
				continue
			}
			if !clean.IsCaps(hl.Title) || !runsOn(hl.Title) {
				continue
			}
			for k := li + 1; k < len(p.Body) && k <= li+3; k++ {
				t := strings.TrimSpace(clean.StripSentinels(p.Body[k].Text))
				if t == "" || !clean.IsCaps(t) || !isTitleLine(t, width) {
					break
				}
				if _, taken := h.Lines[p.Body[k].N]; taken {
					break
				}
				h.Lines[p.Body[k].N] = HeadingLine{Role: RoleTitle, Pattern: hl.Pattern}
				if !runsOn(t) {
					break
				}
			}
		}
	}
	extra := h.fromContents(ps, front, width)
	c := book.Convention{Aspect: profile.Headings, Confidence: 0.9,
		Value:    "chapters " + describe(chapterFam, cands, fams),
		Evidence: fmt.Sprintf("%d chapter headings in order", h.chapters)}
	if partFam != "" {
		c.Value += "; parts " + describe(partFam, cands, fams)
	}
	if sectionFam != "" {
		c.Value += "; sections " + describe(sectionFam, cands, fams)
	}
	if extra > 0 {
		c.Value += fmt.Sprintf("; %d more headings named by the contents page or as back matter", extra)
	}
	h.Conventions = append(h.Conventions, c)
	return h
}

// fromContents adds the chapter headings the pattern missed that the
// book itself names: an entry of its contents page found as a line of its
// own in the text (after the contents page, in the contents' order), and
// a back-matter heading alone on its line ("APPENDIX", "INDEX"). It
// returns how many it added.
func (h *Headings) fromContents(ps []pages.Page, front Front, width int) int {
	type line struct {
		n    int
		text string
		key  string
	}
	var lines []line
	for _, p := range ps {
		for k, l := range p.Body {
			t := strings.TrimSpace(clean.StripSentinels(l.Text))
			if t == "" || front.InList(l.N) || utf8.RuneCountInString(t) > 80 {
				continue
			}
			alone := (k == 0 || strings.TrimSpace(p.Body[k-1].Text) == "") && (k+1 == len(p.Body) || strings.TrimSpace(p.Body[k+1].Text) == "")
			if !alone && !clean.IsCaps(t) {
				continue
			}
			lines = append(lines, line{l.N, t, letterKey(t)})
		}
	}
	added := 0
	// The chapters the heading pattern found, by label and by title (a
	// title on a line of its own under "CHAPTER II" too): the contents
	// page names them again, and a running head repeating one is no
	// second chapter.
	known := map[string]bool{}
	keyAt := make(map[int]string, len(lines))
	for _, l := range lines {
		keyAt[l.n] = l.key
	}
	for n, hl := range h.Lines {
		switch hl.Role {
		case RoleChapter, RolePart:
			known[letterKey(hl.Label+hl.Title)] = true
			if hl.Title != "" {
				known[letterKey(hl.Title)] = true
			}
			if hl.Label != "" {
				known["label:"+letterKey(hl.Label)] = true
			}
		case RoleTitle:
			if k := keyAt[n]; k != "" {
				known[k] = true
			}
		}
	}
	// The lines by key, in order, so that each entry is looked up, not
	// searched for.
	at := map[string][]int{}
	for k, l := range lines {
		at[l.key] = append(at[l.key], k)
	}
	next := func(key string, from int) int {
		ks := at[key]
		i := sort.SearchInts(ks, from)
		if i < len(ks) {
			return ks[i]
		}
		return -1
	}
	from := 0
	for _, e := range front.Contents {
		if e.Group || e.Title == "" {
			continue
		}
		tk, lk := letterKey(e.Title), letterKey(e.Label)
		if known[tk] || known[letterKey(e.Label+e.Title)] || lk != "" && known["label:"+lk] {
			continue
		}
		found := -1
		for _, key := range []string{tk, letterKey(e.Label + e.Title), lk} {
			if key == "" {
				continue
			}
			for k := next(key, from); k >= 0; k = next(key, k+1) {
				if _, taken := h.Lines[lines[k].n]; !taken {
					if found < 0 || k < found {
						found = k
					}
					break
				}
			}
		}
		if found < 0 {
			continue
		}
		l := lines[found]
		hl := HeadingLine{Role: RoleChapter, Label: e.Label, Pattern: "contents"}
		if l.key == tk || l.key == letterKey(e.Label+e.Title) {
			hl.Title = l.text
			if l.key == tk {
				hl.Label = ""
			}
		}
		h.Lines[l.n] = hl
		if hl.Title == "" && found+1 < len(lines) && lines[found+1].key == tk {
			h.Lines[lines[found+1].n] = HeadingLine{Role: RoleTitle, Pattern: "contents"}
		}
		added++
		from = found + 1
	}
	// Back matter named on its own line, after the last chapter found.
	last := 0
	for n, hl := range h.Lines {
		if hl.Role == RoleChapter && n > last {
			last = n
		}
	}
	first := 1 << 62
	for n, hl := range h.Lines {
		if hl.Role == RoleChapter && n < first {
			first = n
		}
	}
	_ = last
	for k, l := range lines {
		if l.n <= first || matterKind(l.text) == "" || !clean.IsCaps(l.text) || matterKind(l.text) == book.Preface || matterKind(l.text) == book.Foreword {
			continue
		}
		if _, taken := h.Lines[l.n]; taken {
			continue
		}
		h.Lines[l.n] = HeadingLine{Role: RoleChapter, Title: l.text, Pattern: "matter"}
		if matterKind(l.text) == book.Appendix && k+1 < len(lines) && isTitleLine(lines[k+1].text, width) {
			h.Lines[l.n] = HeadingLine{Role: RoleChapter, Label: titleWord(l.text), Pattern: "matter"}
			h.Lines[lines[k+1].n] = HeadingLine{Role: RoleTitle, Pattern: "matter"}
		}
		added++
	}
	h.chapters += added
	return added
}

// letterKey is a heading's letters and digits in lower case.
func letterKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// describe names a family with an example.
func describe(fam string, cands []cand, fams map[string][]int) string {
	c := cands[fams[fam][0]]
	ex := strings.TrimSpace(c.label + " " + c.title)
	switch c.pattern {
	case "date":
		return fmt.Sprintf("by dates that run forward (%q)", c.title)
	case "numbered":
		return fmt.Sprintf("by numbers that count up, the title after them (%q)", ex)
	case "number":
		return fmt.Sprintf("by a number alone on its line (%q)", c.label)
	}
	return fmt.Sprintf("by the word %q and a number (%q)", fam, ex)
}

// headingCandidate reads a line as a heading of one of the patterns.
func headingCandidate(t string, width int) (cand, bool) {
	n := utf8.RuneCountInString(t)
	if n > 120 || width > 0 && n*10 > width*9 {
		return cand{}, false // a full line of text
	}
	if strings.HasSuffix(t, " I") || strings.HasSuffix(t, " V") || strings.HasSuffix(t, " X") {
		if m := spacedNumeralRe.FindStringSubmatch(t); m != nil {
			t = m[1] + " " + strings.ReplaceAll(m[2], " ", "") // "PART I I": a letter-spaced numeral
		}
	}
	// Each pattern is asked only of lines that can match it.
	first := t[0]
	if first >= 'A' && first <= 'Z' || first >= 'a' && first <= 'z' {
		if !keywordStart(t) {
			goto numbered
		}
	}
	if m := keywordRe.FindStringSubmatch(t); m != nil {
		v := numberValue(m[2])
		if v == 0 && !(len(m[2]) <= 5 && strings.ToUpper(m[2]) == m[2]) {
			return cand{}, false // "Part of the…": a sentence
		}
		kw := strings.ToLower(m[1])
		label := titleWord(m[1]) + " " + m[2]
		return cand{pattern: "keyword", family: kw, value: v, label: label, title: m[3]}, true
	}
numbered:
	if !(first >= '0' && first <= '9' || strings.IndexByte("IVXLCDM", first) >= 0) {
		goto bare
	}
	if m := numberedRe.FindStringSubmatch(t); m != nil && headingTitle(m[2]) {
		v := numberValue(m[1])
		if v == 0 {
			return cand{}, false
		}
		fam := "arabic"
		if _, err := strconv.Atoi(m[1]); err != nil {
			fam = "roman"
		}
		return cand{pattern: "numbered", family: fam, value: v, label: m[1], title: m[2]}, true
	}
bare:
	if n > 14 {
		goto date
	}
	if m := bareNumRe.FindStringSubmatch(t); m != nil {
		if v := numberValue(m[1]); v > 0 && (numWords[strings.ToLower(m[1])] == 0 || strings.ToUpper(m[1]) == m[1]) {
			fam := "arabic"
			if _, err := strconv.Atoi(m[1]); err != nil {
				fam = "roman"
			}
			if numWords[strings.ToLower(m[1])] > 0 {
				fam = "word"
			}
			return cand{pattern: "number", family: fam, value: v, label: strings.TrimSuffix(m[1], ".")}, true
		}
	}
date:
	if n > 60 {
		return cand{}, false // a date heading is a short line
	}
	if iso := dateOf(t); iso != "" && len(iso) == 10 && !strings.ContainsAny(t[:1], "0123456789") {
		if pl, _ := splitPlaceDate(t); pl == "" {
			return cand{pattern: "date", family: "date", value: dayNumber(iso), title: strings.TrimSuffix(t, ".")}, true
		}
	}
	return cand{}, false
}

// keywordStart: the line opens with one of keywordRe's words.
func keywordStart(t string) bool {
	w := t
	if i := strings.IndexByte(t, ' '); i > 0 {
		w = t[:i]
	}
	if len(w) < 3 || len(w) > 7 {
		return false
	}
	switch w[0] | 0x20 { // the first letter, in lower case
	case 'c', 'b', 'p', 'l', 's', 'a', 'e', 'v':
	default:
		return false
	}
	for _, k := range [...]string{"chapter", "chap.", "book", "part", "letter", "section", "canto", "act", "scene", "lecture", "essay", "sermon", "volume", "vol."} {
		if strings.EqualFold(w, k) {
			return true
		}
	}
	return false
}

// titleWord is a keyword as a label prints it: "CHAPTER" → "Chapter".
func titleWord(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + strings.ToLower(s[size:])
}

// headingTitle: text that can be a heading's title after its number —
// short, no sentence in it, mostly capitalised words.
func headingTitle(s string) bool {
	if utf8.RuneCountInString(s) > 100 || strings.HasSuffix(s, ",") {
		return false
	}
	words, caps := 0, 0
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		words++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return words > 0 && caps*10 >= words*6
}

// isTitleLine: a chapter's title under its label: short, no sentence
// end (bar a closing full stop), not a salutation.
func isTitleLine(t string, width int) bool {
	n := utf8.RuneCountInString(t)
	if n > 100 || width > 0 && n*10 > width*9 || strings.HasSuffix(t, ",") || strings.HasSuffix(t, ",—") {
		return false
	}
	return headingTitle(t)
}

// dayNumber turns an ISO date into a count of days, for ordering.
func dayNumber(iso string) int {
	y, _ := strconv.Atoi(iso[:4])
	m, _ := strconv.Atoi(iso[5:7])
	d, _ := strconv.Atoi(iso[8:10])
	return y*372 + m*31 + d
}

// runsOn: a title line that stops mid-phrase (a comma, a word with no
// stop after it), so that the title may go on over the next line.
func runsOn(t string) bool {
	t = strings.TrimSpace(t)
	return !strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "!") && !strings.HasSuffix(t, "?")
}
