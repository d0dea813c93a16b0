package clean

import (
	"regexp"
	"sort"
	"strings"

	"folio/internal/pages"
)

// A transcript or a play opens its paragraphs with its speakers' labels
// ("Q. You were the skipper?", "THE COMMISSIONER: Take your time",
// "KEEPER. Every night, Mary."). In text without indents or blank lines
// (plain pdftotext) a label at a line's start, after a line that ends a
// sentence, is the best evidence of a new paragraph there is — once the
// book shows that it opens lines with that label again and again.

// lineLabelRe reads a label at a line's start: a capital and a stop
// ("Q."), words in capitals and a stop or a colon ("KEEPER.", "THE
// COMMISSIONER:"), or a name and a colon ("Mr. Campbell:").
var lineLabelRe = regexp.MustCompile(`^(?:([A-Z])\.|([A-Z][A-Z’' .-]{1,38}[A-Z])[.:]|((?:Mr|Mrs|Miss|Dr|Sir|Lord|Lady|Captain|Rev)\.? [A-Z][\p{L}’'-]+):) \S`)

// labelOf returns the label line t opens with, or "".
func labelOf(t string) string {
	if len(t) < 4 || t[0] < 'A' || t[0] > 'Z' {
		return ""
	}
	m := lineLabelRe.FindStringSubmatch(t)
	if m == nil {
		return ""
	}
	for _, g := range m[1:] {
		if g != "" {
			return g
		}
	}
	return ""
}

// learnLabels finds the labels the book opens three lines or more with,
// after a line that ends a sentence. Single letters count only in pairs
// that are no sequence (question and answer, not A., B., C. of a list,
// nor a name's initial alone).
func learnLabels(ps []pages.Page) map[string]bool {
	counts := map[string]int{}
	prev := ""
	for _, p := range ps {
		for _, l := range p.Body {
			t := strings.TrimSpace(l.Text)
			if t == "" {
				continue
			}
			if lab := labelOf(t); lab != "" && (prev == "" || terminal(stripSentinels(prev))) {
				counts[lab]++
			}
			prev = t
		}
	}
	out := map[string]bool{}
	var letters []string
	for lab, n := range counts {
		if n < 3 {
			continue
		}
		if len(lab) == 1 {
			if strings.Contains("IVXLCDM", lab) || counts[string(lab[0]+1)]*2 >= n || lab[0] > 'A' && counts[string(lab[0]-1)]*2 >= n {
				continue
			}
			letters = append(letters, lab)
			continue
		}
		out[lab] = true
	}
	if len(letters) >= 2 {
		sort.Strings(letters)
		for _, l := range letters {
			out[l] = true
		}
	}
	return out
}

// Labels returns the line-opening labels learnt, sorted, for the report.
func (c *Cleaner) Labels() []string {
	out := make([]string, 0, len(c.labels))
	for l := range c.labels {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}
