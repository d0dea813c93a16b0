package typeset

import (
	"slices"
	"strings"
	"unicode/utf8"

	"folio/internal/book"
)

// CharUse is a character of the book that the typesetter could not set as
// written, with how often and in which chapters it occurs.
type CharUse struct {
	Rune  rune
	Count int
	// Where lists chapter ids in book order; "metadata" for the title
	// page and copyright page.
	Where []string
}

// MetaWhere is the place name CharUse gives to the book's metadata.
const MetaWhere = "metadata"

// substitutes are typographically equal replacements, used only when the
// face lacks the character itself; "" drops a character that is
// invisible in print anyway.
var substitutes = map[rune]string{
	'\u2010': "-",  // hyphen
	'\u2011': "-",  // non-breaking hyphen
	'\u2012': "–",  // figure dash
	'\u2212': "-",  // minus
	'\u00a0': " ",  // no-break space
	'\u2007': " ",  // figure space
	'\u2009': " ",  // thin space
	'\u202f': " ",  // narrow no-break space
	'\u2018': "'",  // quotes, for a face without curly ones
	'\u2019': "'",  //
	'\u201c': "\"", //
	'\u201d': "\"", //
	'\u2026': "...",
	'\u00ad': "", // soft hyphen
	'\u200b': "", // zero-width space
	'\u2060': "", // word joiner
	'\ufeff': "", // byte-order mark
}

// glyphCheck walks the book's text before layout: it substitutes what
// the family lacks where an equal character exists, drops U+FFFD (an
// unreadable source character, not text) and records what is left
// missing. The family's four faces are treated as one: a character
// counts as present only if every face has it, since small capitals,
// emphasis and headings may set any text in any face.
type glyphCheck struct {
	fonts   Fonts
	where   string
	missing map[rune]*CharUse
	dropped map[rune]*CharUse
	subst   int
	ascii   bool // the family has all of printable ASCII
}

// has reports whether every face of the family has r.
func (g *glyphCheck) has(r rune) bool {
	for _, f := range g.fonts {
		if !f.Has(r) {
			return false
		}
	}
	return true
}

func count(m map[rune]*CharUse, r rune, where string) {
	u := m[r]
	if u == nil {
		u = &CharUse{Rune: r}
		m[r] = u
	}
	u.Count++
	if len(u.Where) == 0 || u.Where[len(u.Where)-1] != where {
		if !slices.Contains(u.Where, where) {
			u.Where = append(u.Where, where)
		}
	}
}

// fix returns s with substitutions made; s itself when nothing changed.
// A missing character above the Basic Multilingual Plane becomes U+FFFD
// (the writer cannot carry it; the face shows U+FFFD as a visible mark);
// one inside it stays, to print as the face's .notdef box and to extract
// as itself.
func (g *glyphCheck) fix(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c < ' ' && !isSpace(rune(c)) {
			clean = false
			break
		}
	}
	if clean && g.ascii {
		return s
	}
	var b strings.Builder
	changed := false
	for i, r := range s {
		if isSpace(r) || r != utf8.RuneError && g.has(r) {
			if changed {
				b.WriteRune(r)
			}
			continue
		}
		// from here on, s changes or r is reported
		if r == utf8.RuneError {
			count(g.dropped, r, g.where)
			if !changed {
				b.WriteString(s[:i])
				changed = true
			}
			continue
		}
		rep, ok := substitutes[r]
		if ok && g.hasAll(rep) {
			g.subst++
			if !changed {
				b.WriteString(s[:i])
				changed = true
			}
			b.WriteString(rep)
			continue
		}
		count(g.missing, r, g.where)
		if r > 0xffff {
			if !changed {
				b.WriteString(s[:i])
				changed = true
			}
			b.WriteRune(placeholder(g))
			continue
		}
		if changed {
			b.WriteRune(r)
		}
	}
	if !changed {
		return s
	}
	return b.String()
}

// placeholder is what an astral character the face lacks is set as.
func placeholder(g *glyphCheck) rune {
	if g.has(utf8.RuneError) {
		return utf8.RuneError
	}
	return '?'
}

