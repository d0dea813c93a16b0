// Package dehyphen decides, for each hyphen at the end of an OCR'd line,
// whether it is a soft (typesetting) hyphen to remove — "compli-" +
// "cated" → "complicated" — or a real one to keep — "Marxist-" +
// "Leninist" → "Marxist-Leninist". It weighs the book's own usage first,
// then an English word list, then typographic rules.
package dehyphen

import (
	"iter"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Lexicon is what Decide knows: the book's vocabulary (words seen away
// from line-end hyphens). The English word list comes from package words.
type Lexicon struct {
	plain map[string]int // lower-case words, possessive stripped
	hyph  map[string]int // lower-case hyphenated compounds and their sub-spans
	first map[string]int // first parts of hyphenated compounds ("anti", "self")
	last  map[string]int // last parts of hyphenated compounds ("leninist")
}

// NewLexicon learns the vocabulary of bookText. Words at a line-end hyphen
// (the last word of a line ending in "-" and the first word of the next
// line that has letters) are left out: they are what Decide is asked about.
func NewLexicon(bookText string) *Lexicon {
	l := &Lexicon{
		plain: make(map[string]int, 8192),
		hyph:  make(map[string]int, 1024),
		first: make(map[string]int, 256),
		last:  make(map[string]int, 256),
	}
	skipFirst := false
	// Lines are substrings of bookText: no copy per line. Tokens are
	// added as they come, one behind (the last of a line may be left
	// out), not gathered: a line may be a whole book long.
	for line := range strings.Lines(bookText) {
		line = strings.TrimRight(line, "\n")
		line = strings.TrimRight(line, " \t\r\u00a0")
		n, last := 0, ""
		for tok := range tokens(line) {
			if n > 0 && !(n == 1 && skipFirst) {
				l.add(last)
			}
			n, last = n+1, tok
		}
		if n == 0 {
			continue // blank lines and page numbers keep the pending skip
		}
		hyphen := endsInWordHyphen(line)
		if !hyphen && !(n == 1 && skipFirst) {
			l.add(last)
		}
		skipFirst = hyphen
	}
	return l
}

var (
	bareOnce sync.Once
	bare     *Lexicon
)

// wordListOnly is the Lexicon of an empty book, shared by nil receivers.
func wordListOnly() *Lexicon {
	bareOnce.Do(func() { bare = NewLexicon("") })
	return bare
}

// endsInWordHyphen reports whether line ends in a letter and a hyphen.
func endsInWordHyphen(line string) bool {
	h, n := utf8.DecodeLastRuneInString(line)
	if !strings.ContainsRune(hyphens, h) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(line[:len(line)-n])
	return unicode.IsLetter(r)
}

// tokens yields the words of line: runs of letters joined by apostrophes
// or hyphens. Digits, dashes and other punctuation separate words.
func tokens(line string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start := -1
		flush := func(end int) bool {
			if start < 0 {
				return true
			}
			w := strings.TrimRight(line[start:end], hyphens+"'’")
			start = -1
			return w == "" || yield(w)
		}
		for i, r := range line {
			switch {
			case unicode.IsLetter(r):
				if start < 0 {
					start = i
				}
			case r == '\'' || r == '’' || r == '-' || r == '\u00ad' || r == '\u2010':
				// joiners: kept only between letters (trimmed at flush)
			default:
				if !flush(i) {
					return
				}
			}
		}
		flush(len(line))
	}
}

func (l *Lexicon) add(tok string) {
	k := key(tok)
	if k == "" {
		return
	}
	if !strings.Contains(k, "-") {
		l.plain[k]++
		return
	}
	parts := strings.Split(k, "-")
	for _, p := range parts {
		if p != "" {
			l.plain[p]++
		}
	}
	l.first[parts[0]]++
	l.last[parts[len(parts)-1]]++
	// Every run of two or more parts counts, so that "behind-the-scenes"
	// also vouches for "behind-the" + "scenes" and "the-scenes". Runs
	// stop at maxRun parts: no compound is longer, and a "word" of
	// thousands of hyphenated parts (a rule drawn with letters, a table
	// leader) would otherwise cost the cube of its length.
	for i := 0; i < len(parts); i++ {
		for j := i + 2; j <= len(parts) && j-i <= maxRun; j++ {
			l.hyph[strings.Join(parts[i:j], "-")]++
		}
	}
}

// maxRun is the most parts a counted compound has ("jack-in-the-box"
// has four).
const maxRun = 6

var keyReplacer = strings.NewReplacer("’", "'", "\u2010", "-", "\u00ad", "")

// key is the lookup form of a word: lower case, straight apostrophes,
// possessive ending removed.
func key(w string) string {
	if !isASCII(w) { // rare: spare the common case the replacer's allocation
		w = keyReplacer.Replace(w)
	}
	w = strings.ToLower(w)
	w = strings.TrimSuffix(w, "'s")
	return strings.Trim(w, "'-")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
