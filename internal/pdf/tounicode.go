package pdf

import (
	"fmt"
	"strings"
	"unicode/utf16"

	"folio/internal/face"
)

// fpdf gives every font the identity ToUnicode map: a character code
// (fpdf's codes are the characters) stands for itself. That is right for
// letters and wrong for the two kinds of code folio sets that are not
// text: the f-ligatures of the Alphabetic Presentation Forms (U+FB00–
// U+FB04), which a reader must get back as "ff", "fi", "fl", "ffi",
// "ffl" to copy or search a word, and the small capitals' private codes,
// which stand for their letters (face.SmallCapLetter). toUnicode writes
// the map for the characters a font sets: identity ranges where they run
// on, each ligature and small capital as what it reads.

var ligatureText = map[rune]string{
	'\uFB00': "ff", '\uFB01': "fi", '\uFB02': "fl", '\uFB03': "ffi", '\uFB04': "ffl",
}

// readAs is what a character code of the PDF reads as.
func readAs(r rune) string {
	if s, ok := ligatureText[r]; ok {
		return s
	}
	if l, ok := face.SmallCapLetter(r); ok {
		return string(l)
	}
	return string(r)
}

// toUnicode writes a ToUnicode CMap for the characters of set.
func toUnicode(set *runeSet) []byte {
	var ranges, chars []string
	chars0 := set.String()
	rs := []rune(chars0)
	for i := 0; i < len(rs); {
		r := rs[i]
		if readAs(r) != string(r) {
			chars = append(chars, fmt.Sprintf("<%04X> <%s>", r, utf16Hex(readAs(r))))
			i++
			continue
		}
		// a range of identity codes, within one high byte
		j := i + 1
		for j < len(rs) && rs[j] == rs[j-1]+1 && rs[j]>>8 == r>>8 && readAs(rs[j]) == string(rs[j]) {
			j++
		}
		if j-i == 1 {
			chars = append(chars, fmt.Sprintf("<%04X> <%04X>", r, r))
		} else {
			ranges = append(ranges, fmt.Sprintf("<%04X> <%04X> <%04X>", r, rs[j-1], r))
		}
		i = j
	}
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	// at most 100 entries a section, as the CMap format wants
	for len(chars) > 0 {
		n := min(100, len(chars))
		fmt.Fprintf(&b, "%d beginbfchar\n%s\nendbfchar\n", n, strings.Join(chars[:n], "\n"))
		chars = chars[n:]
	}
	for len(ranges) > 0 {
		n := min(100, len(ranges))
		fmt.Fprintf(&b, "%d beginbfrange\n%s\nendbfrange\n", n, strings.Join(ranges[:n], "\n"))
		ranges = ranges[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return []byte(b.String())
}

// utf16Hex is s in UTF-16BE, in hex.
func utf16Hex(s string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	return b.String()
}
