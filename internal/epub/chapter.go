package epub

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"folio/internal/book"
)

// kindMarkup is how a chapter kind is marked: its epub:type and ARIA role
// on the <section>, and the epub:type of the <body> (front, body or back
// matter).
type kindMarkup struct{ epubType, role, body string }

// kinds lists the chapter kinds an EPUB sets as documents. The kinds
// book.ChapterKind.Replaced reports (the source's title page, half-title,
// contents and list of illustrations) are not among them: the EPUB makes
// its own title page and contents, and the source's are left out.
var kinds = map[book.ChapterKind]kindMarkup{
	book.Preface:      {"preface", "doc-preface", "frontmatter"},
	book.Foreword:     {"foreword", "doc-foreword", "frontmatter"},
	book.Introduction: {"introduction", "doc-introduction", "frontmatter"},
	book.Copyright:    {"copyright-page", "", "frontmatter"},
	book.Dedication:   {"dedication", "doc-dedication", "frontmatter"},
	book.EpigraphPage: {"epigraph", "doc-epigraph", "frontmatter"},
	book.Document:     {"chapter", "doc-chapter", "bodymatter"},
	book.Part:         {"part", "doc-part", "bodymatter"},
	book.Afterword:    {"afterword", "doc-afterword", "backmatter"},
	book.Appendix:     {"appendix", "doc-appendix", "backmatter"},
	book.Bibliography: {"bibliography", "doc-bibliography", "backmatter"},
	book.Glossary:     {"glossary", "doc-glossary", "backmatter"},
	book.Index:        {"index", "doc-index", "backmatter"},
	book.Endnotes:     {"endnotes", "doc-endnotes", "backmatter"},
}

// untitledName names a page that may have no heading (a dedication, an
// epigraph, a source's imprint), for its document title and label.
var untitledName = map[book.ChapterKind]string{
	book.Copyright:    "Copyright",
	book.Dedication:   "Dedication",
	book.EpigraphPage: "Epigraph",
}

// kindOf is a chapter's kind, "" read as a document.
func kindOf(ch *book.Chapter) book.ChapterKind {
	if ch.Kind == "" {
		return book.Document
	}
	return ch.Kind
}

// written reports whether the EPUB sets this chapter as a document.
func written(ch *book.Chapter) bool { return !kindOf(ch).Replaced() }

// navTitle is how the contents list a chapter: its label and its title
// ("Chapter I: The Arrival at Skerryvore"), or whichever it has.
func navTitle(ch *book.Chapter) string {
	title := strings.TrimSpace(ch.TitleText())
	label := strings.TrimRight(strings.TrimSpace(ch.Label), ".:")
	switch {
	case label == "":
		return title
	case title == "":
		return label
	}
	return label + ": " + title
}

// chapterWriter renders one chapter; it keeps the state that note and page
// markers need.
type chapterWriter struct {
	ch    *book.Chapter
	ids   idSet
	pages *pageMarks
	w     bytes.Buffer
	doc   *chapterDoc
	order int
	// noteIDs are the chapter's note ids; refIDs the id of each note's
	// first reference, the backlink target; referenced tells the notes
	// some marker points at.
	noteIDs    []string
	refIDs     []string
	referenced []bool
	// level is the last heading level written (1: the chapter's h1), so
	// that a section never skips a level.
	level int
	// inIndex: page references are index locators.
	inIndex bool
}

