package fixes

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"folio/internal/book"
)

// eachRuns calls fn on every run of inlines of a chapter that may hold a
// note reference (fn may change the inlines in place).
func eachRuns(ch *book.Chapter, fn func(ins []book.Inline)) {
	fn(ch.Title)
	fn(ch.Subtitle)
	for i := range ch.Blocks {
		bl := &ch.Blocks[i]
		fn(bl.Inlines)
		fn(bl.Attribution)
		for j := range bl.Lines {
			fn(bl.Lines[j].Inlines)
		}
		for r := range bl.Rows {
			for c := range bl.Rows[r] {
				fn(bl.Rows[r][c].Inlines)
			}
		}
	}
}

// pool holds the notes of chapters being rebuilt, by a key their
// references carry meanwhile (in the reference's Text), in book order.
type pool struct {
	notes map[string]book.Note
	order []string
}

// detach takes a chapter's notes into the pool: each reference names its
// note by key. It returns the keys by the chapter's note index.
func (p *pool) detach(ch *book.Chapter) []string {
	if p.notes == nil {
		p.notes = map[string]book.Note{}
	}
	keys := make([]string, len(ch.Notes))
	for i, n := range ch.Notes {
		k := "\x00" + strconv.Itoa(len(p.order))
		keys[i] = k
		p.notes[k] = n
		p.order = append(p.order, k)
	}
	eachRuns(ch, func(ins []book.Inline) {
		for i := range ins {
			if ins[i].Kind == book.NoteRef && ins[i].Note >= 0 && ins[i].Note < len(keys) {
				ins[i].Text = keys[ins[i].Note]
			}
		}
	})
	ch.Notes = nil
	return keys
}

// attach gives each note of the pool to the chapter that refers to it
// (a note nothing refers to, to the last chapter opening on or before its
// line), in book order, points the references at them and numbers them.
func (p *pool) attach(chs []*book.Chapter) {
	owner := map[string]int{}
	for ci, ch := range chs {
		eachRuns(ch, func(ins []book.Inline) {
			for _, in := range ins {
				if in.Kind == book.NoteRef && in.Text != "" {
					if _, ok := owner[in.Text]; !ok {
						owner[in.Text] = ci
					}
				}
			}
		})
	}
	for _, k := range p.order {
		if _, ok := owner[k]; ok {
			continue
		}
		o := 0
		for ci, ch := range chs {
			if ch.Line <= p.notes[k].Line {
				o = ci
			}
		}
		owner[k] = o
	}
	for ci, ch := range chs {
		idx := map[string]int{}
		for _, k := range p.order {
			if owner[k] == ci {
				idx[k] = len(ch.Notes)
				n := p.notes[k]
				n.ID = fmt.Sprintf("%s-n%d", ch.ID, len(ch.Notes)+1)
				ch.Notes = append(ch.Notes, n)
			}
		}
		eachRuns(ch, func(ins []book.Inline) {
			for i := range ins {
				if ins[i].Kind == book.NoteRef && ins[i].Text != "" {
					ins[i].Note, ins[i].Text = idx[ins[i].Text], ""
				}
			}
		})
	}
}

// splitChapter opens a new chapter at block bi of chapter ci, titled
// title: the block is its heading (consumed) or its first paragraph, the
// blocks after it its text, and the notes go with the text that refers
// to them.
func (m *modeler) splitChapter(ci, bi int, title []book.Inline, kind book.ChapterKind, consumed bool) {
	var p pool
	ch := &m.b.Chapters[ci]
	p.detach(ch)
	rest := ch.Blocks[bi:]
	if consumed {
		rest = ch.Blocks[bi+1:]
	}
	nc := book.Chapter{ID: m.newChapterID(ch.ID), Kind: kind, Title: title, Line: ch.Blocks[bi].Line,
		StartPage: pageBefore(ch, bi), Blocks: append([]book.Block(nil), rest...)}
	ch.Blocks = ch.Blocks[:bi]
	chs := append([]book.Chapter(nil), m.b.Chapters[:ci+1]...)
	chs = append(chs, nc)
	m.b.Chapters = append(chs, m.b.Chapters[ci+1:]...)
	p.attach([]*book.Chapter{&m.b.Chapters[ci], &m.b.Chapters[ci+1]})
	m.rep.Count("chapters", 1)
}

