// Package report records every heuristic decision the pipeline makes, with
// its evidence and a confidence, so that an editor can check an edition in
// minutes and a developer can see why the text came out as it did.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"folio/internal/book"
)

// Decision is one choice a stage made about the source.
type Decision struct {
	Stage      string  `json:"stage"`          // "pages", "hyphen", "notes", "structure", "typo"
	Kind       string  `json:"kind"`           // "join", "keep", "folio", "note-paired", …
	Line       int     `json:"line"`           // 1-based source line
	Page       string  `json:"page,omitempty"` // printed page number, when known
	Text       string  `json:"text"`           // what was decided: "compli-|cated → complicated"
	Evidence   string  `json:"evidence,omitempty"`
	Confidence float64 `json:"confidence"` // 0..1
	Problem    bool    `json:"problem,omitempty"`
}

// Uncertain is the confidence below which a decision is listed for review.
const Uncertain = 0.8

// Report is all decisions of one build.
type Report struct {
	Source string `json:"source"`
	// Profile is the book profile: the conventions learnt of the text
	// layer, in report order (set once the stages have learnt them).
	Profile   []book.Convention `json:"profile,omitempty"`
	Counts    map[string]int    `json:"counts"`
	Decisions []Decision        `json:"decisions"`
}

// New starts an empty report for the named source.
func New(source string) *Report {
	return &Report{Source: source, Counts: map[string]int{}}
}

// Add records a decision.
func (r *Report) Add(d Decision) { r.Decisions = append(r.Decisions, d) }

// Count adds n to a named counter.
func (r *Report) Count(name string, n int) { r.Counts[name] += n }

// Problems returns the decisions marked as problems.
func (r *Report) Problems() []Decision {
	var out []Decision
	for _, d := range r.Decisions {
		if d.Problem {
			out = append(out, d)
		}
	}
	return out
}

// Sorted returns the decisions with problems first, then the uncertain
// ones by rising confidence, then the rest in source order.
func (r *Report) Sorted() []Decision {
	out := append([]Decision(nil), r.Decisions...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Problem != b.Problem {
			return a.Problem
		}
		ua, ub := a.Confidence < Uncertain, b.Confidence < Uncertain
		if ua != ub {
			return ua
		}
		if ua && a.Confidence != b.Confidence {
			return a.Confidence < b.Confidence
		}
		return a.Line < b.Line
	})
	return out
}

// WriteJSON writes the report, decisions sorted for review.
func (r *Report) WriteJSON(w io.Writer) error {
	out := *r
	out.Decisions = r.Sorted()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// WriteText writes a human review list: counts, then every problem and
// uncertain decision, then the rest grouped by stage and kind.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "folio review report: %s\n\n", r.Source)
	if len(r.Profile) > 0 {
		b.WriteString("== Book profile (what folio learnt of this text layer's conventions)\n")
		for _, c := range r.Profile {
			fmt.Fprintf(&b, "  %s\n", profileLine(c))
		}
		b.WriteString("\n")
	}
	keys := make([]string, 0, len(r.Counts))
	for k := range r.Counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "  %-28s %d\n", k, r.Counts[k])
	}
	sorted := r.Sorted()
	section := ""
	for _, d := range sorted {
		s := "Decisions (certain)"
		switch {
		case d.Problem:
			s = "Problems"
		case d.Confidence < Uncertain:
			s = "To check (uncertain)"
		}
		if s != section {
			section = s
			fmt.Fprintf(&b, "\n== %s\n", s)
		}
		page := ""
		if d.Page != "" {
			page = " p." + d.Page
		}
		fmt.Fprintf(&b, "line %5d%s  [%s/%s %.2f] %s", d.Line, page, d.Stage, d.Kind, d.Confidence, d.Text)
		if d.Evidence != "" {
			fmt.Fprintf(&b, "  — %s", d.Evidence)
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Summary is a few lines for the terminal.
func (r *Report) Summary() string {
	unc, prob := 0, 0
	for _, d := range r.Decisions {
		switch {
		case d.Problem:
			prob++
		case d.Confidence < Uncertain:
			unc++
		}
	}
	return fmt.Sprintf("%d decisions, %d to check, %d problems", len(r.Decisions), unc, prob)
}

// profileLine is one convention as the text report prints it.
func profileLine(c book.Convention) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-15s %s  [%.2f", c.Aspect, c.Value, c.Confidence)
	if c.Fit > 0 {
		fmt.Fprintf(&b, "; fits %.0f%%", c.Fit*100)
	}
	b.WriteString("]")
	if c.Evidence != "" {
		b.WriteString("  — " + c.Evidence)
	}
	return b.String()
}