func renderChapter(ch *book.Chapter, file, lang string, ids idSet, pages *pageMarks) (*chapterDoc, error) {
	kind, ok := kinds[kindOf(ch)]
	if !ok {
		return nil, fmt.Errorf("chapter %s (line %d): unknown kind %q; use one of %s", ch.ID, ch.Line, ch.Kind, kindList())
	}
	cw := &chapterWriter{ch: ch, ids: ids, pages: pages, doc: &chapterDoc{File: file, Kind: kindOf(ch), InTOC: true}, level: 1}
	title := navTitle(ch)
	if title == "" {
		name, ok := untitledName[kindOf(ch)]
		if !ok {
			return nil, fmt.Errorf("chapter %s (line %d): has no title; every chapter needs one for the table of contents", ch.ID, ch.Line)
		}
		title, cw.doc.InTOC = name, false
	}
	cw.doc.Title = title
	prefix := strings.TrimSuffix(file, ".xhtml")
	cw.referenced = make([]bool, len(ch.Notes))
	eachInline(ch, func(in *book.Inline) {
		if in.Kind == book.NoteRef && in.Note >= 0 && in.Note < len(ch.Notes) {
			cw.referenced[in.Note] = true
		}
	})
	for i, n := range ch.Notes {
		want := n.ID
		if want == "" {
			want = fmt.Sprintf("%s-n%d", prefix, i+1)
		}
		cw.noteIDs = append(cw.noteIDs, ids.make(want, "note"))
	}
	cw.refIDs = make([]string, len(ch.Notes))
	cw.inIndex = kindOf(ch) == book.Index

	w := &cw.w
	xhtmlHead(w, lang, title, kind.body, usesZ3998(ch))
	w.WriteString(`<section id="`)
	w.WriteString(ids.make(prefix, "chapter"))
	w.WriteString(`"`)
	switch kindOf(ch) {
	case book.Part, book.Dedication, book.EpigraphPage:
		// pages set apart, lower on the page (see the style sheet)
		w.WriteString(` class="` + string(kindOf(ch)) + `"`)
	}
	w.WriteString(` epub:type="` + kind.epubType + `"`)
	if kind.role != "" {
		w.WriteString(` role="` + kind.role + `"`)
	}
	hasHeading := strings.TrimSpace(ch.TitleText()) != "" || strings.TrimSpace(ch.Label) != ""
	if !hasHeading {
		w.WriteString(` aria-label="`)
		esc(w, title)
		w.WriteString(`"`)
	}
	w.WriteString(">\n")
	if hasHeading {
		w.WriteString("<h1>")
		if err := cw.heading(); err != nil {
			return nil, err
		}
		w.WriteString("</h1>\n")
	}
	if cw.doc.InTOC {
		cw.doc.TOC = append(cw.doc.TOC, tocEntry{Title: title, Level: 1})
	}
	if len(ch.Subtitle) > 0 {
		w.WriteString(`<p class="subtitle" role="doc-subtitle">`)
		if err := cw.inlines(ch.Subtitle); err != nil {
			return nil, err
		}
		w.WriteString("</p>\n")
	}
	cw.dateline()
	if err := cw.blocks(); err != nil {
		return nil, err
	}
	if err := cw.notes(); err != nil {
		return nil, err
	}
	w.WriteString("</section>\n")
	xhtmlFoot(w)
	cw.doc.Body = cw.w.Bytes()
	return cw.doc, nil
}

func kindList() string {
	var ks []string
	for _, k := range book.Kinds {
		if _, ok := kinds[k]; ok {
			ks = append(ks, string(k))
		}
	}
	return strings.Join(ks, ", ")
}

// heading writes the h1's content: the label apart from the title, so
// that the title reads alone (the style sheet sets the label on a line of
// its own, smaller, above it).
func (cw *chapterWriter) heading() error {
	ch := cw.ch
	label := strings.TrimSpace(ch.Label)
	hasTitle := strings.TrimSpace(ch.TitleText()) != ""
	if label != "" {
		if !hasTitle {
			esc(&cw.w, label)
			return cw.inlines(ch.Title) // page breaks, note references
		}
		cw.w.WriteString(`<span class="chapter-label">`)
		esc(&cw.w, label)
		cw.w.WriteString("</span> ")
	}
	return cw.inlines(ch.Title)
}

// dateline writes the chapter's place, date and time.
func (cw *chapterWriter) dateline() {
	ch, w := cw.ch, &cw.w
	if ch.Place == "" && ch.Date == "" && ch.Time == "" {
		return
	}
	w.WriteString(`<p class="dateline">`)
	if ch.Place != "" {
		esc(w, ch.Place)
		if ch.Date != "" {
			w.WriteString(", ")
		}
	}
	if ch.Date != "" {
		if validDatetime(ch.DateISO) {
			w.WriteString(`<time datetime="` + ch.DateISO + `">`)
			esc(w, ch.Date)
			w.WriteString("</time>")
		} else {
			esc(w, ch.Date)
		}
	}
	if ch.Time != "" {
		if ch.Place != "" || ch.Date != "" {
			w.WriteString("<br/>")
		}
		esc(w, ch.Time)
	}
	w.WriteString("</p>\n")
}

// usesZ3998 tells whether a chapter has letter parts or verse, which are
// marked with the DAISY structure vocabulary.
func usesZ3998(ch *book.Chapter) bool {
	for _, b := range ch.Blocks {
		if strings.Contains(blockOpen[b.Kind], "z3998:") || b.Kind == book.Verse || b.Kind == book.Epigraph && len(b.Lines) > 0 {
			return true
		}
	}
	return false
}

// validDatetime accepts the forms DateISO may take (a year, a month, a
// day) when they name a real date; anything else is shown without <time>.
func validDatetime(s string) bool {
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(s)]
	if layout == "" {
		return false
	}
	t, err := time.Parse(layout, s)
	return err == nil && t.Year() > 0
}

func (cw *chapterWriter) at(b *book.Block, err error) error {
	return fmt.Errorf("chapter %s, block at line %d: %w", cw.ch.ID, b.Line, err)
}

