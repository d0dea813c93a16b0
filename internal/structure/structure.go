// Package structure finds the documents of a book in its cleaned
// paragraphs — titles, subtitles, datelines, sections, letter parts,
// source notes, speakers, lists — and builds the book model, with each
// footnote attached to the exact place of its marker.
package structure

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/internal/book"
	"folio/internal/clean"
	"folio/internal/notes"
	"folio/internal/pages"
	"folio/internal/report"
	"folio/internal/titlecase"
)

// Input is what the earlier stages hand over.
type Input struct {
	Pages   []pages.Page
	Paras   []clean.Para
	Notes   []notes.Note
	Cleaner *clean.Cleaner
	// Headings is the book's heading pattern (LearnHeadings); with no
	// pattern for chapters, chapters are found by their openings.
	Headings Headings
	// Front is the source's contents page and lists (FindFront).
	Front Front
}

// Result is the structure of the book.
type Result struct {
	Chapters []book.Chapter
	// TitlePage is what the source's title page says, when it has one.
	TitlePage *TitlePage
	// Map is the chapter map's confidence and evidence, for the profile.
	Map book.Convention
}

type builder struct {
	in        Input
	rep       *report.Report
	caser     *titlecase.Caser
	sourceOp  map[string]bool // first words that open a source note in this book
	noteOwner map[int]int     // global note index → chapter index
	sections  int
	pending   []*chapterState
	// argument is the topic lines under the chapter title being built
	// (planTitle), for a section heading before its text.
	argument []pages.Line
	title    *TitlePage      // the source's title page, once read
	speakers map[string]bool // the speaker labels the book uses ("KEEPER.", "Mr. Smith:")
}

// Build turns cleaned paragraphs into chapters.
func Build(in Input, rep *report.Report) []book.Chapter { return BuildBook(in, rep).Chapters }

// BuildBook turns cleaned paragraphs into chapters and reads the
// source's front matter.
func BuildBook(in Input, rep *report.Report) Result {
	var body strings.Builder
	n := 0
	for _, p := range in.Paras {
		n += len(p.Text) + 1
	}
	body.Grow(n)
	for _, p := range in.Paras {
		if !clean.IsCaps(p.Text) {
			clean.WriteStripped(&body, p.Text)
			body.WriteByte('\n')
		}
	}
	b := &builder{in: in, rep: rep, caser: titlecase.New(body.String()), noteOwner: map[int]int{}}
	var starts []int
	if in.Headings.Chapters() {
		starts = b.planStarts()
	} else {
		starts = b.chapterStarts()
	}
	b.learnSourceOpeners(starts)
	b.learnSpeakers()
	var chs []book.Chapter
	for k, s := range starts {
		end := len(in.Paras)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		ps := in.Paras[s:end]
		if k == 0 && in.Headings.Chapters() {
			if _, ok := b.headingOf(ps[0]); !ok {
				// The text before the first heading: the source's front
				// matter, and what is not recognised stays text.
				front, rest := b.frontChapters(ps)
				chs = append(chs, front...)
				if len(rest) == 0 {
					continue
				}
				ps = rest
			}
		}
		chs = append(chs, b.chapter(len(chs), ps))
	}
	b.attachNotes(chs)
	rep.Count("chapters", len(chs))
	rep.Count("sections", b.sections)
	return Result{Chapters: chs, TitlePage: b.title, Map: b.checkMap(chs)}
}

// chapterStarts finds the paragraphs that open a document: a block of
// capitals at the top of a page, followed by what documents open with (a
// subtitle, a date) or preceded by what they end with (a source note, a
// signature, a date). A block of capitals in mid-page, or one numbered
// like a section ("II. …"), is a section heading instead.
func (b *builder) chapterStarts() []int {
	ps := b.in.Paras
	var starts []int
	for i := 0; i < len(ps); i++ {
		if !clean.IsCaps(firstLine(ps[i])) || !isHeadingText(ps[i]) {
			continue
		}
		j := headingRun(ps, i, len(ps))
		next := j - 1 // the rest of the title block opens no document
		score, why := 0, []string{}
		if ps[i].PageTop || i == 0 {
			score += 2
			why = append(why, "at the top of a page")
		}
		if i == 0 {
			score += 2
			why = append(why, "the book's first text")
		}
		for k := j; k < len(ps) && k < j+3; k++ {
			t := clean.StripSentinels(ps[k].Text)
			if isSubtitle(t) || dateOf(lastLine(ps[k])) != "" || dateOf(firstLine(ps[k])) != "" {
				score += 2
				why = append(why, "followed by a subtitle or date")
				break
			}
		}
		if i > 0 {
			prev := clean.StripSentinels(lastLine(ps[i-1]))
			if dateOf(prev) != "" || isPlaceDate(prev) || strings.HasPrefix(lastLine(ps[i-1]), "Published") || looksLikeSignature(prev) {
				score++
				why = append(why, "after a document's end")
			}
		}
		if sectionNumber.MatchString(clean.StripSentinels(ps[i].Text)) {
			score -= 3
			why = append(why, "numbered like a section")
		}
		title := clean.StripSentinels(ps[i].Text)
		if score >= 3 {
			starts = append(starts, i)
			b.rep.Add(report.Decision{Stage: "structure", Kind: "chapter", Line: ps[i].Line, Page: b.page(ps[i].Page),
				Text: fmt.Sprintf("document starts: %q", clip(title)), Evidence: strings.Join(why, "; "),
				Confidence: conf(score)})
		}
		i = next
	}
	if len(starts) == 0 || starts[0] != 0 {
		starts = append([]int{0}, starts...)
	}
	return starts
}

func conf(score int) float64 {
	switch {
	case score >= 5:
		return 0.97
	case score == 4:
		return 0.9
	}
	return 0.75
}

var sectionNumber = regexp.MustCompile(`^(?:[IVXLC]+|\d{1,2}|[A-Z])\.\s`)

// maxHeading is the most runes a title or heading takes from the
// paragraphs in capitals that follow one another; the sample's longest
// title has 320.
const maxHeading = 500