// mergeChapter makes chapter ci text of the one before it: its heading a
// paragraph (or, asSection, a section heading, titled title when given),
// its subtitle a paragraph, its place and date a dateline.
func (m *modeler) mergeChapter(ci int, asSection bool, title []book.Inline) {
	var p pool
	prev, ch := &m.b.Chapters[ci-1], &m.b.Chapters[ci]
	p.detach(prev)
	p.detach(ch)
	head := ch.Title
	if ch.Label != "" {
		head = append([]book.Inline{{Kind: book.Text, Text: ch.Label + " "}}, head...)
	}
	var open []book.Block
	if asSection {
		if title != nil {
			head = append(leadingBreaks(ch.Title), title...)
		}
		open = append(open, book.Block{Kind: book.Heading, Level: 2, Line: ch.Line, ID: m.newSectionID(prev.ID), Inlines: head})
		m.rep.Count("sections", 1)
	} else {
		open = append(open, book.Block{Kind: book.Para, Line: ch.Line, Inlines: head})
	}
	if len(ch.Subtitle) > 0 {
		open = append(open, book.Block{Kind: book.Para, Line: ch.Line, Inlines: ch.Subtitle})
	}
	var when []string
	for _, s := range []string{ch.Place, ch.Date, ch.Time} {
		if s != "" {
			when = append(when, s)
		}
	}
	if len(when) > 0 {
		open = append(open, book.Block{Kind: book.Dateline, Line: ch.Line, Inlines: []book.Inline{{Kind: book.Text, Text: strings.Join(when, ", ")}}})
	}
	prev.Blocks = append(append(prev.Blocks, open...), ch.Blocks...)
	m.b.Chapters = append(m.b.Chapters[:ci], m.b.Chapters[ci+1:]...)
	p.attach([]*book.Chapter{&m.b.Chapters[ci-1]})
	m.rep.Count("chapters", -1)
}

// pageBefore is the source page block bi of a chapter opens on: the last
// page break before its words, else the chapter's own.
func pageBefore(ch *book.Chapter, bi int) string {
	page := ch.StartPage
	for i := 0; i <= bi && i < len(ch.Blocks); i++ {
		for _, in := range ch.Blocks[i].Inlines {
			if in.Kind == book.PageBreak {
				page = in.Page
			} else if i == bi && strings.TrimSpace(in.Text) != "" {
				return page
			}
		}
	}
	return page
}

func (m *modeler) newChapterID(base string) string {
	used := map[string]bool{}
	for _, ch := range m.b.Chapters {
		used[ch.ID] = true
	}
	for k := 2; ; k++ {
		if id := fmt.Sprintf("%s-%d", base, k); !used[id] {
			return id
		}
	}
}

func (m *modeler) newSectionID(chID string) string {
	used := map[string]bool{}
	for _, ch := range m.b.Chapters {
		for _, bl := range ch.Blocks {
			if bl.ID != "" {
				used[bl.ID] = true
			}
		}
	}
	for k := 1; ; k++ {
		if id := fmt.Sprintf("%s-s%d", chID, k); !used[id] {
			return id
		}
	}
}

// referenced is the set of a chapter's notes some reference points at.
func referenced(ch *book.Chapter) map[int]bool {
	out := map[int]bool{}
	eachRuns(ch, func(ins []book.Inline) {
		for _, in := range ins {
			if in.Kind == book.NoteRef {
				out[in.Note] = true
			}
		}
	})
	return out
}

// segment is where line n's letters lie in a block: letters before its
// first and after its last.
func (m *modeler) segment(bl *book.Block, n int) (from, to int) {
	pre := prefix(bl)
	return m.src.letters(bl.Line, n) - pre, m.src.letters(bl.Line, n+1) - pre
}

