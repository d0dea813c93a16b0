// Package profile holds the book profile: the conventions of one book's
// text layer — how its pages are separated, where its folios and running
// heads sit, how its notes are set off, labelled and numbered, how its
// paragraphs are marked — each learnt from evidence across the pages by
// the stage that needs it, with that evidence and a confidence. The
// profile is reported first, and kept in the book model's provenance.
package profile

import "folio/internal/book"

// Aspects, in the order the report lists them.
const (
	Characters    = "characters"     // what the text layer invented (ligatures, odd spaces…)
	Layout        = "layout"         // plain lines, or lines laid out as on the page (pdftotext -layout)
	PageBreaks    = "pages"          // how pages are separated
	Folios        = "folios"         // the page numbers: form, place
	RunningHeads  = "running-heads"  // verso and recto heads
	FootSeparator = "foot-separator" // what sets the notes off from the text
	NoteLabels    = "note-labels"    // how a note's label is printed
	NoteMarkers   = "note-markers"   // how a marker stands in the text
	NoteScope     = "note-numbering" // per page, per chapter, through the book
	Paragraphs    = "paragraphs"     // blank lines, first-line indents, both
	LineWidth     = "line-width"     // the measure, in characters
	Headings      = "headings"       // the pattern chapter and section headings follow
	ChapterMap    = "chapter-map"    // the chapters found, and how far the contents page agrees
)

var order = []string{Characters, Layout, PageBreaks, Folios, RunningHeads, FootSeparator, NoteLabels, NoteMarkers, NoteScope, Paragraphs, LineWidth, Headings, ChapterMap}

// MinFit is the share of pages a convention must explain; below it the
// profile does not describe the book well and the report says so.
const MinFit = 0.9

// Profile is the set of conventions learnt so far.
type Profile struct {
	Conventions []book.Convention
}

// Set records a convention, replacing an earlier one of the same aspect.
func (p *Profile) Set(c book.Convention) {
	for i := range p.Conventions {
		if p.Conventions[i].Aspect == c.Aspect {
			p.Conventions[i] = c
			return
		}
	}
	p.Conventions = append(p.Conventions, c)
}

// Get returns the convention of an aspect, if learnt.
func (p *Profile) Get(aspect string) (book.Convention, bool) {
	for _, c := range p.Conventions {
		if c.Aspect == aspect {
			return c, true
		}
	}
	return book.Convention{}, false
}

// Sorted returns the conventions in report order.
func (p *Profile) Sorted() []book.Convention {
	var out []book.Convention
	for _, a := range order {
		if c, ok := p.Get(a); ok {
			out = append(out, c)
		}
	}
	for _, c := range p.Conventions {
		known := false
		for _, a := range order {
			known = known || a == c.Aspect
		}
		if !known {
			out = append(out, c)
		}
	}
	return out
}

// Misfits are the conventions that explain too little of the book.
func (p *Profile) Misfits() []book.Convention {
	var out []book.Convention
	for _, c := range p.Sorted() {
		if c.Fit > 0 && c.Fit < MinFit {
			out = append(out, c)
		}
	}
	return out
}