// headingRun returns where the run of heading paragraphs that starts at
// i ends (a title block, or a heading broken into paragraphs), before
// end: paragraphs in capitals, heading-sized, none repeating the one
// before it (a title never does: a line repeated is furniture or noise),
// and at most maxHeading runes in all, so that a heading repeated
// thousands of times does not become one title. The run holds ps[i]
// when that is a heading paragraph.
func headingRun(ps []clean.Para, i, end int) int {
	n := 0
	j := i
	for ; j < end && clean.IsCaps(firstLine(ps[j])) && isHeadingText(ps[j]); j++ {
		t := strings.TrimSpace(clean.StripSentinels(ps[j].Text))
		n += utf8.RuneCountInString(t)
		if j > i && (n > maxHeading || t == strings.TrimSpace(clean.StripSentinels(ps[j-1].Text))) {
			break
		}
	}
	return j
}

// isHeadingText: short enough to be a heading line block, not a sentence
// in capitals that happens to start a paragraph.
func isHeadingText(p clean.Para) bool {
	t := clean.StripSentinels(p.Text)
	if utf8.RuneCountInString(t) > 200 {
		return false
	}
	w := strings.Fields(t)
	if len(w) < 2 && !(len(w) == 1 && utf8.RuneCountInString(w[0]) >= 4 && !strings.HasSuffix(w[0], ".")) {
		return false
	}
	return true
}

func (b *builder) page(i int) string {
	if i >= 0 && i < len(b.in.Pages) {
		return b.in.Pages[i].Number
	}
	return ""
}

// learnSourceOpeners finds how this book's source notes begin: the first
// word of the closing paragraph of many documents ("Published for the
// first time…"), or of a line in it that follows a signature line, always
// opening a sentence of some length.
func (b *builder) learnSourceOpeners(starts []int) {
	counts := map[string]int{}
	for k, s := range starts {
		end := len(b.in.Paras)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		if end <= s {
			continue
		}
		seen := map[string]bool{}
		for _, w := range sourceCandidates(b.in.Paras[end-1]) {
			if !seen[w] {
				seen[w] = true
				counts[w]++
			}
		}
	}
	// A source note's opening word stands at documents' ends: a word
	// that opens paragraphs all through the text ("Q." of a transcript)
	// ends documents only by chance.
	anywhere := map[string]int{}
	if len(counts) > 0 {
		for _, p := range b.in.Paras {
			var seen [8]string // a paragraph's candidates are few
			n := 0
			eachSourceCandidate(p, func(w string) {
				if counts[w] == 0 || slices.Contains(seen[:n], w) {
					return
				}
				if n < len(seen) {
					seen[n] = w
					n++
				}
				anywhere[w]++
			})
		}
	}
	b.sourceOp = map[string]bool{}
	min := len(starts) / 4
	if min < 2 {
		min = 2
	}
	keys := make([]string, 0, len(counts))
	for w := range counts {
		keys = append(keys, w)
	}
	sort.Strings(keys)
	for _, w := range keys {
		if n := counts[w]; n >= min && unicode.IsUpper([]rune(w)[0]) && anywhere[w] <= 2*n {
			b.sourceOp[w] = true
			b.rep.Add(report.Decision{Stage: "structure", Kind: "source-notes", Line: 1,
				Text:     fmt.Sprintf("source notes open with %q", w),
				Evidence: fmt.Sprintf("%d of %d documents end with a paragraph opening so", n, len(starts)), Confidence: 0.9})
		}
	}
}

// sourceCandidates: the words that may open a source note in a
// paragraph — its first, and those of lines after a short line.
func sourceCandidates(p clean.Para) []string {
	var out []string
	eachSourceCandidate(p, func(w string) { out = append(out, w) })
	return out
}

// eachSourceCandidate calls f with each of sourceCandidates' words.
func eachSourceCandidate(p clean.Para, f func(string)) {
	// The text from line k on ends where the paragraph ends: with a
	// full stop or not, whatever k.
	if !strings.HasSuffix(strings.TrimSpace(srcText(lastTextLine(p.Src))), ".") {
		return
	}
	for k, l := range p.Src {
		if k > 0 && countFields(p.Src[k-1].Text) > 4 {
			continue
		}
		if !fieldsAtLeast(p.Src[k:], 6) {
			continue
		}
		if w := firstWord(l.Text); w != "" {
			f(w)
		}
	}
}

// lastTextLine is the last line of ls with text once sentinels are
// stripped, as a one-line slice (none if there is none).
func lastTextLine(ls []pages.Line) []pages.Line {
	for k := len(ls) - 1; k >= 0; k-- {
		if strings.TrimSpace(clean.StripSentinels(ls[k].Text)) != "" {
			return ls[k : k+1]
		}
	}
	return nil
}

// fieldsAtLeast is countFields(srcText(ls)) >= n, reading only as many
// lines as it takes: paragraphs of thousands of short lines would make
// the full count, for every line, quadratic.
func fieldsAtLeast(ls []pages.Line, n int) bool {
	seen := 0
	for _, l := range ls {
		if seen += countFields(clean.StripSentinels(l.Text)); seen >= n {
			return true
		}
	}
	return false
}

// firstWord is the first field of s without sentinels, trimmed of
// punctuation. It reads only up to that field: it is asked of every line.
func firstWord(s string) string {
	start, end := -1, len(s)
	for i, r := range s {
		space := unicode.IsSpace(r)
		if start < 0 {
			if !space && !isSentinel(r) {
				start = i
			}
			continue
		}
		if space {
			end = i
			break
		}
	}
	if start < 0 {
		return ""
	}
	return strings.Trim(clean.StripSentinels(s[start:end]), ",.;:")
}

func srcText(ls []pages.Line) string {
	var parts []string
	for _, l := range ls {
		if t := strings.TrimSpace(l.Text); t != "" {
			parts = append(parts, clean.StripSentinels(t))
		}
	}
	return strings.Join(parts, " ")
}

func firstLine(p clean.Para) string {
	if len(p.Src) == 0 {
		return p.Text
	}
	return p.Src[0].Text
}

func lastLine(p clean.Para) string {
	if len(p.Src) == 0 {
		return p.Text
	}
	return p.Src[len(p.Src)-1].Text
}

func clip(s string) string {
	r := []rune(s)
	if len(r) > 70 {
		return string(r[:70]) + "…"
	}
	return s
}

// chapterState gathers a chapter's note references as its text is built.
type chapterState struct {
	page  int         // index of the page the chapter opens on
	notes []int       // global note indices, in order of first reference
	local map[int]int // global → index in ch.Notes
}

