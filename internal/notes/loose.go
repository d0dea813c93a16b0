package notes

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/internal/pages"
	"folio/internal/report"
)

// Markers that are not glued digits. A superscript marker comes out of a
// text layer as a number set off by a space ("Obersthofmeister 16 in",
// pdftotext -layout), and out of OCR as whatever the engine made of a
// small raised digit: "plate.'", "regions.”", "fortune.?", "Africa.*",
// "barbarians.°", "avarice;®". None of these is a marker by itself — a
// closing quote after a full stop is often just that — so they are only
// taken for the notes still unpaired on their page, in the order of the
// notes, between the markers found for the notes before and after.

// looseMarker is a candidate marker that is not glued digits.
type looseMarker struct {
	line, start, end int    // byte range in the body line to replace
	label            string // the digits, for a spaced number; "" for a glyph
	score            int    // how little the glyph can be anything else (1–3)
}

var yearDot = regexp.MustCompile(`^[(\[]?1[4-9]\d\d\.([1-9]\d?)$`)

// ocrGlyphs are the characters OCR reads a raised digit as, by how rarely
// they end a word for any other reason.
var ocrGlyphs = map[rune]int{
	'°': 3, '®': 3, '©': 3, '¢': 3, '§': 3, '¶': 3, 'ª': 3, 'º': 3, '^': 3, '•': 3, '*': 2, '†': 2, '‡': 2,
	'!': 2, '?': 2, '’': 1, '\'': 1, '”': 1, '"': 1, '‘': 3, '“': 3,
}

// looseMarkers lists the candidates in a page's body lines, in text order.
func looseMarkers(body []pages.Line) []looseMarker {
	var out []looseMarker
	dq := 0 // open double quotes, counted over the page
	sq := 0 // open single quotes: a ’ at a word's end closes one if one is open
	for li, l := range body {
		s := l.Text
		for _, tok := range tokens(s) {
			word := s[tok[0]:tok[1]]
			open := dq + strings.Count(word, "“") // quotations open when the word ends
			dq = open - strings.Count(word, "”")
			sOpen := sq + strings.Count(word, "‘")
			sq = sOpen
			if sOpen > 0 && (strings.HasSuffix(word, "’") || strings.HasSuffix(word, "’,") || strings.HasSuffix(word, "’.")) {
				sq--
			}
			// A number alone, set off by spaces, after a word: a
			// superscript the layout spaced off.
			if d := digitsOnly(word); d != "" && len(d) <= 3 && d[0] != '0' && tok[0] > 1 {
				prev, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s[:tok[0]], " "))
				if unicode.IsLetter(prev) || strings.ContainsRune(".,;:!?”’)", prev) {
					out = append(out, looseMarker{line: li, start: tok[0] - 1, end: tok[1], label: d, score: 2})
				}
				continue
			}
			if m := yearDot.FindStringSubmatchIndex(word); m != nil {
				// "in 1684.4 Sir…": the marker after a year's full stop
				// reads like a decimal; only its note's label may take it.
				out = append(out, looseMarker{line: li, start: tok[0] + m[2], end: tok[0] + m[3], label: word[m[2]:m[3]], score: 2})
				continue
			}
			if m, ok := glyphTail(word, open, sOpen); ok {
				m.line, m.start, m.end = li, tok[0]+m.start, tok[0]+m.end
				out = append(out, m)
			}
		}
	}
	return out
}

// tokens are the byte ranges of the space-separated words of s.
func tokens(s string) [][2]int {
	var out [][2]int
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if start >= 0 {
				out = append(out, [2]int{start, i})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return out
}

func digitsOnly(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return ""
		}
	}
	return w
}

// glyphTail reads an OCR'd marker at a word's end: a word, its own
// punctuation, then one or two glyphs. dq and sq are the counts of double
// and single quotes open before the word ends.
func glyphTail(w string, dq, sq int) (looseMarker, bool) {
	// Walk back over glyphs.
	end := len(w)
	i := end
	score := 0
	n := 0
	for i > 0 && n < 2 {
		r, size := utf8.DecodeLastRuneInString(w[:i])
		sc, ok := ocrGlyphs[r]
		if !ok {
			break
		}
		score = max(score, sc)
		i -= size
		n++
	}
	if n == 0 || i == 0 {
		return looseMarker{}, false
	}
	before, _ := utf8.DecodeLastRuneInString(w[:i])
	punct := strings.ContainsRune(".,;:)]", before)
	if !unicode.IsLetter(before) && !punct {
		return looseMarker{}, false
	}
	last, _ := utf8.DecodeLastRuneInString(w)
	switch last {
	case '!', '?':
		if !punct {
			return looseMarker{}, false // "regions?": a question
		}
	case '’', '\'':
		// An apostrophe ends a plural's possessive ("Herodotus’",
		// "the boys’"), a quote closes a quotation; a word with its
		// own apostrophe already ("Boston’s'"), or one after any other
		// letter with no quotation open ("Canon-gate’"), has a mark.
		if !punct && (before == 's' || before == 'S' || sq > 0) && !strings.ContainsAny(w[:i], "’'") {
			return looseMarker{}, false
		}
	case '”', '"':
		if dq > 0 || !punct {
			return looseMarker{}, false // closes a quotation
		}
		score = max(score, 2)
	}
	if r, _ := utf8.DecodeRuneInString(w[i:]); r == '”' && dq <= 0 && punct {
		score = max(score, 2)
	}
	return looseMarker{start: i, end: end, score: score}, true
}

