package fixes

import (
	"fmt"
	"strings"
	"unicode"

	"folio/internal/book"
	"folio/internal/clean"
	"folio/internal/report"
	"folio/internal/titlecase"
)

// Model applies the structural fixes to the book model, after the
// structure stage, in the file's order (the checked marks last, when every
// decision is in the report), and reports each: applied, or refused when
// the model no longer holds what the fix is keyed by. Each fix is an edit
// of the model rather than a hint to a stage: the model holds what a fix
// needs (every block's first source line, and every letter of the text in
// order), so the stages stay as they are and a fix does exactly what it
// says. The decisions a fix overturns are marked so in the report.
func (s *Set) Model(b *book.Book, src Source, rep *report.Report) {
	if s == nil {
		return
	}
	m := &modeler{b: b, src: src, rep: rep}
	applied := false
	for _, pass := range []bool{false, true} {
		for _, f := range s.Fixes {
			if f.Kind == ReplaceLine || f.Kind == ReplaceAll || (f.Kind == Checked) != pass {
				continue
			}
			m.settle = nil
			msg, ok := m.apply(f)
			if ok && f.Kind != Checked {
				for _, st := range m.settle {
					settle(rep, st, "overturned by the editor's fix, "+s.Where(f))
				}
			}
			if ok && f.Kind == Checked {
				msg = fmt.Sprintf("%s (%d decision%s)", msg, m.checked, plural(m.checked))
				settle(rep, settled{f.Line, f.Decision}, "checked by the editor, "+s.Where(f))
			}
			s.record(rep, f, msg, ok)
			applied = applied || ok
		}
	}
	if applied || rep.Counts["fixes applied"] > 0 {
		b.Provenance.Fixes = s.Path
	}
}

// settled names decisions a fix overturns: the line and "stage/kind"
// ("stage/" for any kind of the stage).
type settled struct {
	line int
	what string
}

func settle(rep *report.Report, st settled, why string) {
	for i := range rep.Decisions {
		d := &rep.Decisions[i]
		if d.Line != st.line || d.Stage == Stage {
			continue
		}
		if k := d.Stage + "/" + d.Kind; k != st.what && !(strings.HasSuffix(st.what, "/") && strings.HasPrefix(k, st.what)) {
			continue
		}
		d.Confidence, d.Problem = 1, false
		if d.Evidence != "" {
			d.Evidence += "; "
		}
		d.Evidence += why
	}
}

type modeler struct {
	b       *book.Book
	src     Source
	rep     *report.Report
	settle  []settled
	checked int
}

func (m *modeler) apply(f Fix) (string, bool) {
	n := len(m.src.Lines)
	if f.Line > n {
		return fmt.Sprintf("line %d is beyond the text (%d lines)", f.Line, n), false
	}
	if f.To > n {
		return fmt.Sprintf("line %d is beyond the text (%d lines)", f.To, n), false
	}
	if f.Kind == Checked {
		return m.check(f)
	}
	if f.Kind != Hyphen || m.src.roleOf(f.Line) != RoleFoot {
		if msg := m.roleProblem(f.Line); msg != "" {
			return msg, false
		}
	}
	switch f.Kind {
	case Split:
		return m.split(f)
	case Join:
		return m.join(f)
	case Heading:
		return m.heading(f)
	case NotHeading:
		return m.notHeading(f)
	case Verse:
		return m.verse(f)
	case Note:
		return m.note(f)
	case NotNote:
		return m.notNote(f)
	case Hyphen:
		return m.hyphen(f)
	}
	return "not a fix of the model", false
}

// roleProblem says why a line is no place for a structural fix.
func (m *modeler) roleProblem(n int) string {
	switch m.src.roleOf(n) {
	case RoleFoot:
		return fmt.Sprintf("line %d is in the notes at a page's foot, and a structural fix applies to the text (correct a note's words with old: and new:)", n)
	case RoleFurniture:
		return fmt.Sprintf("line %d is a running head or page number, left out of the edition", n)
	case RoleNone:
		return fmt.Sprintf("line %d is no line of the text (a page separator)", n)
	}
	return ""
}