func (b *builder) chapter(idx int, ps []clean.Para) book.Chapter {
	ch := book.Chapter{ID: fmt.Sprintf("ch%02d", idx+1), Kind: book.Document}
	if len(ps) == 0 {
		return ch
	}
	ch.Line, ch.StartPage = ps[0].Line, b.page(ps[0].Page)
	st := &chapterState{local: map[int]int{}, page: ps[0].Page}
	ps = append([]clean.Para(nil), ps...) // the opening may split a paragraph
	// The title block: the paragraphs in capitals at the opening, or
	// the heading the book's pattern found.
	var titleSrc []pages.Line
	var lead []book.Inline
	j := 0
	if b.in.Headings.Chapters() {
		j = b.planTitle(&ch, ps, st)
	}
	if j == 0 {
		j = headingRun(ps, 0, len(ps)) // no heading of the pattern: a title in capitals, if any
	}
	if j == 0 && len(ps) > 1 && len(ps[0].Src) == 1 && matterKind(clean.StripSentinels(ps[0].Text)) != "" {
		j = 1 // "Preface", "Appendix", "Index": a front or back matter heading in any case
	}
	for _, p := range ps[:j] {
		titleSrc = append(titleSrc, p.Src...)
		lead = append(lead, b.pageBreaks(p.Text)...)
	}
	if ch.Title != nil {
		// planTitle set it
	} else if j > 0 {
		raw := b.in.Cleaner.Join(titleSrc)
		ch.Title = append(lead, b.inlines(b.titleCase(raw), st)...)
		ch.Kind = kindOf(clean.StripSentinels(raw))
		b.rep.Add(report.Decision{Stage: "structure", Kind: "title", Line: ch.Line, Page: ch.StartPage,
			Text: fmt.Sprintf("%q → %q", clip(clean.StripSentinels(raw)), clip(book.PlainText(ch.Title))), Evidence: "title case; acronyms kept as the book writes them", Confidence: 0.9})
	} else {
		// Every chapter needs a title (the contents list it): text with
		// none at its start, such as a book without headings, is titled
		// by its opening words, for the editor to check.
		stand := openingWords(ps[0].Text)
		ch.Title = append(b.pageBreaks(ps[0].Text), book.Inline{Kind: book.Text, Text: stand})
		b.rep.Add(report.Decision{Stage: "structure", Kind: "untitled", Line: ch.Line, Page: ch.StartPage,
			Text:       fmt.Sprintf("%s has no title: titled %q from its opening words", ch.ID, stand),
			Evidence:   "no heading in capitals at its start; give it a title in the text (a line in capitals) or in the book JSON",
			Confidence: 0.3, Problem: true})
	}
	// The opening: subtitle, place, date, time, notices.
	var blocks []book.Block
	var carry []book.Inline // page breaks of opening lines, for the first block
	for ; j < len(ps); j++ {
		p := ps[j]
		t := clean.StripSentinels(p.Text)
		if strings.HasPrefix(strings.TrimSpace(t), "(") && !strings.Contains(t, ")") && ch.Subtitle == nil {
			// A subtitle broken by a blank line: read on to its ")".
			for k := j + 1; k < len(ps) && k <= j+3; k++ {
				if strings.Contains(ps[k].Text, ")") {
					var src []pages.Line
					for m := j; m <= k; m++ {
						src = append(src, ps[m].Src...)
					}
					ps[k] = clean.Para{Text: leadingSentinels(p.Text) + b.in.Cleaner.Join(src), Src: src, Page: p.Page, Line: p.Line}
					j = k
					p = ps[j]
					t = clean.StripSentinels(p.Text)
					break
				}
			}
		}
		switch {
		case isSubtitle(t) && ch.Subtitle == nil && ch.Date == "":
			text := strings.TrimSpace(p.Text)
			text = strings.TrimPrefix(trimSentinelsLeft(text), "(")
			if k := strings.LastIndex(text, ")"); k >= 0 {
				text = text[:k] + text[k+1:]
			}
			ch.Subtitle = append(b.pageBreaks(p.Text), b.inlines(stripPageSentinels(text), st)...)
			continue
		case ch.Date == "" || ch.Time == "":
			k := b.opening(&ch, p)
			if k == 0 {
				break
			}
			carry = append(carry, b.pageBreaks(p.Text)...)
			if k < len(p.Src) {
				// The rest of the paragraph (a salutation run on
				// without a blank line) is read again as body.
				rest := p.Src[k:]
				ps[j] = clean.Para{Text: b.in.Cleaner.Join(rest), Src: rest, Page: p.Page, Line: rest[0].N}
				j--
			}
			continue
		}
		switch {
		case b.in.Headings.Chapters():
			// A short line in capitals is a notice only where no heading
			// pattern tells the book's lines apart (a salutation in
			// capitals, "MY DEAR RIES,—", is not one).
		case clean.IsCaps(t) && utf8.RuneCountInString(t) <= 40 && j+1 < len(ps):
			blocks = append(blocks, book.Block{Kind: book.Notice, Line: p.Line, Inlines: b.inlines(b.titleCaseNotice(p.Text), st)})
			continue
		}
		break
	}
	if b.argument != nil {
		b.sections++
		raw := b.in.Cleaner.Join(b.argument)
		blocks = append(blocks, book.Block{Kind: book.Heading, Level: 2, Line: b.argument[0].N,
			ID: fmt.Sprintf("%s-s%d", ch.ID, b.sections), Inlines: b.inlines(raw, st)})
		b.record("section", b.argument[0].N, ps[0].Page, clean.StripSentinels(raw))
		b.argument = nil
	}
	blocks = append(blocks, b.body(&ch, ps[j:], st)...)
	nestSections(blocks)
	if len(carry) > 0 {
		if len(blocks) > 0 {
			blocks[0].Inlines = append(carry, blocks[0].Inlines...)
		} else {
			ch.Title = append(ch.Title, carry...)
		}
	}
	ch.Blocks = blocks
	ch.Notes = make([]book.Note, len(st.notes))
	for i, g := range st.notes {
		b.noteOwner[g] = idx
		ch.Notes[i] = book.Note{ID: fmt.Sprintf("%s-n%d", ch.ID, i+1), Label: b.in.Notes[g].Label}
	}
	b.pending = append(b.pending, st)
	return ch
}

