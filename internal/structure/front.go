package structure

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"folio/internal/book"
	"folio/internal/clean"
	"folio/internal/pages"
	"folio/internal/report"
)

// The source's front matter — half-title, title page, copyright page,
// dedication, epigraph, contents, list of illustrations — is recognised
// rather than set as text: the editions make their own title page and
// contents, the title page fills the metadata the user did not give, and
// the contents page is evidence for where the chapters open.

// ContentsEntry is one line of the source's contents page (or its list
// of illustrations).
type ContentsEntry struct {
	Label string // "Chapter I", "I.", "ONE"; "" when none
	Title string // as printed
	Page  string // the page number printed, "" when none
	Line  int
	Group bool // a heading of the list ("BOOK ONE: THE NORTHERN LIGHTS") more than an entry
}

// TitlePage is what the source's title page says.
type TitlePage struct {
	Title, Subtitle, Author, Publisher, Place, Year string
	Line                                            int
}

// Front is the source's front matter, found in its first pages.
type Front struct {
	lists         map[int]string // source line → "contents" or "illustrations": lines of those lists
	Contents      []ContentsEntry
	Illustrations []ContentsEntry
}

var (
	contentsHeadRe = regexp.MustCompile(`^(?i:(?:table\s+of\s+)?contents|contents\s+of\s+the\s+\S+)\.?$`)
	illusHeadRe    = regexp.MustCompile(`^(?i:(?:list\s+of\s+)?(?:illustrations|plates|figures|maps))\.?$`)
	// An entry: text, a leader of dots or spaces, a page number (arabic
	// or roman).
	entryRe = regexp.MustCompile(`^(.*?\S)(?:\s*(?:\.\s*){2,}|\s{2,}|\s+)(\d{1,4}|[ivxlcdm]{1,8})$`)
	// An entry as OCR reads it: the title, a leader begun with dots
	// and read on as letters ("Preface... 0... ieee cece tenet Vv"), a
	// last token for the page number, itself perhaps misread.
	ocrEntryRe  = regexp.MustCompile(`^(.*?\S)\s*(?:\.\s*){3,}.*\s(\S{1,6})$`)
	leaderRe    = regexp.MustCompile(`\s*(?:\.\s*){3,}`)
	pageTokenRe = regexp.MustCompile(`^(?:\d{1,4}|(?i:[ivxlcdm]{1,8}))$`)
)

// matchEntry reads a contents line: its title and page number (empty
// when OCR has misread the number past reading).
func matchEntry(t string) (title, page string, ok bool) {
	if m := entryRe.FindStringSubmatch(t); m != nil {
		// A leader OCR read on past its dots ("Bell Rock... 0...
		// cece ee nent 3"): the title ends where the dots begin.
		if at := leaderRe.FindStringIndex(m[1]); at != nil && at[0] > 0 {
			return strings.TrimSpace(m[1][:at[0]]), m[2], true
		}
		return m[1], m[2], true
	}
	if m := ocrEntryRe.FindStringSubmatch(t); m != nil {
		if pageTokenRe.MatchString(m[2]) {
			page = strings.ToLower(m[2])
		}
		return m[1], page, true
	}
	return "", "", false
}

// FindFront finds the contents page and the list of illustrations in the
// book's first pages, so that their lines are taken for neither headings
// nor text.
func FindFront(ps []pages.Page) Front {
	f := Front{lists: map[int]string{}}
	limit := max(15, len(ps)/4)
	for pi := 0; pi < len(ps) && pi < limit; pi++ {
		for li, l := range ps[pi].Body {
			t := strings.TrimSpace(clean.StripSentinels(l.Text))
			kind := ""
			switch {
			case contentsHeadRe.MatchString(t):
				kind = "contents"
			case illusHeadRe.MatchString(t):
				kind = "illustrations"
			}
			if kind == "" {
				continue
			}
			entries := f.readList(ps, pi, li, kind)
			if kind == "contents" && len(entries) >= 2 && f.Contents == nil {
				f.Contents = entries
			} else if kind == "illustrations" && len(entries) >= 1 && f.Illustrations == nil {
				f.Illustrations = entries
			}
		}
	}
	return f
}