// pick chooses among candidate cell positions the one on line n (by the
// letters before it), else the only one in the block.
func (m *modeler) pick(cs []cell, bl *book.Block, n int, cands []int) (int, int) {
	from, to := m.segment(bl, n)
	var on []int
	seen := 0
	ci := 0
	for _, p := range cands {
		for ci < p {
			seen += cs[ci].letters()
			ci++
		}
		if seen >= from && seen <= to {
			on = append(on, p)
		}
	}
	switch {
	case len(on) == 1:
		return on[0], 1
	case len(on) > 1:
		return -1, len(on)
	case len(cands) == 1:
		return cands[0], 1
	}
	return -1, len(cands)
}

// note makes the marker on line n refer to the note the fix names.
func (m *modeler) note(f Fix) (string, bool) {
	ci, bi, msg := m.textAt(f.Line)
	if msg != "" {
		return msg, false
	}
	// The note: by its line, else the one of its label that nothing refers
	// to in this chapter (or the one before or after).
	nci, ni := -1, -1
	if f.NoteLine > 0 {
		for c := range m.b.Chapters {
			for i, n := range m.b.Chapters[c].Notes {
				if n.Line == f.NoteLine {
					nci, ni = c, i
				}
			}
		}
		if nci < 0 {
			return fmt.Sprintf("no note starts at line %d: the text changed", f.NoteLine), false
		}
		n := m.b.Chapters[nci].Notes[ni]
		if n.Label != f.Label {
			return fmt.Sprintf("the note at line %d is labelled %q, and the fix names note %q", f.NoteLine, n.Label, f.Label), false
		}
		if referenced(&m.b.Chapters[nci])[ni] {
			return fmt.Sprintf("the note at line %d (%s) is the note of a marker already", f.NoteLine, n.Label), false
		}
	} else {
		for _, c := range []int{ci, ci - 1, ci + 1} {
			if c < 0 || c >= len(m.b.Chapters) {
				continue
			}
			refs := referenced(&m.b.Chapters[c])
			var found []int
			for i, n := range m.b.Chapters[c].Notes {
				if n.Label == f.Label && !refs[i] {
					found = append(found, i)
				}
			}
			if len(found) > 1 {
				var lines []string
				for _, i := range found {
					lines = append(lines, strconv.Itoa(m.b.Chapters[c].Notes[i].Line))
				}
				return fmt.Sprintf("%d notes labelled %q stand without a marker (lines %s): add note_line: to say which", len(found), f.Label, strings.Join(lines, ", ")), false
			}
			if len(found) == 1 {
				nci, ni = c, found[0]
				break
			}
		}
		if nci < 0 {
			return fmt.Sprintf("no note labelled %q stands without a marker in this chapter or beside it: give note_line: (the note's first line) if it is elsewhere", f.Label), false
		}
	}
	// The marker: the printed label glued to the text of line n.
	mk := []rune(f.Marker)
	if len(mk) == 0 {
		mk = []rune(f.Label)
	}
	bl := &m.b.Chapters[ci].Blocks[bi]
	cs := explode(bl.Inlines)
	var glued, all []int
	digits := isDigits(mk)
	for p := 0; p+len(mk) <= len(cs); p++ {
		match := true
		for k, r := range mk {
			if cs[p+k].atom != nil || cs[p+k].r != r {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		if digits && (p > 0 && cs[p-1].atom == nil && unicode.IsDigit(cs[p-1].r) || p+len(mk) < len(cs) && cs[p+len(mk)].atom == nil && unicode.IsDigit(cs[p+len(mk)].r)) {
			continue
		}
		all = append(all, p)
		if p > 0 && !cs[p-1].isSpace() && !cs[p-1].isBreak() {
			glued = append(glued, p)
		}
	}
	p, n := m.pick(cs, bl, f.Line, glued)
	if p < 0 && n == 0 {
		p, n = m.pick(cs, bl, f.Line, all)
	}
	if p < 0 {
		if n == 0 {
			return fmt.Sprintf("no marker %q in the paragraph of line %d: the text changed", string(mk), f.Line), false
		}
		return fmt.Sprintf("%d markers %q in the paragraph of line %d and none on line %d alone: the text changed", n, string(mk), bl.Line, f.Line), false
	}
	label := m.b.Chapters[nci].Notes[ni].Label
	noteLine := m.b.Chapters[nci].Notes[ni].Line
	// Rebuild the notes of the chapters involved, the new reference
	// pointing at the note by its key.
	var pl pool
	involved := []int{ci}
	if nci != ci {
		involved = append(involved, nci)
		if nci < ci {
			involved = []int{nci, ci}
		}
	}
	var key string
	for _, c := range involved {
		keys := pl.detach(&m.b.Chapters[c])
		if c == nci {
			key = keys[ni]
		}
	}
	cs = explode(m.b.Chapters[ci].Blocks[bi].Inlines) // the references now carry keys
	ref := book.Inline{Kind: book.NoteRef, Text: key}
	cs = append(cs[:p], append([]cell{{atom: &ref}}, cs[p+len(mk):]...)...)
	m.b.Chapters[ci].Blocks[bi].Inlines = implode(cs)
	var chs []*book.Chapter
	for _, c := range involved {
		chs = append(chs, &m.b.Chapters[c])
	}
	pl.attach(chs)
	m.settle = append(m.settle, settled{f.Line, "notes/marker-unpaired"}, settled{noteLine, "notes/body-unpaired"})
	m.rep.Count("notes paired", 1)
	return fmt.Sprintf("marker %q on line %d → note %s (line %d)", string(mk), f.Line, label, noteLine), true
}

func isDigits(rs []rune) bool {
	for _, r := range rs {
		if r < '0' || r > '9' {
			return false
		}
	}
	return len(rs) > 0
}

// notNote makes the note reference on line n text again: the label as
// printed. Its note stays in the chapter, with nothing referring to it.
func (m *modeler) notNote(f Fix) (string, bool) {
	ci, bi, msg := m.textAt(f.Line)
	if msg != "" {
		return msg, false
	}
	ch := &m.b.Chapters[ci]
	bl := &ch.Blocks[bi]
	cs := explode(bl.Inlines)
	var cands []int
	for p, c := range cs {
		if c.isNoteRef() && c.atom.Note >= 0 && c.atom.Note < len(ch.Notes) && ch.Notes[c.atom.Note].Label == f.Marker {
			cands = append(cands, p)
		}
	}
	p, n := m.pick(cs, bl, f.Line, cands)
	if p < 0 {
		if n == 0 {
			return fmt.Sprintf("no reference to a note %q in the paragraph of line %d: the text changed", f.Marker, f.Line), false
		}
		return fmt.Sprintf("%d references to notes %q in the paragraph of line %d and none on line %d alone", n, f.Marker, bl.Line, f.Line), false
	}
	note := ch.Notes[cs[p].atom.Note]
	var text []cell
	put := f.Text
	if put == "" {
		put = f.Marker
	}
	for _, r := range put {
		text = append(text, cell{r: r, kind: book.Text})
	}
	cs = append(cs[:p], append(text, cs[p+1:]...)...)
	bl.Inlines = implode(cs)
	m.settle = append(m.settle, settled{f.Line, "notes/paired"}, settled{f.Line, "notes/paired-loose"})
	m.rep.Count("notes paired", -1)
	return fmt.Sprintf("%q on line %d is text, not the marker of note %s (line %d), which nothing refers to now", put, f.Line, note.Label, note.Line), true
}

// check marks the decisions the editor checked.
func (m *modeler) check(f Fix) (string, bool) {
	m.checked = 0
	for _, d := range m.rep.Decisions {
		if d.Line == f.Line && d.Stage != Stage && d.Stage+"/"+d.Kind == f.Decision {
			m.checked++
		}
	}
	if m.checked == 0 {
		return fmt.Sprintf("no decision %s at line %d in the report: the text changed (or the line or the kind is wrong)", f.Decision, f.Line), false
	}
	return fmt.Sprintf("%s at line %d checked by the editor", f.Decision, f.Line), true
}
