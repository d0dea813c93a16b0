package structure

import (
	"fmt"
	"strings"

	"folio/internal/book"
	"folio/internal/profile"
	"folio/internal/report"
)

// The chapter map — which chapters the book has and where they open —
// gets its own confidence and evidence: the heading pattern that found
// them, the source's contents page that agrees (or not), and what is
// suspect (a long book read as one chapter).

// checkMap reports the chapter map against the contents page, and its
// confidence as a convention of the profile.
func (b *builder) checkMap(chs []book.Chapter) book.Convention {
	body := 0
	for _, ch := range chs {
		if ch.Kind.Matter() == "body" && ch.Kind != book.Part {
			body++
		}
	}
	c := book.Convention{Aspect: profile.ChapterMap, Value: fmt.Sprintf("%d chapters", body), Confidence: 0.75}
	var ev []string
	if b.in.Headings.Chapters() {
		c.Confidence = 0.9
		ev = append(ev, "the book's heading pattern")
	} else {
		ev = append(ev, "openings in capitals at page tops")
	}
	pages := len(b.in.Pages)
	if body <= 1 && pages >= 20 {
		c.Confidence = 0.4
		b.rep.Add(report.Decision{Stage: "structure", Kind: "one-chapter", Line: 1,
			Text:     fmt.Sprintf("the book (%d pages) reads as one chapter: no heading pattern and no openings found", pages),
			Evidence: "give the chapters headings in the text, or mark them in a corrections file", Confidence: 0.4, Problem: true})
	}
	if entries := b.in.Front.Contents; len(entries) > 0 {
		titles := map[string]bool{}
		for _, ch := range chs {
			titles[letterKey(ch.TitleText())] = true
			titles[letterKey(ch.Label+ch.TitleText())] = true
			titles[letterKey(ch.Label)] = true
		}
		listed, missing := 0, 0
		for _, e := range entries {
			if e.Group || e.Title == "" {
				continue
			}
			listed++
			if titles[letterKey(e.Title)] || titles[letterKey(e.Label+e.Title)] {
				continue
			}
			missing++
			b.rep.Add(report.Decision{Stage: "structure", Kind: "contents-mismatch", Line: e.Line,
				Text:     fmt.Sprintf("the contents page lists %q (p. %s), which no chapter of the edition opens with", strings.TrimSpace(e.Label+" "+e.Title), e.Page),
				Evidence: "the contents page against the chapters found", Confidence: 0.5, Problem: true})
		}
		if listed > 0 {
			c.Fit = float64(listed-missing) / float64(listed)
			ev = append(ev, fmt.Sprintf("%d of %d entries of the contents page open a chapter", listed-missing, listed))
			if missing == 0 {
				c.Confidence = min(0.97, c.Confidence+0.07)
			}
		}
	}
	c.Evidence = strings.Join(ev, "; ")
	return c
}
