// Package typo brings one paragraph of OCR'd text to publishing form:
// curly quotes, em and en dashes, the ellipsis character and clean spacing.
// It never changes a letter; likely OCR misreadings of letters are only
// flagged (see Suspicious) for an editor to check.
package typo

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Change is one edit Normalize made. Offset is the byte offset of From in
// the input string.
type Change struct {
	Kind   string // "quote", "apostrophe", "dash", "ellipsis", "space"
	From   string
	To     string
	Offset int
}

const (
	emDash = "—"
	enDash = "–"
	ellip  = "…"
	lsq    = "‘"
	rsq    = "’"
	ldq    = "“"
	rdq    = "”"
)

// normalizer holds the state of one Normalize call. out is a byte slice
// rather than a strings.Builder so that a space already written can be
// taken back when a dash that closes up arrives.
type normalizer struct {
	s       string
	out     []byte
	changes []Change
	trim    bool // drop blanks at the ends (a whole paragraph)
}

func (n *normalizer) change(kind, from, to string, off int) {
	n.changes = append(n.changes, Change{Kind: kind, From: from, To: to, Offset: off})
}

// lastRune is the last rune written, or 0 at the start.
func (n *normalizer) lastRune() rune {
	if len(n.out) == 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRune(n.out)
	return r
}

// runeAt decodes the rune at byte i of the input, 0 past the end.
func (n *normalizer) runeAt(i int) (rune, int) {
	if i >= len(n.s) || i < 0 {
		return 0, 0
	}
	return utf8.DecodeRuneInString(n.s[i:])
}

// Normalize takes one paragraph's text (already unwrapped into one line)
// and returns it in publishing form with every change it made, in input
// order. Letters are never changed.
func Normalize(s string) (string, []Change) { return normalize(s, true) }

// NormalizeRun is Normalize for one run of a paragraph that markers (note
// references, emphasis) split into pieces: blanks at its ends are kept,
// collapsed to one, since they separate it from its neighbours. Quotes at
// a run's start are read as if the paragraph started there.
func NormalizeRun(s string) (string, []Change) { return normalize(s, false) }

func normalize(s string, trim bool) (string, []Change) {
	if !needsWork(s) {
		return s, nil
	}
	n := normalizer{s: s, out: make([]byte, 0, len(s)+16), trim: trim}
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			i = n.spaces(i)
		case c == '-':
			i = n.hyphen(i)
		case c == '.':
			i = n.dots(i)
		case c == '"':
			i = n.doubleQuote(i)
		case c == '\'':
			i = n.singleQuote(i)
		case c == '`' && i+1 < len(s) && s[i+1] == '`':
			i = n.doubleQuoteOf(i, "``")
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80:
			i = n.punct(i)
		default:
			n.out = append(n.out, c)
			i++
		}
	}
	return string(n.out), n.changes
}

// needsWork is the fast path: most paragraphs of a clean book need nothing.
func needsWork(s string) bool {
	if len(s) == 0 {
		return false
	}
	if s[0] == ' ' || s[0] == '\t' || s[len(s)-1] == ' ' || s[len(s)-1] == '\t' {
		// blanks at the ends: trimmed, or (NormalizeRun) maybe collapsed
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"', '\'', '\t', '.', '-', '`', 0xE2:
			return true
		case ' ':
			if i+1 < len(s) {
				switch s[i+1] {
				case ' ', ',', ';', ':', '!', '?', ')', ']', '.', '-', 0xE2:
					return true
				}
			}
			if i > 0 && (s[i-1] == '(' || s[i-1] == '[') {
				return true
			}
		}
	}
	return false
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

