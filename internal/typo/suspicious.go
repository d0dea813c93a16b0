package typo

import (
	"bytes"
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/internal/words"
)

// Flag is a likely OCR error Suspicious found. Offset is the byte offset of
// Text in the paragraph; Confidence is how sure the check is that the text
// is wrong (0..1).
type Flag struct {
	Kind       string // "ocr-word", "ocr-letters", "digit-letter", "hyphen-end", "doubled", "stray", "unbalanced"
	Offset     int
	Text       string
	Reason     string
	Confidence float64
}

// knownMisreads are OCR misreadings common in English books; each is not
// an English word, so a hit is almost surely an error.
var knownMisreads = map[string]string{
	"tbe": "the", "tlie": "the", "tiie": "the", "thc": "the", "ihe": "the",
	"aud": "and", "anci": "and",
	"wliich": "which", "whicli": "which", "wbich": "which",
	"tliat": "that", "tbat": "that", "witli": "with", "wlien": "when",
	"oi": "of", "ol": "of", "bv": "by",
}

// maxMisread bounds the keys of knownMisreads: longer words skip the map.
const maxMisread = 6

// confusions are letter groups OCR mistakes for one another; a word that is
// not in the dictionary but becomes one when a group is swapped is flagged.
var confusions = [][2]string{
	{"li", "h"}, {"rn", "m"}, {"m", "rn"}, {"cl", "d"}, {"b", "h"}, {"ii", "u"}, {"vv", "w"},
}

type token struct {
	text  string
	start int
}

// Suspicious finds likely OCR errors in one paragraph. It never changes the
// text; the flags are for an editor to check. Flags come in offset order.
func Suspicious(s string) []Flag {
	var flags []Flag
	var p token // the previous word
	for t := range tokens(s) {
		flags = append(flags, checkWord(t)...)
		if p.text != "" {
			if len(p.text) == len(t.text) && strings.EqualFold(p.text, t.text) && s[p.start+len(p.text):t.start] == " " && hasLetter(t.text) {
				conf := 0.8
				if legitDouble[strings.ToLower(t.text)] {
					conf = 0.3
				}
				flags = append(flags, Flag{Kind: "doubled", Offset: p.start, Text: s[p.start : t.start+len(t.text)],
					Reason: "word repeated", Confidence: conf})
			}
		}
		p = t
	}
	flags = append(flags, strayPunct(s)...)
	flags = append(flags, hyphenEnd(s)...)
	flags = append(flags, unbalanced(s)...)
	sortFlags(flags)
	return flags
}

// legitDouble are words English does repeat ("that that", "had had").
var legitDouble = map[string]bool{"that": true, "had": true, "is": true, "do": true, "very": true, "no": true}

// tokens splits s into words: runs of letters, digits and inner
// apostrophes/hyphens, without surrounding punctuation.
func tokens(s string) iter.Seq[token] {
	// An iterator, not a slice: a slice of every word of every paragraph
	// was most of Suspicious's allocation.
	return func(yield func(token) bool) {
		start := -1
		for i := 0; i < len(s); {
			// ASCII, most of any English text, skips the rune decoding.
			r, size := rune(s[i]), 1
			var in bool
			if r < utf8.RuneSelf {
				in = asciiWord[r]
			} else {
				r, size = utf8.DecodeRuneInString(s[i:])
				in = unicode.IsLetter(r) || unicode.IsDigit(r)
			}
			if !in && start >= 0 && (r == '’' || r == '\'') {
				// apostrophe inside a word
				if nr, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):]); unicode.IsLetter(nr) {
					in = true
				}
			}
			if in {
				if start < 0 {
					start = i
				}
			} else if start >= 0 {
				if !yield(token{s[start:i], start}) {
					return
				}
				start = -1
			}
			i += size
		}
		if start >= 0 {
			yield(token{s[start:], start})
		}
	}
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c))
	}
	return t
}()

func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func checkWord(t token) []Flag {
	w := t.text
	// Map lookups through string(lb) do not allocate; most words end there.
	var buf [64]byte
	lb := appendLower(buf[:0], w)
	if len(lb) <= maxMisread {
		if want, ok := knownMisreads[string(lb)]; ok {
			return []Flag{{Kind: "ocr-word", Offset: t.start, Text: w,
				Reason: "“" + w + "” is probably “" + want + "”", Confidence: 0.7}}
		}
	}
	digits, letters, look := 0, 0, 0
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsLetter(r):
			letters++
			if r == 'l' || r == 'I' || r == 'O' || r == 'o' {
				look++
			}
		}
	}
	if digits > 0 && letters > 0 {
		if letters == look && digits >= 2 {
			return []Flag{{Kind: "digit-letter", Offset: t.start, Text: w,
				Reason: "letter in a number (l/I for 1, O for 0)", Confidence: 0.8}}
		}
		if strings.ContainsRune(w, '0') && letters >= 2 && digits == 1 {
			return []Flag{{Kind: "digit-letter", Offset: t.start, Text: w,
				Reason: "zero in a word (0 for O)", Confidence: 0.7}}
		}
		return nil
	}
	if letters < 2 || digits > 0 {
		return nil
	}
	bb := bytes.TrimSuffix(bytes.TrimSuffix(lb, []byte("’s")), []byte("'s"))
	if words.Known(string(bb)) || words.Known(string(lb)) {
		return nil
	}
	base := string(bb)
	for _, c := range confusions {
		if !strings.Contains(base, c[0]) {
			continue
		}
		if alt := strings.Replace(base, c[0], c[1], 1); words.Known(alt) {
			// A capitalised unknown word is likely a name; be less sure.
			conf := 0.6
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
				conf = 0.3
			}
			return []Flag{{Kind: "ocr-letters", Offset: t.start, Text: w,
				Reason: "not a word; “" + c[0] + "” may be “" + c[1] + "” (" + alt + ")", Confidence: conf}}
		}
	}
	return nil
}

