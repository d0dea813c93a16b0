package clean

import (
	"fmt"
	"strings"

	"folio/internal/book"
	"folio/internal/profile"
)

// Conventions says what cleaning learnt of the book's paragraphs and
// lines: whether the text is laid out as on the page, how paragraphs are
// marked, and the measure.
func (c *Cleaner) Conventions(paras []Para) []book.Convention {
	blankBreaks, indented, lines := 0, 0, 0
	for _, p := range c.Pages {
		prevBlank := false
		for _, l := range p.Body {
			t := strings.TrimSpace(l.Text)
			if t == "" {
				prevBlank = true
				continue
			}
			lines++
			if prevBlank {
				blankBreaks++
			}
			if c.indent > 0 {
				if ind := leadingSpaces(l.Text); ind >= c.indent-1 && ind < c.indent+4 {
					indented++
				}
			}
			prevBlank = false
		}
	}
	var out []book.Convention
	lay := book.Convention{Aspect: profile.Layout, Confidence: 0.9}
	if c.indent > 0 {
		lay.Value = "laid out as on the page (indents and centred lines kept)"
		lay.Evidence = fmt.Sprintf("%d of %d lines open with an indent of about %d spaces", indented, lines, c.indent)
	} else {
		lay.Value = "plain lines (no indents to read)"
		lay.Evidence = "hardly any line is indented"
	}
	out = append(out, lay)

	pc := book.Convention{Aspect: profile.Paragraphs, Confidence: 0.85}
	n := max(1, len(paras))
	byBlank := blankBreaks*10 >= n*3
	byIndent := c.indent > 0 && indented*10 >= n*3
	switch {
	case byBlank && byIndent:
		pc.Value = "blank lines and first-line indents"
	case byBlank:
		pc.Value = "blank lines between paragraphs"
	case byIndent:
		pc.Value = fmt.Sprintf("first-line indents (%d spaces), no blank lines", c.indent)
	default:
		pc.Value = "neither blank lines nor indents: paragraphs told by short last lines"
		pc.Confidence = 0.6 // a paragraph whose last line is full cannot be told from the next
	}
	pc.Evidence = fmt.Sprintf("%d paragraphs; %d set off by a blank line, %d opened by an indent", len(paras), blankBreaks, indented)
	if labs := c.Labels(); len(labs) > 0 {
		pc.Value += "; speakers' labels open paragraphs (" + strings.Join(labs, ", ") + ")"
		pc.Evidence += "; each label opens three lines or more after a sentence's end"
	}
	out = append(out, pc)

	wc := book.Convention{Aspect: profile.LineWidth, Value: fmt.Sprintf("%d characters", c.width), Confidence: 0.9,
		Evidence: "the length most full lines reach (80th percentile)"}
	out = append(out, wc)
	return out
}
