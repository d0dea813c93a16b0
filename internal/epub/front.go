package epub

import (
	"bytes"
	"strings"

	"folio/fonts"

	"folio/internal/book"
	"folio/internal/meta"
)

// editionDate is the edition's own date when the metadata or the build
// gives one (modified:, SOURCE_DATE_EPOCH); a publication date alone is
// already on the publisher's line.
func editionDate(m *book.Meta) string {
	switch m.ModifiedFrom {
	case "modified", "SOURCE_DATE_EPOCH":
		return meta.EditionDate(*m)
	}
	return ""
}

// fontNote names the embedded family and its licence for the colophon.
func (p *publication) fontNote() string {
	if p.subset {
		return "a subset of " + fonts.Family + " (renamed " + subsetFamily + ", as the SIL Open Font License asks of modified fonts), © SIL International, used under the SIL Open Font License 1.1"
	}
	return fonts.Family + ", © SIL International, used under the SIL Open Font License 1.1"
}

// roleWords says how a title page introduces a contributor (MARC relators).
var roleWords = map[string]string{
	"trl": "Translated by",
	"edt": "Edited by",
	"aui": "Introduction by",
	"aft": "Afterword by",
	"ill": "Illustrated by",
	"com": "Compiled by",
	"ann": "Annotated by",
}

func names(cs []book.Contributor) string {
	var ns []string
	for _, c := range cs {
		ns = append(ns, c.Name)
	}
	switch len(ns) {
	case 0:
		return ""
	case 1:
		return ns[0]
	case 2:
		return ns[0] + " and " + ns[1]
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
}

// coverAlt describes the cover for readers who cannot see it.
func (p *publication) coverAlt() string {
	s := "Cover: " + p.meta.Title
	if p.meta.Subtitle != "" {
		s += ": " + p.meta.Subtitle
	}
	if a := names(p.meta.Authors); a != "" {
		s += ", by " + a
	}
	return s
}

func (p *publication) coverPage(src string) []byte {
	var w bytes.Buffer
	xhtmlHead(&w, p.meta.Language, "Cover", "", false)
	w.WriteString("<section class=\"cover\" epub:type=\"cover\">\n<img src=\"" + src + "\" alt=\"")
	esc(&w, p.coverAlt())
	w.WriteString("\" role=\"doc-cover\"/>\n</section>\n")
	xhtmlFoot(&w)
	return w.Bytes()
}

func para(w *bytes.Buffer, class, text string) {
	if text == "" {
		return
	}
	if class == "" {
		w.WriteString("<p>")
	} else {
		w.WriteString(`<p class="` + class + `">`)
	}
	esc(w, text)
	w.WriteString("</p>\n")
}

func (p *publication) titlePage() []byte {
	m := p.meta
	var w bytes.Buffer
	xhtmlHead(&w, m.Language, "Title Page", "frontmatter", false)
	w.WriteString("<section class=\"titlepage\" epub:type=\"titlepage\">\n<h1 class=\"book-title\">")
	esc(&w, m.Title)
	w.WriteString("</h1>\n")
	if m.Subtitle != "" {
		w.WriteString(`<p class="book-subtitle" role="doc-subtitle">`)
		esc(&w, m.Subtitle)
		w.WriteString("</p>\n")
	}
	para(&w, "book-author", names(m.Authors))
	for _, c := range m.Contributors {
		if words, ok := roleWords[c.Role]; ok {
			para(&w, "book-contributor", words+" "+c.Name)
		}
	}
	para(&w, "book-imprint", joinNonEmpty(" · ", m.Publisher, m.Date))
	w.WriteString("</section>\n")
	xhtmlFoot(&w)
	return w.Bytes()
}

func (p *publication) copyrightPage() []byte {
	m := p.meta
	var w bytes.Buffer
	xhtmlHead(&w, m.Language, "Copyright", "frontmatter", false)
	w.WriteString("<section class=\"copyright\" epub:type=\"copyright-page\" aria-label=\"Copyright\">\n")
	t := m.Title
	if m.Subtitle != "" {
		t += ": " + m.Subtitle
	}
	if a := names(m.Authors); a != "" {
		t = a + ", " + t
	}
	para(&w, "first", t)
	for _, c := range m.Contributors {
		words, ok := roleWords[c.Role]
		if !ok {
			words = "With"
		}
		para(&w, "", words+" "+c.Name)
	}
	para(&w, "", m.Rights)
	if m.Source != "" {
		para(&w, "", "Source: "+m.Source)
	}
	para(&w, "", joinNonEmpty(", ", m.Publisher, m.Date))
	// The ISBN of this edition, and of the paperback when it has its own;
	// the identifier (a urn:uuid) is for reading systems, not readers.
	epubISBN := m.ISBNEPUB
	if epubISBN == "" && m.ISBNPrint == "" {
		epubISBN = m.ISBN // a model made without meta.Defaults
	}
	switch {
	case epubISBN != "" && m.ISBNPrint != "" && m.ISBNPrint != epubISBN:
		para(&w, "", meta.ISBNLine(epubISBN, "EPUB"))
		para(&w, "", meta.ISBNLine(m.ISBNPrint, "paperback"))
	case epubISBN != "":
		para(&w, "", meta.ISBNLine(epubISBN, ""))
	}
	if d := editionDate(m); d != "" {
		para(&w, "", "This edition: "+d+".")
	}
	colophon := "Typeset with folio."
	if p.fonts {
		colophon += " Set in " + p.fontNote() + "."
	}
	para(&w, "colophon", colophon)
	w.WriteString("</section>\n")
	xhtmlFoot(&w)
	return w.Bytes()
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
