package notes

import (
	"fmt"
	"sort"
	"strings"

	"folio/internal/book"
	"folio/internal/profile"
)

// Conventions says what the notes stage learnt of the book's notes: what
// sets them off from the text, how their labels and markers stand, and
// how they are numbered, each with its evidence.
func (r Result) Conventions() []book.Convention {
	if len(r.Notes) == 0 {
		return []book.Convention{{Aspect: profile.FootSeparator, Value: "no notes found", Confidence: 0.7,
			Evidence: "no separator opens a foot area with a note, and no line at a page's foot opens with a label whose marker stands above it or whose number continues a count"}}
	}
	var out []book.Convention
	st := r.Style
	sep := book.Convention{Aspect: profile.FootSeparator, Confidence: 0.9}
	if len(r.Separated) > 0 {
		kind := commonestKey(r.Separated)
		sep.Value = kind + " over the notes"
		sep.Evidence = fmt.Sprintf("%d pages open their foot area with %s", r.Separated[kind], kind)
	} else {
		sep.Value = "none: the notes follow the text (a drawn rule leaves no text)"
		sep.Evidence = fmt.Sprintf("%d pages open their notes with a label whose marker stands above it or whose number continues the count", st.anchors)
		if st.wide > 0 {
			sep.Evidence += fmt.Sprintf("; the notes are set to a wider measure (%d characters against the text's %d), which finds their continued lines", st.noteWidth, st.bodyWidth)
		}
	}
	out = append(out, sep)

	labels := book.Convention{Aspect: profile.NoteLabels, Confidence: 0.9}
	kinds := map[string]int{}
	for _, n := range r.Notes {
		kinds[labelKind(n.Label)]++
	}
	var parts []string
	for _, k := range sortedKeys(kinds) {
		parts = append(parts, fmt.Sprintf("%s (%d)", k, kinds[k]))
	}
	labels.Value = strings.Join(parts, ", ")
	if len(st.forms) > 0 {
		var fs []string
		for _, f := range []labelForm{formOwnLine, formRunIn, formGlued} {
			if st.forms[f] > 0 {
				fs = append(fs, fmt.Sprintf("%s on %d pages", f, st.forms[f]))
			}
		}
		labels.Value += "; the label " + strings.Join(fs, ", ")
		if st.forms[formGlued] > 0 {
			labels.Confidence = 0.75 // OCR's reading of raised labels: some are lost or misread
		}
	}
	labels.Evidence = fmt.Sprintf("%d notes", len(r.Notes))
	out = append(out, labels)

	paired := 0
	for _, n := range r.Notes {
		if n.Paired {
			paired++
		}
	}
	mk := book.Convention{Aspect: profile.NoteMarkers, Confidence: 0.9, Fit: float64(paired) / float64(len(r.Notes))}
	parts = parts[:0]
	for _, k := range sortedKeys(r.Markers) {
		if r.Markers[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s (%d)", k, r.Markers[k]))
		}
	}
	mk.Value = strings.Join(parts, ", ")
	if mk.Value == "" {
		mk.Value = "none found"
	}
	mk.Evidence = fmt.Sprintf("%d of %d notes paired with a marker on their page", paired, len(r.Notes))
	if r.Markers["OCR glyphs"] > 0 {
		mk.Confidence = 0.6
		mk.Evidence += fmt.Sprintf("; %d of them OCR's misreadings of a raised digit, placed by the notes' order", r.Markers["OCR glyphs"])
	}
	out = append(out, mk)

	scope := book.Convention{Aspect: profile.NoteScope, Confidence: 0.85}
	s, ev := learnScopeNotes(r.Notes)
	scope.Value, scope.Evidence = scopeWords(s), ev
	out = append(out, scope)
	return out
}

func scopeWords(s string) string {
	switch s {
	case "page":
		return "per page"
	case "chapter":
		return "per chapter (the count starts again)"
	}
	return "through the book"
}

// learnScopeNotes reads the numbering scope from the notes' labels in
// page order.
func learnScopeNotes(ns []Note) (string, string) {
	as := make([]anchor, 0, len(ns))
	last := -1
	for _, n := range ns {
		if n.Page == last {
			continue
		}
		last = n.Page
		as = append(as, anchor{page: n.Page, lab: footLabel{label: n.Label}})
	}
	return learnScope(nil, as)
}

func labelKind(l string) string {
	if labelNumber(l) > 0 {
		return "numbers"
	}
	return "symbols " + l
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func commonestKey(m map[string]int) string {
	best, bestN := "", -1
	for _, k := range sortedKeys(m) {
		if m[k] > bestN {
			best, bestN = k, m[k]
		}
	}
	return best
}
