package epub

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"folio/internal/book"
)

// publication holds what the package-level documents are made from.
type publication struct {
	meta     *book.Meta
	prov     *book.Provenance
	docs     []*chapterDoc
	hasCover bool
	hasPages bool
	fonts    bool
	subset   bool // the fonts are subsets, renamed subsetFamily
}

// modified is the dcterms:modified value; a book without a timestamp gets
// the fixed epoch folio uses everywhere rather than the clock.
func (p *publication) modified() string {
	t := p.meta.Modified
	if t.IsZero() {
		return "2000-01-01T00:00:00Z"
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

func metaTag(w *bytes.Buffer, property, refines, value string) {
	w.WriteString(`    <meta `)
	if refines != "" {
		w.WriteString(`refines="#` + refines + `" `)
	}
	w.WriteString(`property="` + property + `"`)
	if property == "role" {
		w.WriteString(` scheme="marc:relators"`)
	}
	w.WriteString(">")
	esc(w, value)
	w.WriteString("</meta>\n")
}

func dcTag(w *bytes.Buffer, name, id, value string) {
	w.WriteString("    <dc:" + name)
	if id != "" {
		w.WriteString(` id="` + id + `"`)
	}
	w.WriteString(">")
	esc(w, value)
	w.WriteString("</dc:" + name + ">\n")
}

// packageDoc is content.opf.
func (p *publication) packageDoc(items []item) []byte {
	m := p.meta
	var w bytes.Buffer
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	w.WriteString(`<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="`)
	esc(&w, m.Language)
	w.WriteString("\">\n  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
	dcTag(&w, "identifier", "pub-id", m.Identifier)
	dcTag(&w, "title", "title", m.Title)
	metaTag(&w, "title-type", "title", "main")
	if m.Subtitle != "" {
		dcTag(&w, "title", "subtitle", m.Subtitle)
		metaTag(&w, "title-type", "subtitle", "subtitle")
	}
	people := func(tag, prefix string, cs []book.Contributor) {
		for i, c := range cs {
			id := prefix + strconv.Itoa(i+1)
			dcTag(&w, tag, id, c.Name)
			if c.Role != "" {
				metaTag(&w, "role", id, c.Role)
			}
			if c.FileAs != "" {
				metaTag(&w, "file-as", id, c.FileAs)
			}
		}
	}
	people("creator", "creator", m.Authors)
	people("contributor", "contributor", m.Contributors)
	dcTag(&w, "language", "", m.Language)
	if m.Date != "" {
		dcTag(&w, "date", "", m.Date)
	}
	if m.Publisher != "" {
		dcTag(&w, "publisher", "", m.Publisher)
	}
	if m.Rights != "" {
		dcTag(&w, "rights", "", m.Rights)
	}
	if m.Description != "" {
		dcTag(&w, "description", "", m.Description)
	}
	for _, s := range m.Subjects {
		dcTag(&w, "subject", "", s)
	}
	if src := p.source(); src != "" {
		dcTag(&w, "source", "src", src)
		if p.hasPages {
			// EPUB 3.2's way to name the edition the page list follows;
			// the newer pageBreakSource property is still an error in
			// EPUBCheck 4.
			metaTag(&w, "source-of", "src", "pagination")
		}
	}
	metaTag(&w, "dcterms:modified", "", p.modified())
	if p.hasCover {
		w.WriteString("    <meta name=\"cover\" content=\"cover-image\"/>\n")
	}
	// EPUB Accessibility 1.1 discovery metadata.
	metaTag(&w, "schema:accessMode", "", "textual")
	if p.hasCover {
		metaTag(&w, "schema:accessMode", "", "visual")
	}
	metaTag(&w, "schema:accessModeSufficient", "", "textual")
	features := []string{"structuralNavigation", "tableOfContents", "readingOrder"}
	if p.hasPages {
		features = append(features, "pageNavigation")
	}
	if p.hasCover {
		features = append(features, "alternativeText")
	}
	for _, f := range features {
		metaTag(&w, "schema:accessibilityFeature", "", f)
	}
	metaTag(&w, "schema:accessibilityHazard", "", "none")
	gaps := p.a11yGaps()
	metaTag(&w, "schema:accessibilitySummary", "", p.a11ySummary(gaps))
	if len(gaps) == 0 {
		metaTag(&w, "dcterms:conformsTo", "", conformsTo)
	}
	w.WriteString("  </metadata>\n  <manifest>\n")
	for _, it := range items {
		fmt.Fprintf(&w, `    <item id="%s" href="%s" media-type="%s"`, it.id, it.href, it.mediaType)
		if it.properties != "" {
			fmt.Fprintf(&w, ` properties="%s"`, it.properties)
		}
		w.WriteString("/>\n")
	}
	w.WriteString("  </manifest>\n  <spine toc=\"ncx\">\n")
	for _, it := range items {
		if it.spine {
			fmt.Fprintf(&w, "    <itemref idref=\"%s\"/>\n", it.id)
		}
		if it.id == "copyright" {
			// The contents page follows the copyright page, as in print.
			w.WriteString("    <itemref idref=\"nav\"/>\n")
		}
	}
	w.WriteString("  </spine>\n</package>\n")
	return w.Bytes()
}

// conformsTo is the accessibility claim of a publication whose checks
// pass: folio's markup passes DAISY Ace (CI runs it on the sample and a
// corpus book), and a11yGaps finds what in a book could make it untrue.
const conformsTo = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"

// source is dc:source: the metadata's, else — when the EPUB has page
// markers, which need a named source — a plain statement of what the
// text was made from.
func (p *publication) source() string {
	if s := strings.TrimSpace(p.meta.Source); s != "" || !p.hasPages {
		return s
	}
	what := "the text layer (OCR or pdftotext output)"
	if p.prov != nil && p.prov.Format == "markdown" {
		what = "a clean text"
	}
	s := "The printed edition whose page numbers the page list follows; this EPUB was made from " + what + " of it"
	if p.prov != nil && p.prov.Source != "" {
		s += ", " + p.prov.Source
	}
	return s + "."
}

// a11yGaps lists what in this publication the accessibility claim could
// not stand on: a table kept as printed (its columns are not available
// to assistive technology), a data table without header cells, page
// markers without a named source. Empty when the claim holds.
func (p *publication) a11yGaps() []string {
	pre, bare := 0, 0
	for _, d := range p.docs {
		pre += d.PreTables
		bare += d.BareTables
	}
	var gaps []string
	if pre > 0 {
		gaps = append(gaps, fmt.Sprintf("%d %s kept as printed, in a preformatted block (their columns could not be recovered)", pre, plural(pre, "table", "tables")))
	}
	if bare > 0 {
		gaps = append(gaps, fmt.Sprintf("%d %s without a header row", bare, plural(bare, "table", "tables")))
	}
	if p.hasPages && p.source() == "" {
		gaps = append(gaps, "page markers without a named source")
	}
	return gaps
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func (p *publication) a11ySummary(gaps []string) string {
	s := "A reflowable text with a navigable table of contents, headings for every document and section, and footnotes linked both ways."
	if p.hasPages {
		s += " Page markers and a page list follow the printed source edition."
	}
	s += " No known hazards."
	if len(gaps) > 0 {
		s += " It makes no WCAG conformance claim: it has " + strings.Join(gaps, " and ") + "."
	} else {
		s += " Links are underlined and take the text colour, in light and dark modes."
	}
	return s
}

// listed: the contents list chapters of this kind. The source's own
// copyright page, dedication and epigraph page stay in the reading order
// but not in the contents (the edition's copyright page is its own).
func listed(k book.ChapterKind) bool {
	return k != book.Copyright && k != book.Dedication && k != book.EpigraphPage && k != book.HalfTitle
}

// entry is one target of the navigation, in reading order.
type entry struct {
	href, title string
	level       int
	order       int // NCX playOrder
}

// targets returns chapter and section entries, with NCX play order shared
// with the page targets so that both follow the reading order.
func (p *publication) targets() (toc, pages []entry) {
	order := 0
	for _, d := range p.docs {
		ti, pi := 0, 0
		// Merge the chapter's headings and page markers by position.
		for ti < len(d.TOC) || pi < len(d.Pages) {
			if ti < len(d.TOC) && (pi >= len(d.Pages) || d.TOC[ti].Order < d.Pages[pi].Order) {
				t := d.TOC[ti]
				href := d.File
				if t.ID != "" {
					href += "#" + t.ID
				}
				// Only what the NCX lists takes a play order: its
				// sequence may have no gaps.
				if listed(d.Kind) {
					order++
					toc = append(toc, entry{href: href, title: t.Title, level: t.Level + d.Depth, order: order})
				}
				ti++
				continue
			}
			pg := d.Pages[pi]
			order++
			pages = append(pages, entry{href: d.File + "#" + pg.ID, title: pg.Label, order: order})
			pi++
		}
	}
	return toc, pages
}

// nav is the EPUB navigation document, also the book's contents page.
func (p *publication) nav() []byte {
	var w bytes.Buffer
	xhtmlHead(&w, p.meta.Language, "Contents", "", false)
	toc, pages := p.targets()
	w.WriteString("<nav id=\"toc\" epub:type=\"toc\" role=\"doc-toc\" aria-labelledby=\"toc-title\">\n<h1 id=\"toc-title\">Contents</h1>\n")
	writeTree(&w, toc, "")
	w.WriteString("</nav>\n")

	w.WriteString("<nav id=\"landmarks\" epub:type=\"landmarks\" aria-label=\"Landmarks\" hidden=\"hidden\">\n<ol>\n")
	landmark := func(typ, href, label string) {
		fmt.Fprintf(&w, "<li><a epub:type=\"%s\" href=\"%s\">%s</a></li>\n", typ, href, escString(label))
	}
	if p.hasCover {
		landmark("cover", "cover.xhtml", "Cover")
	}
	landmark("titlepage", "titlepage.xhtml", "Title Page")
	landmark("copyright-page", "copyright.xhtml", "Copyright")
	landmark("toc", "nav.xhtml#toc", "Contents")
	body := p.docs[0]
	for _, d := range p.docs {
		if d.Kind.Matter() == "body" {
			body = d
			break
		}
	}
	landmark("bodymatter", body.File, "Start of Content")
	// The back matter readers jump to.
	seen := map[book.ChapterKind]bool{}
	for _, d := range p.docs {
		switch d.Kind {
		case book.Index, book.Glossary, book.Bibliography, book.Appendix:
			if !seen[d.Kind] {
				seen[d.Kind] = true
				landmark(kinds[d.Kind].epubType, d.File, d.Title)
			}
		}
	}
	w.WriteString("</ol>\n</nav>\n")

	if len(pages) > 0 {
		w.WriteString("<nav id=\"page-list\" epub:type=\"page-list\" role=\"doc-pagelist\" aria-label=\"Pages\" hidden=\"hidden\">\n<ol>\n")
		for _, pg := range pages {
			fmt.Fprintf(&w, "<li><a href=\"%s\">%s</a></li>\n", pg.href, escString(pg.title))
		}
		w.WriteString("</ol>\n</nav>\n")
	}
	xhtmlFoot(&w)
	return w.Bytes()
}

// writeTree writes entries as nested lists by level; a section deeper
// than its parent by more than one level is nested once.
func writeTree(w *bytes.Buffer, es []entry, indent string) {
	w.WriteString(indent + "<ol>\n")
	for i := 0; i < len(es); {
		e := es[i]
		j := i + 1
		for j < len(es) && es[j].level > e.level {
			j++
		}
		fmt.Fprintf(w, "%s<li><a href=\"%s\">%s</a>", indent, e.href, escString(e.title))
		if j > i+1 {
			w.WriteString("\n")
			writeTree(w, es[i+1:j], indent+"  ")
			w.WriteString(indent)
		}
		w.WriteString("</li>\n")
		i = j
	}
	w.WriteString(indent + "</ol>\n")
}

// ncx is the EPUB 2 table of contents, for older reading systems.
func (p *publication) ncx() []byte {
	m := p.meta
	toc, pages := p.targets()
	var w bytes.Buffer
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	w.WriteString(`<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="` + escString(m.Language) + "\">\n<head>\n")
	fmt.Fprintf(&w, "<meta name=\"dtb:uid\" content=\"%s\"/>\n", escString(m.Identifier))
	depth := 1
	for _, e := range toc {
		depth = max(depth, e.level)
	}
	fmt.Fprintf(&w, "<meta name=\"dtb:depth\" content=\"%d\"/>\n<meta name=\"dtb:totalPageCount\" content=\"%d\"/>\n", depth, len(pages))
	maxPage := 0
	for _, pg := range pages {
		if n, err := strconv.Atoi(pg.title); err == nil {
			maxPage = max(maxPage, n)
		}
	}
	fmt.Fprintf(&w, "<meta name=\"dtb:maxPageNumber\" content=\"%d\"/>\n</head>\n", maxPage)
	w.WriteString("<docTitle><text>" + escString(m.Title) + "</text></docTitle>\n")
	for _, a := range m.Authors {
		w.WriteString("<docAuthor><text>" + escString(a.Name) + "</text></docAuthor>\n")
	}
	w.WriteString("<navMap>\n")
	n := 0
	var points func(es []entry, indent string)
	points = func(es []entry, indent string) {
		for i := 0; i < len(es); {
			e := es[i]
			j := i + 1
			for j < len(es) && es[j].level > e.level {
				j++
			}
			n++
			fmt.Fprintf(&w, "%s<navPoint id=\"np-%d\" playOrder=\"%d\">\n%s  <navLabel><text>%s</text></navLabel>\n%s  <content src=\"%s\"/>\n",
				indent, n, e.order, indent, escString(e.title), indent, e.href)
			points(es[i+1:j], indent+"  ")
			fmt.Fprintf(&w, "%s</navPoint>\n", indent)
			i = j
		}
	}
	points(toc, "")
	w.WriteString("</navMap>\n")
	if len(pages) > 0 {
		w.WriteString("<pageList>\n<navLabel><text>Pages</text></navLabel>\n")
		seen := map[string]bool{}
		for i, pg := range pages {
			typ := "normal"
			value := ""
			// The NCX wants value+type unique, so a repeated printed
			// number goes without its value.
			if _, err := strconv.Atoi(pg.title); err == nil && !seen[pg.title] {
				seen[pg.title] = true
				value = ` value="` + pg.title + `"`
			} else if isRoman(pg.title) {
				typ = "front"
			}
			fmt.Fprintf(&w, "<pageTarget id=\"pt-%d\" type=\"%s\"%s playOrder=\"%d\">\n  <navLabel><text>%s</text></navLabel>\n  <content src=\"%s\"/>\n</pageTarget>\n",
				i+1, typ, value, pg.order, escString(pg.title), pg.href)
		}
		w.WriteString("</pageList>\n")
	}
	w.WriteString("</ncx>\n")
	return w.Bytes()
}

func isRoman(s string) bool {
	return s != "" && strings.Trim(strings.ToLower(s), "ivxlcdm") == ""
}