// openingWords is a stand-in title made of a paragraph's first words:
// up to the first punctuation mark or the eighth word, as an untitled
// poem is known by its first line.
func openingWords(s string) string {
	s = strings.TrimSpace(clean.StripSentinels(s))
	cut := len(s) > 400
	if cut {
		s = strings.ToValidUTF8(s[:400], "") // enough for eight words
	}
	w := strings.Fields(s)
	if len(w) == 0 {
		return "Untitled"
	}
	n := min(len(w), 8)
	for k, x := range w[:n] {
		if k > 0 && strings.ContainsAny(x[len(x)-1:], ".,;:!?") {
			n = k + 1
			break
		}
	}
	t := strings.TrimRight(strings.Join(w[:n], " "), ".,;:")
	if cut || n < len(w) {
		t += "…"
	}
	return t
}

// nestSections puts unnumbered headings that follow numbered ones ("IV.
// On the Developments…", then "On the Stand of Some Delegations…") one
// level down, as subsections.
func nestSections(blocks []book.Block) {
	numbered := false
	for i := range blocks {
		if blocks[i].Kind != book.Heading {
			continue
		}
		if sectionNumber.MatchString(book.PlainText(blocks[i].Inlines)) {
			numbered = true
			continue
		}
		if numbered {
			blocks[i].Level = 3
		}
	}
}

// kindOf tells front matter from documents by the title's words.
func kindOf(title string) book.ChapterKind {
	l := strings.ToLower(title)
	switch {
	case strings.Contains(l, "preface"):
		return book.Preface
	case strings.Contains(l, "foreword") || strings.Contains(l, "introduction"):
		return book.Foreword
	}
	if k := matterKind(title); k != "" {
		return k
	}
	return book.Document
}

// matterKind is the kind a heading names when it is one of the book's
// back-matter headings on its own ("APPENDIX", "Bibliography", "Index",
// "Notes", "Glossary", "Afterword"), or a preface-like front one.
func matterKind(title string) book.ChapterKind {
	w := strings.ToLower(strings.Trim(strings.TrimSpace(title), ".:"))
	first := w
	if i := strings.IndexAny(w, " :.—–"); i > 0 {
		first = w[:i]
	}
	switch {
	case w == "preface" || w == "author's preface" || w == "author’s preface":
		return book.Preface
	case w == "foreword" || w == "introduction" || w == "prologue":
		return book.Foreword
	case first == "appendix":
		return book.Appendix
	case w == "bibliography" || w == "works cited" || w == "list of works cited" || w == "sources" || w == "references":
		return book.Bibliography
	case w == "index" || w == "general index" || w == "index of names":
		return book.Index
	case w == "glossary":
		return book.Glossary
	case w == "afterword" || w == "epilogue" || w == "postscript":
		return book.Afterword
	}
	return ""
}

// opening reads place, date and time lines at a document's opening and
// returns how many of the paragraph's lines it took (0: none; the
// paragraph is not part of the opening). Calling it again on the same
// paragraph gives the same answer.
func (b *builder) opening(ch *book.Chapter, p clean.Para) int {
	var place, date, iso, tm string
	k := 0
	for ; k < len(p.Src); k++ {
		t := strings.TrimSpace(clean.StripSentinels(p.Src[k].Text))
		switch {
		case t == "":
			continue
		case dateOf(t) != "" && date == "" && ch.Date == "":
			pl, d := splitPlaceDate(t)
			if pl != "" {
				place = pl
			}
			date, iso = d, dateOf(t)
			continue
		case timeRe.MatchString(t) && tm == "" && ch.Time == "":
			tm = t
			continue
		case isPlace(t) && date == "" && place == "" && !strings.HasSuffix(t, ","):
			place = t
			continue
		}
		break
	}
	if date == "" && tm == "" {
		return 0 // a place alone, or nothing of an opening
	}
	if place != "" {
		ch.Place = place
	}
	if date != "" {
		ch.Date, ch.DateISO = strings.TrimSuffix(date, "."), iso
	}
	if tm != "" {
		ch.Time = tm
	}
	b.rep.Add(report.Decision{Stage: "structure", Kind: "dateline", Line: p.Line, Page: b.page(p.Page),
		Text: fmt.Sprintf("place %q, date %q (%s), time %q", ch.Place, ch.Date, ch.DateISO, ch.Time), Confidence: 0.95})
	return k
}

var (
	months    = "January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\."
	dateRe    = regexp.MustCompile(`^(?:([\p{Lu}][\p{L}.' -]{1,30}),\s+)?(?:(?:[Ee]arly|[Ll]ate|[Ee]nd of|[Bb]eginning of)\s+)?((?:` + months + `)\s+(\d{1,2}),\s+(\d{4})|(?:` + months + `)\s+(\d{4})|(\d{4}))\.?$`)
	timeRe    = regexp.MustCompile(`^\d{1,2}[:.]\d{2}\s*(?:hrs\.?|hours|h|a\.m\.|p\.m\.)?$`)
	monthNums = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}
)

// dateOf returns the ISO form of a date line ("June 21, 1960" →
// "1960-06-21"), or "" when the line is not a date.
func dateOf(s string) string {
	_, _, iso := matchDate(s)
	return iso
}

var (
	// A place of up to three parts, the later ones perhaps in lower
	// case ("On board the Pharos, off Stornoway").
	placeRe  = `([\p{Lu}][\p{L}.' -]{1,30}(?:,\s+[\p{L}][\p{L}.' -]{1,30}){0,2})`
	weekday  = `(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+)?`
	dayMonth = regexp.MustCompile(`^(?:` + placeRe + `,\s+)?` + weekday + `(\d{1,2})(?:st|nd|rd|th)?\s+(` + months + `),?\s+(\d{4})\.?$`)
	monthDay = regexp.MustCompile(`^(?:` + placeRe + `,\s+)?` + weekday + `(` + months + `)\s+(?:(\d{1,2}),\s+)?(\d{4})\.?$`)
)