// asciiOK reports whether the family has every printable ASCII character,
// so that pure-ASCII strings need no rune-by-rune check.
func (g *glyphCheck) asciiOK() bool {
	return g.hasAll(" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~")
}

func (g *glyphCheck) hasAll(s string) bool {
	for _, r := range s {
		if !g.has(r) {
			return false
		}
	}
	return true
}

func (g *glyphCheck) inlines(in []book.Inline) []book.Inline {
	var out []book.Inline
	for i, r := range in {
		t := g.fix(r.Text)
		if t != r.Text && out == nil {
			out = slices.Clone(in)
		}
		if out != nil {
			out[i].Text = t
		}
	}
	if out == nil {
		return in
	}
	return out
}

// checkGlyphs returns b with its text made settable in fonts (b itself
// when nothing had to change) and what is missing and what was dropped,
// in rune order.
func checkGlyphs(b *book.Book, fonts Fonts) (*book.Book, []CharUse, []CharUse, int) {
	g := &glyphCheck{fonts: fonts, missing: map[rune]*CharUse{}, dropped: map[rune]*CharUse{}, where: MetaWhere}
	g.ascii = g.asciiOK()
	nb := *b
	changed := false
	str := func(p *string) {
		if s := g.fix(*p); s != *p {
			*p, changed = s, true
		}
	}
	m := &nb.Meta
	for _, p := range []*string{&m.Title, &m.Subtitle, &m.Publisher, &m.Rights, &m.Source, &m.ISBN, &m.Identifier, &m.Date} {
		str(p)
	}
	cl := func(cs []book.Contributor) []book.Contributor {
		cs = slices.Clone(cs)
		for i := range cs {
			str(&cs[i].Name)
		}
		return cs
	}
	m.Authors, m.Contributors = cl(m.Authors), cl(m.Contributors)
	nb.Chapters = slices.Clone(b.Chapters)
	for ci := range nb.Chapters {
		ch := &nb.Chapters[ci]
		g.where = ch.ID
		ins := func(p *[]book.Inline) {
			if n := g.inlines(*p); len(*p) > 0 && &n[0] != &(*p)[0] {
				*p, changed = n, true
			}
		}
		ins(&ch.Title)
		ins(&ch.Subtitle)
		for _, p := range []*string{&ch.Place, &ch.Date, &ch.Time} {
			str(p)
		}
		blocksCopied := false
		for bi := range ch.Blocks {
			bl := ch.Blocks[bi]
			n := g.inlines(bl.Inlines)
			sp, lb := g.fix(bl.Speaker), g.fix(bl.Label)
			if len(n) > 0 && &n[0] != &bl.Inlines[0] || sp != bl.Speaker || lb != bl.Label {
				if !blocksCopied {
					ch.Blocks, blocksCopied = slices.Clone(ch.Blocks), true
				}
				ch.Blocks[bi].Inlines, ch.Blocks[bi].Speaker, ch.Blocks[bi].Label = n, sp, lb
				changed = true
			}
		}
		notesCopied := false
		for ni := range ch.Notes {
			nt := ch.Notes[ni]
			lb := g.fix(nt.Label)
			var paras [][]book.Inline
			for pi, p := range nt.Paras {
				n := g.inlines(p)
				if len(n) > 0 && &n[0] != &p[0] && paras == nil {
					paras = slices.Clone(nt.Paras)
				}
				if paras != nil {
					paras[pi] = n
				}
			}
			if lb != nt.Label || paras != nil {
				if !notesCopied {
					ch.Notes, notesCopied = slices.Clone(ch.Notes), true
				}
				ch.Notes[ni].Label = lb
				if paras != nil {
					ch.Notes[ni].Paras = paras
				}
				changed = true
			}
		}
	}
	if !changed {
		nb = *b
	}
	return &nb, sorted(g.missing), sorted(g.dropped), g.subst
}

func sorted(m map[rune]*CharUse) []CharUse {
	if len(m) == 0 {
		return nil
	}
	out := make([]CharUse, 0, len(m))
	for _, u := range m {
		out = append(out, *u)
	}
	slices.SortFunc(out, func(a, b CharUse) int { return int(a.Rune - b.Rune) })
	return out
}
