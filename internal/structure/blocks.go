package structure

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/internal/book"
	"folio/internal/clean"
	"folio/internal/pages"
)

// The shapes of text that are not running paragraphs, read from their
// lines as the source sets them: verse (short lines that do not run on,
// set in or with alternate indents), a block quotation (every line set in
// alike), a scene break (an ornament alone), an illustration placeholder,
// a table (columns aligned by spaces), an index (its lines of entries and
// page numbers).

var (
	illustrationRe = regexp.MustCompile(`^\[(?i:illustration|figure|plate|picture)(?::\s*(.*?))?\]$`)
	cellSplitRe    = regexp.MustCompile(`\s{2,}`)
	columnGapRe    = regexp.MustCompile(`\S(\s{2,})\S`)
	pageRefRe      = regexp.MustCompile(`(\d{1,4}|[ivxlc]{1,6})(?:[–-](\d{1,4}))?`)
	indexLineRe    = regexp.MustCompile(`^(.*?[^\s\d,–-])[,.]?\s+((?:(?:\d{1,4}|[ivxlc]{1,6})(?:[–-]\d{1,4})?(?:,\s*|\s+|$))+)$`)
)

// sceneBreak: a line of ornaments alone — asterisks, a fleuron, dots.
func sceneBreak(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" || len(t) > 45 || t[0] >= 'A' && t[0] <= 'z' || utf8.RuneCountInString(t) > 15 {
		return false
	}
	marks := 0
	for _, r := range t {
		switch {
		case r == ' ':
		case r == '*' || r == '⁂' || r == '❦' || r == '❧' || r == '☙' || r == '✻' || r == '✦' || r == '◆' || r == '•' || r == '·' || r == '~' || r == '§':
			marks++
		default:
			return false
		}
	}
	return marks >= 1
}

// shaped appends paragraph ps[*i] as the block its lines show, taking
// the paragraphs that belong with it (a verse's next lines and stanzas,
// an index's entries); *i is left on the last one taken.
func (b *builder) shaped(out []book.Block, ch *book.Chapter, ps []clean.Para, i *int, plain string, st *chapterState) []book.Block {
	p := ps[*i]
	switch {
	case sceneBreak(plain):
		return append(out, book.Block{Kind: book.SceneBreak, Line: p.Line, Inlines: b.pageBreaks(p.Text)})
	case strings.HasPrefix(plain, "[") && illustrationRe.MatchString(plain):
		m := illustrationRe.FindStringSubmatch(plain)
		bl := book.Block{Kind: book.Figure, Line: p.Line, Inlines: b.pageBreaks(p.Text)}
		if m[1] != "" {
			bl.Inlines = append(bl.Inlines, book.Inline{Kind: book.Text, Text: m[1]})
		}
		return append(out, bl)
	case ch.Kind == book.Index:
		return b.indexEntries(out, ps, i, st)
	}
	if f, ok := b.figureCaption(p, plain, st); ok {
		return append(out, f)
	}
	if n := b.verseRun(ps, *i); n > 0 {
		out = append(out, b.verse(ps[*i:*i+n], st))
		*i += n - 1
		return out
	}
	if t, ok := b.table(p); ok {
		return append(out, t)
	}
	if b.quoted(p) {
		return append(out, book.Block{Kind: book.Quote, Line: p.Line, Inlines: b.inlines(p.Text, st)})
	}
	return append(out, book.Block{Kind: book.Para, Line: p.Line, Inlines: b.inlines(p.Text, st)})
}

// lineLen is a line's length in characters, without its indent.
func lineLen(l pages.Line) int {
	return utf8.RuneCountInString(strings.TrimSpace(clean.StripSentinels(l.Text)))
}

func indentOf(l pages.Line) int {
	n := 0
	for n < len(l.Text) && l.Text[n] == ' ' {
		n++
	}
	return n
}

// short: a line that stops well before the measure.
func (b *builder) short(l pages.Line) bool {
	w := b.in.Cleaner.Width()
	return w > 0 && lineLen(l)*100 < w*80
}