// wordRune is a rune that can end or start a word next to a dash.
func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// spaces handles a run of blanks at i: trims at the ends, drops blanks
// before closing punctuation and after opening brackets, closes up spaced
// dashes and collapses the rest to one space.
func (n *normalizer) spaces(i int) int {
	j := i
	for j < len(n.s) && isSpace(n.s[j]) {
		j++
	}
	run := n.s[i:j]
	if len(n.out) == 0 || j == len(n.s) {
		if n.trim {
			n.change("space", run, "", i)
			return j
		}
		n.out = append(n.out, ' ')
		if run != " " {
			n.change("space", run, " ", i)
		}
		return j
	}
	// A spaced dash between words: " - ", " -- ", " – ", " — ".
	if k, from, ok := n.spacedDash(i, j); ok {
		before := n.lastRune()
		after, _ := n.runeAt(k)
		if before != 0 && after != 0 && !unicode.IsSpace(after) {
			dash := emDash
			if unicode.IsDigit(before) && unicode.IsDigit(after) && (from == " - " || from == " – ") {
				dash = enDash // "1960 - 1961"
			}
			n.out = append(n.out, dash...)
			n.change("dash", from, dash, i)
			return k
		}
	}
	next := n.s[j]
	switch next {
	case ',', ';', ':', '!', '?', ')', ']':
		n.change("space", run, "", i)
		return j
	case '.':
		// "word ." is an OCR artefact; " ..." and " . . ." are ellipses.
		if j+1 >= len(n.s) || n.s[j+1] == ' ' || n.s[j+1] == '"' || n.s[j+1] == ')' {
			if j+2 >= len(n.s) || n.s[j+1] != ' ' || n.s[j+2] != '.' {
				if r := n.lastRune(); wordRune(r) {
					n.change("space", run, "", i)
					return j
				}
			}
		}
	}
	if last := n.out[len(n.out)-1]; last == '(' || last == '[' {
		n.change("space", run, "", i)
		return j
	}
	n.out = append(n.out, ' ')
	if run != " " {
		n.change("space", run, " ", i)
	}
	return j
}

// spacedDash reports whether the blanks s[i:j] are followed by a dash and
// blanks; k is where the text after them starts.
func (n *normalizer) spacedDash(i, j int) (k int, from string, ok bool) {
	s := n.s
	d := j
	switch {
	case s[d] == '-':
		for d < len(s) && s[d] == '-' && d-j < 3 {
			d++
		}
	case hasAt(s, d, emDash) || hasAt(s, d, enDash):
		d += 3
	default:
		return 0, "", false
	}
	if d >= len(s) || !isSpace(s[d]) {
		return 0, "", false
	}
	k = d
	for k < len(s) && isSpace(s[k]) {
		k++
	}
	return k, s[i:k], true
}

func hasAt(s string, i int, t string) bool {
	return i+len(t) <= len(s) && s[i:i+len(t)] == t
}

// hyphen handles "-" at i: "--" becomes an em dash, a hyphen between
// numbers of a range or between month names an en dash.
func (n *normalizer) hyphen(i int) int {
	s := n.s
	j := i
	for j < len(s) && s[j] == '-' {
		j++
	}
	if j-i >= 2 && j-i <= 3 {
		return n.closeDash(i, j, s[i:j])
	}
	if j-i == 1 && (isRange(s, i) || isMonthRange(s, i)) {
		n.out = append(n.out, enDash...)
		n.change("dash", "-", enDash, i)
		return j
	}
	n.out = append(n.out, s[i:j]...)
	return j
}

// closeDash writes an em dash for s[i:j] and closes up a blank on either
// side when the dash stands between words (American style: "word—word").
// A dash opening the paragraph (dialogue) keeps its blank. from is ""
// when the input already had an em dash, so only blanks are reported.
func (n *normalizer) closeDash(i, j int, from string) int {
	if k := len(n.out); k >= 2 && n.out[k-1] == ' ' {
		if r, _ := utf8.DecodeLastRune(n.out[:k-1]); wordRune(r) || strings.ContainsRune(".,;!?”’)", r) {
			n.out = n.out[:k-1]
			// The blank taken back is the source's run before the dash
			// ("\t--"): its change, if spaces made one, becomes its
			// removal.
			a := i
			for a > 0 && isSpace(n.s[a-1]) {
				a--
			}
			if a < i {
				if m := len(n.changes); m > 0 && n.changes[m-1].Kind == "space" && n.changes[m-1].Offset == a {
					n.changes = n.changes[:m-1]
				}
				n.change("space", n.s[a:i], "", a)
			}
		}
	}
	opening := len(n.out) == 0
	n.out = append(n.out, emDash...)
	if from != "" {
		n.change("dash", from, emDash, i)
	}
	if !opening && j < len(n.s) && isSpace(n.s[j]) {
		k := j
		for k < len(n.s) && isSpace(n.s[k]) {
			k++
		}
		if k < len(n.s) {
			n.change("space", n.s[j:k], "", j)
			return k
		}
	}
	return j
}

