// Package hyphen finds where a word may be hyphenated, with Frank Liang's
// algorithm over TeX's own hyphen.tex (the plain TeX US English patterns and
// exception list). It follows TeX's rules closely so that folio's print
// edition hyphenates as TeX would: \lefthyphenmin=2, \righthyphenmin=3,
// exceptions first, and no discretionary hyphens in words that already
// carry a hard hyphen.
package hyphen

import (
	"bytes"
	"fmt"
	"sync"
	"unicode"
	"unicode/utf8"

	"folio/assets"
)

// TeX's plain format values, which are also folio's print rule: at least two
// letters before a hyphen and three after it.
const (
	LeftMin  = 2
	RightMin = 3
)

// Hyphenator holds Liang patterns and the exception list.
type Hyphenator struct {
	// patterns maps a pattern's letters (with '.' marking a word edge) to
	// its inter-letter values; len(values) == len(letters)+1.
	patterns map[string][]uint8
	// maxLen is the longest pattern, so lookups never try longer substrings.
	maxLen int
	// exceptions maps a lower-case word to its hyphen positions, counted in
	// letters from the word's start.
	exceptions map[string][]int
}

// Parse reads a TeX hyphenation file: one \patterns{...} group and any
// number of \hyphenation{...} groups, with % comments.
func Parse(tex []byte) (*Hyphenator, error) {
	h := &Hyphenator{patterns: map[string][]uint8{}, exceptions: map[string][]int{}}
	p := &texReader{src: tex, line: 1}
	sawPatterns := false
	for {
		tok, line, ok := p.next()
		if !ok {
			break
		}
		var add func(string, int) error
		switch tok {
		case `\patterns`:
			add = h.addPattern
			sawPatterns = true
		case `\hyphenation`:
			add = h.addException
		default:
			return nil, fmt.Errorf("hyphen: line %d: unexpected %q outside a group; expected \\patterns{...} or \\hyphenation{...}", line, tok)
		}
		if tok, line, ok = p.next(); !ok || tok != "{" {
			return nil, fmt.Errorf("hyphen: line %d: expected '{' after \\patterns or \\hyphenation, found %q", line, tok)
		}
		closed := false
		for {
			tok, line, ok = p.next()
			if !ok {
				break
			}
			if tok == "}" {
				closed = true
				break
			}
			if err := add(tok, line); err != nil {
				return nil, err
			}
		}
		if !closed {
			return nil, fmt.Errorf("hyphen: line %d: group not closed: missing '}' at end of file", line)
		}
	}
	if !sawPatterns || len(h.patterns) == 0 {
		return nil, fmt.Errorf("hyphen: no patterns found; the file must contain a \\patterns{...} group as in TeX's hyphen.tex")
	}
	return h, nil
}

// addPattern stores one Liang pattern such as "1ba" or ".ach4".
func (h *Hyphenator) addPattern(tok string, line int) error {
	letters := make([]byte, 0, len(tok))
	values := make([]uint8, 1, len(tok)+1)
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		switch {
		case c >= '0' && c <= '9':
			if values[len(values)-1] != 0 {
				return fmt.Errorf("hyphen: line %d: pattern %q has two digits in a row", line, tok)
			}
			values[len(values)-1] = c - '0'
		case c >= 'a' && c <= 'z', c == '.':
			letters = append(letters, c)
			values = append(values, 0)
		default:
			return fmt.Errorf("hyphen: line %d: pattern %q has %q; patterns hold only a-z, '.' and digits", line, tok, c)
		}
	}
	if len(letters) == 0 {
		return fmt.Errorf("hyphen: line %d: pattern %q has no letters", line, tok)
	}
	if bytes.IndexByte(letters[1:len(letters)-1], '.') >= 0 {
		return fmt.Errorf("hyphen: line %d: pattern %q has '.' inside it; '.' may only mark the start or end of a word", line, tok)
	}
	key := string(letters)
	if _, dup := h.patterns[key]; dup {
		return fmt.Errorf("hyphen: line %d: duplicate pattern %q", line, tok)
	}
	h.patterns[key] = values
	h.maxLen = max(h.maxLen, len(letters))
	return nil
}