// readList reads the entries of a list that opens at page pi, line li,
// over the lines after it (and the next pages, while they hold entries),
// marking its lines as the list's.
func (f *Front) readList(ps []pages.Page, pi, li int, kind string) []ContentsEntry {
	var entries []ContentsEntry
	var marked []int
	misses := 0
	marked = append(marked, ps[pi].Body[li].N)
	var pending []string // lines of an entry broken before its page number
	for p := pi; p < len(ps) && misses < 6; p++ {
		from := 0
		if p == pi {
			from = li + 1
		}
		onPage := 0
		kept, keptEntries := len(marked), len(entries) // a later page counts only if it holds entries
		for _, l := range ps[p].Body[from:] {
			t := strings.Join(strings.Fields(clean.StripSentinels(l.Text)), " ")
			if t == "" {
				marked = append(marked, l.N)
				continue
			}
			if contentsHeadRe.MatchString(t) || illusHeadRe.MatchString(t) {
				misses = 6 // the next list begins
				break
			}
			if title, page, ok := matchEntry(t); ok && !strings.HasSuffix(title, ",") {
				text := strings.TrimRight(strings.TrimSpace(strings.Join(append(pending, title), " ")), ". ")
				pending = nil
				e := ContentsEntry{Title: text, Page: page, Line: l.N}
				e.Label, e.Title = splitEntryLabel(text)
				entries = append(entries, e)
				marked = append(marked, l.N)
				misses, onPage = 0, onPage+1
				continue
			}
			if utf8.RuneCountInString(t) <= 80 && (len(entries) > 0 || misses < 3) && (clean.IsCaps(t) || headingTitle(t)) {
				// A group heading ("BOOK ONE: THE NORTHERN LIGHTS") or an
				// entry broken over two lines.
				if kw := keywordRe.FindStringSubmatch(t); kw != nil && kw[3] == "" && numberValue(kw[2]) > 0 {
					pending = append(pending, t) // "CHAPTER I" over its title and page
				} else if kw != nil || clean.IsCaps(t) {
					entries = append(entries, ContentsEntry{Title: t, Line: l.N, Group: true})
				} else {
					pending = append(pending, t)
				}
				marked = append(marked, l.N)
				misses++
				continue
			}
			misses = 6 // text: the list has ended
			break
		}
		if p > pi && onPage == 0 {
			marked, entries = marked[:kept], entries[:keptEntries]
			break
		}
	}
	for _, n := range marked {
		f.lists[n] = kind
	}
	return entries
}

// splitEntryLabel takes a contents entry's label off its title:
// "CHAPTER I The House by the Water" → "Chapter I", "The House by the
// Water"; "III. The First Landing" → "III", "The First Landing".
func splitEntryLabel(t string) (string, string) {
	if m := keywordLeadRe.FindStringSubmatch(t); m != nil && numberValue(m[2]) > 0 {
		return titleWord(m[1]) + " " + m[2], strings.TrimSpace(m[3])
	}
	if m := matterLeadRe.FindStringSubmatch(t); m != nil {
		return titleWord(m[1]), strings.TrimSpace(m[2])
	}
	if m := numberLeadRe.FindStringSubmatch(t); m != nil && numberValue(m[1]) > 0 {
		return m[1], strings.TrimSpace(m[2])
	}
	return "", t
}

var (
	keywordLeadRe = regexp.MustCompile(`^(?i:(chapter|chap\.|book|part|letter|section))\s+([\p{L}\d]{1,12})\.?[:.—–-]?\s+(\S.*)$`)
	matterLeadRe  = regexp.MustCompile(`^(?i:(appendix(?:\s+[\p{L}\d]{1,6})?))[.:—–-]?\s+(\S.*)$`)
	numberLeadRe  = regexp.MustCompile(`^(\d{1,4}|[IVXLCDM]{1,8})\.\s+(\S.*)$`)
)

// InList reports whether a source line belongs to the contents page or
// the list of illustrations.
func (f Front) InList(line int) bool { return f.lists[line] != "" }