// locate finds what holds source line n: the block (or, with bi = -1,
// the chapter's opening) that starts last on or before it.
func (m *modeler) locate(n int) (ci, bi int) {
	best := -1
	ci, bi = -1, -1
	for i := range m.b.Chapters {
		ch := &m.b.Chapters[i]
		if ch.Line <= n && ch.Line >= best {
			best, ci, bi = ch.Line, i, -1
		}
		for j := range ch.Blocks {
			if l := ch.Blocks[j].Line; l <= n && l >= best {
				best, ci, bi = l, i, j
			}
		}
	}
	return ci, bi
}

// chapterAt is the chapter whose heading is on line n, or -1.
func (m *modeler) chapterAt(n int) int {
	for i := range m.b.Chapters {
		if m.b.Chapters[i].Line == n {
			return i
		}
	}
	return -1
}

// textBlock: a block of running text (inline runs), which can be cut and
// joined.
func textBlock(bl *book.Block) bool {
	return len(bl.Lines) == 0 && len(bl.Rows) == 0 && bl.Kind != book.SceneBreak && bl.Kind != book.IndexEntry
}

// textAt finds the block of running text that holds line n.
func (m *modeler) textAt(n int) (ci, bi int, msg string) {
	ci, bi = m.locate(n)
	if ci < 0 {
		return -1, -1, fmt.Sprintf("line %d is before the book's first chapter", n)
	}
	ch := &m.b.Chapters[ci]
	if bi < 0 {
		return ci, -1, fmt.Sprintf("line %d is in the heading of %q (line %d), not in its text", n, clip(ch.TitleText(), 60), ch.Line)
	}
	bl := &ch.Blocks[bi]
	if !textBlock(bl) {
		return ci, bi, fmt.Sprintf("line %d is in a %s block (line %d), not in running text", n, kindName(bl.Kind), bl.Line)
	}
	return ci, bi, ""
}

func kindName(k book.BlockKind) string {
	switch k {
	case book.Verse:
		return "verse"
	case book.Table:
		return "table"
	case book.SceneBreak:
		return "scene-break"
	case book.IndexEntry:
		return "index"
	}
	return string(k)
}

// prefix is the letters of a block's source that its inline runs do not
// hold: a speaker's label, a list item's label.
func prefix(bl *book.Block) int { return countLetters(bl.Speaker) + countLetters(bl.Label) }

// cutAt finds where source line n starts in a block's text: the line
// before ends at cell i (keeping its closing punctuation and note
// references), line n's words start at cell j, and the cells between are
// spaces and page breaks (a page break goes with the line it opens). It
// refuses a line that starts inside a word (one the build joined across
// the line end), and checks that the words at j are line n's.
func (m *modeler) cutAt(bl *book.Block, cs []cell, n int) (i, j int, msg string) {
	if !m.src.hasLetters(n) {
		return 0, 0, fmt.Sprintf("line %d holds no words to start a paragraph with", n)
	}
	k := m.src.letters(bl.Line, n) - prefix(bl)
	if k <= 0 {
		return 0, 0, fmt.Sprintf("line %d already starts a block (%s)", n, kindName(bl.Kind))
	}
	i = afterLetters(cs, k)
	if i < 0 || i >= len(cs) || cellLetters(cs[i:]) == 0 {
		return 0, 0, fmt.Sprintf("line %d is not in the paragraph of line %d (it ends before): the text changed", n, bl.Line)
	}
	for i < len(cs) && !cs[i].isLetter() && !cs[i].isSpace() && !cs[i].isBreak() {
		i++
	}
	j = i
	for j < len(cs) && (cs[j].isSpace() || cs[j].isBreak()) {
		j++
	}
	if j == i {
		return 0, 0, fmt.Sprintf("line %d starts inside the word %q, which the build joined across the line end: a paragraph cannot start there", n, wordAround(cs, i))
	}
	if want, got := lowerLetters(m.src.text(n), 12), lowerCellLetters(cs[j:], 12); !strings.HasPrefix(got, want) && !strings.HasPrefix(want, got) {
		return 0, 0, fmt.Sprintf("line %d's words (%q) are not where the paragraph of line %d has them (%q): the text changed", n, clip(strings.TrimSpace(m.src.text(n)), 40), bl.Line, clip(plain(cs[j:]), 40))
	}
	return i, j, ""
}

// breaks are the page breaks among cells.
func breaks(cs []cell) []cell {
	var out []cell
	for _, c := range cs {
		if c.isBreak() {
			out = append(out, c)
		}
	}
	return out
}

