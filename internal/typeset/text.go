package typeset

import (
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
			k := f.Kern(prev, r)
			if k != 0 || sg.track != 0 {
				runs = t.emit(runs, base, startX, y, sg, sg.text[start:i], join)
				join = false
				x += k*scale + sg.track
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
		if last := &runs[len(runs)-1]; last.Style == sg.style && last.Size == sg.size && last.Y == y-sg.rise {
			t.joins = append(t.joins, joinPiece{run: base + len(runs) - 1, text: text})
			return runs
		}
	}
	return append(runs, Run{X: x, Y: y - sg.rise, Style: sg.style, Size: sg.size, Text: text})
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

// smallCaps fakes small capitals: every letter becomes a capital at the
// x-height-to-cap-height ratio, slightly letterspaced. With all false the
// letters stay full-size capitals, more widely spaced (title-page names).
// One size per word keeps the text layer whole: PDF text extractors start
// a new word wherever the size changes.
func (t *setter) smallCaps(style Style, size float64, s string, all bool) []seg {
	f := t.fonts[style]
	sz, track := size, size*0.1
	if all {
		ratio := 0.78
		if ch := f.CapHeight(); ch > 0 && f.XHeight() > 0 {
			ratio = f.XHeight()/ch*1.04 + 0.02
		}
		sz, track = size*ratio, size*0.05
	}
	return []seg{{style: style, size: sz, track: track, text: strings.ToUpper(s)}}
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
