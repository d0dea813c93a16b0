package typeset

import (
	"fmt"
	"folio/fonts"
	"strings"

	"folio/internal/book"
	"folio/internal/meta"
)

// centred sets text centred on the text block of a physical page, in lines
// no wider than width, from baseline y down by lead, within the height
// maxH (see fitCentred: smaller, broken or cut rather than off the page);
// it returns the baseline after the last line.
func (t *setter) centred(page *Page, phys int, txt string, style Style, size, lead, y, width, maxH float64, caps capsMode) float64 {
	if strings.TrimSpace(txt) == "" {
		return y
	}
	txt, size, lead = t.fitCentred(txt, style, size, lead, width, maxH, t.sp.bodySize, caps)
	x0 := t.left(phys)
	for _, ln := range t.centredLines(txt, style, size, width, caps) {
		for _, r := range ln.runs {
			r.X += x0
			r.Y += y
			page.Runs = append(page.Runs, r)
		}
		y += lead
	}
	return y
}

// centredLines sets txt centred in lines no wider than width.
func (t *setter) centredLines(txt string, style Style, size, width float64, caps capsMode) []line {
	ps := paraSpec{style: style, size: size, width: t.measure, left: (t.measure - width) / 2, right: (t.measure - width) / 2, align: center}
	if caps != noCaps {
		ps.prefix = t.capsToksSize(txt, caps == smallCapitals, style, size)
		return t.setPara(nil, ps)
	}
	return t.setPara([]book.Inline{{Kind: book.Text, Text: txt}}, ps)
}

// capsToksSize is capsToks in a given face and size.
func (t *setter) capsToksSize(s string, all bool, style Style, size float64) []tok {
	var toks []tok
	for i, w := range strings.Fields(s) {
		if i > 0 {
			toks = append(toks, tok{kind: tSpace})
		}
		var tk tok
		for _, sg := range t.smallCaps(style, size, w, all) {
			tk.segs = append(tk.segs, bseg{ready: ptr(sg)})
		}
		toks = append(toks, tk)
	}
	return toks
}

type capsMode uint8

const (
	noCaps        capsMode = iota
	smallCapitals          // all letters small capitals
	spacedCaps             // full-size capitals, letterspaced
)

// halfTitle is page i: the title alone, in small capitals.
func (t *setter) halfTitle(b *book.Book) Page {
	var p Page
	y := t.y0 + float64(t.sinkLines())*t.sp.bodyLead
	room := float64(t.lines-t.sinkLines()) * t.sp.bodyLead
	t.centred(&p, 1, b.Meta.Title, Regular, t.sp.bodySize*1.25, t.sp.bodyLead*1.4, y, t.measure*0.8, room, spacedCaps)
	return p
}

// titlePage is page iii: title, subtitle, authors, contributors, publisher.
func (t *setter) titlePage(b *book.Book) Page {
	var p Page
	sp := t.sp
	m := b.Meta
	y := t.y0 + float64(t.sinkLines()-2)*sp.bodyLead
	// Each block has its share of the page, so that no metadata, however
	// long, sets the page's end below the text block: the publisher on
	// the last line, the names above it as far as they go.
	page := float64(t.lines) * sp.bodyLead
	last := t.y0 + float64(t.lines-1)*sp.bodyLead // the publisher's line
	if m.Publisher != "" {
		last -= 2 * sp.bodyLead
	}
	ts := sp.bodySize * 2.2
	y = t.centred(&p, 3, m.Title, Regular, ts, ts*1.2, y, t.measure*0.9, page*0.35, noCaps)
	if m.Subtitle != "" {
		y += sp.bodyLead * 0.5
		y = t.centred(&p, 3, m.Subtitle, Italic, sp.bodySize*1.3, sp.bodyLead*1.3, y, t.measure*0.85, page*0.2, noCaps)
	}
	y += sp.bodyLead * 3
	left := 0 // names with no room left
	for _, a := range m.Authors {
		if y+sp.bodyLead*1.5 > last {
			left++
			continue
		}
		y = t.centred(&p, 3, a.Name, Regular, sp.bodySize*1.15, sp.bodyLead*1.5, y, t.measure, min(3*sp.bodyLead*1.5, last-y+sp.bodyLead*1.5), spacedCaps)
	}
	for _, c := range m.Contributors {
		if y+sp.bodyLead*1.5 > last {
			left++
			continue
		}
		y += sp.bodyLead * 0.5
		y = t.centred(&p, 3, roleText(c.Role)+c.Name, Italic, sp.bodySize, sp.bodyLead, y, t.measure, min(2*sp.bodyLead, last-y+sp.bodyLead), noCaps)
	}
	if left > 0 && y <= last {
		t.centred(&p, 3, fmt.Sprintf("and %d more", left), Italic, sp.bodySize, sp.bodyLead, y, t.measure, sp.bodyLead, noCaps)
	}
	if m.Publisher != "" {
		yb := t.y0 + float64(t.lines-1)*sp.bodyLead
		t.centred(&p, 3, m.Publisher, Regular, sp.bodySize, sp.bodyLead, yb-sp.bodyLead, t.measure, 2*sp.bodyLead, smallCapitals)
	}
	p.Bookmarks = []Bookmark{{Title: m.Title, Level: 0, Y: 0}}
	return p
}

func roleText(role string) string {
	switch role {
	case "trl":
		return "Translated by "
	case "edt":
		return "Edited by "
	case "aui":
		return "With an introduction by "
	case "ill":
		return "Illustrated by "
	}
	return ""
}

// copyrightPage is page iv: rights, source, identifiers, the colophon and
// the edition date, set small at the foot.
func (t *setter) copyrightPage(b *book.Book) Page {
	var p Page
	sp := t.sp
	m := b.Meta
	var paras []string
	if m.Rights != "" {
		paras = append(paras, m.Rights)
	}
	if m.Source != "" {
		paras = append(paras, "Source: "+m.Source)
	}
	isbn := m.ISBNPrint
	if isbn == "" {
		isbn = m.ISBN // a model made without meta.Defaults
	}
	if l := meta.ISBNLine(isbn, ""); l != "" {
		paras = append(paras, l)
	}
	paras = append(paras, "Typeset in "+fonts.Family+" with folio.")
	// Only a date the metadata or the build gives: never one made up.
	if d := meta.EditionDate(m); d != "" {
		paras = append(paras, "This edition: "+d+".")
	}
	var lines []line
	for i, s := range paras {
		ps := paraSpec{style: Regular, size: sp.noteSize, width: t.measure, align: flushLeft}
		ls := t.setPara([]book.Inline{{Kind: book.Text, Text: s}}, ps)
		if i > 0 {
			lines = append(lines, line{})
		}
		lines = append(lines, ls...)
	}
	x0 := t.left(4)
	y := t.y0 + float64(t.lines-1)*sp.bodyLead - float64(len(lines)-1)*sp.noteLead
	for _, ln := range lines {
		for _, r := range ln.runs {
			r.X += x0
			r.Y += y
			p.Runs = append(p.Runs, r)
		}
		y += sp.noteLead
	}
	return p
}