// cutBefore cuts a block's text where source line n starts (see cutAt).
func (m *modeler) cutBefore(bl *book.Block, n int) (a, b []cell, msg string) {
	cs := explode(bl.Inlines)
	i, j, msg := m.cutAt(bl, cs, n)
	if msg != "" {
		return nil, nil, msg
	}
	a = trimSpaceCells(append([]cell(nil), cs[:i]...))
	b = append(breaks(cs[i:j]), cs[j:]...)
	return a, b, ""
}

// wordAround is the word at cell i: letters, digits, hyphens and
// apostrophes, across page breaks.
func wordAround(cs []cell, i int) string {
	in := func(c cell) bool {
		return c.isBreak() || c.atom == nil && (unicode.IsLetter(c.r) || unicode.IsDigit(c.r) || strings.ContainsRune("-‐'’", c.r))
	}
	a, b := i, i
	for a > 0 && in(cs[a-1]) {
		a--
	}
	for b < len(cs) && in(cs[b]) {
		b++
	}
	return plain(cs[a:b])
}

// splitBlock cuts block bi of chapter ci before line n; the second part is
// a new paragraph (a quotation's stays a quotation).
func (m *modeler) splitBlock(ci, bi, n int) string {
	ch := &m.b.Chapters[ci]
	bl := &ch.Blocks[bi]
	a, b, msg := m.cutBefore(bl, n)
	if msg != "" {
		return msg
	}
	second := book.Block{Kind: book.Para, Line: n, Inlines: implode(b)}
	if bl.Kind == book.Quote {
		second.Kind = book.Quote
	}
	bl.Inlines = implode(a)
	ch.Blocks = append(ch.Blocks[:bi+1], append([]book.Block{second}, ch.Blocks[bi+1:]...)...)
	return ""
}

func (m *modeler) split(f Fix) (string, bool) {
	ci, bi, msg := m.textAt(f.Line)
	if msg != "" {
		return msg, false
	}
	if msg := m.splitBlock(ci, bi, f.Line); msg != "" {
		return msg, false
	}
	m.settle = append(m.settle, settled{f.Line, "clean/join-paragraph"})
	return fmt.Sprintf("a new paragraph starts at line %d: %q", f.Line, clip(book.PlainText(m.b.Chapters[ci].Blocks[bi+1].Inlines), 60)), true
}

func (m *modeler) join(f Fix) (string, bool) {
	ci, bi, msg := m.textAt(f.Line)
	if msg != "" {
		return msg, false
	}
	ch := &m.b.Chapters[ci]
	first, second := bi, bi+1
	if f.Dir == "previous" {
		first, second = bi-1, bi
	}
	if first < 0 || second >= len(ch.Blocks) {
		side := "after"
		if first < 0 {
			side = "before"
		}
		return fmt.Sprintf("no paragraph of %q stands %s the one at line %d (a chapter's heading is between: heading: none takes it away)", clip(ch.TitleText(), 50), side, ch.Blocks[bi].Line), false
	}
	a, b := &ch.Blocks[first], &ch.Blocks[second]
	if !textBlock(a) || !textBlock(b) {
		return fmt.Sprintf("the blocks at lines %d and %d are not both running text", a.Line, b.Line), false
	}
	if b.Speaker != "" || b.Label != "" {
		return fmt.Sprintf("the paragraph at line %d opens with its own label (%q): joining would lose it", b.Line, b.Speaker+b.Label), false
	}
	if b.Kind == book.Heading {
		return fmt.Sprintf("line %d is a section heading: heading: none makes it text first", b.Line), false
	}
	ins := append([]book.Inline(nil), a.Inlines...)
	ins = append(ins, book.Inline{Kind: book.Text, Text: " "})
	ins = append(ins, b.Inlines...)
	a.Inlines = implode(explode(ins))
	line := b.Line
	ch.Blocks = append(ch.Blocks[:second], ch.Blocks[second+1:]...)
	m.settle = append(m.settle, settled{line, "clean/end-paragraph"})
	return fmt.Sprintf("the paragraph at line %d runs on into the one at line %d", a.Line, line), true
}

