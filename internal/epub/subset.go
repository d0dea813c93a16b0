package epub

import (
	"bytes"
	"fmt"
	"html"
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
// markup and attributes left out, entities read.
func textRunes(docs [][]byte) []rune {
	seen := map[rune]bool{}
	for _, r := range alwaysRunes {
		seen[r] = true
	}
	for _, d := range docs {
		// the body only: the head's title is not set in the book's font
		if i := bytes.Index(d, []byte("<body")); i >= 0 {
			d = d[i:]
		}
		for len(d) > 0 {
			if d[0] == '<' {
				j := bytes.IndexByte(d, '>')
				if j < 0 {
					break
				}
				d = d[j+1:]
				continue
			}
			j := bytes.IndexByte(d, '<')
			if j < 0 {
				j = len(d)
			}
			for _, r := range html.UnescapeString(string(d[:j])) {
				if r != utf8.RuneError && r >= 0x20 {
					seen[r] = true
				}
			}
			d = d[j:]
		}
	}
	out := make([]rune, 0, len(seen))
	for r := range seen {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