// verseRun is how many paragraphs from ps[i] make one verse (its lines
// and stanzas): paragraphs of short lines, each line opening with a
// capital or a quotation mark, adjacent in the source or a blank line
// apart (a stanza), two lines at least; 0 when ps[i] is no verse. Verse
// is told from a letter's ending or an address by its lines: set in from
// the text's left edge (laid-out text), or four lines and more.
func (b *builder) verseRun(ps []clean.Para, i int) int {
	n, lines, inset, endLine := 0, 0, 0, 0
	for k := i; k < len(ps); k++ {
		p := ps[k]
		if len(p.Src) == 0 || k > i && p.Src[0].N > endLine+2 {
			break // more than a blank line apart: the verse has ended
		}
		ok := true
		for _, l := range p.Src {
			t := strings.TrimSpace(clean.StripSentinels(l.Text))
			if t == "" {
				continue
			}
			if !b.short(l) || !verseStart(t) || closingLike(t) || dateOf(t) != "" || isPlaceDate(t) {
				ok = false
				break
			}
			if indentOf(l) >= 2 {
				inset++
			}
			lines++
		}
		if !ok {
			break
		}
		n, endLine = k-i+1, p.Src[len(p.Src)-1].N
	}
	if n == 0 || lines < 2 {
		return 0
	}
	if inset*2 < lines && lines < 4 {
		return 0
	}
	return n
}

// verseStart: a verse line opens with a capital, a quotation mark or a
// dash.
func verseStart(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) || strings.ContainsRune("“‘\"'’—(", r)
}