// hyphen keeps or joins the line-end hyphen at the end of line n.
func (m *modeler) hyphen(f Fix) (string, bool) {
	var ins *[]book.Inline
	var k int
	if m.src.roleOf(f.Line) == RoleFoot {
		// A note's line: the note that starts last on or before it.
		ci, ni := m.noteAt(f.Line)
		if ci < 0 {
			return fmt.Sprintf("no note of the book holds line %d", f.Line), false
		}
		n := &m.b.Chapters[ci].Notes[ni]
		if len(n.Paras) == 0 {
			return fmt.Sprintf("the note of line %d is empty", n.Line), false
		}
		// The label's letters, as the source line has them (a label OCR
		// misread as a letter, "UThe", is no letter of the note).
		lead := -1
		first := []rune(lowerLetters(m.src.text(n.Line), 64))
		open := lowerCellLetters(explode(n.Paras[0]), 12)
		for d := 0; d <= 4 && d <= len(first); d++ {
			if strings.HasPrefix(string(first[d:]), open) || strings.HasPrefix(open, string(first[d:])) {
				lead = d
				break
			}
		}
		if lead < 0 {
			return fmt.Sprintf("the note of line %d does not open with that line's words: the text changed", n.Line), false
		}
		k = m.src.footLetters(n.Line, f.Line+1) - lead
		for p := range n.Paras {
			l := cellLetters(explode(n.Paras[p]))
			if k <= l {
				ins = &n.Paras[p]
				break
			}
			k -= l
		}
		if ins == nil {
			return fmt.Sprintf("the text of line %d is not in the note of line %d: the text changed", f.Line, n.Line), false
		}
	} else {
		ci, bi, msg := m.textAt(f.Line)
		if msg != "" {
			return msg, false
		}
		bl := &m.b.Chapters[ci].Blocks[bi]
		ins, k = &bl.Inlines, m.src.letters(bl.Line, f.Line+1)-prefix(bl)
	}
	cs := explode(*ins)
	i := afterLetters(cs, k)
	if k <= 0 || i < 0 || i >= len(cs) {
		return fmt.Sprintf("the text of line %d does not end inside a paragraph: the text changed", f.Line), false
	}
	if want, got := lastLetters(m.src.text(f.Line), 8), lastCellLetters(cs[:i], 8); !strings.HasSuffix(got, want) && !strings.HasSuffix(want, got) {
		return fmt.Sprintf("line %d's words (%q) are not where the text has them (%q): the text changed", f.Line, clip(strings.TrimSpace(m.src.text(f.Line)), 40), clip(plain(cs[max(0, i-40):i]), 40)), false
	}
	word := wordAround(cs, i)
	if f.Old != "" && !strings.Contains(foldString(word), foldString(f.Old)) {
		return fmt.Sprintf("the word at the end of line %d is %q now, and the fix expects %q: the text changed", f.Line, word, f.Old), false
	}
	next := func(j int) int {
		for j < len(cs) && cs[j].isBreak() {
			j++
		}
		return j
	}
	isHyphen := func(c cell) bool { return c.atom == nil && (c.r == '-' || c.r == '‐') }
	switch f.Dir {
	case "keep":
		j := next(i)
		if j >= len(cs) || !cs[j].isLetter() {
			if j < len(cs) && isHyphen(cs[j]) {
				return fmt.Sprintf("the hyphen of %q at the end of line %d is kept already", word, f.Line), false
			}
			return fmt.Sprintf("line %d does not end in a word joined with the next line's (%q)", f.Line, word), false
		}
		cs = append(cs[:i], append([]cell{{r: '-', kind: cs[i-1].kind}}, cs[i:]...)...)
	case "join":
		if !isHyphen(cs[i]) {
			if cs[i].isLetter() {
				return fmt.Sprintf("%q at the end of line %d is joined already", word, f.Line), false
			}
			return fmt.Sprintf("line %d does not end in a hyphen the build kept (%q)", f.Line, word), false
		}
		if j := next(i + 1); j >= len(cs) || !cs[j].isLetter() {
			return fmt.Sprintf("the hyphen at the end of line %d is not followed by a word (%q)", f.Line, word), false
		}
		cs = append(cs[:i], cs[i+1:]...)
	}
	*ins = implode(cs)
	m.settle = append(m.settle, settled{f.Line, "hyphen/"})
	return fmt.Sprintf("%q → %q at the end of line %d", word, wordAround(cs, min(i, len(cs)-1)), f.Line), true
}

