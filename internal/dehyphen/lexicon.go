// Package dehyphen decides, for each hyphen at the end of an OCR'd line,
// whether it is a soft (typesetting) hyphen to remove — "compli-" +
// "cated" → "complicated" — or a real one to keep — "Marxist-" +
// "Leninist" → "Marxist-Leninist". It weighs the book's own usage first,
// then an English word list, then typographic rules.
package dehyphen

import (
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
	var toks []string
	// Lines are substrings of bookText: no copy per line.
	for line := range strings.Lines(bookText) {
		line = strings.TrimRight(line, "\n")
		line = strings.TrimRight(line, " \t\r\u00a0")
		toks = tokens(line, toks[:0])
		if len(toks) == 0 {
			continue // blank lines and page numbers keep the pending skip
		}
		from, to := 0, len(toks)
		if skipFirst {
			from = 1
		}
		skipFirst = endsInWordHyphen(line)
		if skipFirst {
			to--
		}
		for i := from; i < to; i++ {
			l.add(toks[i])
		}
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

// tokens appends the words of line: runs of letters joined by apostrophes
// or hyphens. Digits, dashes and other punctuation separate words.
func tokens(line string, dst []string) []string {
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := strings.TrimRight(line[start:end], hyphens+"'’")
		if w != "" {
			dst = append(dst, w)
		}
		start = -1
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
			flush(i)
		}
	}
	flush(len(line))
	return dst
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
	// also vouches for "behind-the" + "scenes" and "the-scenes".
	for i := 0; i < len(parts); i++ {
		for j := i + 2; j <= len(parts); j++ {
			l.hyph[strings.Join(parts[i:j], "-")]++
		}
	}
}

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
