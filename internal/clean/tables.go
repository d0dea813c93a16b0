package clean

import (
	"strings"

	"folio/internal/pages"
)

// A table laid out by spaces ("1798      1817   Part") is a block of its
// own: its rows are no lines of running text, and the paragraph before
// it and the one after stay apart from it, whatever the sentence rules
// would say of a row that ends in "I" (a roman numeral, not the word).
// Its rows: three lines or more in a run, each with as many gaps of three
// spaces or more inside it, a column starting at the same place in each.

// tableLines returns the source lines of the tables in the pages' bodies.
func tableLines(ps []pages.Page) map[int]bool {
	out := map[int]bool{}
	for _, p := range ps {
		var run []pages.Line
		flush := func() {
			if len(run) >= 3 && aligned(run) {
				for _, l := range run {
					out[l.N] = true
				}
			}
			run = run[:0]
		}
		for _, l := range p.Body {
			if len(gapStarts(l.Text)) == 0 {
				flush()
				continue
			}
			if len(run) > 0 && len(gapStarts(run[0].Text)) != len(gapStarts(l.Text)) {
				flush()
			}
			run = append(run, l)
		}
		flush()
	}
	return out
}

// gapStarts are the byte offsets where a column starts after a gap of
// three spaces or more inside line s.
func gapStarts(s string) []int {
	t := strings.TrimRight(s, " ")
	lead := len(t) - len(strings.TrimLeft(t, " "))
	var out []int
	run := 0
	for i := lead; i < len(t); i++ {
		if t[i] == ' ' {
			run++
			continue
		}
		if run >= 3 {
			out = append(out, i)
		}
		run = 0
	}
	return out
}

// aligned: a column of the run starts or ends at the same place (within
// a character) in every row — left-aligned text or right-aligned numbers.
func aligned(run []pages.Line) bool {
	first := gapStarts(run[0].Text)
	for c := range first {
		starts, ends := true, true
		end0 := colEnd(run[0].Text, first[c])
		for _, l := range run[1:] {
			g := gapStarts(l.Text)
			if abs(g[c]-first[c]) > 1 {
				starts = false
			}
			if abs(colEnd(l.Text, g[c])-end0) > 1 {
				ends = false
			}
		}
		if starts || ends {
			return true
		}
	}
	return false
}

// colEnd is where the column starting at i ends: the next gap of two
// spaces or the line's end.
func colEnd(s string, i int) int {
	t := strings.TrimRight(s, " ")
	if k := strings.Index(t[i:], "  "); k >= 0 {
		return i + k
	}
	return len(t)
}
