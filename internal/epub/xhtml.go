package epub

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"folio/internal/book"
)

// tocEntry is a heading the navigation documents list.
type tocEntry struct {
	ID    string // fragment; "" for the chapter itself
	Title string
	Level int // 1 for the chapter, 2+ for sections
	Order int // position in the chapter, for the NCX play order
}

// pageEntry is a printed page-number marker.
type pageEntry struct {
	ID    string
	Label string
	Order int
}

// chapterDoc is one rendered chapter and what the navigation needs of it.
type chapterDoc struct {
	File  string
	Kind  book.ChapterKind
	Title string
	TOC   []tocEntry
	Pages []pageEntry
	Body  []byte
}

// idSet hands out XML ids that are unique in the whole book, because
// page-list and TOC links name a file and an id and an edited book may
// repeat an id.
type idSet map[string]bool

var idUnsafe = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)

// make returns want (made a valid NCName) or, if taken, want-2, want-3…
func (s idSet) make(want, fallback string) string {
	id := idUnsafe.ReplaceAllString(want, "-")
	id = strings.Trim(id, "-.")
	if id == "" {
		id = fallback
	}
	if c := id[0]; !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_') {
		id = "x" + id
	}
	if !s[id] {
		s[id] = true
		return id
	}
	for n := 2; ; n++ {
		c := id + "-" + strconv.Itoa(n)
		if !s[c] {
			s[c] = true
			return c
		}
	}
}

// esc writes text escaped for XML, dropping characters XML forbids
// (OCR text can carry stray control characters).
func esc(w *bytes.Buffer, s string) {
	for i := 0; i < len(s); {
		// plain text goes over in runs: a book is mostly that
		j := i
		for j < len(s) && plain[s[j]] {
			j++
		}
		w.WriteString(s[i:j])
		if i = j; i == len(s) {
			break
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '&':
			w.WriteString("&amp;")
		case r == '<':
			w.WriteString("&lt;")
		case r == '>':
			w.WriteString("&gt;")
		case r == '"':
			w.WriteString("&quot;")
		case r == utf8.RuneError && n == 1:
			// invalid UTF-8: drop
		case r == '\t' || r == '\n' || r == '\r':
			w.WriteByte(' ')
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
			// not allowed in XML 1.0
		default:
			w.WriteString(s[i : i+n]) // valid UTF-8: the rune's own bytes
		}
		i += n
	}
}

// plain marks the ASCII bytes esc copies as they are.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = true
	}
	for _, c := range "&<>\"" {
		t[c] = false
	}
	return t
}()

func escString(s string) string {
	var b bytes.Buffer
	esc(&b, s)
	return b.String()
}

