package fixes

import (
	"strings"
	"unicode"

	"folio/internal/book"
	"folio/internal/pages"
)

// Role is what a source line was found to be.
type Role byte

const (
	RoleNone      Role = iota // a separator, or a line no page holds
	RoleBody                  // the page's text
	RoleFoot                  // the foot area: notes
	RoleFurniture             // a running head or folio
)

// Source is what the structural fixes read of the text: each line's role,
// its letters and its indent, as the stages read them (after the line
// fixes). The model holds no line numbers inside a paragraph, but it
// holds every letter of the page bodies in order (the stages keep
// letters: they join, curl and move markers, never add or drop a
// letter), so a source line is found in a paragraph by counting letters.
type Source struct {
	Lines  []string // line n is Lines[n-1]
	role   []Role   // by line number
	indent []int    // leading spaces of a body line, the page-start indent aside
	cum    []int    // cum[n]: letters of the body lines before line n
	foot   []int    // foot[n]: letters of the foot lines before line n
}

// NewSource reads the roles of the lines from the pages.
func NewSource(lines []string, ps []pages.Page) Source {
	n := len(lines)
	s := Source{Lines: lines, role: make([]Role, n+2), indent: make([]int, n+2), cum: make([]int, n+2), foot: make([]int, n+2)}
	let, footLet := make([]int, n+2), make([]int, n+2)
	for _, p := range ps {
		for _, l := range p.Body {
			if l.N >= 1 && l.N <= n {
				s.role[l.N] = RoleBody
				s.indent[l.N] = len(l.Text) - len(strings.TrimLeft(l.Text, " "))
				let[l.N] = countLetters(l.Text)
			}
		}
		for _, l := range p.Foot {
			if l.N >= 1 && l.N <= n {
				s.role[l.N] = RoleFoot
				footLet[l.N] = countLetters(l.Text)
			}
		}
		for _, l := range p.Furniture {
			if l.N >= 1 && l.N <= n {
				s.role[l.N] = RoleFurniture
			}
		}
	}
	for i := 1; i <= n+1; i++ {
		s.cum[i] = s.cum[i-1] + let[i-1]
		s.foot[i] = s.foot[i-1] + footLet[i-1]
	}
	return s
}

// letters counts the letters of the body lines a ≤ n < b.
func (s *Source) letters(a, b int) int {
	a, b = max(a, 1), min(b, len(s.cum)-1)
	if b <= a {
		return 0
	}
	return s.cum[b] - s.cum[a]
}

// footLetters counts the letters of the foot lines a ≤ n < b.
func (s *Source) footLetters(a, b int) int {
	a, b = max(a, 1), min(b, len(s.foot)-1)
	if b <= a {
		return 0
	}
	return s.foot[b] - s.foot[a]
}

func (s *Source) text(n int) string {
	if n < 1 || n > len(s.Lines) {
		return ""
	}
	return s.Lines[n-1]
}

func (s *Source) roleOf(n int) Role {
	if n < 1 || n >= len(s.role) {
		return RoleNone
	}
	return s.role[n]
}

// hasLetters: a body line with words on it.
func (s *Source) hasLetters(n int) bool { return s.roleOf(n) == RoleBody && s.letters(n, n+1) > 0 }

func countLetters(t string) int {
	n := 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

func lowerLetters(t string, max int) string {
	var b strings.Builder
	for _, r := range t {
		if unicode.IsLetter(r) {
			b.WriteRune(unicode.ToLower(r))
			if max--; max == 0 {
				break
			}
		}
	}
	return b.String()
}

// cell is one character of a block's text, or one of its markers (a note
// reference, a page break, a line break, a page reference), so that a
// block can be cut and edited at any character and put back together.
type cell struct {
	r    rune
	kind book.InlineKind // of a character: text, em, strong, smallcaps
	atom *book.Inline    // a marker
}

func explode(ins []book.Inline) []cell {
	var cs []cell
	for i := range ins {
		in := ins[i]
		switch in.Kind {
		case book.Text, book.Emphasis, book.Strong, book.SmallCaps:
			for _, r := range in.Text {
				cs = append(cs, cell{r: r, kind: in.Kind})
			}
		default:
			a := in
			cs = append(cs, cell{atom: &a})
		}
	}
	return cs
}

func implode(cs []cell) []book.Inline {
	var out []book.Inline
	var run strings.Builder
	kind := book.InlineKind("")
	flush := func() {
		if run.Len() > 0 {
			out = append(out, book.Inline{Kind: kind, Text: run.String()})
			run.Reset()
		}
	}
	for _, c := range cs {
		if c.atom != nil {
			flush()
			out = append(out, *c.atom)
			continue
		}
		if c.kind != kind {
			flush()
			kind = c.kind
		}
		run.WriteRune(c.r)
	}
	flush()
	return out
}

func (c cell) letters() int {
	if c.atom != nil {
		if c.atom.Kind == book.PageRef {
			return countLetters(c.atom.Text)
		}
		return 0
	}
	if unicode.IsLetter(c.r) {
		return 1
	}
	return 0
}

func (c cell) isLetter() bool  { return c.atom == nil && unicode.IsLetter(c.r) }
func (c cell) isSpace() bool   { return c.atom == nil && unicode.IsSpace(c.r) }
func (c cell) isBreak() bool   { return c.atom != nil && c.atom.Kind == book.PageBreak }
func (c cell) isNoteRef() bool { return c.atom != nil && c.atom.Kind == book.NoteRef }

// afterLetters is the index just after the k-th letter (0 for k = 0), or
// -1 when the cells hold fewer letters.
func afterLetters(cs []cell, k int) int {
	if k <= 0 {
		return 0
	}
	for i, c := range cs {
		if k -= c.letters(); k <= 0 {
			return i + 1
		}
	}
	return -1
}

func cellLetters(cs []cell) int {
	n := 0
	for _, c := range cs {
		n += c.letters()
	}
	return n
}

func lowerCellLetters(cs []cell, max int) string {
	var b strings.Builder
	for _, c := range cs {
		if c.isLetter() {
			b.WriteRune(unicode.ToLower(c.r))
			if max--; max == 0 {
				break
			}
		}
	}
	return b.String()
}

func plain(cs []cell) string {
	var b strings.Builder
	for _, c := range cs {
		if c.atom == nil {
			b.WriteRune(c.r)
		}
	}
	return b.String()
}

func trimSpaceCells(cs []cell) []cell {
	for len(cs) > 0 && cs[0].isSpace() {
		cs = cs[1:]
	}
	for len(cs) > 0 && cs[len(cs)-1].isSpace() {
		cs = cs[:len(cs)-1]
	}
	return cs
}
