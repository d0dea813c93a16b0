// Package notes finds footnotes: their bodies in the pages' foot areas
// (merged when a note runs on to a later page) and their markers, the
// digits OCR glued to a word or punctuation in the body text ("BUCHAREST1",
// "1957,1", "[Nushi]3"). It pairs each marker with its body on the page
// where both stand, and replaces the marker digits in the body text with a
// sentinel rune that later stages carry to the note's exact position.
package notes

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/internal/pages"
	"folio/internal/report"
)

// Sentinel runes stand in the text for a note reference: SentinelBase+i
// refers to note i of Result.Notes. They are in Unicode's supplementary
// private use area, so no real text contains them.
const (
	SentinelBase rune = 0xF0000
	SentinelMax  rune = 0xFFFFD
)

// Sentinel returns the rune that marks note i.
func Sentinel(i int) rune { return SentinelBase + rune(i) }

// IsSentinel reports whether r marks a note, and which.
func IsSentinel(r rune) (int, bool) {
	if r >= SentinelBase && r <= SentinelMax {
		return int(r - SentinelBase), true
	}
	return 0, false
}

// Note is a footnote body found in the foot areas.
type Note struct {
	Label     string       // as printed: "1", "*", "†"
	Page      int          // index of the page where the note starts
	Lines     []pages.Line // its source lines, the label taken off the first; "" for blank lines
	Continued bool         // ran on to a later page
	Paired    bool         // a marker in the body points at it
	Endnote   bool         // gathered under a NOTES heading, not at a page's foot
}

// Result is what the notes stage hands on.
type Result struct {
	Notes []Note
	// Style is what the book showed of its unseparated foot areas (zero
	// when its notes stood under a separator, or it has none).
	Style footStyle
	// Markers counts the paired markers by how they stood in the text:
	// "glued digits", "superscript digits", "symbols", "spaced digits",
	// "OCR glyphs".
	Markers map[string]int
	// Separated counts the pages whose foot area a separator opened, by
	// the separator's kind.
	Separated map[string]int
}

