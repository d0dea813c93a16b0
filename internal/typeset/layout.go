package typeset

import (
	"errors"
	"fmt"
	"folio/internal/roman"
	"math"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"folio/internal/book"
	"folio/internal/linebreak"
)

// Options configures Layout. Chapters are set side by side on all cores:
// the Fonts and the Hyphenator must be safe for concurrent use (face.Face
// and hyphen.Hyphenator are).
type Options struct {
	Trim       Trim // zero means 6x9
	Fonts      Fonts
	Hyphenator Hyphenator // nil: no discretionary hyphens
	// Inside is the least inside margin, in points, for a page count:
	// the printer's gutter table (nil: KDP's, Gutter).
	Inside func(pages int) float64
	// BlankLast makes the last page blank (IngramSpark's rule), two
	// pages more when the book would end on a printed page.
	BlankLast bool
	// ChaptersOpen is "recto", "any", or "" to take the metadata's, or
	// to choose from the chapters' lengths (see chaptersOpen).
	ChaptersOpen string

	pageMap map[string]string // see setter.pageMap
}

// setter holds the state of one layout pass.
type setter struct {
	fonts      Fonts
	widthers   [4]widther // the fonts that measure strings themselves
	hy         Hyphenator
	params     linebreak.Params
	trim       Trim
	sp         spec
	gutter     float64
	measure    float64
	lines      int     // body grid lines per page
	headY, y0  float64 // running-head baseline, first body baseline
	supFigures bool
	notes      []note
	overfull   int
	items      []linebreak.Item
	meta       []imeta
	breaker    linebreak.Breaker // its results live until the next paragraph
	tocSeen    []string
	hyCache    map[string][]int
	toks       []tok
	tokSegs    []bseg // the segments of toks
	wordSegs   []bseg // the word tokenize is collecting
	// scratch buffers of setPara, reused from paragraph to paragraph
	runBuf   []Run
	runOffs  []int
	spaced   []int  // runs of runBuf followed by a space
	textBuf  []byte // the texts of a paragraph's runs, joined
	textEnds []int
	joins    []joinPiece // pieces placeAfter joined to runs
	segArena []seg
	work     []linebreak.Item // items with a paragraph's forbidden breaks
	// itemsOf is the paragraph whose items t.items holds, nil when they
	// are not worth keeping (see resetPara)
	itemsOf *para
	// pageMap maps the source's page numbers to this edition's, for an
	// index (set on a second pass, when the book has one)
	pageMap map[string]string
}

type noHyphens struct{}

func (noHyphens) Points(string) []int { return nil }

// Layout typesets a book. The inside margin follows KDP's table for the
// final page count: the book is set with the gutter its estimated length
// needs and set again with a wider one if it came out longer; a wider
// gutter than required is always acceptable, so this ends.
func Layout(b *book.Book, opt Options) (*Doc, error) {
	doc, _, err := layout(b, opt)
	return doc, err
}

// trace is the page builder's view of a layout, for the tests.
type trace struct {
	chs    []chapter
	body   []bodyPage
	blanks []bool
	notes  []note
	toc    []tocEntryInfo
	front  int
	t      *setter
	// pageMap maps source pages to this edition's folios
	pageMap map[string]string
}

type tocEntryInfo struct {
	title string
	level int
	page  int    // index of the page from the first chapter page, from 1
	num   string // the number printed: roman in the front matter
	date  string // shown after the title: collected works repeat titles
}

