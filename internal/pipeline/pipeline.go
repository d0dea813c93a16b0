// Package pipeline runs the cleaning stages in order: source text → pages
// → notes → clean → structure → book model, with one report of every
// decision. Each stage gets plain values from the one before.
package pipeline

import (
	"fmt"

	"folio/internal/book"
	"folio/internal/clean"
	"folio/internal/fixes"
	"folio/internal/normalize"
	"folio/internal/notes"
	"folio/internal/pages"
	"folio/internal/profile"
	"folio/internal/report"
	"folio/internal/source"
	"folio/internal/structure"
	"folio/internal/titlecase"
	"folio/internal/words"
)

// Clean turns raw input bytes into a book model. name is the input's name
// for messages and the report. Meta is left for the caller to fill.
func Clean(src []byte, name string) (*book.Book, *report.Report, error) {
	return CleanWith(src, name, nil)
}

// CleanWith is Clean with the editor's corrections (nil: none): the
// replacements edit the normalised source lines before paging, the
// structural fixes the model after structure (internal/fixes says why).
func CleanWith(src []byte, name string, fx *fixes.Set) (*book.Book, *report.Report, error) {
	rep := report.New(name)
	// The shared word list takes a while to load; let it load on the
	// other core while the text is decoded and paged.
	go words.Lookup("the")
	txt, err := source.Decode(name, src)
	if err != nil {
		return nil, nil, err
	}
	for _, n := range txt.Notes {
		rep.Add(report.Decision{Stage: "source", Kind: "decode", Line: 1, Text: n, Confidence: 0.9})
	}
	if err := checkText(name, txt.Lines); err != nil {
		return nil, nil, err
	}
	var prof profile.Profile
	norm := normalize.Lines(txt.Lines, normalize.Options{})
	prof.Set(charConvention(norm))
	for k, n := range norm.Counts {
		rep.Count("normalized "+k, n)
	}
	for _, ch := range norm.Changes {
		rep.Add(report.Decision{Stage: "source", Kind: ch.Kind, Line: ch.Line,
			Text: fmt.Sprintf("%q → %q", ch.From, ch.To), Evidence: "single letters set one space apart: a word letter-spaced for display", Confidence: 0.85})
	}
	lines := fx.Lines(norm.Lines, rep)
	split := pages.Split(lines, rep)
	for _, c := range split.Conventions() {
		prof.Set(c)
	}
	// The hyphen lexicon is learnt on the other core while notes are
	// found (clean.Learn says why the two do not interfere).
	lex := clean.Learn(split.Pages)
	found := notes.Find(split.Pages, rep)
	// The heading pattern is learnt while the lexicon is still being
	// learnt on the other core: it needs only the pages and the measure.
	cl := clean.Prepare(split.Pages, rep)
	front := structure.FindFront(split.Pages)
	heads := structure.LearnHeadings(split.Pages, cl.Width(), front)
	cl.KeepOwn(heads.OwnLines())
	cl.Lex = lex()
	paras := cl.Body()
	// Flagging suspicious OCR reads the paragraphs only: it runs beside
	// the structure stage, and its findings join the report after it, in
	// paragraph order, so the report stays the same from run to run.
	// The word count, too, reads the paragraphs only.
	type side struct {
		flags []report.Decision
		words int
	}
	done := make(chan side, 1)
	go func() {
		var s side
		s.flags = cl.Flags(paras)
		for _, p := range paras {
			s.words += clean.CountWords(p.Text)
		}
		done <- s
	}()
	for _, c := range found.Conventions() {
		prof.Set(c)
	}
	for _, c := range cl.Conventions(paras) {
		prof.Set(c)
	}
	for _, c := range heads.Conventions {
		prof.Set(c)
	}
	st := structure.BuildBook(structure.Input{Pages: split.Pages, Paras: paras, Notes: found.Notes, Cleaner: cl, Headings: heads, Front: front}, rep)
	chs := st.Chapters
	prof.Set(st.Map)
	s := <-done
	for _, d := range s.flags {
		rep.Count("suspicious OCR", 1)
		rep.Add(d)
	}
	b := &book.Book{Chapters: chs, SourcePages: len(split.Pages)}
	b.Provenance = book.Provenance{Source: name, Format: "text", Profile: prof.Sorted()}
	if tp := st.TitlePage; tp != nil {
		// What the source's title page says, for the metadata the user
		// does not give.
		b.Meta = titleMeta(*tp)
		b.Provenance.MetaFrom = []string{"source title page"}
		rep.Add(report.Decision{Stage: "structure", Kind: "title-page", Line: tp.Line,
			Text:     fmt.Sprintf("title page: title %q, subtitle %q, author %q, publisher %q, place %q, year %q", tp.Title, tp.Subtitle, tp.Author, tp.Publisher, tp.Place, tp.Year),
			Evidence: "fills the metadata the metadata file does not give", Confidence: 0.75})
	}
	rep.Profile = b.Provenance.Profile
	for _, c := range prof.Misfits() {
		rep.Add(report.Decision{Stage: "profile", Kind: "misfit", Line: 1,
			Text:     fmt.Sprintf("the book's %s (%s) explains only %.0f%% of it: check the pages it does not fit", c.Aspect, c.Value, c.Fit*100),
			Evidence: c.Evidence, Confidence: c.Confidence * c.Fit, Problem: true})
	}
	if fx != nil {
		fx.Model(b, fixes.NewSource(lines, split.Pages), rep)
	}
	rep.Count("words", s.words)
	rep.Count("paragraphs", len(paras))
	return b, rep, nil
}

// titleMeta is the metadata a source title page gives.
func titleMeta(tp structure.TitlePage) book.Meta {
	m := book.Meta{Title: titlecase.New("").Title(tp.Title), Subtitle: tp.Subtitle, Publisher: tp.Publisher, Date: tp.Year}
	if !clean.IsCaps(tp.Title) {
		m.Title = tp.Title
	}
	if tp.Author != "" {
		name := tp.Author
		if clean.IsCaps(name) {
			name = titlecase.New("").Name(name)
		}
		m.Authors = []book.Contributor{{Name: name, Role: "aut"}}
	}
	if clean.IsCaps(tp.Publisher) {
		m.Publisher = titlecase.New("").Name(tp.Publisher)
	}
	return m
}

// charConvention reports what normalisation found the text layer had
// invented.
func charConvention(r normalize.Result) book.Convention {
	c := book.Convention{Aspect: profile.Characters, Confidence: 0.95}
	if s := r.Summary(); s != "" {
		c.Value = "normalised: " + s
		c.Evidence = "ligature glyphs, soft hyphens, odd spaces, full-width forms, long s and letter-spaced words of the text layer"
	} else {
		c.Value = "nothing to normalise"
		c.Evidence = "no ligature glyphs, soft hyphens, odd spaces, full-width forms or letter-spaced words"
	}
	return c
}

// checkText refuses text with no words at all.
func checkText(name string, lines []string) error {
	for _, l := range lines {
		for _, r := range l {
			if r > ' ' && (r < '0' || r > '9') {
				if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 127 {
					return nil
				}
			}
		}
	}
	return fmt.Errorf("%s has no words in it (only numbers, spaces or punctuation): give folio the text of a book", name)
}