// Find parses foot areas, pairs markers with bodies, and rewrites the
// paired markers in ps (body lines) into sentinel runes.
func Find(ps []pages.Page, rep *report.Report) Result {
	var res Result
	// Endnote sections first: their numbered lines are no foot area.
	secs := findEndnotes(ps, &res, rep)
	nEnd := len(res.Notes)
	var prevNum int // the last numeric label seen, for sequence evidence
	for pi := range ps {
		p := &ps[pi]
		longLabels(p, rep)
		if p.Separator != "" {
			if res.Separated == nil {
				res.Separated = map[string]int{}
			}
			res.Separated[p.Separator]++
		}
		markers := findMarkers(p.Body)
		have := map[string]bool{}
		for _, m := range markers {
			have[m.label] = true
		}
		var orphans []pages.Line
		for fi := 0; fi < len(p.Foot); fi++ {
			l := p.Foot[fi]
			t := strings.TrimSpace(l.Text)
			if isNoise(t) {
				if t != "" {
					rep.Add(report.Decision{Stage: "notes", Kind: "noise", Line: l.N, Page: p.Number,
						Text: fmt.Sprintf("dropped stray %q in the foot area", t), Evidence: "a line of punctuation only", Confidence: 0.9})
				}
				if t == "" && len(res.Notes) > 0 {
					last := &res.Notes[len(res.Notes)-1]
					last.Lines = append(last.Lines, pages.Line{N: l.N})
				}
				continue
			}
			if mark := pages.ContinuedMark(t); mark != "" && len(res.Notes) > 0 {
				// The book marks a note run on from the page before.
				t = strings.TrimSpace(t[len(mark):])
				l.Text = t
				rep.Add(report.Decision{Stage: "notes", Kind: "continued-mark", Line: l.N, Page: p.Number,
					Text: fmt.Sprintf("took off the mark %q of a continued note", strings.TrimSpace(mark)), Confidence: 0.9})
				if t == "" {
					continue
				}
			}
			label, rest, ok := noteStart(t)
			if lab, bare := readLabel(t); !ok && bare && lab.form == formOwnLine && fi+1 < len(p.Foot) && strings.TrimSpace(p.Foot[fi+1].Text) != "" {
				// The label alone on its line, the note's text below it.
				label, rest, ok = lab.label, strings.TrimSpace(p.Foot[fi+1].Text), true
				if plausibleStart(label, prevNum, have[label]) {
					fi++
					l = p.Foot[fi]
				} else {
					ok = false
				}
			}
			if ok {
				ok = plausibleStart(label, prevNum, have[label])
			}
			if !ok {
				if len(res.Notes) == 0 {
					// No note has begun in the book yet: the "foot area"
					// was a guess, and its text goes back to the body,
					// after the page's last line, where the source has it.
					orphans = append(orphans, l)
					rep.Add(report.Decision{Stage: "notes", Kind: "orphan-text", Line: l.N, Page: p.Number,
						Text:     fmt.Sprintf("foot-area text with no note to belong to, kept as body text: %q", clip(t)),
						Evidence: "no note has begun before it", Confidence: 0.3, Problem: true})
					continue
				}
				last := &res.Notes[len(res.Notes)-1]
				if last.Page != pi && !last.Continued {
					last.Continued = true
					rep.Add(report.Decision{Stage: "notes", Kind: "continued", Line: l.N, Page: p.Number,
						Text:     fmt.Sprintf("note %s (from p.%s) continues here: %q", last.Label, ps[last.Page].Number, clip(t)),
						Evidence: "unnumbered text at the top of a later foot area", Confidence: 0.9})
				}
				last.Lines = append(last.Lines, l)
				continue
			}
			if n, err := strconv.Atoi(label); err == nil {
				prevNum = n
			}
			res.Notes = append(res.Notes, Note{Label: label, Page: pi,
				Lines: []pages.Line{{N: l.N, Text: rest}}})
		}
		if len(orphans) > 0 {
			// Orphans come before any note line of the page: the foot
			// area keeps what follows the last of them. Body and foot
			// share one array: the body is copied before it grows.
			last := orphans[len(orphans)-1].N
			k := 0
			for k < len(p.Foot) && p.Foot[k].N <= last {
				k++
			}
			p.Body = append(slices.Clip(p.Body), orphans...)
			p.Foot = p.Foot[k:]
		}
	}
	if len(res.Notes) == nEnd {
		// No separator opened a foot area with a note in it: the book's
		// notes follow its text with nothing between (TeX, groff).
		st, anchors := learnFootStyle(ps)
		if st.anchors > 0 {
			res.Notes = append(res.Notes, findUnseparated(ps, st, anchors, rep)...)
			res.Style = st
		}
	}
	pair(ps, &res, rep)
	pairEndnotes(ps, &res, secs, rep)
	pairLooseEndnotes(ps, &res, secs, rep)
	reportUnpaired(ps, &res, rep)
	return res
}

// plausibleStart decides whether a foot line opening with a number is a
// new note or a note's line that happens to begin with a number ("1954 he
// was dismissed"): notes count up by one in a document and restart at 1.
func plausibleStart(label string, prev int, markerOnPage bool) bool {
	n, err := strconv.Atoi(label)
	if err != nil {
		return true // a symbol label: * † ‡
	}
	switch {
	case n == prev+1 || n == 1:
		return true
	case markerOnPage && n > prev && n <= prev+3:
		return true // a note missing from the text layer; the marker vouches for it
	case markerOnPage && n < 40:
		return true
	}
	return false
}

// noteStart reads a note's label: "1 On June 2…", "12 A traitor…", "¹ Text",
// "* Text".
func noteStart(t string) (label, rest string, ok bool) {
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	// Notes are numbered from 1: "0 …" or "07 …" is a line of text.
	if i > 0 && i <= 3 && i < len(t) && t[0] != '0' && (t[i] == ' ' || t[i] == '.' && i+1 < len(t) && t[i+1] == ' ') {
		rest = strings.TrimLeft(t[i:], ". ")
		if rest == "" {
			return "", "", false
		}
		return t[:i], rest, true
	}
	if sup := leadingSuper(t); sup != "" {
		return superToDigits(sup), strings.TrimSpace(t[len(sup):]), true
	}
	for _, s := range symbols { // longest first: "**" before "*"
		if strings.HasPrefix(t, s) && len(t) > len(s) && t[len(s)] == ' ' {
			return s, strings.TrimSpace(t[len(s):]), true
		}
	}
	if lab, ok := readLabel(t); ok && lab.form == formRunIn && (lab.kind == "bracket" || lab.kind == "paren") {
		return lab.label, lab.rest, true // "[1] Text", "(1) Text"
	}
	return "", "", false
}

