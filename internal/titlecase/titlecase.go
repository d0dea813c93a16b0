// Package titlecase turns the all-caps titles and speaker labels of an
// OCR'd book into title case (Chicago style), keeping the acronyms the
// book itself writes in capitals.
package titlecase

import (
	"folio/internal/roman"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/internal/words"
)

// Caser title-cases the headings of one book. It knows the book's acronyms
// (learned from its body text). Build it with New; it is safe for
// concurrent use.
type Caser struct {
	acronyms  map[string]bool // caps form → true
	ambiguous map[string]bool // acronyms that are also words of the book ("US"/"us")
}

// minor words stay lower case inside a title (Chicago): articles,
// coordinating conjunctions and prepositions.
var minor = set("a", "an", "the",
	"and", "but", "or", "nor", "for", "yet", "so",
	"of", "in", "on", "at", "to", "by", "from", "with", "about", "against",
	"into", "over", "under", "between", "through", "toward", "towards",
	"within", "without", "upon", "after", "before", "during", "regarding",
	"concerning", "among", "around", "across", "along", "behind", "beyond",
	"despite", "except", "like", "near", "since", "until", "via", "per", "as")

// function words after an ambiguous acronym show it is the common word:
// "FOR US THERE IS" is "for us", "US IMPERIALISM" is the acronym.
var function = set("there", "here", "is", "are", "was", "were", "be", "been",
	"will", "shall", "can", "must", "should", "would", "could", "may", "might",
	"not", "all", "both", "too", "again", "now", "then", "also", "only",
	"i", "we", "you", "he", "she", "it", "they", "me", "him", "her", "them", "us",
	"that", "this", "these", "those", "who", "what", "which", "no", "never")

// pronounVerbs before an ambiguous acronym make it the pronoun: "LET US".
var pronounVerbs = set("let", "tell", "give", "help", "join", "show", "teach", "teaches", "leave")

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// New learns the book's acronyms from its running text. bodyText is the
// body's paragraphs (any line breaks) without the title lines. A token of
// two or more capitals counts when it stands in prose: not next to another
// all-caps word (a heading, a running head or a speaker label), not
// followed by a colon (a label such as "POSPYELOV:") and not after an
// initial ("A. MIKOYAN"). A token whose lower-case form the book also uses
// as a word ("US" and "us") is ambiguous: it counts only when the English
// word list knows it in capitals or it occurs in capitals three times, and
// it is kept in capitals only where the title's context calls for it.
func New(bodyText string) *Caser {
	counts := map[string]int{}
	lowerUsed := map[string]bool{}
	// One pass, no token slice: a candidate waits for the next token that
	// can tell prose from a heading (two letters or more, no digits), since
	// it counts only if that neighbour is not in capitals either.
	var (
		prev, prevTeller run // the last token, the last such neighbour
		pending          run // a candidate waiting for its right neighbour
		hasPending       bool
	)
	prev.start, prevTeller.start = -1, -1
	for i := 0; ; {
		t, ok := nextRun(bodyText, i)
		if !ok {
			break
		}
		i = t.end
		if t.lower {
			if w := bodyText[t.start:t.end]; !lowerUsed[w] {
				lowerUsed[w] = true
			}
		}
		if t.n >= 2 && !t.digits {
			if hasPending && !t.caps {
				counts[bodyText[pending.start:pending.end]]++
			}
			hasPending = t.caps &&
				(prevTeller.start < 0 || !prevTeller.caps) &&
				!strings.HasPrefix(bodyText[t.end:], ":") &&
				!(prev.start >= 0 && prev.n == 1 && prev.caps && strings.HasPrefix(bodyText[prev.end:], "."))
			pending = t
			prevTeller = t
		}
		prev = t
	}
	if hasPending {
		counts[bodyText[pending.start:pending.end]]++
	}
	c := &Caser{acronyms: map[string]bool{}, ambiguous: map[string]bool{}}
	for w, n := range counts {
		switch {
		case !lowerUsed[strings.ToLower(w)]:
			c.acronyms[w] = true
		case words.Caps(w) || n >= 3:
			c.acronyms[w] = true
			c.ambiguous[w] = true
		}
	}
	return c
}