// frontKind classifies a page (or a run of paragraphs) before the first
// chapter by what it says: its lines as printed.
func frontKind(lines []string, first bool, width int) book.ChapterKind {
	var text []string
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			text = append(text, t)
		}
	}
	if len(text) == 0 {
		return ""
	}
	all := strings.ToLower(strings.Join(text, " "))
	short := true
	for _, t := range text {
		if width > 0 && utf8.RuneCountInString(t)*10 > width*9 {
			short = false
		}
	}
	switch {
	case strings.Contains(all, "copyright") || strings.Contains(all, "©") || strings.Contains(all, "all rights reserved") ||
		strings.Contains(all, "first published") || strings.Contains(all, "printed in ") || strings.Contains(all, "isbn"):
		if len(text) <= 15 {
			return book.Copyright
		}
	case short && len(text) <= 6 && regexp.MustCompile(`^(?i:to |for |in memory|dedicated|in loving)`).MatchString(text[0]):
		return book.Dedication
	case short && len(text) <= 12 && len(text) >= 2 && strings.HasPrefix(text[len(text)-1], "—") || strings.HasPrefix(text[len(text)-1], "–"):
		return book.EpigraphPage
	case short && len(text) <= 14 && (hasByLine(text) || yearLine(text[len(text)-1])):
		return book.TitlePage
	case short && len(text) <= 3 && first:
		return book.HalfTitle
	}
	return ""
}

func hasByLine(text []string) bool {
	for _, t := range text {
		l := strings.ToLower(strings.TrimSpace(t))
		if l == "by" || strings.HasPrefix(l, "by ") || strings.HasPrefix(l, "edited by") || strings.HasPrefix(l, "translated by") {
			return true
		}
	}
	return false
}

var yearRe = regexp.MustCompile(`(?:^|\D)(1[4-9]\d\d|20\d\d)\.?$`)

func yearLine(t string) bool {
	return yearRe.MatchString(strings.TrimSpace(t)) && utf8.RuneCountInString(t) <= 40
}

// readTitlePage reads title, subtitle, author, publisher, place and year
// from a title page's lines.
func readTitlePage(lines []pages.Line) TitlePage {
	var tp TitlePage
	var text []pages.Line
	for _, l := range lines {
		if strings.TrimSpace(l.Text) != "" {
			text = append(text, l)
		}
	}
	if len(text) == 0 {
		return tp
	}
	tp.Line = text[0].N
	by := -1
	for i, l := range text {
		t := strings.ToLower(strings.TrimSpace(l.Text))
		if t == "by" || strings.HasPrefix(t, "by ") {
			by = i
			break
		}
	}
	trim := func(l pages.Line) string { return strings.Join(strings.Fields(clean.StripSentinels(l.Text)), " ") }
	k := 0
	// The title: the first lines in capitals (or the first line).
	var title []string
	for k < len(text) && (k == 0 || clean.IsCaps(trim(text[k])) && (by < 0 || k < by)) {
		title = append(title, trim(text[k]))
		k++
	}
	tp.Title = strings.Join(title, " ")
	var sub []string
	for k < len(text) && (by < 0 && k < len(text)-3 || k < by) {
		sub = append(sub, trim(text[k]))
		k++
	}
	tp.Subtitle = strings.Join(sub, " ")
	if by >= 0 {
		author := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(trim(text[by]), "BY"), "By"))
		k = by + 1
		if author == "" && k < len(text) {
			author = trim(text[k])
			k++
		}
		tp.Author = author
	}
	// The imprint: publisher, place, year, at the foot.
	rest := text[k:]
	if n := len(rest); n > 0 && yearLine(trim(rest[n-1])) {
		m := yearRe.FindStringSubmatch(trim(rest[n-1]))
		tp.Year = m[1]
		if pre := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(trim(rest[n-1]), "."), m[1])); pre != "" {
			tp.Place = strings.TrimRight(pre, ", ")
		}
		rest = rest[:n-1]
	}
	if n := len(rest); n > 0 && tp.Place == "" && n >= 2 {
		tp.Place = trim(rest[n-1])
		rest = rest[:n-1]
	}
	if len(rest) > 0 {
		var pub []string
		for _, l := range rest {
			pub = append(pub, trim(l))
		}
		tp.Publisher = strings.Join(pub, " ")
	}
	return tp
}