// longLabels reports a line of the page that opens with a number too
// long for a note label ("99999 On June 2…") while the same number stands
// glued to a word of the page, as a note and its marker do: the number
// stays in the text and the line is not a note, which the editor must
// hear of rather than find in print.
func longLabels(p *pages.Page, rep *report.Report) {
	for _, lines := range [][]pages.Line{p.Body, p.Foot} {
		for _, l := range lines {
			n := longLabel(strings.TrimSpace(l.Text))
			if n == "" || !gluedIn(p.Body, n) {
				continue
			}
			rep.Add(report.Decision{Stage: "notes", Kind: "label-too-long", Line: l.N, Page: p.Number,
				Text:     fmt.Sprintf("%q opens a line and stands glued to a word of the page, as a note and its marker do, but folio takes notes numbered with at most 3 digits: the number stays in the text and the line is not a note; check it against the scan", n),
				Evidence: "a line's opening number and a glued number of the page agree", Confidence: 0.3, Problem: true})
		}
	}
}

// longLabel is the number opening a foot line when it has more digits
// than a note label takes ("99999 On June 2…"), else "".
func longLabel(t string) string {
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i > 3 && i <= 9 && i < len(t) && t[i] == ' ' && t[0] != '0' {
		return t[:i]
	}
	return ""
}

// gluedIn reports whether the number n stands glued to a word in body,
// as a marker would (and is no longer number's part).
func gluedIn(body []pages.Line, n string) bool {
	for _, l := range body {
		s := l.Text
		for i := strings.Index(s, n); i >= 0; {
			end := i + len(n)
			if i > 0 && gluedBefore(s, i) && (end == len(s) || s[end] < '0' || s[end] > '9') {
				return true
			}
			k := strings.Index(s[end:], n)
			if k < 0 {
				break
			}
			i = end + k
		}
	}
	return false
}

// isNoise: a line without a letter or a number (superscripts and
// fractions are numbers too) holds nothing of a note.
func isNoise(t string) bool {
	for _, r := range t {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return false
		}
	}
	return true
}

func clip(s string) string {
	if utf8.RuneCountInString(s) > 60 {
		r := []rune(s)
		return string(r[:60]) + "…"
	}
	return s
}

// marker is a candidate note marker in a body line.
type marker struct {
	line       int // index into page.Body
	start, end int // byte range of the label in the line's text
	label      string
}

func superDigit(r rune) (byte, bool) {
	switch r {
	case '⁰':
		return '0', true
	case '¹':
		return '1', true
	case '²':
		return '2', true
	case '³':
		return '3', true
	}
	if r >= '⁴' && r <= '⁹' {
		return byte('4' + (r - '⁴')), true
	}
	return 0, false
}

func leadingSuper(t string) string {
	n := 0
	for _, r := range t {
		if _, ok := superDigit(r); !ok {
			break
		}
		n += utf8.RuneLen(r)
	}
	return t[:n]
}

func superToDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		d, _ := superDigit(r)
		b.WriteByte(d)
	}
	return b.String()
}