// noteAt finds the note that starts last on or before line n.
func (m *modeler) noteAt(n int) (ci, ni int) {
	best := -1
	ci, ni = -1, -1
	for c := range m.b.Chapters {
		for i, nt := range m.b.Chapters[c].Notes {
			if nt.Line <= n && nt.Line > best {
				best, ci, ni = nt.Line, c, i
			}
		}
	}
	return ci, ni
}

func foldString(s string) string { return strings.Map(foldQuote, s) }

// heading makes line n (to f.To) a heading of the given level, or
// retitles or re-levels the heading there.
func (m *modeler) heading(f Fix) (string, bool) {
	n := f.Line
	title := []book.Inline(nil)
	if f.Title != "" {
		title = []book.Inline{{Kind: book.Text, Text: f.Title}}
	}
	if ci := m.chapterAt(n); ci >= 0 {
		ch := &m.b.Chapters[ci]
		if f.Level == "section" {
			if ci == 0 {
				return fmt.Sprintf("%q (line %d) is the book's first chapter: no chapter before it to hold it as a section", clip(ch.TitleText(), 50), n), false
			}
			old := ch.TitleText()
			m.mergeChapter(ci, true, title)
			m.settle = append(m.settle, settled{n, "structure/"})
			return fmt.Sprintf("%q (line %d) is a section of the chapter before it", clip(old, 60), n), true
		}
		kind := ch.Kind
		if f.Level == "part" {
			kind = book.Part
		} else if kind == book.Part {
			kind = book.Document
		}
		if title == nil && kind == ch.Kind {
			return fmt.Sprintf("line %d is a %s heading already (%q)", n, f.Level, clip(ch.TitleText(), 60)), false
		}
		if title != nil {
			title = append(leadingBreaks(ch.Title), title...)
			ch.Title, ch.Label = title, ""
		}
		ch.Kind = kind
		m.settle = append(m.settle, settled{n, "structure/"})
		return fmt.Sprintf("the %s at line %d: %q", f.Level, n, clip(ch.TitleText(), 60)), true
	}
	ci, bi := m.locate(n)
	if ci < 0 || bi < 0 {
		_, _, msg := m.textAt(n)
		return msg, false
	}
	ch := &m.b.Chapters[ci]
	bl := &ch.Blocks[bi]
	if bl.Kind == book.Heading && bl.Line == n {
		if f.Level == "section" {
			if title == nil {
				return fmt.Sprintf("line %d is a section heading already (%q)", n, clip(book.PlainText(bl.Inlines), 60)), false
			}
			bl.Inlines = append(leadingBreaks(bl.Inlines), title...)
			return fmt.Sprintf("the section at line %d: %q", n, f.Title), true
		}
	} else {
		if !textBlock(bl) {
			_, _, msg := m.textAt(n)
			return msg, false
		}
		if title != nil {
			return m.insertHeading(f, ci, bi, title)
		}
		if bl.Line < n {
			if msg := m.splitBlock(ci, bi, n); msg != "" {
				return msg, false
			}
			bi++
			ch = &m.b.Chapters[ci]
			bl = &ch.Blocks[bi]
		}
		// The heading is lines n to f.To: the text after them is a
		// paragraph of its own.
		last := max(f.To, n)
		if rest := m.nextTextLine(last, bl); rest > 0 {
			if msg := m.splitBlock(ci, bi, rest); msg != "" {
				return msg, false
			}
			ch = &m.b.Chapters[ci]
			bl = &ch.Blocks[bi]
		}
		if bl.Speaker != "" || bl.Label != "" {
			return fmt.Sprintf("line %d opens with a label (%q): not a heading's text", n, bl.Speaker+bl.Label), false
		}
	}
	text := bl.Inlines
	if title != nil {
		text = append(leadingBreaks(bl.Inlines), title...)
	} else {
		text = titleCase(text)
	}
	m.settle = append(m.settle, settled{n, "structure/"}, settled{n, "clean/"})
	if f.Level == "section" {
		*bl = book.Block{Kind: book.Heading, Level: 2, Line: n, ID: m.newSectionID(ch.ID), Inlines: text}
		m.rep.Count("sections", 1)
		return fmt.Sprintf("a section heading at line %d: %q", n, clip(book.PlainText(text), 60)), true
	}
	if bl.Kind == book.Heading {
		m.rep.Count("sections", -1)
	}
	kind := book.Document
	if f.Level == "part" {
		kind = book.Part
	}
	m.splitChapter(ci, bi, text, kind, true)
	return fmt.Sprintf("a %s opens at line %d: %q", f.Level, n, clip(book.PlainText(text), 60)), true
}