// xhtmlHead opens an XHTML content document.
func xhtmlHead(w *bytes.Buffer, lang, title, bodyType string, z3998 bool) {
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<!DOCTYPE html>\n")
	w.WriteString(`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"`)
	if z3998 {
		// EPUBCheck 4 wants the DAISY structure vocabulary declared.
		w.WriteString(` epub:prefix="z3998: http://www.daisy.org/z3998/2012/vocab/structure/#"`)
	}
	w.WriteString(` lang="`)
	esc(w, lang)
	w.WriteString(`" xml:lang="`)
	esc(w, lang)
	w.WriteString("\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
	esc(w, title)
	w.WriteString("</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"" + cssPath + "\"/>\n</head>\n<body")
	if bodyType != "" {
		w.WriteString(` epub:type="` + bodyType + `"`)
	}
	w.WriteString(">\n")
}

func xhtmlFoot(w *bytes.Buffer) { w.WriteString("</body>\n</html>\n") }

// chapterWriter renders one chapter; it keeps the state that note and page
// markers need.
type chapterWriter struct {
	ch    *book.Chapter
	ids   idSet
	w     bytes.Buffer
	doc   *chapterDoc
	order int
	// noteIDs are the chapter's note ids; refIDs the id of each note's
	// first reference, the backlink target.
	noteIDs []string
	refIDs  []string
}

var roleOf = map[book.ChapterKind]struct{ epubType, role, body string }{
	book.Preface:  {"preface", "doc-preface", "frontmatter"},
	book.Foreword: {"foreword", "doc-foreword", "frontmatter"},
	book.Document: {"chapter", "doc-chapter", "bodymatter"},
}

func renderChapter(ch *book.Chapter, file, lang string, ids idSet) (*chapterDoc, error) {
	cw := &chapterWriter{ch: ch, ids: ids, doc: &chapterDoc{File: file, Kind: ch.Kind}}
	kind, ok := roleOf[ch.Kind]
	if !ok {
		if ch.Kind != "" {
			return nil, fmt.Errorf("chapter %s (line %d): unknown kind %q; use preface, foreword or chapter", ch.ID, ch.Line, ch.Kind)
		}
		kind = roleOf[book.Document]
	}
	title := strings.TrimSpace(ch.TitleText())
	if title == "" {
		return nil, fmt.Errorf("chapter %s (line %d): has no title; every chapter needs one for the table of contents", ch.ID, ch.Line)
	}
	cw.doc.Title = title
	prefix := strings.TrimSuffix(file, ".xhtml")
	for i, n := range ch.Notes {
		want := n.ID
		if want == "" {
			want = fmt.Sprintf("%s-n%d", prefix, i+1)
		}
		cw.noteIDs = append(cw.noteIDs, ids.make(want, "note"))
	}
	cw.refIDs = make([]string, len(ch.Notes))

	w := &cw.w
	xhtmlHead(w, lang, title, kind.body, usesZ3998(ch))
	w.WriteString(`<section id="`)
	w.WriteString(ids.make(prefix, "chapter"))
	w.WriteString(`" epub:type="` + kind.epubType + `" role="` + kind.role + "\">\n<h1>")
	if err := cw.inlines(ch.Title); err != nil {
		return nil, err
	}
	w.WriteString("</h1>\n")
	cw.doc.TOC = append(cw.doc.TOC, tocEntry{Title: title, Level: 1})
	if len(ch.Subtitle) > 0 {
		w.WriteString(`<p class="subtitle" role="doc-subtitle">`)
		if err := cw.inlines(ch.Subtitle); err != nil {
			return nil, err
		}
		w.WriteString("</p>\n")
	}
	if ch.Place != "" || ch.Date != "" || ch.Time != "" {
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

// usesZ3998 tells whether a chapter has letter parts, which are marked
// with the DAISY structure vocabulary.
func usesZ3998(ch *book.Chapter) bool {
	for _, b := range ch.Blocks {
		if strings.Contains(blockOpen[b.Kind], "z3998:") {
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

// orderedLabel tells list labels that count ("1)", "a.", "IV)") from bullets.
var orderedLabel = regexp.MustCompile(`^\(?([0-9]+|[a-zA-Z]|[IVXLCivxlc]+)[.)]$`)

func (cw *chapterWriter) blocks() error {
	w := &cw.w
	bs := cw.ch.Blocks
	prev := book.BlockKind("")
	for i := 0; i < len(bs); i++ {
		b := &bs[i]
		switch b.Kind {
		case book.Para, "":
			// A paragraph that follows another is indented; the first after
			// a heading, a letter part or a list is set flush, as in print.
			if prev == book.Para || prev == "" && i > 0 || prev == book.Speech {
				w.WriteString("<p>")
			} else {
				w.WriteString(`<p class="first">`)
			}
			if err := cw.inlines(b.Inlines); err != nil {
				return cw.at(b, err)
			}
			w.WriteString("</p>\n")
		case book.Heading:
			lvl := b.Level
			if lvl < 2 {
				lvl = 2
			}
			if lvl > 6 {
				lvl = 6
			}
			id := cw.ids.make(b.ID, "sec")
			title := strings.TrimSpace(book.PlainText(b.Inlines))
			cw.order++
			cw.doc.TOC = append(cw.doc.TOC, tocEntry{ID: id, Title: title, Level: lvl, Order: cw.order})
			fmt.Fprintf(w, `<h%d id="%s">`, lvl, id)
			if err := cw.inlines(b.Inlines); err != nil {
				return cw.at(b, err)
			}
			fmt.Fprintf(w, "</h%d>\n", lvl)
		case book.ListItem:
			j := i
			ordered := true
			for j < len(bs) && bs[j].Kind == book.ListItem {
				if !orderedLabel.MatchString(strings.TrimSpace(bs[j].Label)) {
					ordered = false
				}
				j++
			}
			tag := "ul"
			if ordered {
				tag = "ol"
			}
			w.WriteString("<" + tag + ` class="labelled">` + "\n")
			for ; i < j; i++ {
				w.WriteString("<li>")
				if l := strings.TrimSpace(bs[i].Label); l != "" {
					w.WriteString(`<span class="label">`)
					esc(w, l)
					w.WriteString("</span> ")
				}
				if err := cw.inlines(bs[i].Inlines); err != nil {
					return cw.at(&bs[i], err)
				}
				w.WriteString("</li>\n")
			}
			i--
			w.WriteString("</" + tag + ">\n")
		case book.Quote:
			w.WriteString("<blockquote>\n")
			for ; i < len(bs) && bs[i].Kind == book.Quote; i++ {
				w.WriteString("<p>")
				if err := cw.inlines(bs[i].Inlines); err != nil {
					return cw.at(&bs[i], err)
				}
				w.WriteString("</p>\n")
			}
			i--
			w.WriteString("</blockquote>\n")
		case book.Speech:
			w.WriteString(`<p class="speech">`)
			if sp := strings.TrimSpace(b.Speaker); sp != "" {
				w.WriteString(`<span class="speaker">`)
				esc(w, sp)
				if !strings.HasSuffix(sp, ":") {
					w.WriteByte(':')
				}
				w.WriteString("</span> ")
			}
			if err := cw.inlines(b.Inlines); err != nil {
				return cw.at(b, err)
			}
			w.WriteString("</p>\n")
		default:
			open, ok := blockOpen[b.Kind]
			if !ok {
				return cw.at(b, fmt.Errorf("unknown block kind %q", b.Kind))
			}
			w.WriteString(open)
			if err := cw.inlines(b.Inlines); err != nil {
				return cw.at(b, err)
			}
			w.WriteString("</p>\n")
		}
		prev = bs[i].Kind
	}
	return nil
}

// blockOpen is the start tag of the one-paragraph block kinds.
var blockOpen = map[book.BlockKind]string{
	book.Salutation: `<p class="salutation" epub:type="z3998:salutation">`,
	book.Closing:    `<p class="closing" epub:type="z3998:valediction">`,
	book.Signature:  `<p class="signature" epub:type="z3998:signature">`,
	book.Postscript: `<p class="ps">`,
	book.SourceNote: `<p class="source">`,
	book.Notice:     `<p class="notice">`,
	book.Dateline:   `<p class="dateline">`,
}

func (cw *chapterWriter) at(b *book.Block, err error) error {
	return fmt.Errorf("chapter %s, block at line %d: %w", cw.ch.ID, b.Line, err)
}

func (cw *chapterWriter) inlines(in []book.Inline) error {
	w := &cw.w
	for _, r := range in {
		switch r.Kind {
		case book.Text, "":
			esc(w, r.Text)
		case book.Emphasis:
			w.WriteString("<em>")
			esc(w, r.Text)
			w.WriteString("</em>")
		case book.LineBreak:
			w.WriteString("<br/>")
		case book.PageBreak:
			cw.pageBreak(r.Page)
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

// pageBreak writes a page marker. Only numbered markers go into the page
// list; an unnumbered one still gets a unique id.
func (cw *chapterWriter) pageBreak(page string) {
	page = strings.TrimSpace(page)
	want := "page-" + page
	if page == "" {
		want = "page-unnumbered"
	}
	id := cw.ids.make(want, "page")
	cw.order++
	cw.w.WriteString(`<span epub:type="pagebreak" role="doc-pagebreak" id="` + id + `"`)
	if page != "" {
		cw.w.WriteString(` aria-label="`)
		esc(&cw.w, page)
		cw.w.WriteString(`"`)
		cw.doc.Pages = append(cw.doc.Pages, pageEntry{ID: id, Label: page, Order: cw.order})
	} else {
		cw.w.WriteString(` aria-label="unnumbered page"`)
	}
	cw.w.WriteString("/>")
}

// notes writes the chapter's footnotes as asides at its end, each opening
// with its printed label and closing with a link back to the reference.
func (cw *chapterWriter) notes() error {
	if len(cw.ch.Notes) == 0 {
		return nil
	}
	w := &cw.w
	w.WriteString("<div class=\"notes\">\n")
	for i, n := range cw.ch.Notes {
		label := noteLabel(n, i)
		fmt.Fprintf(w, `<aside epub:type="footnote" role="doc-footnote" id="%s">`+"\n", cw.noteIDs[i])
		paras := n.Paras
		if len(paras) == 0 {
			paras = [][]book.Inline{nil}
		}
		for j, p := range paras {
			w.WriteString("<p>")
			if j == 0 {
				w.WriteString(`<span class="note-label">`)
				esc(w, label)
				w.WriteString("</span> ")
			}
			if err := cw.inlines(p); err != nil {
				return fmt.Errorf("chapter %s, note %s (line %d): %w", cw.ch.ID, label, n.Line, err)
			}
			if j == len(paras)-1 && cw.refIDs[i] != "" {
				fmt.Fprintf(w, ` <a class="backlink" href="#%s" role="doc-backlink" aria-label="Back to note reference %s">%s</a>`, cw.refIDs[i], escString(label), backGlyph)
			}
			w.WriteString("</p>\n")
		}
		w.WriteString("</aside>\n")
	}
	w.WriteString("</div>\n")
	return nil
}

// backGlyph is an upwards arrow: Charis SIL has it (it lacks ↩).
const backGlyph = "\u2191"