// strayPunct flags punctuation standing alone between blanks: " , ", " ; ".
func strayPunct(s string) []Flag {
	var out []Flag
	i := 0
	for i < len(s) {
		j := strings.IndexByte(s[i:], ' ')
		if j < 0 {
			j = len(s)
		} else {
			j += i
		}
		if w := s[i:j]; w != "" && isStray(w) {
			out = append(out, Flag{Kind: "stray", Offset: i, Text: w,
				Reason: "punctuation standing alone", Confidence: 0.5})
		}
		i = j + 1
	}
	return out
}

func isStray(w string) bool {
	for _, r := range w {
		switch r {
		case ',', '.', ';', ':', '\'', '"', '`', '~', '^', '_', '|', '\\', '•', '·', '‘', '’', '“', '”', '¬':
		default:
			return false
		}
	}
	return true
}

// hyphenEnd flags a paragraph ending in a hyphen: "way-" for "way.".
func hyphenEnd(s string) []Flag {
	t := strings.TrimRight(s, " \t")
	if !strings.HasSuffix(t, "-") || strings.HasSuffix(t, "--") {
		return nil
	}
	r, _ := utf8.DecodeLastRuneInString(t[:len(t)-1])
	if !unicode.IsLetter(r) {
		return nil
	}
	k := strings.LastIndexByte(t, ' ') + 1
	return []Flag{{Kind: "hyphen-end", Offset: k, Text: t[k:],
		Reason: "paragraph ends in a hyphen (a misread period, or a lost line)", Confidence: 0.7}}
}

// unbalanced flags quotes, parentheses and brackets without a partner. A
// quotation left open at the paragraph's end is the convention for a quote
// running on into the next paragraph, so it gets a low confidence.
func unbalanced(s string) []Flag {
	var out []Flag
	type open struct {
		r   rune
		off int
	}
	var stack []open
	for i := 0; i < len(s); i++ {
		// Only these bytes can start a bracket or a curly quote, and none
		// is inside a multi-byte rune: the rest need no decoding.
		if c := s[i]; c != '(' && c != ')' && c != '[' && c != ']' && c != 0xE2 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '(', '[', '“':
			stack = append(stack, open{r, i})
		case ')', ']', '”':
			if r == ')' && isListLabel(s, i) {
				continue
			}
			want := partner(r)
			k := len(stack) - 1
			for k >= 0 && stack[k].r != want {
				k--
			}
			if k < 0 {
				out = append(out, Flag{Kind: "unbalanced", Offset: i, Text: string(r),
					Reason: "closing " + string(r) + " without an opening one", Confidence: 0.6})
				continue
			}
			// Openers above the match were never closed.
			for _, o := range stack[k+1:] {
				out = append(out, unclosed(o.r, o.off))
			}
			stack = stack[:k]
		}
	}
	for _, o := range stack {
		out = append(out, unclosed(o.r, o.off))
	}
	return out
}

func unclosed(r rune, off int) Flag {
	conf := 0.6
	if r == '“' {
		conf = 0.4
	}
	return Flag{Kind: "unbalanced", Offset: off, Text: string(r),
		Reason: string(r) + " is never closed in the paragraph", Confidence: conf}
}

// isListLabel reports whether the ")" at i closes a list label: "3)", "a)"
// at the start or after a blank.
func isListLabel(s string, i int) bool {
	j := i
	for j > 0 && (s[j-1] >= '0' && s[j-1] <= '9' || isASCIILetter(s[j-1])) {
		j--
	}
	if i-j == 0 || i-j > 3 {
		return false
	}
	return j == 0 || s[j-1] == ' '
}

func sortFlags(f []Flag) {
	// insertion sort: few flags per paragraph, and stable
	for i := 1; i < len(f); i++ {
		for j := i; j > 0 && f[j].Offset < f[j-1].Offset; j-- {
			f[j], f[j-1] = f[j-1], f[j]
		}
	}
}

// appendLower appends w in lower case to b.
func appendLower(b []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return append(b[:0], strings.ToLower(w)...)
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

func partner(r rune) rune {
	switch r {
	case ')':
		return '('
	case ']':
		return '['
	}
	return '“'
}