// insertHeading puts a heading the source does not print, titled, before
// line n of a paragraph: the text from line n on stays text.
func (m *modeler) insertHeading(f Fix, ci, bi int, title []book.Inline) (string, bool) {
	n := f.Line
	if f.To != 0 {
		return fmt.Sprintf("line %d is text: give title: to put a heading of that title before it, or to: to make lines %d–%d the heading, not both", n, n, f.To), false
	}
	if m.b.Chapters[ci].Blocks[bi].Line < n {
		if msg := m.splitBlock(ci, bi, n); msg != "" {
			return msg, false
		}
		bi++
	}
	m.settle = append(m.settle, settled{n, "structure/"}, settled{n, "clean/"})
	ch := &m.b.Chapters[ci]
	if f.Level == "section" {
		h := book.Block{Kind: book.Heading, Level: 2, Line: n, ID: m.newSectionID(ch.ID), Inlines: title}
		ch.Blocks = append(ch.Blocks[:bi], append([]book.Block{h}, ch.Blocks[bi:]...)...)
		m.rep.Count("sections", 1)
		return fmt.Sprintf("a section heading %q put before line %d", f.Title, n), true
	}
	kind := book.Document
	if f.Level == "part" {
		kind = book.Part
	}
	m.splitChapter(ci, bi, title, kind, false)
	return fmt.Sprintf("a %s %q opens before line %d", f.Level, f.Title, n), true
}

// nextTextLine is the first body line with words after line last that is
// still in block bl's text (0 when bl ends by then).
func (m *modeler) nextTextLine(last int, bl *book.Block) int {
	total := cellLetters(explode(bl.Inlines)) + prefix(bl)
	if m.src.letters(bl.Line, last+1) >= total {
		return 0
	}
	for n := last + 1; n <= len(m.src.Lines); n++ {
		if m.src.hasLetters(n) {
			return n
		}
	}
	return 0
}

func leadingBreaks(ins []book.Inline) []book.Inline {
	var out []book.Inline
	for _, in := range ins {
		if in.Kind != book.PageBreak {
			break
		}
		out = append(out, in)
	}
	return out
}

// titleCase sets a heading's text in capitals as a title, as the
// structure stage does its own headings; other text is left as it is.
func titleCase(ins []book.Inline) []book.Inline {
	var plain strings.Builder
	for _, in := range ins {
		if in.Kind == book.Text {
			plain.WriteString(in.Text)
		}
	}
	if !clean.IsCaps(plain.String()) {
		return ins
	}
	tc := titlecase.New("")
	out := make([]book.Inline, len(ins))
	for i, in := range ins {
		out[i] = in
		if in.Kind == book.Text && strings.TrimSpace(in.Text) != "" {
			lead := in.Text[:len(in.Text)-len(strings.TrimLeft(in.Text, " "))]
			trail := in.Text[len(strings.TrimRight(in.Text, " ")):]
			out[i].Text = lead + tc.Title(strings.TrimSpace(in.Text)) + trail
		}
	}
	return out
}

func (m *modeler) notHeading(f Fix) (string, bool) {
	n := f.Line
	if ci := m.chapterAt(n); ci >= 0 {
		ch := &m.b.Chapters[ci]
		if ci == 0 {
			return fmt.Sprintf("%q (line %d) is the book's first chapter: no chapter before it to take its text (give it a title instead: heading: chapter, title: …)", clip(ch.TitleText(), 50), n), false
		}
		old := ch.TitleText()
		m.mergeChapter(ci, false, nil)
		m.settle = append(m.settle, settled{n, "structure/"})
		return fmt.Sprintf("%q (line %d) is text of the chapter before it", clip(old, 60), n), true
	}
	ci, bi := m.locate(n)
	if ci >= 0 && bi >= 0 {
		bl := &m.b.Chapters[ci].Blocks[bi]
		if bl.Kind == book.Heading && bl.Line == n {
			old := book.PlainText(bl.Inlines)
			*bl = book.Block{Kind: book.Para, Line: n, Inlines: bl.Inlines}
			m.rep.Count("sections", -1)
			m.settle = append(m.settle, settled{n, "structure/"})
			return fmt.Sprintf("%q (line %d) is a paragraph", clip(old, 60), n), true
		}
	}
	return fmt.Sprintf("no heading starts at line %d: the text changed", n), false
}