// findMarkers lists the glued digit groups that may be note markers.
// A marker is 1–3 digits glued to a letter, or to closing punctuation
// after a word, and followed by a space, punctuation or the line end.
// Not markers: "3rd" (letters follow), "U-2" (hyphen), "39.3" (decimal),
// "11:30" (time), "1,000" (thousands), "[1957]" (a space or bracket before).
func findMarkers(body []pages.Line) []marker {
	var out []marker
	for li, l := range body {
		s := l.Text
		for i := 0; i < len(s); {
			if c := s[i]; c < utf8.RuneSelf && (c < '0' || c > '9') && c != '*' {
				if (c == '[' || c == '(') && i > 0 {
					// "word[1]", "word (1)": a bracketed number after a word.
					if m, ok := bracketMarker(s, i); ok {
						m.line = li
						out = append(out, m)
						i = m.end
						continue
					}
				}
				i++ // ASCII that can open no marker: most of the text
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if _, ok := superDigit(r); ok {
				j := i
				for j < len(s) {
					r2, sz := utf8.DecodeRuneInString(s[j:])
					if _, ok := superDigit(r2); !ok {
						break
					}
					j += sz
				}
				if i > 0 {
					out = append(out, marker{line: li, start: i, end: j, label: superToDigits(s[i:j])})
				}
				i = j
				continue
			}
			if noteSymbol(r) {
				j := i
				for j < len(s) && strings.HasPrefix(s[j:], string(r)) {
					j += size
				}
				if i > 0 && gluedBefore(s, i) && endsToken(s, j) {
					out = append(out, marker{line: li, start: i, end: j, label: s[i:j]})
				}
				i = j
				continue
			}
			if r < '0' || r > '9' {
				i += size
				continue
			}
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j-i <= 3 && i > 0 && gluedBefore(s, i) && endsToken(s, j) && s[i] != '0' {
				out = append(out, marker{line: li, start: i, end: j, label: s[i:j]})
			}
			i = j
		}
	}
	return out
}

// bracketMarker reads "[12]" or "(12)" at i, after a word or its
// punctuation (glued, or one space apart), as a marker; the range takes
// the space before a spaced one.
func bracketMarker(s string, i int) (marker, bool) {
	close := byte(']')
	if s[i] == '(' {
		close = ')'
	}
	j := i + 1
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == i+1 || j-i-1 > 3 || j >= len(s) || s[j] != close || s[i+1] == '0' {
		return marker{}, false
	}
	start := i
	before := i
	if s[i-1] == ' ' {
		if i < 2 {
			return marker{}, false
		}
		before, start = i-1, i-1
	}
	r, _ := utf8.DecodeLastRuneInString(s[:before])
	if !unicode.IsLetter(r) && !strings.ContainsRune(".,;:!?’”)", r) {
		return marker{}, false
	}
	if !endsToken(s, j+1) {
		return marker{}, false
	}
	return marker{start: start, end: j + 1, label: s[i+1 : j]}, true
}

// gluedBefore: what stands before position i makes the digits there a
// marker rather than a number of the text.
func gluedBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	if unicode.IsLetter(r) {
		return true
	}
	switch r {
	case ',':
		// "1957,1" is a marker, "1,000" is not: thousands come in threes,
		// and the digits run on; endsToken sees to that. A marker after a
		// comma needs a word or number before the comma.
		return i >= 2
	case '—', '–':
		// "CZERNY,—8": a marker after a dash that ends a phrase; "1960—61"
		// is a range.
		if i < 4 {
			return false
		}
		p, _ := utf8.DecodeLastRuneInString(s[:i-utf8.RuneLen(r)])
		return p != ' ' && !unicode.IsDigit(p)
	case '.', ';', ':', '!', '?', ')', ']', '’', '”', '"', '\'':
		if i < 2 {
			return false
		}
		p, _ := utf8.DecodeLastRuneInString(s[:i-1])
		if r == '.' || r == ':' {
			// "39.3" and "11:30" are numbers; "Stalin.1" is a marker.
			return !unicode.IsDigit(p)
		}
		return p != ' '
	}
	return false
}

// endsToken: digits followed by a space, the line end, or punctuation
// (not a letter or another digit group: "3rd", "1,000").
func endsToken(s string, j int) bool {
	if j >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return false
	}
	if r == ',' || r == '.' || r == ':' {
		// "1,000" or "39.3" continue the number; "Deities.17,18" is a
		// list of two markers (thousands come in threes).
		k := j + 1
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k > j+1 && (r != ',' || k-j-1 == 3) {
			return false
		}
	}
	if r == '-' {
		return false // "1-2", a range
	}
	return true
}

