package epub

import (
	"fmt"
	"regexp"
	"strings"

	"folio/internal/book"
)

// orderedLabel tells list labels that count ("1)", "a.", "IV)") from bullets.
var orderedLabel = regexp.MustCompile(`^\(?([0-9]+|[a-zA-Z]|[IVXLCivxlc]+)[.)]$`)

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

// maxIndent is the deepest verse indent the style sheet has a class for
// (i1…i12, in ems); deeper lines are set at it.
const maxIndent = 12

func (cw *chapterWriter) blocks() error {
	w := &cw.w
	bs := cw.ch.Blocks
	prev := book.BlockKind("start")
	for i := 0; i < len(bs); i++ {
		b := &bs[i]
		var err error
		switch b.Kind {
		case book.Para, "":
			// A paragraph that follows another is indented; the first after
			// a heading, a letter part, a list, verse or a quotation is set
			// flush, as in print.
			if prev == book.Para || prev == "" || prev == book.Speech {
				w.WriteString("<p>")
			} else {
				w.WriteString(`<p class="first">`)
			}
			err = cw.inlines(b.Inlines)
			w.WriteString("</p>\n")
		case book.Heading:
			err = cw.sectionHeading(b)
		case book.ListItem:
			i, err = cw.list(i)
		case book.Quote:
			i, err = cw.quote(i)
		case book.Speech:
			w.WriteString(`<p class="speech">`)
			if sp := strings.TrimSpace(b.Speaker); sp != "" {
				w.WriteString(`<span class="speaker">`)
				esc(w, sp)
				// "Hamlet." and "Q." keep their own stop; a bare name takes a colon
				if !strings.ContainsAny(sp[len(sp)-1:], ":.—") {
					w.WriteByte(':')
				}
				w.WriteString("</span> ")
			}
			err = cw.inlines(b.Inlines)
			w.WriteString("</p>\n")
		case book.Verse:
			w.WriteString(`<div class="verse" epub:type="z3998:verse">` + "\n")
			err = cw.verse(b.Lines)
			w.WriteString("</div>\n")
		case book.Table:
			err = cw.table(b)
		case book.SceneBreak:
			w.WriteString(`<hr class="scene-break"/>` + "\n")
		case book.Figure:
			w.WriteString(`<figure class="illustration">` + "\n" + `<figcaption><span class="illustration-label">Illustration</span>`)
			if len(b.Inlines) > 0 {
				w.WriteString(": ")
				err = cw.inlines(b.Inlines)
			}
			w.WriteString("</figcaption>\n</figure>\n")
		case book.Epigraph:
			err = cw.epigraph(b)
		case book.IndexEntry:
			i, err = cw.index(i)
		default:
			open, ok := blockOpen[b.Kind]
			if !ok {
				return cw.at(b, fmt.Errorf("unknown block kind %q", b.Kind))
			}
			w.WriteString(open)
			err = cw.inlines(b.Inlines)
			w.WriteString("</p>\n")
		}
		if err != nil {
			return cw.at(&bs[min(i, len(bs)-1)], err)
		}
		prev = bs[i].Kind
	}
	return nil
}

// sectionHeading writes a section heading; its level is the model's, but
// never more than one below the heading before it, so that the outline
// has no gaps (h2 then h4 becomes h2 then h3).
func (cw *chapterWriter) sectionHeading(b *book.Block) error {
	lvl := min(max(b.Level, 2), 6, cw.level+1)
	cw.level = lvl
	id := cw.ids.make(b.ID, "sec")
	title := strings.TrimSpace(book.PlainText(b.Inlines))
	cw.order++
	cw.doc.TOC = append(cw.doc.TOC, tocEntry{ID: id, Title: title, Level: lvl, Order: cw.order})
	fmt.Fprintf(&cw.w, `<h%d id="%s">`, lvl, id)
	err := cw.inlines(b.Inlines)
	fmt.Fprintf(&cw.w, "</h%d>\n", lvl)
	return err
}

// list writes the run of list items starting at i and returns the index
// of its last item.
func (cw *chapterWriter) list(i int) (int, error) {
	w, bs := &cw.w, cw.ch.Blocks
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
			return i, err
		}
		w.WriteString("</li>\n")
	}
	w.WriteString("</" + tag + ">\n")
	return j - 1, nil
}

// quote writes the run of quotation paragraphs starting at i as one block
// quotation, with the attribution of its last paragraph under it.
func (cw *chapterWriter) quote(i int) (int, error) {
	w, bs := &cw.w, cw.ch.Blocks
	w.WriteString("<blockquote>\n")
	var attribution []book.Inline
	for ; i < len(bs) && bs[i].Kind == book.Quote; i++ {
		w.WriteString("<p>")
		if err := cw.inlines(bs[i].Inlines); err != nil {
			return i, err
		}
		w.WriteString("</p>\n")
		if len(bs[i].Attribution) > 0 {
			attribution = bs[i].Attribution
			if i+1 < len(bs) && bs[i+1].Kind == book.Quote {
				// an attribution ends a quotation: the next one is another
				if err := cw.attribution(attribution); err != nil {
					return i, err
				}
				attribution = nil
				w.WriteString("</blockquote>\n<blockquote>\n")
			}
		}
	}
	if err := cw.attribution(attribution); err != nil {
		return i - 1, err
	}
	w.WriteString("</blockquote>\n")
	return i - 1, nil
}