// matchDate reads a date line — "June 21, 1960", "Tirana, June 21,
// 1960", "Edinburgh, 14th November, 1868.", "Vailima, Samoa, Dec. 1892",
// "Wednesday, July 3, 1817." — into its place, the date as printed and
// its ISO form; iso is "" when the line is not a date.
func matchDate(s string) (place, date, iso string) {
	s = strings.TrimSpace(clean.StripSentinels(s))
	if !hasYear(s) {
		return "", "", "" // most lines: spared the patterns
	}
	if m := dateRe.FindStringSubmatch(s); m != nil {
		body := m[2]
		mon := 0
		if len(body) >= 3 {
			mon = monthNums[strings.ToLower(body[:3])]
		}
		place, date = m[1], strings.TrimSpace(strings.TrimPrefix(s, m[1]+","))
		switch {
		case m[3] != "":
			return place, date, fmt.Sprintf("%s-%02d-%02s", m[4], mon, pad(m[3]))
		case m[5] != "":
			return place, date, fmt.Sprintf("%s-%02d", m[5], mon)
		case m[6] != "" && m[1] != "":
			return place, date, m[6] // a bare year alone is too weak
		}
		return "", "", ""
	}
	if m := dayMonth.FindStringSubmatch(s); m != nil {
		return m[1], strings.TrimSpace(strings.TrimPrefix(s, m[1]+",")), fmt.Sprintf("%s-%02d-%02s", m[4], monthNums[strings.ToLower(m[3][:3])], pad(m[2]))
	}
	if m := monthDay.FindStringSubmatch(s); m != nil {
		mon := monthNums[strings.ToLower(m[2][:3])]
		date = strings.TrimSpace(strings.TrimPrefix(s, m[1]+","))
		if m[3] != "" {
			return m[1], date, fmt.Sprintf("%s-%02d-%02s", m[4], mon, pad(m[3]))
		}
		return m[1], date, fmt.Sprintf("%s-%02d", m[4], mon)
	}
	return "", "", ""
}

func pad(d string) string {
	if len(d) == 1 {
		return "0" + d
	}
	return d
}

// hasYear: s has four digits in a row, as every date dateRe matches.
func hasYear(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			if run++; run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

func splitPlaceDate(s string) (string, string) {
	place, date, iso := matchDate(s)
	if iso == "" {
		return "", s
	}
	return place, date
}

func isPlaceDate(s string) bool {
	place, _, iso := matchDate(s)
	return iso != "" && place != ""
}

// isPlace: a short capitalised line with no sentence in it ("Moscow").
func isPlace(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), ",")
	if countFields(s) > 3 {
		return false // before splitting a line that may be long
	}
	w := strings.Fields(s)
	if len(w) == 0 || len(w) > 3 || strings.ContainsAny(s, ".:;!?()") {
		return false
	}
	for _, x := range w {
		r, _ := utf8.DecodeRuneInString(x)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return !clean.IsCaps(s)
}

func isSubtitle(t string) bool {
	t = strings.TrimSpace(t)
	return strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") && utf8.RuneCountInString(t) < 400
}

