package structure

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/internal/book"
	"folio/internal/clean"
	"folio/internal/pages"
	"folio/internal/report"
)

// The chapters of a book whose headings follow a learnt pattern: each
// opens at a paragraph the pattern took for a chapter (or part) heading.

// headingOf returns the pattern's reading of a paragraph's first line.
func (b *builder) headingOf(p clean.Para) (HeadingLine, bool) {
	if len(p.Src) == 0 {
		return HeadingLine{}, false
	}
	hl, ok := b.in.Headings.Lines[p.Src[0].N]
	return hl, ok
}

// planStarts are the paragraphs that open chapters or parts.
func (b *builder) planStarts() []int {
	var starts []int
	for i, p := range b.in.Paras {
		hl, ok := b.headingOf(p)
		if !ok || hl.Role != RoleChapter && hl.Role != RolePart {
			continue
		}
		starts = append(starts, i)
		b.rep.Add(report.Decision{Stage: "structure", Kind: "chapter", Line: p.Line, Page: b.page(p.Page),
			Text:       fmt.Sprintf("chapter starts: %q", clip(clean.StripSentinels(p.Text))),
			Evidence:   "the book's heading pattern (" + hl.Pattern + "): its numbers or dates run on from the heading before",
			Confidence: 0.95})
	}
	if len(starts) == 0 || starts[0] != 0 {
		starts = append([]int{0}, starts...)
	}
	return starts
}

// planTitle sets a chapter's label and title from its heading and
// returns how many of ps it took (0 when ps opens with no heading: the
// text before the first one).
func (b *builder) planTitle(ch *book.Chapter, ps []clean.Para, st *chapterState) int {
	hl, ok := b.headingOf(ps[0])
	if !ok {
		return 0
	}
	if hl.Role == RolePart {
		ch.Kind = book.Part
	}
	ch.Label = hl.Label
	j := 1
	var src []pages.Line
	lead := b.pageBreaks(ps[0].Text)
	title := hl.Title
	if hl.Pattern != "date" {
		// The title's lines under the label (or its continuation lines,
		// when it begins on the label's line).
		for j < len(ps) {
			next, ok := b.headingOf(ps[j])
			if !ok || next.Role != RoleTitle {
				break
			}
			src = append(src, ps[j].Src...)
			lead = append(lead, b.pageBreaks(ps[j].Text)...)
			j++
		}
		if title != "" && src != nil {
			src = append(append([]pages.Line(nil), ps[0].Src...), src...)
		}
	} else {
		title = strings.TrimSpace(clean.StripSentinels(b.in.Cleaner.Join(ps[0].Src)))
	}
	raw := title
	if src != nil && title != "" {
		raw = afterLabel(b.in.Cleaner.Join(src), hl.Label)
	} else if src != nil {
		raw = b.in.Cleaner.Join(src)
	} else if hl.Pattern != "date" && title != "" {
		// The title on the heading's line, its note markers kept: the
		// line's text after the label.
		raw = afterLabel(b.in.Cleaner.Join(ps[0].Src), hl.Label)
	}
	if strings.TrimSpace(clean.StripSentinels(raw)) == "" {
		// A label with no title ("CHAPTER IV" over the text): the label
		// is the title the contents show.
		raw = hl.Label
		ch.Label = ""
	}
	cased := raw
	if clean.IsCaps(raw) {
		cased = b.titleCase(raw)
	}
	ch.Title = append(lead, b.inlines(cased, st)...)
	if ch.Kind != book.Part {
		ch.Kind = kindOf(clean.StripSentinels(raw))
	}
	if hl.Pattern == "date" {
		ch.DateISO = dateOf(title) // the title is the date: not printed twice
	}
	b.rep.Add(report.Decision{Stage: "structure", Kind: "title", Line: ch.Line, Page: ch.StartPage,
		Text:     fmt.Sprintf("label %q, title %q", ch.Label, clip(book.PlainText(ch.Title))),
		Evidence: "the book's heading pattern (" + hl.Pattern + ")", Confidence: 0.9})
	// An argument under the title: the topics of the chapter, phrases
	// set apart by dashes ("Character of Othello—Schiller's Robbers—…"),
	// before the first paragraph of text.
	if j < len(ps) && ch.Kind != book.Index {
		if k := argumentLines(ps[j].Src); k > 0 {
			b.argument = ps[j].Src[:k]
			if k < len(ps[j].Src) {
				rest := ps[j].Src[k:]
				ps[j] = clean.Para{Text: b.in.Cleaner.Join(rest), Src: rest, Page: ps[j].Page, Line: rest[0].N}
			} else {
				j++
			}
		}
	}
	return j
}