// isRange reports whether the hyphen at i joins two numbers of a range:
// "1960-1961", "12-15", "1961-65". Codes are left alone: "U-2" (a letter
// before), "555-1234" (phone-like), "0-8191-2" (chains, leading zeros).
func isRange(s string, i int) bool {
	a := i
	for a > 0 && s[a-1] >= '0' && s[a-1] <= '9' {
		a--
	}
	b := i + 1
	for b < len(s) && s[b] >= '0' && s[b] <= '9' {
		b++
	}
	la, lb := i-a, b-i-1
	if la == 0 || lb == 0 || la > 4 || lb > 4 {
		return false
	}
	if a > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:a])
		if unicode.IsLetter(r) || r == '-' || r == '.' || r == '/' || r == ',' {
			return false
		}
	}
	if b < len(s) {
		r, _ := utf8.DecodeRuneInString(s[b:])
		if unicode.IsLetter(r) && !ordinalOrPlural(s[b:]) || r == '-' || r == '/' {
			return false
		}
		if (r == '.' || r == ',') && b+1 < len(s) && s[b+1] >= '0' && s[b+1] <= '9' {
			return false
		}
	}
	if s[a] == '0' || s[i+1] == '0' {
		return false
	}
	if la == 3 && lb == 4 {
		return false // phone-like
	}
	x, y := atoi(s[a:i]), atoi(s[i+1:b])
	if lb < la {
		return true // abbreviated second number: "1961-65"
	}
	return y > x
}

// ordinalOrPlural reports whether t starts with "s", "st", "nd", "rd",
// "th" closing a number ("1960-1961s" is odd but "1st-3rd" ranges exist).
func ordinalOrPlural(t string) bool {
	w := 0
	for w < len(t) && (t[w] >= 'a' && t[w] <= 'z') {
		w++
	}
	switch t[:w] {
	case "s", "st", "nd", "rd", "th":
		return true
	}
	return false
}

