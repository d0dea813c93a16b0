package notes

import (
	"fmt"
	"regexp"
	"sort"
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
	lostFirst  int // the source line of a first note read without its label, or 0
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
			if sec.lostFirst > 0 {
				rep.Add(report.Decision{Stage: "notes", Kind: "label-lost", Line: sec.lostFirst, Page: ps[pi].Number,
					Text:     fmt.Sprintf("read the first line under %q as note 1, its label lost", t),
					Evidence: "the next note after a blank line is numbered 2", Confidence: 0.6})
			}
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
	sec0Lost := 0 // the line of a first note whose label OCR lost
	for p := pi; p < len(ps) && !ended; p++ {
		from := 0
		if p == pi {
			from = li + 1
		}
		top := true // no text read yet on this page: blank lines above it are the page's margin
		for k := from; k < len(ps[p].Body); k++ {
			l := ps[p].Body[k]
			t := strings.TrimSpace(l.Text)
			if t != "" && k > from {
				top = top && strings.TrimSpace(ps[p].Body[k-1].Text) == "" && p > pi
			}
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
				// OCR may lose the first label ("NOTES / The text is
				// that of 1817…"): the note is the first, when the next
				// labelled line after a blank one is note 2.
				if !labelTwoFollows(ps[p].Body, k+1) {
					return endSection{}, false // a "Notes" heading over no numbered notes
				}
				entries = append(entries, entry{label: "1", page: p, lines: []pages.Line{{N: l.N, Text: t}}})
				taken[p] = append(taken[p], k)
				sec0Lost = l.N
				next = 2
				continue
			}
			// A line of the last note, unless the text has resumed: a
			// heading (capitals, short) or, after a blank line, a line
			// that opens no note.
			prevBlank := k > 0 && strings.TrimSpace(ps[p].Body[k-1].Text) == ""
			first := p > pi && (k == from || top && firstTextAt(ps[p].Body, from) == k)
			if isHeading(t) || prevBlank && k > from && !first || first && !continues(entries[len(entries)-1].lines) {
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
	sec := endSection{page: pi, line: li, lostFirst: sec0Lost}
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

// firstTextAt is the index of the first line of ls from k that holds
// text, or -1.
func firstTextAt(ls []pages.Line, k int) int {
	for j := k; j < len(ls); j++ {
		if strings.TrimSpace(ls[j].Text) != "" {
			return j
		}
	}
	return -1
}

// labelTwoFollows: within the next lines of ls from k, after a blank
// line, a line opens with the label 2 — a first note's label lost above.
func labelTwoFollows(ls []pages.Line, k int) bool {
	blank := false
	for j := k; j < len(ls) && j < k+40; j++ {
		t := strings.TrimSpace(ls[j].Text)
		if t == "" {
			blank = true
			continue
		}
		if lab, ok := readLabel(t); ok && lab.form != formGlyph {
			return blank && labelNumber(lab.label) == 2
		}
		if isHeading(t) {
			return false
		}
	}
	return false
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

// pairLooseEndnotes pairs the endnotes left unpaired with loose markers
// in their stretch of text — OCR's readings of raised digits (a glyph
// after a word, a digit the engine misread: "Arbroath,!", "it.2" where 3
// was printed) — keeping the notes' order between the markers already
// paired. The stretch is a chapter, not a page, so each such pairing is
// reported as uncertain.
func pairLooseEndnotes(ps []pages.Page, res *Result, secs []endSection, rep *report.Report) {
	startPage, startLine := 0, 0
	for _, sec := range secs {
		unpaired := 0
		for _, n := range sec.notes {
			if !res.Notes[n].Paired {
				unpaired++
			}
		}
		if unpaired > 0 {
			pairSectionLoose(ps, res, sec, startPage, startLine, rep)
		}
		startPage, startLine = sec.page, sec.line
	}
}

func pairSectionLoose(ps []pages.Page, res *Result, sec endSection, startPage, startLine int, rep *report.Report) {
	type cand struct {
		page int
		looseMarker
	}
	var all []looseMarker
	var where []cand
	at := func(page, line, b int) int { return page<<40 | line<<20 | b }
	pos := map[int]int{} // paired note → where its sentinel stands
	for p := startPage; p <= sec.page && p < len(ps); p++ {
		body := ps[p].Body
		lo, hi := 0, len(body)
		if p == startPage {
			lo = startLine
		}
		if p == sec.page {
			hi = min(hi, sec.line)
		}
		if lo >= hi {
			continue
		}
		span := body[lo:hi]
		// Over a chapter a closing quote or an apostrophe after a word
		// is too common to stand for a digit: only the glyphs that
		// rarely end a word otherwise (score 2 and more).
		seen := map[[2]int]bool{}
		for _, m := range looseMarkers(span) {
			if m.label != "" || m.score < 2 {
				continue
			}
			m.line += lo
			seen[[2]int{m.line, m.start}] = true
			all = append(all, m)
			where = append(where, cand{p, m})
		}
		// Glued digits no note took: a digit the OCR misread.
		for _, m := range findMarkers(span) {
			if labelNumber(m.label) == 0 || seen[[2]int{m.line + lo, m.start}] {
				continue
			}
			lm := looseMarker{line: m.line + lo, start: m.start, end: m.end, score: 2}
			all = append(all, lm)
			where = append(where, cand{p, lm})
		}
		for li, l := range span {
			for b, r := range l.Text {
				if g, ok := IsSentinel(r); ok {
					pos[g] = at(p, li+lo, b)
				}
			}
		}
	}
	order := make([]int, len(all))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool {
		ca, cb := where[order[a]], where[order[b]]
		return at(ca.page, ca.line, ca.start) < at(cb.page, cb.line, cb.start)
	})
	type choice struct{ note, cand int }
	var chosen []choice
	lo := -1
	for k := 0; k < len(sec.notes); {
		i := sec.notes[k]
		if res.Notes[i].Paired {
			if p, ok := pos[i]; ok {
				lo = p
			}
			k++
			continue
		}
		var run []int
		for k < len(sec.notes) && !res.Notes[sec.notes[k]].Paired {
			run = append(run, sec.notes[k])
			k++
		}
		hi := 1 << 62
		if k < len(sec.notes) {
			if p, ok := pos[sec.notes[k]]; ok {
				hi = p
			}
		}
		var in []int
		for _, c := range order {
			w := where[c]
			if p := at(w.page, w.line, w.start); p > lo && p < hi && w.label == "" {
				in = append(in, c)
			}
		}
		for _, pr := range alignLoose(run, in, all, res.Notes) {
			chosen = append(chosen, choice{pr[0], pr[1]})
		}
	}
	// Rewrite from the end of each line so offsets stay valid.
	sort.Slice(chosen, func(a, b int) bool {
		ca, cb := where[chosen[a].cand], where[chosen[b].cand]
		return at(ca.page, ca.line, ca.start) > at(cb.page, cb.line, cb.start)
	})
	for _, ch := range chosen {
		w := where[ch.cand]
		l := &ps[w.page].Body[w.line]
		was := context(l.Text, w.start, w.end)
		l.Text = l.Text[:w.start] + string(Sentinel(ch.note)) + l.Text[w.end:]
		res.Notes[ch.note].Paired = true
		res.count("OCR glyphs")
		rep.Add(report.Decision{Stage: "notes", Kind: "paired-loose", Line: l.N, Page: ps[w.page].Number,
			Text:     fmt.Sprintf("marker %q → endnote %s", strings.TrimSpace(was), res.Notes[ch.note].Label),
			Evidence: "a raised digit the OCR misread, in the notes' order over the chapter: check it", Confidence: 0.4 + 0.05*float64(w.score)})
	}
}