// looksLikeSignature: a name of one to four capitalised words.
func looksLikeSignature(s string) bool {
	s = strings.TrimSpace(s)
	w := strings.Fields(s)
	if len(w) == 0 || len(w) > 4 || strings.ContainsAny(s, ".,;:!?") {
		return false
	}
	for _, x := range w {
		r, _ := utf8.DecodeRuneInString(x)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

var (
	speakerRe = regexp.MustCompile(`^([\p{Lu}][\p{Lu}.’', -]*[\p{Lu}.])(?:\s*(\([^)]{1,80}\)))?:\s*`)
	listRe    = regexp.MustCompile(`^(\d{1,2}\)|[a-z]\)|\(\d{1,2}\)|\([a-z]\)|\d{1,2}\.\s)\s*`)
	psRe      = regexp.MustCompile(`^P\.\s?S\.\s*`)
)

// body classifies a document's paragraphs after its opening.
func (b *builder) body(ch *book.Chapter, ps []clean.Para, st *chapterState) []book.Block {
	var out []book.Block
	// Find where the letter ending begins: source notes, then the
	// signature lines and the closing above them.
	srcAt := len(ps)
	for i := len(ps) - 1; i >= 0 && i >= len(ps)-5; i-- {
		// A source note, or a fragment the OCR broke off one (a date
		// line, a lower-case run-on) right after another.
		frag := i > 0 && b.sourceLine(ps[i-1]) >= 0 && (startsLower(clean.StripSentinels(ps[i].Text)) || clean.CountWords(ps[i].Text) <= 6)
		if b.sourceLine(ps[i]) < 0 && !frag {
			break
		}
		srcAt = i
	}
	for i := 0; i < len(ps); i++ {
		p := ps[i]
		plain := strings.TrimSpace(clean.StripSentinels(p.Text))
		if i >= srcAt {
			if k := b.sourceLine(p); k > 0 && i == srcAt {
				// The paragraph holds signature lines, then the source
				// note (no blank line between them in the source).
				head := p.Src[:k]
				hp := clean.Para{Text: leadingSentinels(p.Text) + b.in.Cleaner.Join(head), Src: head, Page: p.Page, Line: p.Line}
				hplain := strings.TrimSpace(clean.StripSentinels(hp.Text))
				if psRe.MatchString(hplain) || speakerRe.MatchString(hplain) || listRe.MatchString(hplain) {
					out = b.plain(out, hp, hplain, st)
				} else {
					out = b.ending(out, head, p, st)
				}
				tail := b.in.Cleaner.Join(p.Src[k:])
				out = append(out, book.Block{Kind: book.SourceNote, Line: p.Src[k].N, Inlines: b.inlines(tail, st)})
				b.record("source", p.Src[k].N, p.Page, tail)
				continue
			}
			out = append(out, book.Block{Kind: book.SourceNote, Line: p.Line, Inlines: b.inlines(p.Text, st)})
			b.record("source", p.Line, p.Page, plain)
			continue
		}
		if b.in.Headings.Chapters() {
			if hl, ok := b.sectionLine(p); ok {
				out = append(out, b.planSection(ch, p, hl, st))
				continue
			}
		} else if clean.IsCaps(firstLine(p)) && isHeadingText(p) {
			src := append([]pages.Line(nil), p.Src...)
			lead := b.pageBreaks(p.Text)
			for end := headingRun(ps, i, srcAt); i+1 < end; {
				i++
				src = append(src, ps[i].Src...)
				lead = append(lead, b.pageBreaks(ps[i].Text)...)
			}
			b.sections++
			h := book.Block{Kind: book.Heading, Level: 2, Line: p.Line, ID: fmt.Sprintf("%s-s%d", ch.ID, b.sections)}
			raw := b.in.Cleaner.Join(src)
			h.Inlines = append(lead, b.inlines(b.titleCase(raw), st)...)
			out = append(out, h)
			b.record("section", p.Line, p.Page, book.PlainText(h.Inlines))
			continue
		}
		if ch.Kind == book.Index {
			// An index is entries and page numbers: no speeches, letters
			// or endings in it.
			out = b.shaped(out, ch, ps, &i, plain, st)
			continue
		}
		if sp, ok := b.speech(p, plain, st); ok {
			out = append(out, sp)
			continue
		}
		if mayBeLabelled(plain) && (speakerRe.MatchString(plain) || listRe.MatchString(plain) || psRe.MatchString(plain)) {
			out = b.plain(out, p, plain, st)
			continue
		}
		endAt := srcAt
		if i >= srcAt-6 {
			for k := i + 1; k < srcAt; k++ {
				if psRe.MatchString(strings.TrimSpace(clean.StripSentinels(ps[k].Text))) {
					endAt = k // a postscript follows the signature
					break
				}
			}
		}
		docEnding := i >= endAt-4 && b.isEnding(ps[i:endAt])
		if !docEnding {
			// A letter quoted in a chapter: its dateline, salutation,
			// closing and signature.
			var ok bool
			if out, ok = b.letterPart(out, ps, &i, st); ok {
				continue
			}
		}
		if docEnding && hasBodyBefore(out) && closingOverName(ps, i, endAt) {
			out = append(out, book.Block{Kind: book.Closing, Line: p.Line, Inlines: b.inlines(p.Text, st)})
			b.record("closing", p.Line, p.Page, plain)
			continue
		}
		afterClosing := len(out) > 0 && (out[len(out)-1].Kind == book.Closing || out[len(out)-1].Kind == book.Signature)
		if docEnding && (afterClosing || isClosing(strings.TrimSpace(clean.StripSentinels(firstLine(p)))) && hasBodyBefore(out)) {
			// "Yours ever," over the signature; a signature after its
			// closing ("JAMES SUTHERLAND,") addresses no one.
			out = b.ending(out, p.Src, p, st)
			continue
		}
		if (i < 2 && isSalutation(plain) && !hasBodyBefore(out)) || (isVocative(plain) && i+1 < srcAt) {
			out = append(out, book.Block{Kind: book.Salutation, Line: p.Line, Inlines: b.inlines(p.Text, st)})
			b.record("salutation", p.Line, p.Page, plain)
			continue
		}
		if docEnding {
			out = b.ending(out, p.Src, p, st)
			continue
		}
		if i == 0 {
			if ep, n := b.epigraph(ps, i, st); n > 0 {
				out = append(out, ep)
				i += n - 1
				continue
			}
		}
		out = b.shaped(out, ch, ps, &i, plain, st)
	}
	return out
}

// mayBeLabelled is false when none of speakerRe, listRe and psRe can
// match s: a cheap test that spares most paragraphs three regexps.
func mayBeLabelled(s string) bool {
	if s == "" {
		return false
	}
	if c := s[0]; c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c == '(' || c == 'P' {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) && strings.IndexByte(s, ':') >= 0
}

// plain classifies a paragraph of running text: a speech turn, a list
// item, a postscript or an ordinary paragraph.
func (b *builder) plain(out []book.Block, p clean.Para, plain string, st *chapterState) []book.Block {
	if m := speakerRe.FindStringSubmatch(plain); m != nil && len(m[1]) >= 3 && clean.IsCaps(m[1]) {
		rest := cutPrefixKeepingSentinels(p.Text, len(m[0]))
		if m[2] != "" {
			rest = m[2] + " " + rest // a stage direction: "(addressing the comrades)"
		}
		return append(out, book.Block{Kind: book.Speech, Line: p.Line, Speaker: b.caser.Name(strings.TrimSpace(m[1])), Inlines: b.inlines(rest, st)})
	}
	if m := listRe.FindStringSubmatch(plain); m != nil && (!strings.HasSuffix(m[1], ". ") || startsUpper(plain[len(m[0]):])) {
		rest := cutPrefixKeepingSentinels(p.Text, len(m[0]))
		return append(out, book.Block{Kind: book.ListItem, Line: p.Line, Label: strings.TrimSpace(m[1]), Inlines: b.inlines(rest, st)})
	}
	if psRe.MatchString(plain) {
		return append(out, book.Block{Kind: book.Postscript, Line: p.Line, Inlines: b.inlines(p.Text, st)})
	}
	return append(out, book.Block{Kind: book.Para, Line: p.Line, Inlines: b.inlines(p.Text, st)})
}

func leadingSentinels(s string) string {
	t := trimSentinelsLeft(s)
	return strings.TrimRight(s[:len(s)-len(t)], " ")
}

func (b *builder) record(kind string, line, page int, text string) {
	b.rep.Add(report.Decision{Stage: "structure", Kind: kind, Line: line, Page: b.page(page), Text: clip(text), Confidence: 0.9})
}

func hasBodyBefore(out []book.Block) bool {
	for _, bl := range out {
		if bl.Kind == book.Para || bl.Kind == book.Speech {
			return true
		}
	}
	return false
}

func endsSentence(s string) bool {
	s = strings.TrimRight(clean.StripSentinels(s), " ”’\")")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}

// isVocative: a short address standing alone mid-document ("Comrades,").
func isVocative(s string) bool {
	return strings.HasSuffix(s, ",") && !strings.HasSuffix(s, "yours,") && countFields(s) <= 3
}

// isSalutation: "Dear Comrades,", "Comrade Hysni,".
func isSalutation(s string) bool {
	// countFields, not strings.Fields: paragraphs can be a megabyte long.
	if n := countFields(s); n == 0 || n > 8 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) && (strings.HasSuffix(s, ",") || strings.HasSuffix(s, "!"))
}

// isEnding: every paragraph from here to the source notes is a short line
// or a closing formula: the end of a letter.
func (b *builder) isEnding(ps []clean.Para) bool {
	if len(ps) == 0 {
		return false
	}
	for _, p := range ps {
		for _, l := range p.Src {
			t := strings.TrimSpace(clean.StripSentinels(l.Text))
			if countFields(t) > 8 {
				return false
			}
		}
	}
	first := strings.TrimSpace(clean.StripSentinels(firstLine(ps[0])))
	r, _ := utf8.DecodeRuneInString(first)
	return unicode.IsUpper(r)
}

// ending turns the short lines at a letter's end into closing, signature
// and dateline blocks. A first line ending in a comma is the closing.
func (b *builder) ending(out []book.Block, src []pages.Line, p clean.Para, st *chapterState) []book.Block {
	var lines []pages.Line
	for _, l := range src {
		if strings.TrimSpace(l.Text) != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return out
	}
	lead := b.pageBreaks(p.Text)
	// Prose that runs into the letter's end without a blank line stays
	// a paragraph; the ending is the run of short lines after it.
	cut := len(lines)
	for cut > 0 && isShortLine(clean.StripSentinels(lines[cut-1].Text)) {
		cut--
	}
	if cut > 0 && cut < len(lines) && strings.HasSuffix(strings.TrimSpace(clean.StripSentinels(lines[cut-1].Text)), ",") {
		cut = len(lines) // the text runs on into the short lines ("…Leiberz, / Dressmaker.")
	}
	if cut > 0 {
		out = append(out, book.Block{Kind: book.Para, Line: lines[0].N, Inlines: append(lead, b.inlines(b.in.Cleaner.Join(lines[:cut]), st)...)})
		lead = nil
		lines = lines[cut:]
		if len(lines) == 0 {
			return out
		}
	}
	first := strings.TrimSpace(clean.StripSentinels(lines[0].Text))
	if n := len(out); n > 0 && out[n-1].Kind == book.Closing && strings.HasSuffix(first, ",") && hasLowerWord(first) && !looksLikeName(first) {
		// The closing's second line, a paragraph of its own in the
		// source ("forever," / "Your faithful debtor,").
		out[n-1].Inlines = append(append(out[n-1].Inlines, book.Inline{Kind: book.LineBreak}), append(lead, b.inlines(b.in.Cleaner.Join(lines[:1]), st)...)...)
		lead = nil
		lines = lines[1:]
		if len(lines) == 0 {
			return out
		}
		first = strings.TrimSpace(clean.StripSentinels(lines[0].Text))
	}
	hasSig := len(out) > 0 && out[len(out)-1].Kind == book.Signature
	closing := strings.HasSuffix(first, ",") && countFields(first) <= 5
	// A closing broken over lines, the rest in lower case ("Believe me,
	// dear Madam, Yours / very truly,").
	k1 := 1
	for k1 < len(lines) && startsLower(strings.TrimSpace(clean.StripSentinels(lines[k1].Text))) {
		k1++
	}
	if whole := strings.TrimSpace(clean.StripSentinels(b.in.Cleaner.Join(lines[:k1]))); k1 > 1 && strings.HasSuffix(whole, ",") && countFields(whole) <= 10 {
		closing = true
	} else {
		k1 = 1
	}
	last := strings.TrimSpace(clean.StripSentinels(lines[len(lines)-1].Text))
	if !closing && len(lines) >= 2 && countFields(first) <= 7 && hasLowerWord(first) && !endsSentence(first) && looksLikeName(last) {
		closing = true // "Yours affectionately", "In haste, your" over the name
	}
	if !hasSig && closing && (len(out) == 0 || out[len(out)-1].Kind != book.Closing) {
		// A closing of two lines ("I remain, dear Sir, / Your obedient
		// servant,"): the lines in lower case that end in a comma.
		n := k1
		for n < len(lines) {
			t := strings.TrimSpace(clean.StripSentinels(lines[n].Text))
			if !hasLowerWord(t) || countFields(t) > 6 || looksLikeName(t) || !strings.HasSuffix(t, ",") && !isClosing(t) {
				break
			}
			n++
		}
		cl := b.inlines(b.in.Cleaner.Join(lines[:k1]), st)
		for k := k1; k < n; k++ {
			cl = append(cl, book.Inline{Kind: book.LineBreak})
			cl = append(cl, b.inlines(b.in.Cleaner.Join(lines[k:k+1]), st)...)
		}
		out = append(out, book.Block{Kind: book.Closing, Line: lines[0].N, Inlines: append(lead, cl...)})
		b.record("closing", lines[0].N, p.Page, first)
		lead = nil
		lines = lines[n:]
		if len(lines) == 0 {
			return out
		}
	}
	// Date lines at the end are a dateline; the rest is the signature.
	var sig []book.Inline
	sig = append(sig, lead...)
	var dl []pages.Line
	group := [][]pages.Line{}
	for _, l := range lines {
		t := strings.TrimSpace(clean.StripSentinels(l.Text))
		if dateOf(t) != "" || isPlaceDate(t) {
			dl = append(dl, l)
			continue
		}
		// A line that starts in lower case continues the one above it
		// ("For the Central Committee / of the Party of Labor").
		if len(group) > 0 && startsLower(t) {
			group[len(group)-1] = append(group[len(group)-1], l)
			continue
		}
		group = append(group, []pages.Line{l})
	}
	for gi, g := range group {
		if gi > 0 {
			sig = append(sig, book.Inline{Kind: book.LineBreak})
		}
		sig = append(sig, b.inlines(b.in.Cleaner.Join(g), st)...)
	}
	if len(group) > 0 {
		if n := len(out); n > 0 && out[n-1].Kind == book.Signature {
			out[n-1].Inlines = append(append(out[n-1].Inlines, book.Inline{Kind: book.LineBreak}), sig...)
		} else {
			out = append(out, book.Block{Kind: book.Signature, Line: group[0][0].N, Inlines: sig})
		}
		b.record("signature", group[0][0].N, p.Page, book.PlainText(sig))
	}
	if len(dl) > 0 {
		out = append(out, book.Block{Kind: book.Dateline, Line: dl[0].N, Inlines: b.inlines(b.in.Cleaner.Join(dl), st)})
	}
	return out
}

// isShortLine: a line that can be part of a letter's ending — a closing,
// a signature, a title, a place or date — rather than prose.
func isShortLine(s string) bool {
	s = strings.TrimSpace(s)
	w := strings.Fields(s)
	if len(w) == 0 || len(w) > 7 {
		return false
	}
	if dateOf(s) != "" || isPlaceDate(s) || looksLikeName(s) || len(w) <= 3 && looksLikeSignature(strings.TrimRight(s, ".")) {
		return true // a date, a name or a title signed with a stop ("JANET MARSH.", "Harbour-master.")
	}
	last := w[len(w)-1]
	if strings.HasSuffix(last, ".") && len([]rune(last)) <= 4 && len(w) > 1 {
		return true // "Gamma Publishing Co."
	}
	return !strings.ContainsAny(last[len(last)-1:], ".!?:;")
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func hasLowerWord(s string) bool {
	for _, w := range strings.Fields(s) {
		if startsLower(w) {
			return true
		}
	}
	return false
}

func startsLower(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsLower(r)
		}
	}
	return false
}