// Acronyms returns the learned acronyms, sorted, for the build report.
func (c *Caser) Acronyms() []string {
	if c == nil {
		return nil
	}
	out := make([]string, 0, len(c.acronyms))
	for w := range c.acronyms {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// Ambiguous reports whether acronym w is also a word of the book ("US").
func (c *Caser) Ambiguous(w string) bool { return c != nil && c.ambiguous[w] }

type run struct {
	start, end int
	n          int  // letters
	digits     bool // has a digit: "21st", "U2"
	caps       bool // every letter upper case
	lower      bool // every letter lower case
}

// nextRun returns the first run of letters and digits at or after byte i
// of s, and false when there is none.
func nextRun(s string, i int) (run, bool) {
	cur := run{start: -1}
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		letter, digit := unicode.IsLetter(r), unicode.IsDigit(r)
		if !letter && !digit {
			if cur.start >= 0 {
				cur.end = i
				return cur, true
			}
			i += size
			continue
		}
		if cur.start < 0 {
			cur = run{start: i, caps: true, lower: true}
		}
		i += size
		if digit {
			cur.digits = true
			continue
		}
		cur.n++
		if !unicode.IsUpper(r) {
			cur.caps = false
		}
		if !unicode.IsLower(r) {
			cur.lower = false
		}
	}
	if cur.start >= 0 {
		cur.end = len(s)
		return cur, true
	}
	return cur, false
}

// romanWords are words and names that are also well-formed numerals; in a
// title they are words. ("CIVIL", "DID", "MID" are not well-formed.)
var romanWords = set("MIX", "DIX", "MCI", "LIV", "DIV")

// isRoman reports whether a title word is a roman numeral: well formed,
// not a word, and if of two letters one of the small numerals (II … XX),
// since "LI", "DI", "MI" are more often names ("LI FU-CHUN") than 51.
func isRoman(w string) bool {
	if !validRoman(w) || romanWords[w] {
		return false
	}
	if len(w) == 2 {
		for i := 0; i < 2; i++ {
			if w[i] != 'I' && w[i] != 'V' && w[i] != 'X' {
				return false
			}
		}
	}
	return true
}

func romanLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case 'I', 'V', 'X', 'L', 'C', 'D', 'M':
		default:
			return false
		}
	}
	return w != ""
}

// validRoman reports whether w is a well-formed roman numeral (1–3999).
func validRoman(w string) bool {
	if !romanLetters(w) {
		return false
	}
	total := 0
	for i := 0; i < len(w); i++ {
		v := romanValue(w[i])
		if i+1 < len(w) && v < romanValue(w[i+1]) {
			total -= v
		} else {
			total += v
		}
	}
	// Well-formed iff it is the canonical spelling of its value.
	return total > 0 && total < 4000 && roman.Upper(total) == w
}

func romanValue(c byte) int {
	switch c {
	case 'I':
		return 1
	case 'V':
		return 5
	case 'X':
		return 10
	case 'L':
		return 50
	case 'C':
		return 100
	case 'D':
		return 500
	}
	return 1000 // 'M'; callers checked romanLetters
}

// word is one word of a title: s[start:end] is its core (letters, digits
// and inner ’ ' - . joining them); the text between words is kept as is.
type word struct {
	start, end int
	core       string
	openBefore bool // the gap before starts a segment: title start, “, (, :, —, .
	closeAfter bool // the gap after ends one: end, ”, ), :, —, .
}

func isCore(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isJoiner(r rune) bool { return r == '’' || r == '\'' || r == '-' || r == '.' || r == '‑' }

// split finds the words of s and how the gaps around them break it.
func split(s string) []word {
	var ws []word
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isCore(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if isCore(r) {
				j += size
				continue
			}
			if isJoiner(r) {
				if nr, _ := utf8.DecodeRuneInString(s[j+size:]); isCore(nr) {
					j += size
					continue
				}
			}
			break
		}
		ws = append(ws, word{start: i, end: j, core: s[i:j]})
		i = j
	}
	for k := range ws {
		gapBefore := s[:ws[k].start]
		if k > 0 {
			gapBefore = s[ws[k-1].end:ws[k].start]
		}
		gapAfter := s[ws[k].end:]
		if k+1 < len(ws) {
			gapAfter = s[ws[k].end:ws[k+1].start]
		}
		ws[k].openBefore = k == 0 || strings.ContainsAny(gapBefore, ":—.?!“(‘[")
		ws[k].closeAfter = k == len(ws)-1 || strings.ContainsAny(gapAfter, ":—.?!”)]")
	}
	return ws
}

// Title returns an all-caps title in title case: "TO COMRADE HYSNI KAPO IN
// BUCHAREST" → "To Comrade Hysni Kapo in Bucharest". Words already in mixed
// or lower case ("21st") are left alone; the text between words (quotes,
// punctuation, blanks) is kept byte for byte.
func (c *Caser) Title(s string) string { return c.convert(s, false) }

// Name returns a speaker label or signature in title case: "COMRADE ENVER
// HOXHA" → "Comrade Enver Hoxha", "N.S. KHRUSHCHEV" → "N.S. Khrushchev".
// It differs from Title in reading an ambiguous acronym ("US") as a word.
func (c *Caser) Name(s string) string { return c.convert(s, true) }