func layout(b *book.Book, opt Options) (*Doc, *trace, error) {
	if b == nil {
		return nil, nil, errors.New("typeset: no book to lay out")
	}
	if len(b.Chapters) == 0 {
		return nil, nil, errors.New("typeset: the book has no chapters; check that the source text was recognised")
	}
	for i, f := range opt.Fonts {
		if f == nil {
			return nil, nil, fmt.Errorf("typeset: font %d of the family is missing; load all four faces", i)
		}
	}
	if opt.Trim.W == 0 {
		opt.Trim = trims[0]
	}
	if opt.Hyphenator == nil {
		opt.Hyphenator = noHyphens{}
	}
	if opt.Inside == nil {
		opt.Inside = Gutter
	}
	b = withoutReplaced(b)
	if len(b.Chapters) == 0 {
		return nil, nil, errors.New("typeset: the book has only a title page and contents of its own; check that the source text was recognised")
	}
	b, missing, dropped, subst := checkGlyphs(b, opt.Fonts)
	gutter := opt.Inside(estimatePages(b, opt.Trim))
	for {
		doc, tr := layoutWith(b, opt, gutter)
		if hasIndex(b) && opt.pageMap == nil {
			// the index names the source's pages: set it again with
			// this edition's, which the index (at the end) cannot move
			opt.pageMap = tr.pageMap
			doc, tr = layoutWith(b, opt, gutter)
		}
		need := opt.Inside(doc.Stats.Pages)
		if need <= gutter {
			doc.Stats.Missing, doc.Stats.Dropped, doc.Stats.Substituted = missing, dropped, subst
			return doc, tr, nil
		}
		gutter = need
		opt.pageMap = nil
	}
}

// withoutReplaced leaves out the source's own title page, half-title,
// contents and list of illustrations: the edition sets its own.
func withoutReplaced(b *book.Book) *book.Book {
	keep := true
	for _, c := range b.Chapters {
		if c.Kind.Replaced() {
			keep = false
		}
	}
	if keep {
		return b
	}
	nb := *b
	nb.Chapters = nil
	for _, c := range b.Chapters {
		if !c.Kind.Replaced() {
			nb.Chapters = append(nb.Chapters, c)
		}
	}
	return &nb
}

func hasIndex(b *book.Book) bool {
	for _, c := range b.Chapters {
		for _, bl := range c.Blocks {
			if bl.Kind == book.IndexEntry {
				return true
			}
		}
	}
	return false
}

// estimatePages guesses the page count from the amount of text.
func estimatePages(b *book.Book, tr Trim) int {
	chars := 0
	for i := range b.Chapters {
		ch := &b.Chapters[i]
		for _, bl := range ch.Blocks {
			chars += len(book.PlainText(bl.Inlines)) + 40
		}
		for _, n := range ch.Notes {
			for _, p := range n.Paras {
				chars += len(book.PlainText(p)) * 7 / 10
			}
		}
		chars += 1800 // opening sink and a half-empty last page
	}
	perPage := 2450.0 * (tr.W * tr.H) / (6 * 9 * inch * inch)
	return int(float64(chars)/perPage) + 8
}

func newSetter(opt Options, gutter float64) *setter {
	t := &setter{fonts: opt.Fonts, hy: opt.Hyphenator, params: linebreak.DefaultParams(), trim: opt.Trim, sp: specFor(opt.Trim), gutter: gutter, hyCache: map[string][]int{}, pageMap: opt.pageMap}
	// The book face's word space is narrow, so its glue stretches
	// little: a higher tolerance and LaTeX's customary one-em emergency
	// stretch keep the infinite-tolerance fallback (and its very loose
	// lines) for paragraphs that have no other way out.
	t.params.Tolerance = 400
	t.params.Pretolerance = 200
	t.params.EmergencyStretch = t.sp.bodySize
	// Twice TeX's \hyphenpenalty: on this measure the default hyphenates
	// one line in eight; 100 takes a tenth of those hyphens away for a
	// handful more loose lines (measured on the sample at 6x9: 1213 → 1095
	// hyphens, 567 → 572 lines past their stretch). Dearer penalties
	// cost loose lines quickly (150: 1006 hyphens, 602 loose).
	t.params.HyphenPenalty = 100
	for i, f := range t.fonts {
		t.widthers[i], _ = f.(widther)
	}
	t.measure = t.trim.W - t.sp.outer - gutter
	t.headY = t.sp.top + t.sp.bodySize*0.7
	t.y0 = t.headY + 2*t.sp.bodyLead
	t.lines = int(math.Floor((t.trim.H-t.sp.bottom-t.y0)/t.sp.bodyLead)) + 1
	t.supFigures = true
	for _, r := range supDigits {
		if !t.fonts[Regular].Has(r) {
			t.supFigures = false
		}
	}
	return t
}

