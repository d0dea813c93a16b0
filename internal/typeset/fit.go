package typeset

import (
	"strings"
	"unicode/utf8"
)

// Metadata comes from anyone: a title may be one "word" of thousands of
// letters, or run to hundreds of words. The front matter's centred text
// and the running heads fit it to their room in time that grows with its
// length, never off the page: smaller, down to the text size, then
// broken inside a word where it fills a line, then cut with an ellipsis.

// wordWidth is the width of one word of centred text.
func (t *setter) wordWidth(w string, style Style, size float64, caps capsMode) float64 {
	if caps == noCaps {
		return t.width(t.mk(style, size, w))
	}
	sum := 0.0
	for _, sg := range t.smallCaps(style, size, w, caps == smallCapitals) {
		sum += t.width(sg)
	}
	return sum
}

// fitCentred returns txt, the size and the lead to set it centred in
// width within the height maxH: the largest size from size down to min
// (the lead scaled alike) at which every word fits the measure and the
// lines the height; at min, words wider than the measure are broken and
// text beyond the height cut with an ellipsis.
func (t *setter) fitCentred(txt string, style Style, size, lead, width, maxH, min float64, caps capsMode) (string, float64, float64) {
	if min > size {
		min = size
	}
	// No more of the text than the block could hold at the smallest size
	// is ever set: a longer text is cut at once, whatever its length.
	cut := false
	txt, cut = runePrefix(txt, maxRunes(width, maxH, min, lead*min/size))
	words := strings.Fields(txt)
	if len(words) == 0 {
		return txt, size, lead
	}
	longest := words[0]
	for _, w := range words[1:] {
		if len(w) > len(longest) {
			longest = w
		}
	}
	for s := size; !cut; s *= 0.92 {
		if s < min {
			s = min
		}
		l := lead * s / size
		// The longest word in bytes is the widest but for odd scripts:
		// every word is measured only when that one fits.
		if t.wordWidth(longest, style, s, caps) <= width && t.wordsFit(words, style, s, width, caps) &&
			float64(len(t.centredLines(txt, style, s, width, caps)))*l <= maxH+0.01 {
			return txt, s, l
		}
		if s == min {
			break
		}
	}
	l := lead * min / size
	txt = strings.Join(t.breakWords(words, style, min, width, caps), " ")
	maxLines := int(maxH/l + 0.01)
	if maxLines < 1 {
		maxLines = 1
	}
	if !cut && len(t.centredLines(txt, style, min, width, caps)) <= maxLines {
		return txt, min, l
	}
	// Cut: the longest start of the text that, with an ellipsis, fits.
	r := []rune(txt)
	lo, hi := 1, len(r)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if len(t.centredLines(strings.TrimSpace(string(r[:mid]))+"…", style, min, width, caps)) <= maxLines {
			lo = mid
		} else {
			hi = mid
		}
	}
	return strings.TrimSpace(string(r[:lo])) + "…", min, l
}

// maxRunes is more runes than lines of width in a height of maxH hold at
// size with lead: no glyph is narrower than a seventh of an em.
func maxRunes(width, maxH, size, lead float64) int {
	return (int(maxH/lead) + 1) * (int(width/(size/7)) + 1)
}

// runePrefix is s's first n runes, and whether that cut anything.
func runePrefix(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	for i := range s {
		if n == 0 {
			return s[:i], true
		}
		n--
	}
	return s, false
}

func (t *setter) wordsFit(words []string, style Style, size, width float64, caps capsMode) bool {
	for _, w := range words {
		if t.wordWidth(w, style, size, caps) > width {
			return false
		}
	}
	return true
}

// breakWords cuts every word wider than width into pieces that each fill
// a line (no hyphen: such a "word" has no syllables to go by).
func (t *setter) breakWords(words []string, style Style, size, width float64, caps capsMode) []string {
	var out []string
	for _, w := range words {
		for t.wordWidth(w, style, size, caps) > width && utf8.RuneCountInString(w) > 1 {
			r := []rune(w)
			n := fitPrefix(len(r), func(n int) bool { return t.wordWidth(string(r[:n]), style, size, caps) <= width })
			out = append(out, string(r[:n]))
			w = string(r[n:])
		}
		out = append(out, w)
	}
	return out
}

// fitPrefix is the largest n in 1..max for which fits(n) holds (fits is
// true up to some n and false after it), at least 1, found by halves.
func fitPrefix(max int, fits func(int) bool) int {
	lo, hi := 1, max
	if fits(hi) {
		return hi
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fits(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}