func (c *Caser) convert(s string, name bool) string {
	if c == nil {
		c = &Caser{} // a nil Caser knows no acronyms
	}
	ws := split(s)
	if alreadyCased(ws) {
		return s // its capitals are deliberate: "Letter to the CC of the CPSU"
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for k, w := range ws {
		b.WriteString(s[last:w.start])
		b.WriteString(c.caseWord(ws, k, name))
		last = w.end
	}
	b.WriteString(s[last:])
	return b.String()
}

// caseWord cases word k of ws.
func (c *Caser) caseWord(ws []word, k int, name bool) string {
	w := ws[k]
	core := w.core
	if hasLower(core) || strings.ContainsRune(core, '.') {
		return core // mixed case, or initials and abbreviations: "N.S"
	}
	// Ordinals and decades: "21ST" → "21st", "1960S" → "1960s".
	if r, _ := utf8.DecodeRuneInString(core); unicode.IsDigit(r) {
		return strings.ToLower(core)
	}
	parts := strings.FieldsFunc(core, func(r rune) bool { return r == '-' || r == '‑' })
	if len(parts) == 1 {
		return c.casePart(core, ws, k, w.openBefore, w.closeAfter, name)
	}
	// Hyphenated compound: every part is capitalised except minor words
	// after the first ("Marxist-Leninist", "Up-to-Date").
	var b strings.Builder
	pos := 0
	for p, part := range parts {
		idx := strings.Index(core[pos:], part) + pos
		b.WriteString(core[pos:idx])
		b.WriteString(c.casePart(part, ws, k, w.openBefore && p == 0, w.closeAfter && p == len(parts)-1 || p == 0, name))
		pos = idx + len(part)
	}
	b.WriteString(core[pos:])
	return b.String()
}

// casePart cases one word or one part of a compound. start/end say whether
// it opens or closes a segment, where minor words are capitalised too.
func (c *Caser) casePart(p string, ws []word, k int, start, end, name bool) string {
	base, suffix := p, ""
	if i := strings.IndexAny(p, "’'"); i > 0 {
		base, suffix = p[:i], p[i:]
	}
	if c.acronyms[base] && (!c.ambiguous[base] || !name && acronymContext(ws, k)) {
		return base + strings.ToLower(suffix) // "CPSU’S" → "CPSU’s"
	}
	// "O’BRIEN" → "O’Brien": a one-letter base keeps its apostrophe name.
	if utf8.RuneCountInString(base) == 1 && utf8.RuneCountInString(suffix) >= 3 {
		_, n := utf8.DecodeRuneInString(suffix)
		return base + suffix[:n] + capitalize(suffix[n:])
	}
	if isRoman(base) {
		return base + strings.ToLower(suffix) // "XXII", "II."
	}
	lower := strings.ToLower(base)
	if minor[lower] && !start && !end {
		return lower + strings.ToLower(suffix)
	}
	return capitalize(base) + strings.ToLower(suffix)
}

// acronymContext decides whether an ambiguous acronym at ws[k] is one: it
// must be followed, without punctuation, by a content word ("US
// IMPERIALISM"), and not follow a verb that takes the pronoun ("LET US").
func acronymContext(ws []word, k int) bool {
	if ws[k].closeAfter || k+1 >= len(ws) {
		return false
	}
	next := strings.ToLower(ws[k+1].core)
	if minor[next] || function[next] {
		return false
	}
	if k > 0 && pronounVerbs[strings.ToLower(ws[k-1].core)] {
		return false
	}
	return true
}

func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// capitalize upper-cases the first letter of w and lower-cases the rest;
// "MCCARTHY" → "McCarthy".
func capitalize(w string) string {
	if w == "" {
		return w
	}
	lw := strings.ToLower(w)
	r, size := utf8.DecodeRuneInString(lw)
	out := string(unicode.ToTitle(r)) + lw[size:]
	if strings.HasPrefix(lw, "mc") && len(lw) >= 4 {
		r2, size2 := utf8.DecodeRuneInString(lw[2:])
		out = "Mc" + string(unicode.ToTitle(r2)) + lw[2+size2:]
	}
	return out
}

// alreadyCased reports whether at least half of the title's words have
// lower-case letters (ordinals such as "21st" aside): such a title was set
// by hand and its all-caps words are acronyms, not shouting.
func alreadyCased(ws []word) bool {
	cased, words := 0, 0
	for _, w := range ws {
		r, _ := utf8.DecodeRuneInString(w.core)
		if !unicode.IsLetter(r) {
			continue
		}
		words++
		if hasLower(w.core) {
			cased++
		}
	}
	return words > 0 && 2*cased >= words
}