func (cw *chapterWriter) inlines(in []book.Inline) error {
	w := &cw.w
	for i := range in {
		r := &in[i]
		switch r.Kind {
		case book.Text, "":
			esc(w, r.Text)
		case book.Emphasis:
			w.WriteString("<em>")
			esc(w, r.Text)
			w.WriteString("</em>")
		case book.Strong:
			w.WriteString("<strong>")
			esc(w, r.Text)
			w.WriteString("</strong>")
		case book.SmallCaps:
			w.WriteString(`<span class="smallcaps">`)
			esc(w, r.Text)
			w.WriteString("</span>")
		case book.LineBreak:
			w.WriteString("<br/>")
		case book.PageBreak:
			cw.pageBreak(r)
		case book.PageRef:
			cw.pageRef(r)
		case book.NoteRef:
			if r.Note < 0 || r.Note >= len(cw.ch.Notes) {
				return fmt.Errorf("note reference to note %d, but the chapter has %d notes", r.Note, len(cw.ch.Notes))
			}
			id := cw.noteIDs[r.Note]
			ref := cw.ids.make("ref-"+id, "ref")
			if cw.refIDs[r.Note] == "" {
				cw.refIDs[r.Note] = ref
			}
			fmt.Fprintf(w, `<a class="noteref" epub:type="noteref" role="doc-noteref" id="%s" href="#%s">`, ref, id)
			esc(w, noteLabel(cw.ch.Notes[r.Note], r.Note))
			w.WriteString("</a>")
		default:
			return fmt.Errorf("unknown inline kind %q", r.Kind)
		}
	}
	return nil
}

func noteLabel(n book.Note, i int) string {
	if l := strings.TrimSpace(n.Label); l != "" {
		return l
	}
	return strconv.Itoa(i + 1)
}

// pageBreak writes a page marker, with the number findPages gave it; a
// marker it left without one is not written.
func (cw *chapterWriter) pageBreak(in *book.Inline) {
	m := cw.pages.at[in]
	if m.label == "" {
		return
	}
	cw.order++
	cw.w.WriteString(`<span epub:type="pagebreak" role="doc-pagebreak" id="` + m.id + `" aria-label="`)
	esc(&cw.w, m.label)
	cw.w.WriteString(`"/>`)
	cw.doc.Pages = append(cw.doc.Pages, pageEntry{ID: m.id, Label: m.label, Order: cw.order})
}

// pageRef writes a page number of an index or a cross-reference as a link
// to that source page's marker; as text when the book has no such page.
func (cw *chapterWriter) pageRef(in *book.Inline) {
	text := in.Text
	if strings.TrimSpace(text) == "" {
		text = in.Page
	}
	target, ok := cw.pages.byLabel[strings.TrimSpace(in.Page)]
	if !ok {
		esc(&cw.w, text)
		return
	}
	if f, frag, _ := strings.Cut(target, "#"); f == cw.doc.File {
		target = "#" + frag
	}
	cw.w.WriteString(`<a class="pageref"`)
	if cw.inIndex {
		cw.w.WriteString(` epub:type="index-locator"`)
	}
	cw.w.WriteString(` href="` + target + `">`)
	esc(&cw.w, text)
	cw.w.WriteString("</a>")
}

// notes writes the chapter's footnotes at its end. Each referenced note
// is an aside typed as a footnote that opens with its label as the link
// back to the reference: the markup every reader's pop-up wants at once
// (see the README, "Pop-up notes"). A note nothing refers to (its marker
// was lost) is a typed div: still a note, but not an aside, which readers
// hide from the text — it would be seen nowhere.
func (cw *chapterWriter) notes() error {
	if len(cw.ch.Notes) == 0 {
		return nil
	}
	w := &cw.w
	w.WriteString("<div class=\"notes\">\n")
	for i, n := range cw.ch.Notes {
		label := noteLabel(n, i)
		if cw.referenced[i] {
			fmt.Fprintf(w, `<aside epub:type="footnote" role="doc-footnote" id="%s">`+"\n", cw.noteIDs[i])
		} else {
			if kindOf(cw.ch) == book.Endnotes {
				// the section is doc-endnotes; DPUB-ARIA 1.1 deprecates doc-endnote
				fmt.Fprintf(w, `<div class="note" epub:type="endnote" id="%s">`+"\n", cw.noteIDs[i])
			} else {
				fmt.Fprintf(w, `<div class="note" epub:type="footnote" role="doc-footnote" id="%s">`+"\n", cw.noteIDs[i])
			}
		}
		paras := n.Paras
		if len(paras) == 0 {
			paras = [][]book.Inline{nil}
		}
		for j, p := range paras {
			w.WriteString("<p>")
			if j == 0 {
				if cw.refIDs[i] != "" {
					fmt.Fprintf(w, `<a class="note-label" href="#%s" role="doc-backlink" aria-label="Back to note reference %s">`, cw.refIDs[i], escString(label))
					esc(w, label)
					w.WriteString("</a> ")
				} else {
					w.WriteString(`<span class="note-label">`)
					esc(w, label)
					w.WriteString("</span> ")
				}
			}
			if err := cw.inlines(p); err != nil {
				return fmt.Errorf("chapter %s, note %s (line %d): %w", cw.ch.ID, label, n.Line, err)
			}
			w.WriteString("</p>\n")
		}
		if cw.referenced[i] {
			w.WriteString("</aside>\n")
		} else {
			w.WriteString("</div>\n")
		}
	}
	w.WriteString("</div>\n")
	return nil
}
