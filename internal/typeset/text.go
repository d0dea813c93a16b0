package typeset

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// seg is a piece of a word in one face and size; text is already ligated.
type seg struct {
	style Style
	size  float64
	rise  float64 // baseline shift upwards (fake superscripts)
	track float64 // extra space after every letter (small caps)
	text  string
}

// widther is a Font that measures a whole string itself (face.Face
// does), adding each advance and then the kern before the next glyph, in
// the order width does, so the sums are the same to the last bit.
type widther interface {
	Width(s string) float64
}

// width measures a ligated string in points: advances plus kerning.
func (t *setter) width(sg seg) float64 {
	f := t.fonts[sg.style]
	w := 0.0
	n := 0
	if fw := t.widthers[sg.style]; fw != nil && sg.track == 0 {
		w = fw.Width(sg.text)
	} else {
		prev := rune(-1)
		for _, r := range sg.text {
			w += f.Advance(r)
			if prev >= 0 {
				w += f.Kern(prev, r)
			}
			prev = r
			n++
		}
	}
	if n > 1 {
		w += sg.track * float64(n-1) * 1000 / sg.size
	}
	return w * sg.size / 1000
}

// place appends the runs that draw sg with its left edge at x; the text is
// split wherever the font kerns a pair (or letterspacing applies) so that
// the writer never has to know about kerning.
func (t *setter) place(runs []Run, x, y float64, sg seg) []Run {
	return t.placeAfter(runs, 0, x, y, sg, false)
}

// placeAfter is place for a segment set directly after the last run
// (join: no glue, kern or letterspacing between them, as between the
// pieces of a word cut at its hyphenation points): its first piece is
// added to that run when face, size and baseline agree, so that the
// writer draws one string where it would draw two touching ones. The
// glyphs land where they did (no kern was ever applied at the joint).
// The piece is not added to the run's text here but listed in t.joins,
// for joinTexts, with the run's index: base plus its index in runs.
func (t *setter) placeAfter(runs []Run, base int, x, y float64, sg seg, join bool) []Run {
	f := t.fonts[sg.style]
	scale := sg.size / 1000
	start := 0
	startX := x
	prev := rune(-1)
	join = join && sg.track == 0 && len(runs) > 0
	for i, r := range sg.text {
		if prev >= 0 {
			// letterspacing is the run's own (the writer's character
			// spacing), so a spaced word stays one run, and one word in
			// the text layer; it splits only where the font kerns
			x += sg.track
			if k := f.Kern(prev, r); k != 0 {
				runs = t.emit(runs, base, startX, y, sg, sg.text[start:i], join)
				join = false
				x += k * scale
				start, startX = i, x
			}
		}
		x += f.Advance(r) * scale
		prev = r
	}
	if start < len(sg.text) {
		runs = t.emit(runs, base, startX, y, sg, sg.text[start:], join)
	}
	return runs
}

// emit adds a run of sg's text at x, or joins it to the last run.
func (t *setter) emit(runs []Run, base int, x, y float64, sg seg, text string, join bool) []Run {
	if join {
		if last := &runs[len(runs)-1]; last.Style == sg.style && last.Size == sg.size && last.Y == y-sg.rise && last.Track == sg.track {
			t.joins = append(t.joins, joinPiece{run: base + len(runs) - 1, text: text})
			return runs
		}
	}
	return append(runs, Run{X: x, Y: y - sg.rise, Style: sg.style, Size: sg.size, Text: text, Track: sg.track})
}

// joinPiece is text to add to the end of a run (see placeAfter).
type joinPiece struct {
	run  int
	text string
}

// ligate applies the font's ligatures where it has them.
func (t *setter) ligate(style Style, s string) string {
	if !strings.Contains(s, "f") {
		return s
	}
	return t.fonts[style].Ligate(s)
}

// mk makes a ligated segment.
func (t *setter) mk(style Style, size float64, s string) seg {
	return seg{style: style, size: size, text: t.ligate(style, s)}
}

// smallCapper is a Font with true small capitals (face.Face): SmallCap
// gives the character that sets r as one.
type smallCapper interface {
	SmallCap(r rune, upper bool) (rune, bool)
}

// smallCaps sets a word in small capitals: the font's own (its smcp and
// c2sc glyphs, each letter keeping its case in the text layer) when it
// has them for every letter, else capitals scaled to the x-height. With
// all false the letters are full-size capitals, more widely spaced
// (title-page names). The letterspacing small capitals want is the run's
// character spacing, so the word stays one word for text extraction; one
// size per word keeps it whole too (extractors start a new word where
// the size changes).
func (t *setter) smallCaps(style Style, size float64, s string, all bool) []seg {
	f := t.fonts[style]
	if !all {
		return []seg{{style: style, size: size, track: math.Round(size*6) / 100, text: strings.ToUpper(s)}}
	}
	if sc, ok := f.(smallCapper); ok {
		if txt, ok := trueSmallCaps(sc, s); ok {
			return []seg{{style: style, size: size, track: math.Round(size*4) / 100, text: txt}}
		}
	}
	ratio := 0.78
	if ch := f.CapHeight(); ch > 0 && f.XHeight() > 0 {
		ratio = f.XHeight()/ch*1.04 + 0.02
	}
	return []seg{{style: style, size: size * ratio, track: size * 0.05, text: strings.ToUpper(s)}}
}

// trueSmallCaps maps every letter of s to its small capital; false when
// the font lacks one.
func trueSmallCaps(sc smallCapper, s string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		if !unicode.IsLetter(r) {
			b.WriteRune(r)
			continue
		}
		c, ok := sc.SmallCap(r, unicode.IsUpper(r))
		if !ok {
			return "", false
		}
		b.WriteRune(c)
	}
	return b.String(), true
}

// isAllCaps reports whether s has letters and none in lower case.
func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 1
}

var supDigits = [10]rune{'⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'}

// marker is the superscript note reference for a label.
func (t *setter) marker(style Style, size float64, label string) seg {
	if t.supFigures {
		var b strings.Builder
		ok := true
		for _, r := range label {
			if r >= '0' && r <= '9' {
				b.WriteRune(supDigits[r-'0'])
			} else {
				ok = false
				break
			}
		}
		if ok {
			return seg{style: style, size: size, text: b.String()}
		}
	}
	return seg{style: style, size: size * 0.62, rise: size * 0.36, text: label}
}

// lastRune returns the last rune of s.
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
