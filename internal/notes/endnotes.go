package notes

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"folio/internal/pages"
	"folio/internal/report"
)

// Endnotes: the notes gathered under a NOTES heading at the end of a
// chapter or of the book, numbered 1, 2, 3… and pointed at by markers in
// the text before them. Each is paired with its marker by number, in
// text order, over the stretch of text since the last such section (a
// chapter's, or the whole book's), and taken out of the text: in the
// editions every note stands at its marker, whatever the source did.

var notesHeadRe = regexp.MustCompile(`^(?i:notes|endnotes|notes to (?:the )?(?:chapter|part|book)\b.{0,20}|notes on the text)\.?$`)

// endSection is a NOTES section found in the pages.
type endSection struct {
	page, line int // where its heading stands (page index, index in Body)
	notes      []int
}

// findEndnotes finds NOTES sections, reads their notes into res and
// takes their lines out of the pages' text. It runs after the foot areas
// are read, on what remains of the body.
func findEndnotes(ps []pages.Page, res *Result, rep *report.Report) []endSection {
	var secs []endSection
	for pi := range ps {
		for li := 0; li < len(ps[pi].Body); li++ {
			t := strings.TrimSpace(ps[pi].Body[li].Text)
			if len(t) < 5 || len(t) > 48 || !strings.ContainsAny(t[:1], "NnEe") || !notesHeadRe.MatchString(t) {
				continue // most lines: spared the pattern
			}
			n := ps[pi].Body[li].N
			sec, ok := readEndSection(ps, pi, li, res)
			if !ok {
				continue
			}
			secs = append(secs, sec)
			rep.Add(report.Decision{Stage: "notes", Kind: "endnotes", Line: n, Page: ps[pi].Number,
				Text:     fmt.Sprintf("a %q section of %d notes, numbered %s to %s", t, len(sec.notes), res.Notes[sec.notes[0]].Label, res.Notes[sec.notes[len(sec.notes)-1]].Label),
				Evidence: "a notes heading over lines that open with labels counting up from 1", Confidence: 0.9})
		}
	}
	return secs
}

// readEndSection reads the notes under the heading at page pi, line li:
// lines that open with the next label (1, 2, 3…), and the lines that
// follow each, until the labels stop. The section's lines leave the
// body; its notes join res.
func readEndSection(ps []pages.Page, pi, li int, res *Result) (endSection, bool) {
	type entry struct {
		label string
		page  int
		lines []pages.Line
	}
	var entries []entry
	next := 1
	taken := map[int][]int{} // page → body indices to remove
	taken[pi] = append(taken[pi], li)
	ended := false
	width := 0
	for p := pi; p < len(ps) && !ended; p++ {
		from := 0
		if p == pi {
			from = li + 1
		}
		for k := from; k < len(ps[p].Body); k++ {
			l := ps[p].Body[k]
			t := strings.TrimSpace(l.Text)
			if t == "" {
				taken[p] = append(taken[p], k)
				if len(entries) > 0 {
					e := &entries[len(entries)-1]
					e.lines = append(e.lines, pages.Line{N: l.N})
				}
				continue
			}
			if lab, ok := readLabel(t); ok && labelNumber(lab.label) == next && lab.form != formGlyph {
				rest := lab.rest
				if lab.form == formOwnLine {
					if j := nextText(ps[p].Body, k+1); j >= 0 {
						taken[p] = append(taken[p], k)
						k = j
						rest = strings.TrimSpace(ps[p].Body[j].Text)
					}
				}
				entries = append(entries, entry{label: lab.label, page: p, lines: []pages.Line{{N: ps[p].Body[k].N, Text: rest}}})
				taken[p] = append(taken[p], k)
				next++
				width = max(width, utf8.RuneCountInString(t))
				continue
			}
			if len(entries) == 0 {
				return endSection{}, false // a "Notes" heading over no numbered notes
			}
			// A line of the last note, unless the text has resumed: a
			// heading (capitals, short) or, after a blank line, a line
			// that opens no note.
			prevBlank := k > 0 && strings.TrimSpace(ps[p].Body[k-1].Text) == ""
			if isHeading(t) || prevBlank && k > from || p > pi && k == from && !continues(entries[len(entries)-1].lines) {
				ended = true
				break
			}
			e := &entries[len(entries)-1]
			e.lines = append(e.lines, l)
			taken[p] = append(taken[p], k)
		}
	}
	if len(entries) < 1 {
		return endSection{}, false
	}
	sec := endSection{page: pi, line: li}
	for _, e := range entries {
		for len(e.lines) > 1 && e.lines[len(e.lines)-1].Text == "" {
			e.lines = e.lines[:len(e.lines)-1]
		}
		sec.notes = append(sec.notes, len(res.Notes))
		res.Notes = append(res.Notes, Note{Label: e.label, Page: e.page, Lines: e.lines, Endnote: true})
	}
	for p, idx := range taken {
		drop := make(map[int]bool, len(idx))
		for _, k := range idx {
			drop[k] = true
		}
		var keep []pages.Line
		for k, l := range ps[p].Body {
			if !drop[k] {
				keep = append(keep, l)
			}
		}
		ps[p].Body = keep
	}
	return sec, true
}

// isHeading: a short line in capitals (a chapter's label or title).
func isHeading(t string) bool {
	if utf8.RuneCountInString(t) > 70 {
		return false
	}
	letters := 0
	for _, r := range t {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			letters++
		}
	}
	return letters >= 2
}

// continues: the note's last line ends mid-sentence, so a new page's
// first line may carry it on.
func continues(ls []pages.Line) bool {
	t := lastText(ls)
	return t != "" && !endsSentence(t)
}

// pairEndnotes pairs each section's notes with the markers in the text
// before the section and after the one before it, by label, in order:
// the first marker 1 with note 1, and so on.
func pairEndnotes(ps []pages.Page, res *Result, secs []endSection, rep *report.Report) {
	startPage, startLine := 0, 0
	for _, sec := range secs {
		// Markers in the stretch, by label, in text order.
		type at struct {
			page, line int
			m          marker
		}
		byLabel := map[string][]at{}
		for p := startPage; p <= sec.page && p < len(ps); p++ {
			body := ps[p].Body
			for li := range body {
				if p == startPage && li < startLine || p == sec.page && li >= sec.line {
					continue
				}
				for _, m := range findMarkers(body[li : li+1]) {
					m.line = li
					byLabel[m.label] = append(byLabel[m.label], at{p, li, m})
				}
			}
		}
		type hit struct {
			at
			note int
		}
		var hits []hit
		for _, n := range sec.notes {
			q := byLabel[res.Notes[n].Label]
			if len(q) == 0 {
				continue
			}
			hits = append(hits, hit{q[0], n})
			byLabel[res.Notes[n].Label] = q[1:]
		}
		// Rewrite from each line's end so offsets stay valid.
		for k := len(hits) - 1; k >= 0; k-- {
			h := hits[k]
			l := &ps[h.page].Body[h.line]
			ctx := context(l.Text, h.m.start, h.m.end)
			l.Text = l.Text[:h.m.start] + string(Sentinel(h.note)) + l.Text[h.m.end:]
			res.Notes[h.note].Paired = true
			res.count("endnote markers")
			rep.Add(report.Decision{Stage: "notes", Kind: "paired", Line: l.N, Page: ps[h.page].Number,
				Text:     fmt.Sprintf("marker %q → endnote %s", ctx, res.Notes[h.note].Label),
				Evidence: "the marker with this number in the text before the notes section", Confidence: 0.9})
		}
		startPage, startLine = sec.page, sec.line
	}
}
