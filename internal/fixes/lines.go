package fixes

import (
	"fmt"
	"strings"

	"folio/internal/normalize"
	"folio/internal/report"
	"folio/internal/source"
)

// Stage is the report's stage for every fix.
const Stage = "fixes"

// Lines applies the replacements (on a line, and everywhere) to the source
// lines, in the file's order, and reports each: applied, or refused when
// the text no longer holds what the fix expects. The lines are the
// decoded text after internal/normalize: a fix's old text is matched
// against the letters the report and the Markdown show (ﬁ read as fi,
// letter-spaced words closed up), and normalisation keeps every line
// where it was, so the fix's line number is the report's. The number of
// lines never changes. lines is not modified.
func (s *Set) Lines(lines []string, rep *report.Report) []string {
	if s == nil {
		return lines
	}
	rep.Add(report.Decision{Stage: Stage, Kind: "file", Line: 1, Text: fmt.Sprintf("corrections from %s: %d fix%s", s.Path, len(s.Fixes), es(len(s.Fixes))), Confidence: 1})
	var out []string
	size := 0
	for _, l := range lines {
		size += len(l) + 1
	}
	for _, f := range s.Fixes {
		if f.Kind != ReplaceLine && f.Kind != ReplaceAll {
			continue
		}
		if out == nil {
			out = append([]string(nil), lines...)
		}
		var msg string
		var ok bool
		if f.Kind == ReplaceLine {
			msg, ok = s.replaceLine(out, f, &size)
		} else {
			msg, ok = s.replaceAll(out, f, &size)
		}
		s.record(rep, f, msg, ok)
	}
	if out == nil {
		return lines
	}
	return out
}

// record reports a fix applied, or refused (a problem: the fix is stale).
func (s *Set) record(rep *report.Report, f Fix, msg string, ok bool) {
	line := f.Line
	if line < 1 {
		line = 1
	}
	d := report.Decision{Stage: Stage, Kind: string(f.Kind), Line: line, Text: msg, Evidence: "the editor's fix, " + s.Where(f), Confidence: 1}
	if !ok {
		d.Kind = "refused"
		d.Text = fmt.Sprintf("%s fix not applied: %s", f.Kind, msg)
		d.Evidence = s.Where(f) + ": correct the fix or remove it"
		d.Problem = true
	}
	rep.Add(d)
	if ok {
		rep.Count("fixes applied", 1)
	} else {
		rep.Count("fixes refused", 1)
	}
}

func (s *Set) replaceLine(lines []string, f Fix, size *int) (string, bool) {
	span := strings.Count(f.Old, "\n")
	if f.Line > len(lines) || f.Line+span > len(lines) {
		return fmt.Sprintf("line %d is beyond the text (%d lines)", f.Line+span, len(lines)), false
	}
	text := strings.Join(lines[f.Line-1:f.Line+span], "\n")
	at, n := find(text, f.Old)
	old := f.Old
	if n == 0 {
		// Copied from the raw text (a ligature glyph, a no-break space)
		// or from the report and the Markdown (curly quotes): matched as
		// the text is normalised and as its quotes are, the match
		// replacing what the line holds.
		if alt := normalizeText(f.Old); alt != f.Old {
			at, n = find(text, alt)
			old = alt
		}
		if n == 0 {
			if i, l, m := findFolded(text, f.Old); m > 0 {
				at, n, old = i, m, text[i:i+l]
			}
		}
	}
	where := fmt.Sprintf("line %d", f.Line)
	if span > 0 {
		where = fmt.Sprintf("lines %d–%d", f.Line, f.Line+span)
	}
	switch {
	case n == 0:
		return fmt.Sprintf("%s no longer holds %q (it reads %q): the text changed", where, f.Old, clip(text, 120)), false
	case n > 1:
		return fmt.Sprintf("%q is found %d times on %s: give more of the text around it, so that it is found once", f.Old, n, where), false
	}
	grow := len(f.New) - len(old)
	if *size+grow > source.MaxBytes {
		return fmt.Sprintf("the text would grow past %d MB", source.MaxBytes>>20), false
	}
	*size += grow
	text = text[:at] + f.New + text[at+len(old):]
	copy(lines[f.Line-1:], strings.Split(text, "\n"))
	return fmt.Sprintf("replaced %q with %q on %s", old, f.New, where), true
}

