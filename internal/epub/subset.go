package epub

import (
	"bytes"
	"fmt"
	"sort"
	"unicode/utf8"

	"folio/fonts"
	"folio/internal/fontsubset"
)

// subsetFamily is the family name of the subset fonts: a modified font may
// not bear the Reserved Font Names ("Gentium", "SIL") of the original.
const subsetFamily = "Folio Book Text"

// fontFile is one embedded face and how the style sheet names it.
type fontFile struct {
	file, family, weight, style string
	data                        []byte
}

var faceStyles = [4]struct{ name, weight, style string }{
	{"Regular", "normal", "normal"}, {"Italic", "normal", "italic"}, {"Bold", "bold", "normal"}, {"BoldItalic", "bold", "italic"},
}

var faceData = [4]*[]byte{&fonts.Regular, &fonts.Italic, &fonts.Bold, &fonts.BoldItalic}

// fullFonts are the whole faces of the book family.
func fullFonts() []fontFile {
	var out []fontFile
	for i, st := range faceStyles {
		out = append(out, fontFile{"fonts/" + fonts.Files[i], fonts.Family, st.weight, st.style, *faceData[i]})
	}
	return out
}

// alwaysRunes are kept in every subset besides the book's text: printable
// ASCII, the no-break space and the hyphens a reading system may insert
// when it hyphenates.
var alwaysRunes = func() []rune {
	var rs []rune
	for r := rune(0x20); r < 0x7F; r++ {
		rs = append(rs, r)
	}
	return append(rs, 0xA0, 0xAD, 0x2010, 0x2011)
}()

// subsetFonts cuts each face down to runes. Every face gets every rune:
// the style sheet decides which face sets which text, and a reader may
// override it.
func subsetFonts(runes []rune) ([]fontFile, error) {
	var out []fontFile
	for i, st := range faceStyles {
		res, err := fontsubset.Subset(*faceData[i], runes, fontsubset.Options{Family: subsetFamily})
		if err != nil {
			return nil, fmt.Errorf("subsetting %s: %w", fonts.Files[i], err)
		}
		out = append(out, fontFile{"fonts/FolioBookText-" + st.name + ".ttf", subsetFamily, st.weight, st.style, res.Font})
	}
	return out, nil
}

// textRunes are the characters the documents show: their character data,
// markup and attributes left out (the entities esc writes stand for
// characters always kept).
func textRunes(docs [][]byte) []rune {
	var bmp [0x10000]bool
	astral := map[rune]bool{}
	for _, r := range alwaysRunes {
		bmp[r] = true
	}
	for _, d := range docs {
		// the body only: the head's title is not set in the book's font
		if i := bytes.Index(d, []byte("<body")); i >= 0 {
			d = d[i:]
		}
		inTag := false
		for i := 0; i < len(d); {
			c := d[i]
			switch {
			case c == '<':
				inTag = true
				i++
			case c == '>':
				inTag = false
				i++
			case inTag || c < 0x80:
				if !inTag && c >= 0x20 {
					bmp[c] = true
				}
				i++
			default:
				r, n := utf8.DecodeRune(d[i:])
				switch {
				case r == utf8.RuneError:
				case r < 0x10000:
					bmp[r] = true
				default:
					astral[r] = true
				}
				i += n
			}
		}
	}
	var out []rune
	for r, ok := range bmp {
		if ok {
			out = append(out, rune(r))
		}
	}
	var more []rune
	for r := range astral {
		more = append(more, r)
	}
	sort.Slice(more, func(i, j int) bool { return more[i] < more[j] })
	return append(out, more...)
}