func atoi(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

var months = []string{
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
	"Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
}

// isMonthRange reports whether the hyphen at i joins two month names:
// "June-December 1960".
func isMonthRange(s string, i int) bool {
	a := i
	for a > 0 && (isASCIILetter(s[a-1]) || s[a-1] == '.') {
		a--
	}
	b := i + 1
	for b < len(s) && (isASCIILetter(s[b]) || s[b] == '.') {
		b++
	}
	return isMonth(s[a:i]) && isMonth(s[i+1:b])
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isMonth(w string) bool {
	for _, m := range months {
		if w == m {
			return true
		}
	}
	return false
}

// dots turns "...", ". . ." into "…" and "...." into "…." (an ellipsis
// closing a sentence).
func (n *normalizer) dots(i int) int {
	s := n.s
	count, j := 1, i+1
	if j < len(s) && s[j] == '.' {
		for j < len(s) && s[j] == '.' {
			count++
			j++
		}
	} else {
		// ". . ." : one blank between dots.
		for j+1 < len(s) && s[j] == ' ' && s[j+1] == '.' {
			count++
			j += 2
		}
	}
	if count < 3 {
		// A lone ". ." is not an ellipsis: keep only the first period and
		// let the blank be handled as a blank.
		n.out = append(n.out, '.')
		return i + 1
	}
	to := ellip
	if count == 4 {
		to = ellip + "."
	}
	n.out = append(n.out, to...)
	n.change("ellipsis", s[i:j], to, i)
	return j
}

// opensHere reports whether a quote written after r opens a quotation:
// at the start, after a blank, an opening bracket, a dash or another
// opening quote.
func opensAfter(r rune) bool {
	switch r {
	case 0, ' ', '\t', '(', '[', '{', '—', '–', '-', '“', '‘', '/':
		return true
	}
	return unicode.IsSpace(r)
}

func (n *normalizer) doubleQuote(i int) int { return n.doubleQuoteOf(i, `"`) }

// doubleQuoteOf writes an opening or closing double quote for from at i:
// a straight double quote, two straight single quotes or two backticks.
func (n *normalizer) doubleQuoteOf(i int, from string) int {
	prev := n.lastRune()
	next, _ := n.runeAt(i + len(from))
	to := rdq
	if from == "``" || opensAfter(prev) && next != 0 && !unicode.IsSpace(next) {
		to = ldq
	}
	n.out = append(n.out, to...)
	n.change("quote", from, to, i)
	return i + len(from)
}

// elisions are words whose first letters are left out after an apostrophe
// at a word's start: ’tis, ’twas, ’em.
var elisions = []string{"tis", "twas", "twere", "twill", "twould", "em", "til", "n"}

func startsElision(s string) bool {
	if len(s) > 0 && s[0] >= '0' && s[0] <= '9' {
		return true // ’60s
	}
	w := 0
	for w < len(s) && isASCIILetter(s[w]) {
		w++
	}
	word := s[:w]
	for _, e := range elisions {
		if len(word) == len(e) && equalFold(word, e) {
			return true
		}
	}
	return false
}

func equalFold(a, b string) bool {
	for i := 0; i < len(a); i++ {
		x, y := a[i]|0x20, b[i]|0x20
		if x != y {
			return false
		}
	}
	return true
}

func (n *normalizer) singleQuote(i int) int {
	if hasAt(n.s, i, "''") {
		return n.doubleQuoteOf(i, "''")
	}
	prev := n.lastRune()
	next, _ := n.runeAt(i + 1)
	to, kind := rsq, "apostrophe"
	switch {
	case wordRune(prev) && wordRune(next):
		// don't, workers'
	case opensAfter(prev) && next != 0 && !unicode.IsSpace(next):
		if startsElision(n.s[i+1:]) {
			break
		}
		to, kind = lsq, "quote"
	case !wordRune(prev):
		kind = "quote" // closing after punctuation: ,'
	}
	n.out = append(n.out, to...)
	n.change(kind, "'", to, i)
	return i + 1
}

// punct handles the three-byte punctuation at i (E2 80 xx): dashes and
// curly quotes.
func (n *normalizer) punct(i int) int {
	s := n.s
	r, size := utf8.DecodeRuneInString(s[i:])
	prev := n.lastRune()
	next, _ := n.runeAt(i + size)
	switch r {
	case '—':
		return n.closeDash(i, i+size, "")
	case '–':
		// An en dash between words, unspaced, is a sentence dash set with
		// the wrong character ("midst–Khrushchevite"); between two capitalised
		// words it is a proper en dash compound ("Tirana–Moscow") and stays.
		if unicode.IsLetter(prev) && unicode.IsLetter(next) &&
			!(unicode.IsUpper(n.wordStart()) && unicode.IsUpper(next)) {
			n.out = append(n.out, emDash...)
			n.change("dash", enDash, emDash, i)
			return i + size
		}
	case '“':
		// A left quote glued to the end of a word and followed by a blank
		// or the end can only close.
		if wordOrStop(prev) && (next == 0 || unicode.IsSpace(next)) {
			n.out = append(n.out, rdq...)
			n.change("quote", ldq, rdq, i)
			return i + size
		}
	case '”':
		if (prev == 0 || unicode.IsSpace(prev)) && unicode.IsLetter(next) {
			n.out = append(n.out, ldq...)
			n.change("quote", rdq, ldq, i)
			return i + size
		}
	case '‘', '’':
		// Two single quotes read for one double quote: ‘‘thorn … foot’’.
		if hasAt(s, i+size, string(r)) {
			to := ldq
			if r == '’' {
				to = rdq
			}
			n.out = append(n.out, to...)
			n.change("quote", s[i:i+2*size], to, i)
			return i + 2*size
		}
		// After a letter a left quote can only be an apostrophe: "don‘t",
		// "workers‘ movement".
		if r == '’' {
			break
		}
		if unicode.IsLetter(prev) && (unicode.IsLetter(next) || next == 0 || unicode.IsSpace(next)) {
			n.out = append(n.out, rsq...)
			n.change("apostrophe", lsq, rsq, i)
			return i + size
		}
	}
	n.out = append(n.out, s[i:i+size]...)
	return i + size
}

func wordOrStop(r rune) bool {
	return wordRune(r) || r == '.' || r == ',' || r == '!' || r == '?'
}

// wordStart is the first rune of the last word written.
func (n *normalizer) wordStart() rune {
	k := len(n.out)
	first := rune(0)
	for k > 0 {
		r, size := utf8.DecodeLastRune(n.out[:k])
		if !unicode.IsLetter(r) {
			break
		}
		first = r
		k -= size
	}
	return first
}