// pairLoose pairs the notes left unpaired with loose markers on their
// page, keeping the notes' order: a note's marker stands after the
// markers of the notes before it and before those of the notes after it.
func pairLoose(ps []pages.Page, res *Result, rep *report.Report) {
	byPage := map[int][]int{}
	for i, n := range res.Notes {
		if !n.Endnote {
			byPage[n.Page] = append(byPage[n.Page], i)
		}
	}
	pagesWith := make([]int, 0, len(byPage))
	for p := range byPage {
		pagesWith = append(pagesWith, p)
	}
	sort.Ints(pagesWith)
	for _, pi := range pagesWith {
		idx := byPage[pi]
		unpaired := 0
		for _, i := range idx {
			if !res.Notes[i].Paired {
				unpaired++
			}
		}
		if unpaired == 0 {
			continue
		}
		p := &ps[pi]
		cands := looseMarkers(p.Body)
		// Where each paired note's marker stands: its sentinel.
		pos := map[int]int{} // note index → position (line<<20 | byte)
		for li, l := range p.Body {
			for b, r := range l.Text {
				if g, ok := IsSentinel(r); ok {
					pos[g] = li<<20 | b
				}
			}
		}
		// Align the page's notes, in order, with the candidates: each run
		// of unpaired notes between two paired ones takes candidates
		// between those two markers, as many as it can, the likeliest.
		type choice struct{ note, cand int }
		var chosen []choice
		lo := -1
		for k := 0; k < len(idx); {
			i := idx[k]
			if res.Notes[i].Paired {
				if at, ok := pos[i]; ok {
					lo = at
				}
				k++
				continue
			}
			run := []int{}
			for k < len(idx) && !res.Notes[idx[k]].Paired {
				run = append(run, idx[k])
				k++
			}
			hi := 1 << 62
			if k < len(idx) {
				if at, ok := pos[idx[k]]; ok {
					hi = at
				}
			}
			var in []int
			for c, m := range cands {
				if at := m.line<<20 | m.start; at > lo && at < hi {
					in = append(in, c)
				}
			}
			for _, pr := range alignLoose(run, in, cands, res.Notes) {
				chosen = append(chosen, choice{pr[0], pr[1]})
			}
		}
		// Rewrite from the end of each line so offsets stay valid.
		sort.Slice(chosen, func(a, b int) bool {
			ca, cb := cands[chosen[a].cand], cands[chosen[b].cand]
			if ca.line != cb.line {
				return ca.line < cb.line
			}
			return ca.start > cb.start
		})
		for _, ch := range chosen {
			m := cands[ch.cand]
			l := &p.Body[m.line]
			was := context(l.Text, m.start, m.end)
			l.Text = l.Text[:m.start] + string(Sentinel(ch.note)) + l.Text[m.end:]
			res.Notes[ch.note].Paired = true
			what, conf := "a number set off by a space, the note's own", 0.8
			res.count("spaced digits")
			if m.label == "" {
				what, conf = "a raised digit the OCR misread as punctuation", 0.5+0.1*float64(m.score)
				res.Markers["spaced digits"]--
				res.count("OCR glyphs")
			}
			rep.Add(report.Decision{Stage: "notes", Kind: "paired-loose", Line: l.N, Page: p.Number,
				Text:     fmt.Sprintf("marker %q → note %s", strings.TrimSpace(was), res.Notes[ch.note].Label),
				Evidence: what + "; in the notes' order on the page", Confidence: conf})
		}
	}
}

// alignLoose matches notes (in order) with candidate markers (in text
// order), one to one and keeping both orders, for the most matches and
// then the highest score; a spaced number matches only its own label.
func alignLoose(notes, cands []int, all []looseMarker, ns []Note) [][2]int {
	n, m := len(notes), len(cands)
	if n == 0 || m == 0 {
		return nil
	}
	if n*m > 1<<20 {
		// A page of thousands of notes and candidates: in order, each note
		// its first fitting candidate (the alignment would be quadratic).
		var out [][2]int
		for i, j := 0, 0; i < n && j < m; j++ {
			c := all[cands[j]]
			if c.label == "" || c.label == ns[notes[i]].Label {
				out = append(out, [2]int{notes[i], cands[j]})
				i++
			}
		}
		return out
	}
	// best[i][j]: value of aligning notes[i:] with cands[j:].
	type val struct{ matches, score int }
	better := func(a, b val) bool { return a.matches > b.matches || a.matches == b.matches && a.score > b.score }
	best := make([][]val, n+1)
	for i := range best {
		best[i] = make([]val, m+1)
	}
	fits := func(i, j int) bool {
		c := all[cands[j]]
		return c.label == "" || c.label == ns[notes[i]].Label
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			v := best[i+1][j] // the note has no marker here
			if w := best[i][j+1]; better(w, v) {
				v = w // the candidate is no marker
			}
			if fits(i, j) {
				w := best[i+1][j+1]
				w.matches++
				w.score += all[cands[j]].score
				if all[cands[j]].label != "" {
					w.score += 10 // the note's own number
				}
				if better(w, v) {
					v = w
				}
			}
			best[i][j] = v
		}
	}
	var out [][2]int
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case fits(i, j) && best[i][j] == func() val {
			w := best[i+1][j+1]
			w.matches++
			w.score += all[cands[j]].score
			if all[cands[j]].label != "" {
				w.score += 10
			}
			return w
		}():
			out = append(out, [2]int{notes[i], cands[j]})
			i, j = i+1, j+1
		case best[i][j] == best[i][j+1]:
			j++
		default:
			i++
		}
	}
	return out
}