func (cw *chapterWriter) attribution(in []book.Inline) error {
	if len(in) == 0 {
		return nil
	}
	cw.w.WriteString(`<p class="attribution">`)
	err := cw.inlines(in)
	cw.w.WriteString("</p>\n")
	return err
}

// verse writes lines of verse: a stanza a <div>, a line a paragraph with
// its indent as a class (i1…i12, ems) and a hanging turnover, so that a
// line too long for the screen wraps under itself, indented.
func (cw *chapterWriter) verse(lines []book.VerseLine) error {
	w := &cw.w
	open := false
	for _, l := range lines {
		if len(l.Inlines) == 0 {
			if open {
				w.WriteString("</div>\n")
				open = false
			}
			continue
		}
		if !open {
			w.WriteString(`<div class="stanza">` + "\n")
			open = true
		}
		if ind := min(l.Indent, maxIndent); ind > 0 {
			fmt.Fprintf(w, `<p class="line i%d">`, ind)
		} else {
			w.WriteString(`<p class="line">`)
		}
		if err := cw.inlines(l.Inlines); err != nil {
			return err
		}
		w.WriteString("</p>\n")
	}
	if open {
		w.WriteString("</div>\n")
	}
	return nil
}

// epigraph writes a quotation at a chapter's head (prose or verse) with
// its source.
func (cw *chapterWriter) epigraph(b *book.Block) error {
	w := &cw.w
	w.WriteString(`<blockquote class="epigraph" epub:type="epigraph" role="doc-epigraph">` + "\n")
	if len(b.Inlines) > 0 {
		w.WriteString("<p>")
		if err := cw.inlines(b.Inlines); err != nil {
			return err
		}
		w.WriteString("</p>\n")
	}
	if len(b.Lines) > 0 {
		w.WriteString(`<div class="verse" epub:type="z3998:verse">` + "\n")
		if err := cw.verse(b.Lines); err != nil {
			return err
		}
		w.WriteString("</div>\n")
	}
	if err := cw.attribution(b.Attribution); err != nil {
		return err
	}
	w.WriteString("</blockquote>\n")
	return nil
}

var alignClass = map[string]string{"left": "left", "right": "right", "center": "center"}

// table writes a table: a real one when its columns were recovered, with
// its header row as column headers; else the table as printed, in a
// preformatted block that keeps its columns aligned.
func (cw *chapterWriter) table(b *book.Block) error {
	w := &cw.w
	if b.Pre || len(b.Rows) == 0 {
		cw.doc.PreTables++
		w.WriteString(`<pre class="table">`)
		for i, l := range b.Lines {
			if i > 0 {
				w.WriteByte('\n')
			}
			w.WriteString(strings.Repeat(" ", max(l.Indent, 0)))
			if err := cw.inlines(l.Inlines); err != nil {
				return err
			}
		}
		w.WriteString("</pre>\n")
		return nil
	}
	rows := b.Rows
	w.WriteString(`<table class="data">` + "\n")
	if b.Header {
		w.WriteString("<thead>\n")
		if err := cw.row(rows[0], "th"); err != nil {
			return err
		}
		w.WriteString("</thead>\n")
		rows = rows[1:]
	} else if len(rows) > 1 && len(rows[0]) > 1 {
		cw.doc.BareTables++
	}
	w.WriteString("<tbody>\n")
	for _, r := range rows {
		if err := cw.row(r, "td"); err != nil {
			return err
		}
	}
	w.WriteString("</tbody>\n</table>\n")
	return nil
}

func (cw *chapterWriter) row(cells []book.Cell, tag string) error {
	w := &cw.w
	w.WriteString("<tr>")
	for _, c := range cells {
		w.WriteString("<" + tag)
		if tag == "th" {
			w.WriteString(` scope="col"`)
		}
		if cl := alignClass[c.Align]; cl != "" {
			w.WriteString(` class="` + cl + `"`)
		}
		w.WriteString(">")
		if err := cw.inlines(c.Inlines); err != nil {
			return err
		}
		w.WriteString("</" + tag + ">")
	}
	w.WriteString("</tr>\n")
	return nil
}

// index writes the run of index entries starting at i as nested lists by
// level (1 main entries, 2+ sub-entries), the page numbers linked to the
// source pages' markers; it returns the index of the run's last entry.
func (cw *chapterWriter) index(i int) (int, error) {
	w, bs := &cw.w, cw.ch.Blocks
	depth := 0 // open lists
	for ; i < len(bs) && bs[i].Kind == book.IndexEntry; i++ {
		lvl := max(bs[i].Level, 1)
		lvl = min(lvl, depth+1) // no level skipped
		switch {
		case lvl > depth:
			for ; depth < lvl; depth++ {
				w.WriteString("\n" + `<ul class="index" epub:type="index-entry-list">` + "\n")
			}
		default:
			w.WriteString("</li>\n")
			for ; depth > lvl; depth-- {
				w.WriteString("</ul>\n</li>\n")
			}
		}
		w.WriteString(`<li epub:type="index-entry">`)
		if err := cw.inlines(bs[i].Inlines); err != nil {
			return i, err
		}
	}
	w.WriteString("</li>\n")
	for ; depth > 1; depth-- {
		w.WriteString("</ul>\n</li>\n")
	}
	w.WriteString("</ul>\n")
	return i - 1, nil
}