// pair matches markers with note bodies page by page, by label; a marker
// whose note starts on the neighbouring page (the foot area ran out) is
// paired with lower confidence. Paired markers become sentinel runes.
func pair(ps []pages.Page, res *Result, rep *report.Report) {
	// Unpaired notes by page and label, in order: a marker takes the
	// first, so pairing stays linear with thousands of notes on a page.
	type pageLabel struct {
		page  int
		label string
	}
	free := map[pageLabel][]int{}
	for i, n := range res.Notes {
		if n.Endnote {
			continue // paired by number over their chapter, not by page
		}
		k := pageLabel{n.Page, n.Label}
		free[k] = append(free[k], i)
	}
	type hit struct {
		m    marker
		note int
	}
	hits := map[int][]hit{}
	for pi := range ps {
		p := &ps[pi]
		for _, m := range findMarkers(p.Body) {
			note, conf, why := -1, 0.0, ""
			for _, cand := range []struct {
				page int
				conf float64
				why  string
			}{{pi, 0.97, "note with this number starts on the same page"},
				{pi + 1, 0.75, "note with this number starts on the next page"},
				{pi - 1, 0.6, "note with this number starts on the previous page"}} {
				k := pageLabel{cand.page, m.label}
				if q := free[k]; len(q) > 0 {
					note, conf, why = q[0], cand.conf, cand.why
					free[k] = q[1:]
					break
				}
			}
			l := p.Body[m.line]
			ctx := context(l.Text, m.start, m.end)
			if note < 0 {
				// Digits glued to a word with no note to go to: keep them.
				if plausibleMarker(l.Text, m) {
					rep.Add(report.Decision{Stage: "notes", Kind: "marker-unpaired", Line: l.N, Page: p.Number,
						Text:     fmt.Sprintf("kept %q as text: no note %s on this or a neighbouring page", ctx, m.label),
						Evidence: "looks like a marker but has no body", Confidence: 0.5, Problem: true})
				}
				continue
			}
			res.Notes[note].Paired = true
			res.count(markerKind(l.Text[m.start:m.end]))
			hits[pi] = append(hits[pi], hit{m, note})
			rep.Add(report.Decision{Stage: "notes", Kind: "paired", Line: l.N, Page: p.Number,
				Text:     fmt.Sprintf("marker %q → note %s", ctx, m.label),
				Evidence: why, Confidence: conf})
		}
	}
	// Rewrite from the end of each line so earlier offsets stay valid.
	for pi, hs := range hits {
		p := &ps[pi]
		for k := len(hs) - 1; k >= 0; k-- {
			h := hs[k]
			t := p.Body[h.m.line].Text
			p.Body[h.m.line].Text = t[:h.m.start] + string(Sentinel(h.note)) + t[h.m.end:]
		}
	}
	pairLoose(ps, res, rep)
}

// reportUnpaired records each note no marker points at, and the counts.
func reportUnpaired(ps []pages.Page, res *Result, rep *report.Report) {
	for _, n := range res.Notes {
		if !n.Paired {
			first := ""
			if len(n.Lines) > 0 {
				first = n.Lines[0].Text
			}
			why := "no glued digits with this number on its page or the ones beside it"
			if n.Endnote {
				why = "no marker with this number in the text before its notes section"
			}
			rep.Add(report.Decision{Stage: "notes", Kind: "body-unpaired", Line: n.Lines[0].N, Page: ps[n.Page].Number,
				Text:     fmt.Sprintf("note %s has no marker in the text: %q", n.Label, clip(first)),
				Evidence: why, Confidence: 0.3, Problem: true})
		}
	}
	rep.Count("notes", len(res.Notes))
	paired := 0
	for _, n := range res.Notes {
		if n.Paired {
			paired++
		}
	}
	rep.Count("notes paired", paired)
}

// plausibleMarker: worth telling the editor about an unpaired candidate
// only when it is glued to a letter (a word with a stray number), not to
// punctuation after a number.
func plausibleMarker(s string, m marker) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:m.start])
	return unicode.IsLetter(r)
}

func context(s string, start, end int) string {
	a := start
	for a > 0 && s[a-1] != ' ' {
		a--
	}
	b := end
	for b < len(s) && s[b] != ' ' {
		b++
	}
	return s[a:b]
}

func (r *Result) count(kind string) {
	if r.Markers == nil {
		r.Markers = map[string]int{}
	}
	r.Markers[kind]++
}

// noteSymbol: a reference mark of the series books number notes by on a
// page — * † ‡ § ‖ ¶ (the Chicago order; LaTeX's \fnsymbol puts ¶
// before ‖), doubled after the sixth.
func noteSymbol(r rune) bool {
	return r == '*' || r == '†' || r == '‡' || r == '§' || r == '‖' || r == '¶'
}

// markerKind names how a paired marker stood in the text.
func markerKind(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case r >= '0' && r <= '9':
		return "glued digits"
	case noteSymbol(r):
		return "symbols"
	}
	return "superscript digits"
}
