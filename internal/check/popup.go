package check

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// The pop-up rules of the reading systems (sources in the README, "Pop-up
// notes"): a note shows in a pop-up, rather than as a jump to the end of
// the chapter, only when
//
//   - its reference is a link typed epub:type="noteref" (Apple Books) and
//     the note is typed footnote or endnote (Kobo, Apple Books; KOReader
//     trusts role and epub:type), an <aside> so that Apple Books keeps it
//     out of the running text;
//   - the note comes after its reference in reading order (Kobo, KOReader);
//   - its text is 9 to 5,000 characters long (Kobo; KOReader takes up to
//     10,000);
//   - the link back to the reference opens the note (Kindle shows the text
//     from the note's start up to the next link target, so a back-link at
//     the end runs the following notes into the pop-up);
//   - it is not inside a heading (KOReader).
const (
	popupMinChars  = 9
	popupMaxChars  = 5000
	popupMaxKOChar = 10000
)

// PopupNote is how one note of an EPUB meets those rules.
type PopupNote struct {
	Where string // file:line of the note
	ID    string
	// Typed: the note is typed footnote, endnote or rearnote, by
	// epub:type or role.
	Typed bool
	// Aside: the note is an <aside>; InText: it is in the same document as
	// a reference to it, a footnote in the running text.
	Aside, InText bool
	// RefsTyped: every reference to it is typed epub:type="noteref".
	RefsTyped bool
	// After: the note comes after every reference to it in reading order.
	After bool
	// Chars is the length of its text, in characters.
	Chars int
	// Backlink: it links back to a reference to it; BacklinkFirst: that
	// link opens the note, before any of its text.
	Backlink, BacklinkFirst bool
	// InHeading: the note is inside a heading.
	InHeading bool
}

// NotePopups reads an EPUB and says, for every note some reference leads
// to, how it meets the pop-up rules of Kobo, Kindle, Apple Books and
// KOReader.
func NotePopups(data []byte) ([]PopupNote, error) {
	var f findings
	e := newEPUBCheck(&f, Options{})
	if !e.ocf(data) || !e.container() || !e.packageDoc() {
		return nil, errors.New("not a readable EPUB")
	}
	e.contentDocs()
	e.footnotes()
	return e.popups, nil
}

// position is an element's place in reading order: its document's index
// in the spine, then its index in the document.
type position struct{ doc, seq int }

func (p position) before(q position) bool {
	return p.doc < q.doc || p.doc == q.doc && p.seq < q.seq
}

// positions numbers the elements of the spine's documents in reading
// order and marks those inside headings.
func (e *epubCheck) positions() (map[*elem]position, map[*elem]bool) {
	pos := map[*elem]position{}
	inHeading := map[*elem]bool{}
	for i, it := range e.spine {
		d := e.docs[it.path]
		if d == nil {
			continue
		}
		seq := 0
		var rec func(n *elem, heading bool, depth int)
		rec = func(n *elem, heading bool, depth int) {
			if depth > maxDepth {
				return
			}
			seq++
			pos[n] = position{i, seq}
			switch n.name.Local {
			case "h1", "h2", "h3", "h4", "h5", "h6":
				heading = true
			}
			if heading {
				inHeading[n] = true
			}
			for _, p := range n.content {
				if p.el != nil {
					rec(p.el, heading, depth+1)
				}
			}
		}
		rec(d.root, false, 0)
	}
	return pos, inHeading
}

// popup measures one note against the rules.
func (e *epubCheck) popup(d *xdoc, note *elem, refs []noteRef, pos map[*elem]position, inHeading map[*elem]bool) PopupNote {
	p := PopupNote{Where: fmt.Sprintf("%s:%d", d.path, note.line), ID: note.attr("id"),
		Typed: note.is(noteTypes, noteRoles), Aside: note.name.Local == "aside", RefsTyped: true, After: true,
		Chars: utf8.RuneCountInString(note.text()), InHeading: inHeading[note]}
	np, known := pos[note]
	for _, r := range refs {
		if r.doc == d {
			p.InText = true
		}
		if !contains(r.el.epubType(), "noteref") {
			p.RefsTyped = false
		}
		if rp, ok := pos[r.el]; ok && known && !rp.before(np) {
			p.After = false
		}
	}
	// Walk the note in order: is a link back to one of its references met
	// before any of the note's own text?
	seenText, done := false, false
	var rec func(n *elem, depth int)
	rec = func(n *elem, depth int) {
		for _, c := range n.content {
			if done || depth > maxDepth {
				return
			}
			if c.el == nil {
				if strings.TrimSpace(c.text) != "" {
					seenText = true
				}
				continue
			}
			if c.el.name.Local == "a" && c.el.attr("href") != "" {
				if tg, msg := e.resolve(d.path, c.el.attr("href")); msg == "" && tg.el != nil {
					for _, r := range refs {
						if r.el == tg.el {
							p.Backlink, p.BacklinkFirst, done = true, !seenText, true
							return
						}
					}
				}
			}
			rec(c.el, depth+1)
		}
	}
	rec(note, 0)
	return p
}

// popupRule is one rule, the notes it fails and what to do.
type popupRule struct {
	fails func(PopupNote) bool
	what  string
}

var popupRules = []popupRule{
	{func(p PopupNote) bool { return !p.Typed }, "are not typed epub:type=\"footnote\" (or endnote): Kobo and KOReader do not pop them up; type them"},
	{func(p PopupNote) bool { return !p.RefsTyped }, "are referenced by links without epub:type=\"noteref\": Apple Books does not pop them up; type the references"},
	{func(p PopupNote) bool { return p.Typed && p.InText && !p.Aside }, "are footnotes in the running text but not <aside> elements: Apple Books shows them in the running text as well as in the pop-up; make each note an <aside epub:type=\"footnote\">"},
	{func(p PopupNote) bool { return !p.After }, "come before their reference: Kobo and KOReader open them as a jump, not a pop-up; put the notes after the text that calls them"},
	{func(p PopupNote) bool { return p.Chars < popupMinChars }, fmt.Sprintf("are shorter than %d characters: Kobo opens them as a jump, not a pop-up (nothing to fix unless the note lost text)", popupMinChars)},
	{func(p PopupNote) bool { return p.Chars > popupMaxChars }, fmt.Sprintf("are longer than %d characters: Kobo opens them as a jump (KOReader above %d); consider an endnotes section", popupMaxChars, popupMaxKOChar)},
	{func(p PopupNote) bool { return p.Backlink && !p.BacklinkFirst }, "end with their link back to the reference: Kindle runs the following notes into the pop-up; make the note's label, at its start, the back-link"},
	{func(p PopupNote) bool { return p.InHeading }, "are inside a heading: KOReader does not pop them up; move them out"},
}

// popupFindings reports each rule the book's notes fail, once, with the
// count and the first note.
func (e *epubCheck) popupFindings() {
	for _, r := range popupRules {
		n, first := 0, ""
		for _, p := range e.popups {
			if r.fails(p) {
				if n == 0 {
					first = p.Where
				}
				n++
			}
		}
		if n > 0 {
			e.f.add(Warning, first, "%d of %s %s (pop-up notes)", n, plural(len(e.popups), "note"), r.what)
		}
	}
}