// find returns where s first holds sub and how many times (not
// overlapping).
func find(s, sub string) (int, int) {
	at := strings.Index(s, sub)
	if at < 0 {
		return -1, 0
	}
	return at, 1 + strings.Count(s[at+len(sub):], sub)
}

func (s *Set) replaceAll(lines []string, f Fix, size *int) (string, bool) {
	// Count first: a count other than the one expected changes nothing.
	total := 0
	var first int
	for i, l := range lines {
		n := 0
		if f.re != nil {
			n = len(f.re.FindAllStringIndex(l, -1))
		} else if strings.Contains(l, f.Old) {
			n = strings.Count(l, f.Old)
		}
		if n > 0 && total == 0 {
			first = i + 1
		}
		total += n
	}
	what := fmt.Sprintf("%q", f.Old)
	if f.Regexp {
		what = fmt.Sprintf("the regular expression %q", f.Old)
	}
	if total != f.Count {
		return fmt.Sprintf("%s is found %d times, and the fix expects %d: the text changed (or the count is wrong); check the places and correct count:", what, total, f.Count), false
	}
	grow := 0
	type edit struct {
		i int
		t string
	}
	var edits []edit
	for i, l := range lines {
		var t string
		if f.re != nil {
			if !f.re.MatchString(l) {
				continue
			}
			t = f.re.ReplaceAllString(l, f.New)
		} else {
			if !strings.Contains(l, f.Old) {
				continue
			}
			t = strings.ReplaceAll(l, f.Old, f.New)
		}
		if strings.Contains(t, "\n") {
			return "the replacement would add a line end (a line break in new: or from the expression's groups)", false
		}
		grow += len(t) - len(l)
		if *size+grow > source.MaxBytes {
			return fmt.Sprintf("the text would grow past %d MB", source.MaxBytes>>20), false
		}
		edits = append(edits, edit{i, t})
	}
	for _, e := range edits {
		lines[e.i] = e.t
	}
	*size += grow
	return fmt.Sprintf("replaced %s with %q %d times (first on line %d)", what, f.New, total, first), true
}

// normalizeText is what internal/normalize makes of a fix's text.
func normalizeText(s string) string {
	parts := strings.Split(s, "\n")
	return strings.Join(normalize.Lines(parts, normalize.Options{}).Lines, "\n")
}

// foldQuote reads curly quotes and apostrophes as straight ones.
func foldQuote(r rune) rune {
	switch r {
	case '‘', '’', '‚', '‛', '′':
		return '\''
	case '“', '”', '„', '‟', '″':
		return '"'
	}
	return r
}

// findFolded finds sub in s with quotes folded: the byte offset and
// length of the match in s, and the count of matches.
func findFolded(s, sub string) (at, length, n int) {
	fs, offs := foldRunes(s)
	fsub, _ := foldRunes(sub)
	if len(fsub) == 0 {
		return 0, 0, 0
	}
	at = -1
	for i := 0; i+len(fsub) <= len(fs); {
		if equalRunes(fs[i:i+len(fsub)], fsub) {
			if n == 0 {
				at = offs[i]
				length = offs[i+len(fsub)] - offs[i]
			}
			n++
			i += len(fsub)
			continue
		}
		i++
	}
	return at, length, n
}

// foldRunes is s's runes with quotes folded, and each rune's byte offset
// (with len(s) at the end).
func foldRunes(s string) ([]rune, []int) {
	rs := make([]rune, 0, len(s))
	offs := make([]int, 0, len(s)+1)
	for i, r := range s {
		rs = append(rs, foldQuote(r))
		offs = append(offs, i)
	}
	return rs, append(offs, len(s))
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func es(n int) string {
	if n == 1 {
		return ""
	}
	return "es"
}