// frontChapters turns the paragraphs before the first chapter into the
// front matter they are, page by page; what is none of the known kinds
// stays text (a chapter titled by its opening words, for the editor).
// It returns the chapters and the paragraphs it did not take.
func (b *builder) frontChapters(ps []clean.Para) ([]book.Chapter, []clean.Para) {
	type group struct {
		kind  book.ChapterKind
		paras []clean.Para
	}
	var groups []group
	for i := 0; i < len(ps); {
		j := i
		for j < len(ps) && ps[j].Page == ps[i].Page {
			j++
		}
		var lines []string
		list := ""
		for _, p := range ps[i:j] {
			for _, l := range p.Src {
				lines = append(lines, l.Text)
				if k := b.in.Front.lists[l.N]; k != "" {
					list = k
				}
			}
		}
		kind := book.ChapterKind("")
		switch list {
		case "contents":
			kind = book.Contents
		case "illustrations":
			kind = book.Illustrations
		default:
			kind = frontKind(lines, len(groups) == 0, b.in.Cleaner.Width())
		}
		if n := len(groups); n > 0 && groups[n-1].kind == kind && (kind == book.Contents || kind == book.Illustrations || kind == "") {
			groups[n-1].paras = append(groups[n-1].paras, ps[i:j]...)
		} else {
			groups = append(groups, group{kind, append([]clean.Para(nil), ps[i:j]...)})
		}
		i = j
	}
	var out []book.Chapter
	var rest []clean.Para
	for _, g := range groups {
		if g.kind == "" {
			rest = append(rest, g.paras...)
			continue
		}
		ch := book.Chapter{ID: fmt.Sprintf("front%02d", len(out)+1), Kind: g.kind, Line: g.paras[0].Line, StartPage: b.page(g.paras[0].Page)}
		st := &chapterState{local: map[int]int{}, page: g.paras[0].Page}
		var src []pages.Line
		for _, p := range g.paras {
			src = append(src, p.Src...)
		}
		switch g.kind {
		case book.TitlePage:
			tp := readTitlePage(src)
			if b.title == nil {
				b.title = &tp
			}
			ch.Title = []book.Inline{{Kind: book.Text, Text: b.caseTitle(tp.Title)}}
		default:
			ch.Title = []book.Inline{{Kind: book.Text, Text: frontTitle(g.kind)}}
		}
		for _, p := range g.paras {
			ch.Blocks = append(ch.Blocks, book.Block{Kind: book.Para, Line: p.Line, Inlines: b.inlines(p.Text, st)})
		}
		// A marker in the front matter (OCR's glyph on a title page)
		// brings its note here, as a chapter's markers do.
		ch.Notes = make([]book.Note, len(st.notes))
		for i, g := range st.notes {
			b.noteOwner[g] = len(b.pending)
			ch.Notes[i] = book.Note{ID: fmt.Sprintf("%s-n%d", ch.ID, i+1), Label: b.in.Notes[g].Label}
		}
		b.pending = append(b.pending, st)
		b.rep.Add(report.Decision{Stage: "structure", Kind: "front-matter", Line: ch.Line, Page: ch.StartPage,
			Text:     fmt.Sprintf("the source's %s: %q", g.kind, clip(clean.StripSentinels(g.paras[0].Text))),
			Evidence: frontEvidence(g.kind), Confidence: 0.8})
		out = append(out, ch)
	}
	return out, rest
}

func frontTitle(k book.ChapterKind) string {
	switch k {
	case book.HalfTitle:
		return "Half-title"
	case book.Copyright:
		return "Copyright"
	case book.Dedication:
		return "Dedication"
	case book.EpigraphPage:
		return "Epigraph"
	case book.Contents:
		return "Contents"
	case book.Illustrations:
		return "Illustrations"
	}
	return string(k)
}

func frontEvidence(k book.ChapterKind) string {
	switch k {
	case book.TitlePage:
		return "short lines before the first chapter: a title, a “by” line or an imprint with a year"
	case book.HalfTitle:
		return "the book's first page holds a line or two and nothing else"
	case book.Copyright:
		return "“copyright”, “first published”, “printed in” or an ISBN"
	case book.Dedication:
		return "a few short lines opening with “To” or “For”"
	case book.EpigraphPage:
		return "a few short lines ending with an attribution after a dash"
	case book.Contents:
		return "a “Contents” heading over entries that end in page numbers"
	case book.Illustrations:
		return "an “Illustrations” heading over captions that end in page numbers"
	}
	return ""
}

// caseTitle is a title page's title as the contents would show it.
func (b *builder) caseTitle(s string) string {
	if clean.IsCaps(s) {
		return b.caser.Title(s)
	}
	return s
}