// addException stores one \hyphenation entry such as "ta-ble".
func (h *Hyphenator) addException(tok string, line int) error {
	var word []byte
	var pts []int
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		switch {
		case c == '-':
			if len(word) == 0 || i == len(tok)-1 || tok[i-1] == '-' {
				return fmt.Errorf("hyphen: line %d: exception %q has a misplaced '-'", line, tok)
			}
			pts = append(pts, len(word))
		case c >= 'a' && c <= 'z':
			word = append(word, c)
		case c >= 'A' && c <= 'Z':
			word = append(word, c+'a'-'A')
		default:
			return fmt.Errorf("hyphen: line %d: exception %q has %q; exceptions hold only letters and '-'", line, tok, c)
		}
	}
	h.exceptions[string(word)] = pts
	return nil
}

// texReader splits TeX source into tokens: control words, braces and runs
// of other characters, skipping white space and % comments.
type texReader struct {
	src  []byte
	pos  int
	line int
}

func (r *texReader) next() (tok string, line int, ok bool) {
	for r.pos < len(r.src) {
		c := r.src[r.pos]
		switch {
		case c == '\n':
			r.line++
			r.pos++
		case c == ' ' || c == '\t' || c == '\r':
			r.pos++
		case c == '%':
			if i := bytes.IndexByte(r.src[r.pos:], '\n'); i >= 0 {
				r.pos += i
			} else {
				r.pos = len(r.src)
			}
		case c == '{' || c == '}':
			r.pos++
			return string(c), r.line, true
		case c == '\\':
			start := r.pos
			r.pos++
			for r.pos < len(r.src) && isASCIILetter(r.src[r.pos]) {
				r.pos++
			}
			return string(r.src[start:r.pos]), r.line, true
		default:
			start := r.pos
			for r.pos < len(r.src) {
				c := r.src[r.pos]
				if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '%' || c == '{' || c == '}' || c == '\\' {
					break
				}
				r.pos++
			}
			return string(r.src[start:r.pos]), r.line, true
		}
	}
	return "", r.line, false
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

var (
	defaultOnce sync.Once
	defaultH    *Hyphenator
)

// Default returns the hyphenator for the embedded hyphen.tex, parsed once.
// The file is part of the build, so failing to parse it is a programming
// error and panics at first use (a test covers it).
func Default() *Hyphenator {
	defaultOnce.Do(func() {
		src, err := assets.FS.ReadFile(assets.HyphenTeX)
		if err != nil {
			panic("hyphen: embedded hyphen.tex missing: " + err.Error())
		}
		h, err := Parse(src)
		if err != nil {
			panic("hyphen: embedded hyphen.tex: " + err.Error())
		}
		defaultH = h
	})
	return defaultH
}

// isHardHyphen reports whether r is a dash after which a line may break.
// TeX allows a break after '-' and the en and em dashes built from it.
func isHardHyphen(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u2013' || r == '\u2014'
}

// Points returns the byte offsets in word where a line may break: after a
// hard hyphen or dash when the word has one, otherwise where a
// discretionary hyphen may go. word may carry surrounding punctuation
// ("“coexistence,”"); only its first run of letters is hyphenated, as TeX
// does. Words with digits get no points at all, words with non-ASCII
// letters no discretionary ones.
// The result is sorted and nil when there is no point.
func (h *Hyphenator) Points(word string) []int {
	if len(word) < LeftMin+RightMin && !maybeDash(word) {
		return nil // too short for a discretionary hyphen: the common case
	}
	if hasDigit(word) {
		return nil // "1960-61", "81-party", "1960s": numbers are not broken
	}
	if pts := hardPoints(word); pts != nil {
		return pts
	}
	if hasHardHyphen(word) {
		return nil // only hard-hyphen breaks, and none was usable
	}
	start, end, ok := letterCore(word)
	if !ok || end-start < LeftMin+RightMin {
		return nil
	}
	var buf [64]byte
	core := buf[:0]
	for i := start; i < end; i++ {
		c := word[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		core = append(core, c)
	}
	if ex, found := h.exceptions[string(core)]; found {
		var out []int
		for _, j := range ex {
			if j >= LeftMin && len(core)-j >= RightMin {
				out = append(out, start+j)
			}
		}
		return out
	}
	return h.liang(core, start)
}

// maybeDash reports whether word may hold a hard hyphen: an ASCII '-' or
// the lead byte of U+2010–U+2014.
func maybeDash(word string) bool {
	for i := 0; i < len(word); i++ {
		if word[i] == '-' || word[i] == 0xe2 {
			return true
		}
	}
	return false
}

func hasDigit(word string) bool {
	for _, r := range word {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// hasHardHyphen reports whether word contains a hard hyphen or dash.
func hasHardHyphen(word string) bool {
	for _, r := range word {
		if isHardHyphen(r) {
			return true
		}
	}
	return false
}

// hardPoints returns the offsets just after each run of hard hyphens or
// dashes that has a word on both sides ("Marxist-Leninist",
// "peace—“coexistence”"); a dash at either end of word gives no point.
func hardPoints(word string) []int {
	var out []int
	wordBefore := false // a letter or closing mark precedes the dash run
	for i, r := range word {
		if !isHardHyphen(r) {
			wordBefore = unicode.IsLetter(r) || isClosing(r)
			continue
		}
		j := i + utf8.RuneLen(r)
		if !wordBefore || j >= len(word) {
			continue
		}
		nr, _ := utf8.DecodeRuneInString(word[j:])
		if unicode.IsLetter(nr) || isOpening(nr) {
			out = append(out, j)
		}
		// wordBefore stays set so that "a--b" breaks after the last dash.
	}
	return out
}

// isOpening and isClosing let a dash sit between quoted or bracketed words
// ("peace—“coexistence”") and still allow a break after it.
func isOpening(r rune) bool { return r == '“' || r == '‘' || r == '(' || r == '[' || r == '"' }
func isClosing(r rune) bool {
	return r == '”' || r == '’' || r == ')' || r == ']' || r == '"' || r == '.' || r == ',' || r == ';' || r == ':' || r == '!' || r == '?'
}

// letterCore finds the first run of letters in word, skipping leading
// punctuation. ok is false when the word holds a digit or the run holds a
// non-ASCII letter (the patterns know only English a-z).
func letterCore(word string) (start, end int, ok bool) {
	start = -1
	for i, r := range word {
		if unicode.IsDigit(r) {
			return 0, 0, false
		}
		letter := unicode.IsLetter(r)
		switch {
		case start < 0 && letter:
			start = i
		case start >= 0 && end == 0 && !letter:
			end = i
		}
		if start >= 0 && end == 0 && r >= utf8.RuneSelf && letter {
			return 0, 0, false
		}
	}
	if start < 0 {
		return 0, 0, false
	}
	if end == 0 {
		end = len(word)
	}
	return start, end, true
}

// liang applies the patterns to a lower-case ASCII word and returns
// offset+j for each position j (letters before the break) that has an odd
// value and respects LeftMin and RightMin.
func (h *Hyphenator) liang(word []byte, offset int) []int {
	n := len(word) + 2
	var wbuf [66]byte
	var vbuf [67]uint8
	var w []byte
	var v []uint8
	if n <= len(wbuf) {
		w, v = wbuf[:0], vbuf[:n+1]
	} else {
		w, v = make([]byte, 0, n), make([]uint8, n+1)
	}
	w = append(w, '.')
	w = append(w, word...)
	w = append(w, '.')
	for i := 0; i < n; i++ {
		for l := 1; l <= h.maxLen && i+l <= n; l++ {
			vals, found := h.patterns[string(w[i:i+l])]
			if !found {
				continue
			}
			for k, x := range vals {
				if x > v[i+k] {
					v[i+k] = x
				}
			}
		}
	}
	// v[j+1] is the value between word[j-1] and word[j] (the '.' shifts
	// everything by one).
	var out []int
	for j := LeftMin; j <= len(word)-RightMin; j++ {
		if v[j+1]%2 == 1 {
			out = append(out, offset+j)
		}
	}
	return out
}
