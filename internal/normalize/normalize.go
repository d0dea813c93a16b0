// Package normalize puts right the characters a text layer invents: the
// ligature glyphs a PDF's fonts carry (U+FB01 "ﬁ"), soft hyphens, odd
// spaces, full-width forms, the long s where the book is not meant to keep
// it, zero-width characters, and words letter-spaced for display
// ("C H A P T E R"). Every change is counted by kind, for the report; the
// number of lines never changes, so source line numbers stay true.
package normalize

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"folio/internal/words"
)

// SoftBreak ends a line whose last word the typesetter broke at a
// discretionary (soft) hyphen: the word is to be joined, whatever the
// hyphen decider would say. It is U+00AD, kept only at a line's end.
const SoftBreak = "\u00ad"

// Options say what the book means to keep.
type Options struct {
	// KeepLongS keeps ſ (an edition that reproduces old spelling).
	KeepLongS bool
}

// Change is one normalised character or word, for the report.
type Change struct {
	Line int // 1-based
	Kind string
	From string
	To   string
}

// Result is the normalised text.
type Result struct {
	Lines   []string
	Counts  map[string]int // by kind: "ligature", "soft hyphen", "space", "full-width", "long s", "zero-width", "letter-spaced"
	Changes []Change       // the letter-spaced words (rare, worth a look); characters are only counted
}

// ligatures maps the Alphabetic Presentation Forms ligatures to letters.
var ligatures = map[rune]string{
	'\uFB00': "ff", '\uFB01': "fi", '\uFB02': "fl", '\uFB03': "ffi", '\uFB04': "ffl", '\uFB05': "st", '\uFB06': "st",
}

// Lines normalises each line. The input is not changed.
func Lines(in []string, opt Options) Result {
	res := Result{Lines: make([]string, len(in)), Counts: map[string]int{}}
	for i, l := range in {
		ascii := isASCII(l)
		spaced := strings.IndexByte(l, ' ') >= 0 && (letterSpacedShape(l) || len(l) <= 60 && kernedShape(l))
		if ascii && !spaced {
			res.Lines[i] = l // the common line: nothing to do
			continue
		}
		if !ascii {
			l = res.chars(l, opt)
		}
		res.Lines[i] = l
		if !spaced {
			continue
		}
		if t, words := unspace(l); words != nil {
			res.Lines[i] = t
			for _, w := range words {
				res.Counts["letter-spaced"]++
				res.Changes = append(res.Changes, Change{Line: i + 1, Kind: "letter-spaced", From: w[0], To: w[1]})
			}
		}
	}
	return res
}

// chars normalises the invented characters of one line.
func (res *Result) chars(l string, opt Options) string {
	clean := true
	for _, r := range l {
		if r >= 0xA0 && (ligatures[r] != "" || r == '\u00AD' || r == '\u00A0' || r >= '\u2000' && r <= '\u200D' || r == '\u202F' || r == '\u205F' || r == '\u2060' || r == '\u3000' || r == '\uFEFF' || r >= '\uFF01' && r <= '\uFF5E' || r == 'ſ' && !opt.KeepLongS) {
			clean = false
			break
		}
	}
	if clean {
		return l // curly quotes and dashes: nothing invented
	}
	var b strings.Builder
	b.Grow(len(l))
	end := strings.TrimRight(l, " \t")
	for j, r := range l {
		switch {
		case ligatures[r] != "":
			b.WriteString(ligatures[r])
			res.Counts["ligature"]++
		case r == '\u00AD':
			if j+utf8.RuneLen(r) == len(end) {
				b.WriteString(SoftBreak) // the typesetter's break: kept as the line's end
			}
			res.Counts["soft hyphen"]++
		case r == '\u00A0' || r >= '\u2000' && r <= '\u200A' || r == '\u202F' || r == '\u205F' || r == '\u3000':
			b.WriteByte(' ')
			res.Counts["space"]++
		case r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\uFEFF':
			res.Counts["zero-width"]++
		case r >= '\uFF01' && r <= '\uFF5E':
			b.WriteRune(r - 0xFF01 + '!')
			res.Counts["full-width"]++
		case r == 'ſ' && !opt.KeepLongS:
			b.WriteByte('s')
			res.Counts["long s"]++
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// kernedShape: a run of three capitals' tokens of one or two letters,
// two of them single.
func kernedShape(s string) bool {
	n, singles := 0, 0
	for i := 0; i < len(s); {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' {
			j++
		}
		if j == i {
			break
		}
		caps := j-i <= 2
		for k := i; k < j && caps; k++ {
			caps = s[k] >= 'A' && s[k] <= 'Z'
		}
		if caps {
			n++
			if j-i == 1 {
				singles++
			}
			if n >= 3 && singles >= 2 {
				return true
			}
		} else {
			n, singles = 0, 0
		}
		i = j
	}
	return false
}

// letterSpacedShape is a cheap test: three single letters in a row, each
// set off by one space. It jumps from space to space (most lines hold no
// single letter at all, or one: "a", "I").
func letterSpacedShape(s string) bool {
	run := 0
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], ' ')
		if j < 0 {
			j = len(s) - i
		}
		if j == 1 {
			if c := s[i]; c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
				if run++; run >= 3 {
					return true
				}
			} else {
				run = 0
			}
		} else if j > 1 {
			run = 0
		}
		i += j + 1
	}
	return false
}