// closingLike: a letter's closing or signature, not a line of verse.
func closingLike(t string) bool {
	l := strings.ToLower(t)
	for _, w := range []string{"yours", "faithfully", "sincerely", "affectionate", "obedient", "remain,", "believe me", "truly,"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return clean.IsCaps(t) && len(strings.Fields(t)) <= 4 && strings.HasSuffix(t, ".")
}

// verse makes one verse block of paragraphs: a line each, indents kept
// relative to the verse's left edge (in ems, two spaces to an em), a
// stanza gap between paragraphs a blank line apart.
func (b *builder) verse(ps []clean.Para, st *chapterState) book.Block {
	left := 1 << 30
	for _, p := range ps {
		for _, l := range p.Src {
			if strings.TrimSpace(l.Text) != "" {
				left = min(left, indentOf(l))
			}
		}
	}
	bl := book.Block{Kind: book.Verse, Line: ps[0].Line}
	prevEnd := 0
	lead := b.pageBreaks(ps[0].Text)
	for k, p := range ps {
		if k > 0 && p.Src[0].N > prevEnd+1 {
			bl.Lines = append(bl.Lines, book.VerseLine{}) // the stanza gap
		}
		for _, l := range p.Src {
			t := strings.TrimSpace(l.Text)
			if t == "" {
				continue
			}
			in := b.inlines(t, st)
			if len(lead) > 0 {
				in = append(lead, in...)
				lead = nil
			}
			bl.Lines = append(bl.Lines, book.VerseLine{Indent: (indentOf(l) - left) / 2, Inlines: in})
		}
		prevEnd = p.Src[len(p.Src)-1].N
	}
	b.record("verse", ps[0].Line, ps[0].Page, clip(book.PlainText(bl.Lines[0].Inlines)))
	return bl
}

// quoted: a paragraph of two lines or more whose every line is set in
// alike (laid-out text: the text's own lines start at the left edge).
func (b *builder) quoted(p clean.Para) bool {
	if len(p.Src) < 2 {
		return false
	}
	in := -1
	for _, l := range p.Src {
		if strings.TrimSpace(l.Text) == "" {
			continue
		}
		ind := indentOf(l)
		if ind < 2 || in >= 0 && abs(ind-in) > 1 {
			return false
		}
		in = ind
	}
	return true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// table reads a paragraph of three lines or more whose lines fall into
// the same columns (runs of two spaces or more at the same places) as a
// table kept as printed.
func (b *builder) table(p clean.Para) (book.Block, bool) {
	if len(p.Src) < 3 {
		return book.Block{}, false
	}
	for _, l := range p.Src {
		// Every line holds a gap of two spaces or more, inside it.
		if t := strings.TrimSpace(l.Text); t != "" && !strings.Contains(t, "  ") {
			return book.Block{}, false
		}
	}
	cols := -1
	for _, l := range p.Src {
		t := strings.TrimSpace(l.Text)
		if t == "" {
			continue
		}
		n := len(columnGapRe.FindAllStringIndex(t, -1))
		if n == 0 || cols >= 0 && n != cols {
			return book.Block{}, false
		}
		cols = n
	}
	// Cells where the columns' gaps fall: a real table when every row
	// splits into as many cells.
	var rows [][]book.Cell
	for _, l := range p.Src {
		t := strings.TrimSpace(clean.StripSentinels(l.Text))
		if t == "" {
			continue
		}
		var row []book.Cell
		for _, c := range cellSplitRe.Split(t, -1) {
			row = append(row, book.Cell{Inlines: []book.Inline{{Kind: book.Text, Text: c}}})
		}
		if len(rows) > 0 && len(row) != len(rows[0]) {
			rows = nil
			break
		}
		rows = append(rows, row)
	}
	if rows != nil {
		for c := range rows[0] {
			if numericColumn(rows, c) {
				for r := range rows {
					rows[r][c].Align = "right"
				}
			}
		}
		b.record("table", p.Line, p.Page, "columns read from the gaps between them")
		return book.Block{Kind: book.Table, Line: p.Line, Rows: rows, Header: headerRow(rows)}, true
	}
	bl := book.Block{Kind: book.Table, Line: p.Line, Pre: true}
	left := 1 << 30
	for _, l := range p.Src {
		if strings.TrimSpace(l.Text) != "" {
			left = min(left, indentOf(l))
		}
	}
	for _, l := range p.Src {
		t := strings.TrimRight(clean.StripSentinels(l.Text), " ")
		if strings.TrimSpace(t) == "" {
			continue
		}
		bl.Lines = append(bl.Lines, book.VerseLine{Inlines: []book.Inline{{Kind: book.Text, Text: t[min(left, len(t)):]}}})
	}
	b.record("table", p.Line, p.Page, "kept as printed: its columns aligned by spaces")
	return bl, true
}

// indexEntries reads an index: every source line an entry, its page
// numbers links to the source pages, a deeper indent a sub-entry.
func (b *builder) indexEntries(out []book.Block, ps []clean.Para, i *int, st *chapterState) []book.Block {
	p := ps[*i]
	left := 1 << 30
	for _, l := range p.Src {
		if strings.TrimSpace(l.Text) != "" {
			left = min(left, indentOf(l))
		}
	}
	for k, l := range p.Src {
		t := strings.TrimSpace(clean.StripSentinels(l.Text))
		if t == "" {
			continue
		}
		lead := []book.Inline(nil)
		if k == 0 {
			lead = b.pageBreaks(p.Text)
		}
		level := 1
		if indentOf(l) > left+1 {
			level = 2
		}
		m := indexLineRe.FindStringSubmatch(t)
		if m == nil {
			if level == 1 && len(out) > 0 && out[len(out)-1].Kind == book.IndexEntry && startsLower(t) {
				// An entry run over two lines.
				last := &out[len(out)-1]
				last.Inlines = append(last.Inlines, book.Inline{Kind: book.Text, Text: " " + t})
				continue
			}
			out = append(out, book.Block{Kind: book.IndexEntry, Level: level, Line: l.N, Inlines: append(lead, b.inlines(t, st)...)})
			continue
		}
		in := append(lead, book.Inline{Kind: book.Text, Text: m[1] + ", "})
		refs := pageRefRe.FindAllStringSubmatch(m[2], -1)
		for r, ref := range refs {
			if r > 0 {
				in = append(in, book.Inline{Kind: book.Text, Text: ", "})
			}
			in = append(in, book.Inline{Kind: book.PageRef, Text: ref[0], Page: ref[1]})
		}
		out = append(out, book.Block{Kind: book.IndexEntry, Level: level, Line: l.N, Inlines: in})
	}
	return out
}

// numericColumn: every cell of column c below the first row is a number
// (with its unit): set right.
func numericColumn(rows [][]book.Cell, c int) bool {
	for _, r := range rows[1:] {
		t := book.PlainText(r[c].Inlines)
		d, _ := utf8.DecodeRuneInString(t)
		if !unicode.IsDigit(d) {
			return false
		}
	}
	return len(rows) > 1
}

// headerRow: the first row holds no number where the rows below do (the
// columns' names).
func headerRow(rows [][]book.Cell) bool {
	if len(rows) < 2 {
		return false
	}
	for c := range rows[0] {
		t := book.PlainText(rows[0][c].Inlines)
		d, _ := utf8.DecodeRuneInString(t)
		if numericColumn(rows, c) && unicode.IsDigit(d) {
			return false
		}
	}
	for c := range rows[0] {
		if numericColumn(rows, c) {
			return true
		}
	}
	return false
}