// afterLabel is s without its leading label ("216. TO STEINER" → "TO
// STEINER"), keeping sentinels.
func afterLabel(s, label string) string {
	plain := clean.StripSentinels(s)
	i := strings.Index(plain, label)
	if label == "" || i < 0 || i > 3 {
		return s
	}
	n := i + len(label)
	for n < len(plain) && strings.ContainsRune(".:—–- ", rune(plain[n])) {
		n++
	}
	return cutPrefixKeepingSentinels(s, n)
}

var digitRangeRe = regexp.MustCompile(`(\d)[–—](\d)`)

// argumentLines counts the lines at the start of ls that list topics:
// short capitalised phrases set apart by dashes, no sentence among them.
func argumentLines(ls []pages.Line) int {
	k := 0
	var joined string
	for k < len(ls) {
		t := strings.TrimSpace(clean.StripSentinels(ls[k].Text))
		n := 1
		// A topic cut by a hyphen at the line's end runs on.
		for strings.HasSuffix(t, "-") && k+n < len(ls) {
			t = strings.TrimSuffix(t, "-") + strings.TrimSpace(clean.StripSentinels(ls[k+n].Text))
			n++
		}
		if !topicLine(t) {
			break
		}
		joined += "—" + t
		k += n
	}
	// An argument lists topics: two at least, set apart by dashes; a
	// line ending in a comma is a salutation ("MY GOOD ADJUTANT,—").
	segs := 0
	joined = digitRangeRe.ReplaceAllString(joined, "$1-$2")
	for _, sg := range strings.FieldsFunc(joined, func(r rune) bool { return r == '—' || r == '–' }) {
		if strings.Trim(strings.TrimSpace(sg), ".,") != "" {
			segs++
		}
	}
	if segs < 2 || strings.HasSuffix(strings.TrimRight(joined, "—– "), ",") {
		return 0
	}
	return k
}

func topicLine(t string) bool {
	t = digitRangeRe.ReplaceAllString(t, "$1-$2") // "3–4": a range of pages, no topics' dash
	if t == "" || !strings.ContainsAny(t, "—–") && utf8.RuneCountInString(t) > 40 {
		return false
	}
	segs := strings.FieldsFunc(t, func(r rune) bool { return r == '—' || r == '–' })
	if len(segs) == 0 {
		return false
	}
	for _, sg := range segs {
		sg = strings.Trim(strings.TrimSpace(sg), ".")
		if sg == "" {
			continue
		}
		w := strings.Fields(sg)
		if len(w) > 7 {
			return false
		}
		r, _ := utf8.DecodeRuneInString(sg)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && r != '_' {
			return false
		}
		caps := 0
		for _, x := range w {
			if r, _ := utf8.DecodeRuneInString(x); unicode.IsUpper(r) {
				caps++
			}
		}
		if len(w) >= 4 && caps*2 < len(w) {
			return false // a sentence, not a name
		}
	}
	return true
}

// sectionLine returns the pattern's section heading that opens p.
func (b *builder) sectionLine(p clean.Para) (HeadingLine, bool) {
	hl, ok := b.headingOf(p)
	if !ok || hl.Role != RoleSection {
		return HeadingLine{}, false
	}
	return hl, true
}

// planSection makes a section heading of a paragraph the pattern took.
func (b *builder) planSection(ch *book.Chapter, p clean.Para, hl HeadingLine, st *chapterState) book.Block {
	b.sections++
	h := book.Block{Kind: book.Heading, Level: 2, Line: p.Line, ID: fmt.Sprintf("%s-s%d", ch.ID, b.sections)}
	raw := b.in.Cleaner.Join(p.Src)
	if clean.IsCaps(raw) {
		raw = b.titleCase(raw)
	}
	h.Inlines = append(b.pageBreaks(p.Text), b.inlines(raw, st)...)
	b.record("section", p.Line, p.Page, book.PlainText(h.Inlines))
	return h
}