// layoutWith does one full layout pass with a given gutter.
func layoutWith(b *book.Book, opt Options, gutter float64) (*Doc, *trace) {
	t := newSetter(opt, gutter)
	doc := &Doc{Trim: t.trim, Gutter: gutter}

	// body: chapters, each opening on a recto of the body's own numbering
	chs, chPages := t.setChapters(b, opt, gutter)
	// under a part, chapters are a level down in the outline and contents
	inPart := make([]bool, len(chs))
	for ci := range chs {
		inPart[ci] = ci > 0 && (inPart[ci-1] || b.Chapters[ci-1].Kind == book.Part) && b.Chapters[ci].Kind != book.Part && b.Chapters[ci].Kind.Matter() == "body"
		if inPart[ci] {
			for k := range chs[ci].items {
				for m := range chs[ci].items[k].marks {
					chs[ci].items[k].marks[m].Level++
				}
			}
		}
	}
	p := t.newPager()
	var body []bodyPage // nil entry marks a blank page
	var blanks []bool
	chStart := make([]int, len(chs)) // body page index of each opening
	nf := frontChapters(b)
	mode, why := chaptersOpen(b, opt, chPages, nf)
	doc.Stats.ChaptersOpen, doc.Stats.ChaptersOpenWhy = mode, why
	for ci := range chs {
		recto := mode == "recto" || ci <= nf || b.Chapters[ci].Kind == book.Part || ci > 0 && b.Chapters[ci-1].Kind == book.Part
		if len(body)%2 == 1 && recto {
			body = append(body, bodyPage{ch: ci})
			blanks = append(blanks, true)
		}
		chStart[ci] = len(body)
		for _, pg := range chPages[ci] {
			body = append(body, pg)
			blanks = append(blanks, false)
		}
	}

	// a leading preface and foreword go in the front matter, after the
	// contents, with roman folios; body page 1 is the first document's
	// opening (a recto: chapters open on rectos)
	fb := 0 // index in body of page 1
	if nf > 0 {
		fb = chStart[nf]
	}
	// contents entries need the page numbers; those of the front
	// chapters depend on the contents' own length, so the contents is
	// set again until that length is stable
	front := 4 + 2
	num := func(k int) string {
		if k < fb {
			return roman.Lower(front + k + 1)
		}
		return strconv.Itoa(k - fb + 1)
	}
	var entries []tocEntryInfo
	var tocItems []vitem
	var tocPages []bodyPage
	for try := 0; ; try++ {
		entries = entries[:0]
		for ci, c := range chs {
			switch b.Chapters[ci].Kind {
			case book.Dedication, book.EpigraphPage, book.Copyright:
				continue // pages without a place in the contents
			}
			lv := 0
			if inPart[ci] {
				lv = 1
			}
			k := chStart[ci]
			title := c.title
			if l := strings.TrimSpace(b.Chapters[ci].Label); l != "" {
				title = l + ": " + title
			}
			entries = append(entries, tocEntryInfo{title, lv, k + 1, num(k), strings.TrimSpace(b.Chapters[ci].Date)})
			for _, s := range c.sections {
				for k := chStart[ci]; k < len(body); k++ {
					if !blanks[k] && body[k].ch == ci && s.item >= body[k].start && s.item < body[k].end {
						entries = append(entries, tocEntryInfo{s.title, lv + 1, k + 1, num(k), ""})
						break
					}
				}
			}
		}
		t.tocSeen = t.tocSeen[:0]
		tocItems = []vitem{t.openingBlock(&book.Chapter{Title: []book.Inline{{Kind: book.Text, Text: "Contents"}}}, func([]int) []int { return nil })}
		tocItems[0].marks = []Bookmark{{Title: "Contents", Level: 0}}
		for _, e := range entries {
			tocItems = append(tocItems, t.tocEntry(e.title, e.date, e.level, e.num)...)
		}
		p.items = tocItems
		tocPages, _ = p.paginate(-1, nil)
		// front matter: half-title, blank, title, copyright, contents, to an even count
		f := 4 + len(tocPages)
		if f%2 == 1 {
			f++
		}
		if f == front || fb == 0 || try == 3 {
			front = f
			break
		}
		front = f
	}
	doc.Stats.FrontPages = front + fb
	doc.Pages = append(doc.Pages, t.halfTitle(b), Page{Blank: true}, t.titlePage(b), t.copyrightPage(b))
	for i, pg := range tocPages {
		phys := len(doc.Pages) + 1
		page := t.renderBody(phys, tocItems, pg, chapterHead{}, true)
		if i > 0 {
			page.Folio = roman.Lower(phys)
			t.runningHead(&page, phys, "Contents", page.Folio)
		}
		doc.Pages = append(doc.Pages, page)
	}
	for len(doc.Pages) < front {
		doc.Pages = append(doc.Pages, Page{Blank: true})
	}

	st := &doc.Stats
	for k, pg := range body {
		phys := len(doc.Pages) + 1
		if blanks[k] {
			doc.Pages = append(doc.Pages, Page{Blank: true})
			continue
		}
		c := &chs[pg.ch]
		page := t.renderBody(phys, c.items, pg, chapterHead{b.Meta.Title, c.head}, false)
		if !pg.opening {
			page.Folio = num(k)
			head := c.head
			if phys%2 == 0 {
				head = t.shorten(bookHead(b.Meta), t.measure*0.7)
			}
			t.runningHead(&page, phys, head, page.Folio)
		}
		doc.Pages = append(doc.Pages, page)
		// accounting
		if pg.short {
			st.ShortPages++
		}
		for i := pg.start; i < pg.end; i++ {
			if !c.items[i].space {
				st.Lines += c.items[i].h
			}
			if c.items[i].hyph {
				st.Hyphens++
			}
			if c.items[i].loose {
				st.Loose++
			}
		}
		for _, ck := range pg.chunks {
			if !ck.cont {
				st.NotesPlaced++
				// the marker must be on this page
				if !hasNote(c.items[pg.start:pg.end], ck.id) {
					st.NotesAway++
				}
			}
			if ck.split {
				st.NotesContinued++
			}
		}
		if pg.end > pg.start && pg.end < len(c.items) {
			last, next := c.items[pg.end-1], c.items[pg.end]
			if last.first && last.plines >= 2 && !last.last {
				st.Orphans++
			}
			if next.last && next.plines >= 2 && !next.first {
				st.Widows++
			}
			if last.hyph {
				st.HyphenAtFoot++
			}
		}
	}
	if len(doc.Pages)%2 == 1 {
		doc.Pages = append(doc.Pages, Page{Blank: true})
	}
	if opt.BlankLast && !doc.Pages[len(doc.Pages)-1].Blank {
		doc.Pages = append(doc.Pages, Page{Blank: true}, Page{Blank: true})
	}
	for _, pg := range doc.Pages {
		if pg.Blank {
			st.BlankPages++
		}
	}
	st.Pages = len(doc.Pages)
	st.Overfull = t.overfull
	pm := map[string]string{}
	for k, pg := range body {
		if blanks[k] {
			continue
		}
		for i := pg.start; i < pg.end; i++ {
			for _, sp := range chs[pg.ch].items[i].srcPages {
				if _, seen := pm[sp]; !seen {
					pm[sp] = num(k)
				}
			}
		}
	}
	return doc, &trace{chs: chs, body: body, blanks: blanks, notes: t.notes, toc: entries, front: front, t: t, pageMap: pm}
}

