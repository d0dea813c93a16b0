package structure

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/internal/book"
	"folio/internal/clean"
	"folio/internal/pages"
)

// A letter quoted inside a chapter — a memoir's letter from home, the
// letter read out at an inquiry — has a letter's parts, though the
// chapter is no letter: a dateline standing alone, a salutation, the
// body, a closing formula, the signature. (A document that is itself a
// letter, as the sample's are, is read by body's ending instead.)

// closingWords are the words of a closing formula; a short line holding
// one, after the text, closes a letter.
var closingWords = []string{"yours", "faithfully", "sincerely", "affectionate", "obedient", "remain,", "believe me", "truly,", "ever,", "regards", "greetings", "your loving", "your devoted"}

// isClosing: a short line of a closing formula ("Your affectionate
// mother,", "I remain, dear Sir,", "Yours ever,").
func isClosing(t string) bool {
	if n := countFields(t); n == 0 || n > 7 {
		return false
	}
	l := strings.ToLower(t)
	for _, w := range closingWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// closingOverName: ps[i] is a closing without its comma ("Your", "In
// haste, your", "Your obedient") on a line of its own, over the name
// that signs it in ps[i+1] (before end).
func closingOverName(ps []clean.Para, i, end int) bool {
	if i+1 >= end || i+1 >= len(ps) || textLines(ps[i].Src) != 1 || textLines(ps[i+1].Src) == 0 {
		return false
	}
	t := strings.TrimSpace(clean.StripSentinels(ps[i].Text))
	name := strings.TrimSpace(clean.StripSentinels(firstText(ps[i+1].Src).Text))
	words := countFields(t) <= 7 && (hasLowerWord(t) || strings.EqualFold(t, "yours") || strings.EqualFold(t, "your"))
	return words && !endsSentence(t) && !strings.HasSuffix(t, ",") && looksLikeName(name)
}

// salutationEnd: how a salutation ends — "Dear Sir,", "Dear Sir,—",
// "Gentlemen:", "My dearest Nell,".
func salutationEnd(t string) bool {
	t = strings.TrimRight(t, "—–- ")
	return strings.HasSuffix(t, ",") || strings.HasSuffix(t, ":") || strings.HasSuffix(t, "!")
}

// isLetterSalutation: one short line, opening with a capital, ending as
// a salutation does, that is no closing formula.
func isLetterSalutation(p clean.Para) bool {
	if textLines(p.Src) != 1 {
		return false
	}
	t := strings.TrimSpace(clean.StripSentinels(p.Text))
	r, _ := utf8.DecodeRuneInString(t)
	n := countFields(t)
	return n > 0 && n <= 6 && unicode.IsUpper(r) && salutationEnd(t) && !isClosing(t)
}

// isDateLine: one line that is a date or a place and a date.
func isDateLine(p clean.Para) bool {
	if textLines(p.Src) != 1 {
		return false
	}
	t := strings.TrimSpace(clean.StripSentinels(p.Text))
	return countFields(t) <= 10 && (dateOf(t) != "" || isPlaceDate(t))
}

// letterPart reads ps[*i] as a part of a letter quoted in the text, and
// the paragraphs that belong with it (a closing takes the signature
// after it); *i is left on the last one taken. ok is false when ps[*i]
// is no letter's part.
func (b *builder) letterPart(out []book.Block, ps []clean.Para, i *int, st *chapterState) ([]book.Block, bool) {
	p := ps[*i]
	next := func(k int) (clean.Para, bool) {
		if k < len(ps) {
			return ps[k], true
		}
		return clean.Para{}, false
	}
	// A dateline: a date alone on its line over a salutation, or set
	// to the right (laid-out text) over the letter's text.
	if isDateLine(p) {
		np, ok := next(*i + 1)
		right := b.in.Cleaner.Width() > 0 && indentOf(firstText(p.Src))*3 > b.in.Cleaner.Width()
		if ok && (isLetterSalutation(np) || right && textLines(np.Src) >= 2) {
			b.record("dateline", p.Line, p.Page, strings.TrimSpace(clean.StripSentinels(p.Text)))
			return append(out, book.Block{Kind: book.Dateline, Line: p.Line, Inlines: b.inlines(p.Text, st)}), true
		}
	}
	// A salutation: after a dateline, or over the letter's text.
	if isLetterSalutation(p) {
		np, ok := next(*i + 1)
		afterDate := len(out) > 0 && out[len(out)-1].Kind == book.Dateline
		if afterDate || ok && textLines(np.Src) >= 2 && !isClosing(firstLine(np)) {
			if afterDate || b.opensLetter(p) {
				b.record("salutation", p.Line, p.Page, strings.TrimSpace(clean.StripSentinels(p.Text)))
				return append(out, book.Block{Kind: book.Salutation, Line: p.Line, Inlines: b.inlines(p.Text, st)}), true
			}
		}
	}
	// A closing after the letter's text, and the signature under it:
	// the short lines that follow, up to a postscript or the text.
	if countFields(firstLine(p)) > 8 {
		return out, false // a line of text, most paragraphs: spared the rest
	}
	first := strings.TrimSpace(clean.StripSentinels(firstLine(p)))
	if !isClosing(first) || !allShort(p) || !hasBodyBefore(out) {
		return out, false
	}
	src := append([]pages.Line(nil), p.Src...)
	text := p.Text
	for k := *i + 1; k < len(ps) && k <= *i+2; k++ {
		q := ps[k]
		qt := strings.TrimSpace(clean.StripSentinels(q.Text))
		if textLines(q.Src) > 3 || !allShort(q) || psRe.MatchString(qt) || isLetterSalutation(q) && !looksLikeName(qt) {
			break
		}
		src = append(src, q.Src...)
		text += " " + q.Text
		*i = k
	}
	return b.ending(out, src, clean.Para{Text: text, Src: src, Page: p.Page, Line: p.Line}, st), true
}

// opensLetter: a salutation's words — "Dear …", "My dear …", "Sir",
// "Madam", "Gentlemen" — or a line the text introduces as a letter's
// (the paragraph before ends with a colon or speaks of a letter).
func (b *builder) opensLetter(p clean.Para) bool {
	t := strings.ToLower(strings.TrimSpace(clean.StripSentinels(p.Text)))
	for _, w := range []string{"dear", "my dear", "sir", "madam", "gentlemen", "sirs", "friends", "comrades"} {
		if strings.HasPrefix(t, w+" ") || strings.HasPrefix(t, w+",") || strings.HasPrefix(t, w+":") || strings.HasPrefix(t, w+"!") {
			return true
		}
	}
	return strings.HasPrefix(t, "my ") && countFields(t) <= 4
}

// allShort: every line of p is a short line of a letter's ending.
func allShort(p clean.Para) bool {
	for _, l := range p.Src {
		if countFields(clean.StripSentinels(l.Text)) > 7 {
			return false
		}
	}
	return textLines(p.Src) > 0
}

// looksLikeName: a signature's line — capitalised words, or words in
// capitals with a stop or a comma after them ("JANET MARSH.", "JAMES
// SUTHERLAND,").
func looksLikeName(t string) bool {
	if looksLikeSignature(t) {
		return true
	}
	// With its stop, a name is known by its capitals: "Dressmaker." may
	// end an address.
	return clean.IsCaps(t) && looksLikeSignature(strings.TrimRight(t, ".,"))
}

// textLines counts the lines of src that hold text.
func textLines(src []pages.Line) int {
	n := 0
	for _, l := range src {
		if strings.TrimSpace(l.Text) != "" {
			n++
		}
	}
	return n
}

// firstText is the first line of src that holds text.
func firstText(src []pages.Line) pages.Line {
	for _, l := range src {
		if strings.TrimSpace(l.Text) != "" {
			return l
		}
	}
	return pages.Line{}
}

// nonEmpty returns the lines of src that hold text.
func nonEmpty(src []pages.Line) []pages.Line {
	out := make([]pages.Line, 0, len(src))
	for _, l := range src {
		if strings.TrimSpace(l.Text) != "" {
			out = append(out, l)
		}
	}
	return out
}

// epigraph reads a chapter's first paragraphs as an epigraph: a short
// quotation of a few lines set in, and its source on a line of its own
// set further in or after a dash ("— Old Border rhyme", "John Bullein"),
// the text following. n is how many paragraphs it takes, 0 if none.
func (b *builder) epigraph(ps []clean.Para, i int, st *chapterState) (book.Block, int) {
	if i+2 >= len(ps) {
		return book.Block{}, 0
	}
	q, a := ps[i], ps[i+1]
	ql, al := nonEmpty(q.Src), nonEmpty(a.Src)
	if len(ql) == 0 || len(ql) > 4 || len(al) != 1 {
		return book.Block{}, 0
	}
	for _, l := range ql {
		if !b.short(l) {
			return book.Block{}, 0
		}
	}
	at := strings.TrimSpace(clean.StripSentinels(al[0].Text))
	dash := strings.HasPrefix(at, "—") || strings.HasPrefix(at, "–") || strings.HasPrefix(at, "-")
	name := looksLikeSignature(strings.Trim(at, "—–-. ")) || strings.Contains(at, ", ")
	if !dash && !(name && indentOf(al[0]) > indentOf(ql[0]) && indentOf(ql[0]) > 0) {
		return book.Block{}, 0
	}
	if countFields(at) > 8 || textLines(ps[i+2].Src) < 2 {
		return book.Block{}, 0
	}
	bl := book.Block{Kind: book.Epigraph, Line: q.Line, Inlines: b.inlines(q.Text, st), Attribution: b.inlines(a.Text, st)}
	b.record("epigraph", q.Line, q.Page, strings.TrimSpace(clean.StripSentinels(q.Text)))
	return bl, 2
}

// figureCaption: a line the book's list of illustrations names — the
// caption under a picture the text layer does not hold.
func (b *builder) figureCaption(p clean.Para, plain string, st *chapterState) (book.Block, bool) {
	if len(b.in.Front.Illustrations) == 0 || textLines(p.Src) > 3 {
		return book.Block{}, false
	}
	key := letterKey(plain)
	for _, e := range b.in.Front.Illustrations {
		if k := letterKey(e.Title); k != "" && k == key {
			b.record("figure", p.Line, p.Page, plain)
			return book.Block{Kind: book.Figure, Line: p.Line, Inlines: b.inlines(p.Text, st)}, true
		}
	}
	return book.Block{}, false
}
