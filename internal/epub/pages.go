package epub

import (
	"strconv"
	"strings"

	"folio/internal/book"
	"folio/internal/roman"
)

// pageMark is what a page-break inline becomes: its label in the page
// list ("" drops the marker) and its id.
type pageMark struct {
	label    string
	id       string
	inferred bool // the source printed no number; the neighbours give it
}

// pageMarks holds every page marker of the book, found before any chapter
// is written, so that an index's page references can link to pages of
// later chapters and an unnumbered page can take its number from the
// pages around it.
type pageMarks struct {
	at      map[*book.Inline]pageMark
	byLabel map[string]string // printed page → "file.xhtml#id" of its first marker
	// Inferred and Dropped count the unnumbered markers numbered from
	// their neighbours and those left out.
	Inferred, Dropped int
}

// eachInline calls f on every inline run of a chapter, by address, in
// reading order: title, subtitle, blocks (their lines, cells and
// attributions too), then notes.
func eachInline(ch *book.Chapter, f func(*book.Inline)) {
	run := func(in []book.Inline) {
		for i := range in {
			f(&in[i])
		}
	}
	run(ch.Title)
	run(ch.Subtitle)
	for i := range ch.Blocks {
		b := &ch.Blocks[i]
		run(b.Inlines)
		for j := range b.Lines {
			run(b.Lines[j].Inlines)
		}
		for _, row := range b.Rows {
			for j := range row {
				run(row[j].Inlines)
			}
		}
		run(b.Attribution)
	}
	for i := range ch.Notes {
		for _, p := range ch.Notes[i].Paras {
			run(p)
		}
	}
}

// findPages gives every page break of the written chapters its label and
// id. A page the source printed no number on takes one from its
// neighbours when they leave no doubt — the run of k unnumbered pages
// between printed pages p and p+k+1 of the same kind (arabic or roman) —
// and is otherwise left out: a page-list entry without a number misleads
// (and fails EPUB accessibility checks), while a missing marker only
// leaves that page out of the list.
func findPages(chs []*book.Chapter, files []string, ids idSet) *pageMarks {
	type found struct {
		in   *book.Inline
		file string
	}
	var all []found
	for i, ch := range chs {
		eachInline(ch, func(in *book.Inline) {
			if in.Kind == book.PageBreak {
				all = append(all, found{in, files[i]})
			}
		})
	}
	labels := make([]string, len(all))
	inferred := make([]bool, len(all))
	for i, f := range all {
		labels[i] = strings.TrimSpace(f.in.Page)
	}
	pm := &pageMarks{at: map[*book.Inline]pageMark{}, byLabel: map[string]string{}}
	for i := 0; i < len(labels); i++ {
		if labels[i] != "" {
			continue
		}
		j := i
		for j < len(labels) && labels[j] == "" {
			j++
		}
		// labels[i:j] are unnumbered; i-1 and j are their neighbours.
		if i > 0 && j < len(labels) {
			if fill := between(labels[i-1], labels[j], j-i); fill != nil {
				copy(labels[i:j], fill)
				for k := i; k < j; k++ {
					inferred[k] = true
				}
				pm.Inferred += j - i
			}
		}
		i = j
	}
	for i, f := range all {
		m := pageMark{label: labels[i], inferred: inferred[i]}
		if m.label == "" {
			pm.Dropped++
		} else {
			m.id = ids.make("page-"+m.label, "page")
			if _, ok := pm.byLabel[m.label]; !ok {
				pm.byLabel[m.label] = f.file + "#" + m.id
			}
		}
		pm.at[f.in] = m
	}
	return pm
}

// between returns the n page numbers between printed pages a and b when
// they are n+1 apart in the same numbering; nil when they are not.
func between(a, b string, n int) []string {
	if x, err := strconv.Atoi(a); err == nil {
		if y, err := strconv.Atoi(b); err == nil && y-x == n+1 {
			out := make([]string, n)
			for k := range out {
				out[k] = strconv.Itoa(x + 1 + k)
			}
			return out
		}
		return nil
	}
	x, okA := romanValue(a)
	y, okB := romanValue(b)
	if !okA || !okB || y-x != n+1 {
		return nil
	}
	lower := a == strings.ToLower(a)
	out := make([]string, n)
	for k := range out {
		if lower {
			out[k] = roman.Lower(x + 1 + k)
		} else {
			out[k] = roman.Upper(x + 1 + k)
		}
	}
	return out
}

// romanValue reads a roman numeral written in its canonical form.
func romanValue(s string) (int, bool) {
	if s == "" || len(s) > 15 {
		return 0, false
	}
	val := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100, 'd': 500, 'm': 1000}
	t := strings.ToLower(s)
	n := 0
	for i := 0; i < len(t); i++ {
		v, ok := val[t[i]]
		if !ok {
			return 0, false
		}
		if i+1 < len(t) && val[t[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	// only the canonical spelling: "iiii" or "vx" are not page numbers
	if n <= 0 || roman.Lower(n) != t {
		return 0, false
	}
	return n, true
}