// setChapters sets every chapter and breaks it into pages. A chapter's
// pages depend on nothing outside it (its notes, its paragraphs, the
// page geometry), so the chapters are shared out among as many setters as
// there are cores, each with its own scratch buffers and hyphenation
// cache; the result is the same whatever setter sets which chapter. The
// fonts and the hyphenator are only read.
func (t *setter) setChapters(b *book.Book, opt Options, gutter float64) ([]chapter, [][]bodyPage) {
	n := len(b.Chapters)
	bases := make([]int, n+1) // global id of each chapter's first note
	for i := range b.Chapters {
		bases[i+1] = bases[i] + len(b.Chapters[i].Notes)
	}
	t.notes = make([]note, bases[n])
	chs := make([]chapter, n)
	pages := make([][]bodyPage, n)
	setters := []*setter{t}
	for len(setters) < min(runtime.GOMAXPROCS(0), n) {
		s := newSetter(opt, gutter)
		s.notes = t.notes // each fills the ids of its own chapters
		setters = append(setters, s)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for _, s := range setters {
		wg.Go(func() {
			p := s.newPager()
			for {
				ci := int(next.Add(1) - 1)
				if ci >= n {
					return
				}
				chs[ci] = s.setChapter(ci, &b.Chapters[ci], bases[ci])
				p.items = chs[ci].items
				pages[ci], _ = p.paginate(ci, nil) // it runs until every note is placed
			}
		})
	}
	wg.Wait()
	for _, s := range setters[1:] {
		t.overfull += s.overfull
	}
	return chs, pages
}

func (t *setter) newPager() *pager {
	return &pager{t: t, notes: t.notes, lines: t.lines, lead: t.sp.bodyLead, nlead: t.sp.noteLead, nsize: t.sp.noteSize}
}

// bookHead is the verso running head: the book's short title if it has
// one, else its title.
func bookHead(m book.Meta) string {
	if s := strings.TrimSpace(m.ShortTitle); s != "" {
		return s
	}
	return m.Title
}

// chaptersOpen decides where chapters open: the option, else the
// metadata's chapters_open, else from the book itself. Opening every
// chapter on a recto costs a blank verso after each chapter that ends on
// a recto: a few in a book of long chapters, one after every other piece
// in a collection of short ones. So chapters open on rectos unless that
// would make more than one page in twenty of the body blank (the
// sample: 22 of its 300 pages), and then on the next page.
func chaptersOpen(b *book.Book, opt Options, pages [][]bodyPage, nf int) (mode, why string) {
	switch m := strings.ToLower(strings.TrimSpace(opt.ChaptersOpen)); m {
	case "recto", "any":
		return m, "as asked (--chapters-open)"
	}
	switch m := strings.ToLower(strings.TrimSpace(b.Meta.ChaptersOpen)); m {
	case "recto", "any":
		return m, "as the metadata asks (chapters_open)"
	}
	n, blanks := 0, 0
	for ci := range pages {
		if n%2 == 1 && ci >= nf {
			blanks++
			n++
		}
		n += len(pages[ci])
	}
	if n > 0 && blanks*20 > n {
		return "any", fmt.Sprintf("recto openings would leave %d of %d body pages blank (%.0f %%, more than one in twenty): chapters open on the next page", blanks, n, 100*float64(blanks)/float64(n))
	}
	return "recto", fmt.Sprintf("recto openings leave %d of %d body pages blank: chapters open on rectos", blanks, n)
}

// frontChapters is how many chapters at the start of the book are a
// preface or a foreword, set in the front matter; 0 when that would leave
// no body.
func frontChapters(b *book.Book) int {
	n := 0
	for n < len(b.Chapters) && b.Chapters[n].Kind.Matter() == "front" {
		n++
	}
	if n == len(b.Chapters) {
		return 0
	}
	return n
}

func hasNote(items []vitem, id int) bool {
	for _, it := range items {
		for _, n := range it.notes {
			if n == id {
				return true
			}
		}
	}
	return false
}

type chapterHead struct{ book, chapter string }

// left is the left margin of a physical page: the gutter on rectos.
func (t *setter) left(phys int) float64 {
	if phys%2 == 1 {
		return t.gutter
	}
	return t.sp.outer
}

// renderBody places a body page's items and notes.
func (t *setter) renderBody(phys int, items []vitem, pg bodyPage, _ chapterHead, _ bool) Page {
	var page Page
	n := 8
	for i := pg.start; i < pg.end; i++ {
		n += len(items[i].runs)
	}
	for _, ck := range pg.chunks {
		for _, ln := range ck.lines {
			n += len(ln.runs)
		}
	}
	page.Runs = make([]Run, 0, n)
	x0 := t.left(phys)
	lead := t.sp.bodyLead
	k := 0
	for i := pg.start; i < pg.end; i++ {
		it := &items[i]
		if it.space && k == 0 {
			continue
		}
		base := t.y0 + float64(k)*lead
		for _, r := range it.runs {
			r.X += x0
			r.Y += base
			page.Runs = append(page.Runs, r)
		}
		for _, rl := range it.rules {
			rl.X1, rl.X2, rl.Y = rl.X1+x0, rl.X2+x0, rl.Y+base
			page.Rules = append(page.Rules, rl)
		}
		for _, m := range it.marks {
			m.Y = base - lead
			if k == 0 {
				m.Y = 0
			}
			page.Bookmarks = append(page.Bookmarks, m)
		}
		k += it.h
	}
	n = 0
	for _, ck := range pg.chunks {
		n += len(ck.lines)
	}
	if n > 0 {
		yLast := t.y0 + float64(t.lines-1)*lead
		y := yLast - float64(n-1)*t.sp.noteLead
		rule := y - t.sp.noteSize - 2.5
		// a short rule over the notes; a full-measure one when the foot
		// opens with a note continued from the page before (TeX's habit),
		// so that the reader sees it is not a new note
		w := 6 * t.sp.bodySize
		if pg.chunks[0].cont {
			w = t.measure
		}
		page.Rules = append(page.Rules, Rule{X1: x0, X2: x0 + w, Y: rule, Width: 0.4})
		for _, ck := range pg.chunks {
			for _, ln := range ck.lines {
				for _, r := range ln.runs {
					r.X += x0
					r.Y += y
					page.Runs = append(page.Runs, r)
				}
				y += t.sp.noteLead
			}
		}
	}
	return page
}

// runningHead adds the head and the folio at the outer corner.
func (t *setter) runningHead(page *Page, phys int, head, folio string) {
	x0 := t.left(phys)
	size := t.sp.bodySize * 0.9
	y := t.headY
	if head != "" {
		sg := t.mk(Italic, size, head)
		w := t.width(sg)
		page.Runs = t.place(page.Runs, x0+(t.measure-w)/2, y, sg)
	}
	if folio != "" {
		sg := t.mk(Regular, size, folio)
		x := x0
		if phys%2 == 1 {
			x = x0 + t.measure - t.width(sg)
		}
		page.Runs = t.place(page.Runs, x, y, sg)
	}
}

// tocEntry sets one contents line: the title with a hanging indent,
// dot leaders aligned on a common grid, the page number flush right.
func (t *setter) tocEntry(title, date string, level int, page string) []vitem {
	sp := t.sp
	size := sp.bodySize
	num := t.mk(Regular, size, page)
	numW := t.width(num)
	indent := float64(level) * 1.5 * size
	ps := paraSpec{style: Regular, size: size, width: t.measure, left: indent + size, right: 3 * size, indent: -size, align: flushLeft}
	if level > 0 {
		ps.style = Italic
	}
	in := []book.Inline{{Kind: book.Text, Text: title}}
	if date != "" {
		// the date never breaks across lines
		in = append(in, book.Inline{Kind: book.Text, Text: ", "}, book.Inline{Kind: book.Emphasis, Text: strings.ReplaceAll(date, " ", "\u00a0")})
	}
	lines := t.setParaHang(in, ps)
	var items []vitem
	if level == 0 && len(t.tocSeen) > 0 {
		items = append(items, vitem{h: 1, space: true})
	}
	t.tocSeen = append(t.tocSeen, title)
	for i, ln := range lines {
		it := vitem{h: 1, runs: ln.runs, keep: i < len(lines)-1}
		if i == len(lines)-1 {
			// leaders from the end of the text to the number
			end := 0.0
			for _, r := range ln.runs {
				if e := r.X + t.width(seg{style: r.Style, size: r.Size, text: r.Text}); e > end {
					end = e
				}
			}
			dot := t.mk(Regular, size, ".")
			step := size * 0.55
			right := t.measure - numW - size*0.6
			for x := right - t.width(dot); x > end+size*0.5; x -= step {
				it.runs = t.place(it.runs, x, 0, dot)
			}
			it.runs = t.place(it.runs, t.measure-numW, 0, num)
		}
		items = append(items, it)
	}
	return items
}

// setParaHang sets a ragged paragraph whose first line starts further
// left (a negative indent) than the rest.
func (t *setter) setParaHang(in []book.Inline, ps paraSpec) []line {
	hang := -ps.indent
	ps.indent = 0
	lines := t.setPara(in, ps)
	if len(lines) > 0 {
		for i := range lines[0].runs {
			lines[0].runs[i].X -= hang
		}
	}
	return lines
}