// sourceLine returns the index of the line in p where a source note
// begins, or -1.
func (b *builder) sourceLine(p clean.Para) int {
	for k, l := range p.Src {
		if k > 0 && countFields(p.Src[k-1].Text) > 4 && !endsSentence(p.Src[k-1].Text) {
			continue
		}
		if !b.sourceOp[firstWord(l.Text)] {
			continue
		}
		if fieldsAtLeast(p.Src[k:], 3) {
			return k
		}
	}
	return -1
}

// titleCase turns a caps title into title case, keeping note sentinels at
// their rune positions (case changes keep the rune count).
func (b *builder) titleCase(s string) string {
	type mark struct {
		at int
		r  rune
	}
	var marks []mark
	var plain []rune
	for _, r := range s {
		if isSentinel(r) {
			marks = append(marks, mark{len(plain), r})
			continue
		}
		plain = append(plain, r)
	}
	tc := []rune(b.caser.Title(string(plain)))
	if len(tc) != len(plain) {
		// Casing changed the length (rare letters): put marks at the end.
		for i := range marks {
			marks[i].at = len(tc)
		}
	}
	out := make([]rune, 0, len(tc)+len(marks))
	mi := 0
	for i, r := range tc {
		for mi < len(marks) && marks[mi].at == i {
			out = append(out, marks[mi].r)
			mi++
		}
		out = append(out, r)
	}
	for ; mi < len(marks); mi++ {
		out = append(out, marks[mi].r)
	}
	return string(out)
}