// unspace rejoins letter-spaced words: a run of three or more single
// letters, each set off by one space (runs of letter-spaced text are
// apart by two or more spaces, the word gap). A run is joined when it is
// all capitals (display type: "C H A P T E R") or its letters make a word
// the word list knows; lower-case runs that make no word ("a b c" in a
// list) are left alone. It returns the new line and each [from, to] pair.
func unspace(l string) (string, [][2]string) {
	if !letterSpacedShape(l) && !(len(l) <= 60 && kernedShape(l)) {
		return l, nil
	}
	if ff := len(l) - len(strings.TrimLeft(l, "\f")); ff > 0 {
		// Form feeds open the line: the page break stays, the rest is read.
		t, ch := unspace(l[ff:])
		return l[:ff] + t, ch
	}
	var out strings.Builder
	var changes [][2]string
	// In a line letter-spaced throughout, a word of two letters is
	// spaced too ("O N   S M A L L").
	spaced := letterSpacedShape(l) && strings.Contains(l, "   ")
	// Segments between runs of two or more spaces keep their gaps.
	for i := 0; i < len(l); {
		j := i
		for j < len(l) && !(l[j] == ' ' && j+1 < len(l) && l[j+1] == ' ') {
			j++
		}
		seg := l[i:j]
		out.WriteString(joinRuns(seg, &changes, spaced))
		k := j
		for k < len(l) && l[k] == ' ' {
			k++
		}
		out.WriteString(l[j:k])
		i = k
	}
	if changes == nil {
		return l, nil
	}
	return out.String(), changes
}

// joinRuns joins the runs of single letters in a segment whose words are
// apart by one space.
func joinRuns(seg string, changes *[][2]string, spacedLine bool) string {
	toks := strings.Split(seg, " ")
	var out []string
	for i := 0; i < len(toks); {
		// pdftotext reads kerned letter-spacing as uneven gaps: "PA R T".
		// Capitals of one or two letters whose join is a word.
		if k := kernedRun(toks[i:]); k > 0 {
			w := strings.Join(toks[i:i+k], "")
			*changes = append(*changes, [2]string{strings.Join(toks[i:i+k], " "), w})
			out = append(out, w)
			i += k
			continue
		}
		j := i
		for j < len(toks) && singleLetter(toks[j], j+1 == len(toks) || !singleLetter(toks[j+1], true)) {
			j++
		}
		if j-i >= 3 || j-i == 2 && spacedLine && allCaps(strings.Join(toks[i:j], "")) {
			w := strings.Join(toks[i:j], "")
			bare := strings.TrimRight(w, ".,;:!?")
			if allCaps(bare) || words.Known(bare) || words.Known(strings.ToLower(bare)) {
				*changes = append(*changes, [2]string{strings.Join(toks[i:j], " "), w})
				out = append(out, w)
				i = j
				continue
			}
		}
		if j == i {
			j = i + 1
		}
		out = append(out, toks[i:j]...)
		i = j
	}
	return strings.Join(out, " ")
}

// kernedRun is how many of toks (capitals of one or two letters, most of
// them one) join into a known word of three letters or more; 0 if none.
func kernedRun(toks []string) int {
	n, singles := 0, 0
	for n < len(toks) && len(toks[n]) >= 1 && len(toks[n]) <= 2 && allCaps(toks[n]) && isLetterString(toks[n]) {
		if len(toks[n]) == 1 {
			singles++
		}
		n++
	}
	if n < 3 || singles < 2 {
		return 0
	}
	for k := n; k >= 3; k-- {
		w := strings.Join(toks[:k], "")
		if len(w) >= 3 && strings.Contains(strings.Join(toks[:k], ""), "") && words.Known(strings.ToLower(w)) && hasPair(toks[:k]) {
			return k
		}
	}
	return 0
}

// hasPair: a run holds a token of two letters (else joinRuns' single
// letters take it).
func hasPair(toks []string) bool {
	for _, t := range toks {
		if len(t) == 2 {
			return true
		}
	}
	return false
}

func isLetterString(s string) bool {
	for _, r := range s {
		if !isLetter(r) {
			return false
		}
	}
	return true
}

// singleLetter: a token of one letter; the last of a run may carry
// closing punctuation ("R." ending "C H A P T E R.").
func singleLetter(t string, last bool) bool {
	r, size := utf8.DecodeRuneInString(t)
	if !isLetter(r) {
		return false
	}
	rest := t[size:]
	return rest == "" || last && len(rest) == 1 && strings.ContainsAny(rest, ".,;:!?")
}

func isLetter(r rune) bool {
	return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7
}

func allCaps(s string) bool {
	for _, r := range s {
		if strings.ToUpper(string(r)) != string(r) {
			return false
		}
	}
	return true
}

// Summary lists the counts as "ligature 12, soft hyphen 3", in a
// stable order, or "" when nothing was changed.
func (r Result) Summary() string {
	keys := make([]string, 0, len(r.Counts))
	for k := range r.Counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, r.Counts[k]))
	}
	return strings.Join(parts, ", ")
}
