package pages

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"folio/internal/book"
	"folio/internal/profile"
)

// Conventions says what the split learnt of the book's pages: how they
// are separated, where their folios and running heads stand, with the
// evidence and the share of pages each explains.
func (r Result) Conventions() []book.Convention {
	n := len(r.Pages)
	if n == 0 {
		return nil
	}
	var out []book.Convention
	printed, withFurniture := 0, 0
	for _, p := range r.Pages {
		if p.Printed {
			printed++
		}
		if len(p.Furniture) > 0 {
			withFurniture++
		}
	}
	// Pages: how they are told apart.
	pc := book.Convention{Aspect: profile.PageBreaks, Value: string(r.Style), Confidence: 0.95, Fit: 1}
	switch r.Style {
	case FormFeed:
		pc.Value = "form feeds"
		pc.Evidence = fmt.Sprintf("%d pages between form feeds", n)
	case LeadingSpace:
		pc.Value = "a first line indented by one space (a PDF text layer)"
		pc.Evidence = fmt.Sprintf("%d pages, tens of lines apart", n)
	case FolioOnly:
		pc.Value = "none in the text: found from the running heads and folios"
		pc.Evidence = fmt.Sprintf("%d pages opened by a head or closed by a folio that count up", n)
		pc.Fit = float64(withFurniture) / float64(n)
		pc.Confidence = 0.8
	case NoPages:
		pc.Value = "none found: the text is read as one long page"
		pc.Evidence = "no form feeds, no page-start indents, no folios that count up"
		pc.Confidence = 0.5
		pc.Fit = 0
	}
	if lo, hi, ok := folioSpan(r.Pages); ok && hi-lo+1 > n && r.Style != NoPages {
		// The folios say more pages were printed than the text holds.
		pc.Fit = min(pc.Fit, float64(n)/float64(hi-lo+1))
		pc.Evidence += fmt.Sprintf("; the folios run from %d to %d", lo, hi)
	}
	out = append(out, pc)

	st := r.furniture
	if st.folioPages == nil && printed == 0 {
		out = append(out, book.Convention{Aspect: profile.Folios, Value: "none found", Confidence: 0.6,
			Evidence: "no numbers at the pages' edges count up with the pages"})
	} else {
		fc := book.Convention{Aspect: profile.Folios, Confidence: 0.9}
		var where []string
		switch {
		case st.topFolios > 0 && st.footFolios > 0:
			where = append(where, fmt.Sprintf("at the top (%d pages) and the foot (%d)", st.topFolios, st.footFolios))
		case st.footFolios > 0:
			where = append(where, "at the foot")
		case st.topFolios > 0:
			where = append(where, "at the top")
		default:
			where = append(where, "in head-and-folio blocks")
		}
		if st.onHead > 0 {
			where = append(where, fmt.Sprintf("on the running head's line (%d) ", st.onHead))
		}
		if st.alone > 0 {
			where = append(where, fmt.Sprintf("alone on their line (%d)", st.alone))
		}
		if a := commonest(st.aligns); a != "" {
			where = append(where, alignWord(a, st.aligns))
		}
		if f := commonest(st.forms); f != "" {
			where = append(where, map[string]string{"-": "set between hyphens (- 12 -)", "—": "set between dashes (— 12 —)", "[]": "in brackets", "()": "in parentheses", "page": "as “Page 12”"}[f])
		}
		if st.roman > 0 {
			where = append(where, fmt.Sprintf("roman numerals on %d front pages", st.roman))
		}
		fc.Value = strings.Join(nonEmpty(where), ", ")
		// Not a fit: pages without a printed folio (chapter openings, a
		// text layer that lost them) are numbered from their neighbours.
		fc.Evidence = fmt.Sprintf("%d of %d pages show a number that keeps step with the pages; the others are numbered from them", printed, n)
		out = append(out, fc)
	}
	if len(st.headPages) > 0 {
		hc := book.Convention{Aspect: profile.RunningHeads, Confidence: 0.9}
		v, rc := commonest(st.verso), commonest(st.recto)
		switch {
		case v != "" && rc != "" && v != rc:
			hc.Value = fmt.Sprintf("alternating: verso %q, recto %q", v, rc)
		case v != "":
			hc.Value = fmt.Sprintf("%q", v)
		default:
			hc.Value = fmt.Sprintf("%q", rc)
		}
		distinct := len(st.verso) + len(st.recto)
		if distinct > 2 {
			hc.Value += fmt.Sprintf(" (%d texts in all: chapter titles as heads)", distinct)
		}
		hc.Evidence = fmt.Sprintf("repeated at the edge of %d pages, beside their folios", len(st.headPages))
		hc.Fit = float64(len(st.headPages)) / float64(n)
		if hc.Fit < profile.MinFit {
			hc.Fit = 0 // chapter openings show none: a head on most pages is the convention
		}
		out = append(out, hc)
	} else {
		out = append(out, book.Convention{Aspect: profile.RunningHeads, Value: "none found", Confidence: 0.7,
			Evidence: "no line repeats at the pages' edges"})
	}
	return out
}

func folioSpan(ps []Page) (lo, hi int, ok bool) {
	for _, p := range ps {
		if !p.Printed {
			continue
		}
		v, err := strconv.Atoi(p.Number)
		if err != nil {
			continue
		}
		if !ok || v < lo {
			lo = v
		}
		if !ok || v > hi {
			hi = v
		}
		ok = true
	}
	return
}

// commonest is the key counted most (ties: the first in order).
func commonest(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	best, bestN := "", 0
	for _, k := range keys {
		if m[k] > bestN {
			best, bestN = k, m[k]
		}
	}
	return best
}

func alignWord(a string, all map[string]int) string {
	if len(all) >= 2 && all["left"] > 0 && all["right"] > 0 {
		return "at the outer margin (left on versos, right on rectos)"
	}
	return map[string]string{"left": "at the left margin", "right": "at the right margin", "centre": "centred"}[a]
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