func (b *builder) titleCaseNotice(s string) string { return b.titleCase(stripPageSentinels(s)) }

func isSentinel(r rune) bool {
	_, a := notes.IsSentinel(r)
	_, c := clean.IsPageSentinel(r)
	return a || c
}

func stripPageSentinels(s string) string {
	return strings.Map(func(r rune) rune {
		if _, ok := clean.IsPageSentinel(r); ok {
			return -1
		}
		return r
	}, s)
}

func trimSentinelsLeft(s string) string {
	return strings.TrimLeftFunc(s, func(r rune) bool { return isSentinel(r) || r == ' ' })
}

// cutPrefixKeepingSentinels removes the first n bytes of plain text from
// s, keeping any sentinels found there (a page break before a label).
func cutPrefixKeepingSentinels(s string, n int) string {
	var keep strings.Builder
	i := 0
	for n > 0 && i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isSentinel(r) {
			keep.WriteRune(r)
		} else {
			n -= size
		}
		i += size
	}
	return keep.String() + s[i:]
}

// pageBreaks returns the page breaks that open a paragraph's text.
func (b *builder) pageBreaks(s string) []book.Inline {
	var out []book.Inline
	for _, r := range s {
		pg, ok := clean.IsPageSentinel(r)
		if !ok {
			if r == ' ' {
				continue
			}
			break
		}
		out = append(out, book.Inline{Kind: book.PageBreak, Page: b.page(pg)})
	}
	return out
}

// inlines converts text with sentinels into runs and markers.
func (b *builder) inlines(s string, st *chapterState) []book.Inline {
	var out []book.Inline
	var run strings.Builder
	flush := func() {
		if run.Len() > 0 {
			out = append(out, book.Inline{Kind: book.Text, Text: run.String()})
			run.Reset()
		}
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD") // the decoder prevents this; be safe
	}
	// Copy the text between sentinels whole; every sentinel's UTF-8
	// form opens with byte 0xF3 or 0xF4.
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] < 0xF3 {
			j++
		}
		run.WriteString(s[i:j])
		if j == len(s) {
			break
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		i = j + size
		if g, ok := notes.IsSentinel(r); ok {
			flush()
			li, seen := st.local[g]
			if !seen {
				li = len(st.notes)
				st.local[g] = li
				st.notes = append(st.notes, g)
			}
			out = append(out, book.Inline{Kind: book.NoteRef, Note: li})
			continue
		}
		if pg, ok := clean.IsPageSentinel(r); ok {
			flush()
			out = append(out, book.Inline{Kind: book.PageBreak, Page: b.page(pg)})
			continue
		}
		run.WriteString(s[j:i])
	}
	flush()
	return out
}

// attachNotes fills each chapter's notes with their cleaned paragraphs;
// notes no marker points at go to the chapter of their page, unanchored.
func (b *builder) attachNotes(chs []book.Chapter) {
	// A note no marker points at stays in the book, with its chapter:
	// losing its text would be worse than a note without a reference.
	for g, n := range b.in.Notes {
		if _, ok := b.noteOwner[g]; ok || len(b.pending) == 0 {
			continue
		}
		// The last chapter opening on or before the note's page (the
		// chapters open in page order): a search, as there may be
		// thousands of notes and chapters.
		ci := max(0, sort.Search(len(b.pending), func(i int) bool { return b.pending[i].page > n.Page })-1)
		st := b.pending[ci]
		st.local[g] = len(st.notes)
		st.notes = append(st.notes, g)
		b.noteOwner[g] = ci
		ch := &chs[ci]
		ch.Notes = append(ch.Notes, book.Note{ID: fmt.Sprintf("%s-n%d", ch.ID, len(ch.Notes)+1), Label: n.Label})
	}
	for ci, st := range b.pending {
		ch := &chs[ci]
		for i, g := range st.notes {
			n := b.in.Notes[g]
			paras := b.in.Cleaner.Note(n)
			for len(ch.Notes) <= i {
				// A chapter built without its notes' entries: give the
				// note one rather than lose it.
				ch.Notes = append(ch.Notes, book.Note{ID: fmt.Sprintf("%s-n%d", ch.ID, len(ch.Notes)+1), Label: n.Label})
			}
			note := &ch.Notes[i]
			note.Page, note.Continued = b.page(n.Page), n.Continued
			if len(n.Lines) > 0 {
				note.Line = n.Lines[0].N
			}
			for _, p := range paras {
				note.Paras = append(note.Paras, b.inlines(p.Text, &chapterState{local: map[int]int{}}))
			}
		}
	}
}

// countFields is len(strings.Fields(s)) without building the slice: the
// structure rules count words of every paragraph and line.
func countFields(s string) int {
	n := 0
	in := false
	for _, r := range s {
		if r == ' ' || r >= '\t' && r <= '\r' || r > 0x7F && unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}
