package pages

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/internal/report"
)

// OCR misreads a folio now and then — "—7~—", "— 3g —" for 7 and 8 — and
// the count of folios jumps (5, then 9): the pages between are merged
// into one, their running heads left in the text. Where the count jumps,
// the lines between that stand alone in the book's own folio frame (the
// dashes or brackets its folios wear) with a few characters inside are
// the lost folios, as many as the jump leaves room for.

// frameOf is the frame a folio line wears: the dashes and brackets
// before and after its number ("—" and "—" for "— 12 —"), and its inner
// text.
func frameOf(t string) (open, close, inner string) {
	t = strings.TrimSpace(t)
	i := strings.IndexFunc(t, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
	j := strings.LastIndexFunc(t, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
	if i < 0 {
		return "", "", ""
	}
	_, size := utf8.DecodeRuneInString(t[j:])
	return frameRunes(t[:i]), frameRunes(t[j+size:]), t[i : j+size]
}

// frameRunes keeps a frame's dashes and brackets, not the specks OCR
// adds beside them ("~—").
func frameRunes(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("—–-[]()", r) {
			return r
		}
		return -1
	}, s)
}

// leadingNumber is the number s opens with, or 0.
func leadingNumber(s string) int {
	n, k := 0, 0
	for k < len(s) && s[k] >= '0' && s[k] <= '9' && k < 4 {
		n = n*10 + int(s[k]-'0')
		k++
	}
	return n
}

// misreadFolios adds to blocks (lone folios counting up) the folios
// between two whose values jump, read off lines in the book's frame.
func misreadFolios(lines []string, blocks []folioBlock, rep *report.Report) []folioBlock {
	if len(blocks) < 3 {
		return blocks
	}
	// The book's frame: the one most of its folios wear, when they wear
	// one (a bare "12" is too common a line to look for).
	frames := map[[2]string]int{}
	for _, b := range blocks {
		if b.head < 0 {
			o, c, _ := frameOf(lines[b.num])
			frames[[2]string{o, c}]++
		}
	}
	var frame [2]string
	best := 0
	for f, n := range frames {
		if n > best || n == best && f[0]+f[1] < frame[0]+frame[1] {
			frame, best = f, n
		}
	}
	if frame[0] == "" && frame[1] == "" || best*10 < len(blocks)*6 {
		return blocks
	}
	blank := func(i int) bool { return i < 0 || i >= len(lines) || strings.TrimSpace(lines[i]) == "" }
	out := make([]folioBlock, 0, len(blocks))
	for k, b := range blocks {
		out = append(out, b)
		if k+1 == len(blocks) || b.head >= 0 || blocks[k+1].head >= 0 {
			continue
		}
		next := blocks[k+1]
		gap := next.value - b.value
		if gap < 2 || gap > 4 {
			continue
		}
		var found []int
		for i := b.num + 1; i < next.num; i++ {
			if !blank(i-1) || !blank(i+1) || len(lines[i]) > 40 {
				continue
			}
			o, c, inner := frameOf(lines[i])
			if o == frame[0] && c == frame[1] && inner != "" && utf8.RuneCountInString(inner) <= 4 && strings.ContainsFunc(inner, unicode.IsDigit) {
				found = append(found, i)
			}
		}
		if len(found) == 0 || len(found) > gap-1 {
			continue
		}
		// A number the frame holds that fits the jump is read as it
		// stands ("—7~—"); the others take the values left between
		// their neighbours, when those leave exactly room for them
		// ("— 3g —" after 7 and before 9).
		vals := make([]int, len(found))
		lo := b.value
		for m, i := range found {
			_, _, inner := frameOf(lines[i])
			if v := leadingNumber(inner); v > lo && v < next.value {
				vals[m], lo = v, v
			}
		}
		for m := 0; m < len(found); {
			if vals[m] != 0 {
				m++
				continue
			}
			end := m
			for end < len(found) && vals[end] == 0 {
				end++
			}
			p, q := b.value, next.value
			if m > 0 {
				p = vals[m-1]
			}
			if end < len(found) {
				q = vals[end]
			}
			if q-p-1 == end-m {
				for k := m; k < end; k++ {
					vals[k] = p + 1 + k - m
				}
			}
			m = end
		}
		for m, i := range found {
			v := vals[m]
			if v == 0 {
				continue
			}
			out = append(out, folioBlock{head: -1, num: i, value: v})
			rep.Add(report.Decision{Stage: "pages", Kind: "folio-misread", Line: i + 1, Page: fmt.Sprint(v),
				Text:     fmt.Sprintf("read %q as the folio %d", strings.TrimSpace(lines[i]), v),
				Evidence: fmt.Sprintf("the book's folios wear %s…%s, and the count goes from %d to %d around it", frame[0], frame[1], b.value, next.value), Confidence: 0.7})
		}
	}
	return out
}