// verse makes lines a–b one verse block, a line of verse to each source
// line, the indents and stanza gaps as printed.
func (m *modeler) verse(f Fix) (string, bool) {
	a, b := f.Line, f.To
	ci, bi, msg := m.textAt(a)
	if msg != "" {
		return msg, false
	}
	for _, ch := range m.b.Chapters {
		if ch.Line > a && ch.Line <= b {
			return fmt.Sprintf("lines %d–%d run over the heading of %q (line %d): verse stays within a chapter", a, b, clip(ch.TitleText(), 50), ch.Line), false
		}
	}
	if m.b.Chapters[ci].Blocks[bi].Line < a {
		if msg := m.splitBlock(ci, bi, a); msg != "" {
			return msg, false
		}
		bi++
	}
	ch := &m.b.Chapters[ci]
	end := bi
	for end < len(ch.Blocks) && ch.Blocks[end].Line <= b {
		bl := &ch.Blocks[end]
		if !textBlock(bl) || bl.Kind == book.Heading || bl.Speaker != "" {
			return fmt.Sprintf("lines %d–%d hold a %s block (line %d): verse is made of paragraphs of text", a, b, kindName(bl.Kind), bl.Line), false
		}
		end++
	}
	if next := m.nextTextLine(b, &ch.Blocks[end-1]); next > 0 {
		if msg := m.splitBlock(ci, end-1, next); msg != "" {
			return msg, false
		}
		ch = &m.b.Chapters[ci]
	}
	var vl []book.VerseLine
	left := 1 << 30
	for n := a; n <= b; n++ {
		if m.src.hasLetters(n) {
			left = min(left, m.src.indent[n])
		}
	}
	count := 0
	for k := bi; k < end; k++ {
		bl := &ch.Blocks[k]
		cs := explode(bl.Inlines)
		// The block's source lines with words: a line of verse each.
		var lines []int
		for n := bl.Line; n <= b; n++ {
			if m.src.hasLetters(n) && (k+1 >= len(ch.Blocks) || n < ch.Blocks[k+1].Line) {
				lines = append(lines, n)
			}
		}
		if len(lines) == 0 {
			continue
		}
		if len(vl) > 0 {
			vl = append(vl, book.VerseLine{}) // a stanza gap between paragraphs
		}
		start, lead := 0, []cell(nil)
		for x, n := range lines {
			stop, next := len(cs), len(cs)
			if x+1 < len(lines) {
				i, j, msg := m.cutAt(bl, cs, lines[x+1])
				if msg != "" {
					return msg, false
				}
				stop, next = i, j
			}
			seg := append(lead, trimSpaceCells(cs[start:stop])...)
			vl = append(vl, book.VerseLine{Indent: max(0, m.src.indent[n]-left) / 2, Inlines: implode(seg)})
			count++
			lead = breaks(cs[stop:next])
			start = next
		}
	}
	if count == 0 {
		return fmt.Sprintf("lines %d–%d hold no words", a, b), false
	}
	block := book.Block{Kind: book.Verse, Line: a, Lines: vl}
	ch.Blocks = append(ch.Blocks[:bi], append([]book.Block{block}, ch.Blocks[end:]...)...)
	m.settle = append(m.settle, settled{a, "clean/"}, settled{a, "structure/"})
	return fmt.Sprintf("lines %d–%d are verse (%d lines)", a, b, count), true
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// lastLetters is the last n letters of t, lower-cased.
func lastLetters(t string, n int) string {
	r := []rune(lowerLetters(t, -1))
	return string(r[max(0, len(r)-n):])
}

func lastCellLetters(cs []cell, n int) string {
	var r []rune
	for i := len(cs) - 1; i >= 0 && len(r) < n; i-- {
		if cs[i].isLetter() {
			r = append(r, unicode.ToLower(cs[i].r))
		}
	}
	for a, b := 0, len(r)-1; a < b; a, b = a+1, b-1 {
		r[a], r[b] = r[b], r[a]
	}
	return string(r)
}
