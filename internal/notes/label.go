package notes

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// labelForm is how a note's label stands against its text in the foot
// area.
type labelForm uint8

const (
	formNone    labelForm = iota
	formOwnLine           // alone on its line, the text below: TeX's superscript label as pdftotext gives it ("   3" / "     Undoubtedly…")
	formRunIn             // then a space and the text: "2 This expression…", "¹ Among…", "* Text", "[1] Text"
	formGlued             // run into the text: "1This is possibly…" (OCR of a superscript label)
	formGlyph             // OCR made the label a glyph: "®Ries (in Wegeler’s Notizen)…"
)

func (f labelForm) String() string {
	switch f {
	case formOwnLine:
		return "on a line of its own above the note"
	case formRunIn:
		return "before the note's text"
	case formGlued:
		return "run into the note's text"
	case formGlyph:
		return "misread by the OCR as a glyph"
	}
	return "none"
}

// footLabel is a note label read at the start of a foot-area line.
type footLabel struct {
	form  labelForm
	kind  string // "digits", "superscript", "symbol", "bracket", "paren"
	label string // as pairing knows it: "3", "*", "†"
	rest  string // the text after the label
	dot   bool   // "1. Text": a full stop after the number, as numbered lists have
	quote bool   // a glyph label that is an opening quote: a note may open with a quotation
}

// symbols are the note symbols in the order books use them (LaTeX's
// \fnsymbol and the Chicago Manual agree on the first four); doubled
// forms follow.
var symbols = []string{"***", "**", "*", "††", "†", "‡‡", "‡", "§§", "§", "‖", "¶", "#"}

// readLabel reads the label that may open a foot-area line t (trimmed).
func readLabel(t string) (footLabel, bool) {
	if t == "" {
		return footLabel{}, false
	}
	// Digits.
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i > 0 && i <= 3 && t[0] == '0' && i < len(t) {
		// "0The letters…": OCR lost the digit before; only the count can
		// say which note this is.
		if r, _ := utf8.DecodeRuneInString(t[i:]); unicode.IsUpper(r) {
			return footLabel{form: formGlued, kind: "digits", label: t[:i], rest: t[i:]}, true
		}
		return footLabel{}, false
	}
	if i > 0 && i <= 3 && t[0] != '0' {
		num := t[:i]
		switch {
		case i == len(t):
			return footLabel{form: formOwnLine, kind: "digits", label: num}, true
		case t[i] == ' ' || t[i] == '.' && i+1 < len(t) && t[i+1] == ' ':
			rest := strings.TrimLeft(t[i:], ". ")
			if rest == "" {
				return footLabel{}, false
			}
			return footLabel{form: formRunIn, kind: "digits", label: num, rest: rest, dot: t[i] == '.'}, true
		}
		// OCR runs a superscript label into the note's first word: a
		// capital (or an opening quote and a capital) follows the digits.
		r, size := utf8.DecodeRuneInString(t[i:])
		if strings.ContainsRune("“\"‘'([", r) && i+size < len(t) {
			r, _ = utf8.DecodeRuneInString(t[i+size:])
		}
		if unicode.IsUpper(r) {
			return footLabel{form: formGlued, kind: "digits", label: num, rest: t[i:]}, true
		}
		// "1®Tyajan’s…": a digit of the label misread as a glyph; only the
		// count can say which note this is.
		if _, isGlyph := ocrGlyphs[r]; isGlyph && i+size < len(t) {
			if next, _ := utf8.DecodeRuneInString(t[i+size:]); unicode.IsUpper(next) {
				return footLabel{form: formGlyph, kind: "ocr", label: "?", rest: t[i+size:]}, true
			}
		}
		return footLabel{}, false
	}
	if sup := leadingSuper(t); sup != "" {
		rest := strings.TrimSpace(t[len(sup):])
		f := formRunIn
		if rest == "" {
			f = formOwnLine
		}
		return footLabel{form: f, kind: "superscript", label: superToDigits(sup), rest: rest}, true
	}
	for _, s := range symbols {
		if !strings.HasPrefix(t, s) {
			continue
		}
		rest := t[len(s):]
		switch {
		case rest == "":
			return footLabel{form: formOwnLine, kind: "symbol", label: s}, true
		case rest[0] == ' ':
			return footLabel{form: formRunIn, kind: "symbol", label: s, rest: strings.TrimSpace(rest)}, true
		}
		return footLabel{}, false
	}
	// A glyph run into a capital: OCR's reading of a raised digit or
	// reference mark. An opening quote with no closing one on its line
	// may be one too ("“The lower part of…" for "* The lower…"); only a
	// book whose feet show it takes it so (footStyle.quoteLabels).
	if r, size := utf8.DecodeRuneInString(t); strings.ContainsRune(glyphLabels, r) && size < len(t) {
		if next, _ := utf8.DecodeRuneInString(t[size:]); unicode.IsUpper(next) {
			return footLabel{form: formGlyph, kind: "ocr", label: "?", rest: t[size:]}, true
		}
	} else if unicode.IsLetter(r) && size < len(t) && digitLike(r) {
		// "UThe poet…", "lThe papers…": a raised number read as a letter
		// run into a capitalised word (no word opens with two capitals
		// and a small letter).
		rest := t[size:]
		n1, s1 := utf8.DecodeRuneInString(rest)
		if s1 < len(rest) {
			if n2, _ := utf8.DecodeRuneInString(rest[s1:]); unicode.IsUpper(n1) && unicode.IsLower(n2) {
				return footLabel{form: formGlyph, kind: "ocr", label: "?", rest: rest}, true
			}
		}
	} else if r == '“' && size < len(t) && !strings.ContainsRune(t, '”') {
		if next, _ := utf8.DecodeRuneInString(t[size:]); unicode.IsUpper(next) {
			return footLabel{form: formGlyph, kind: "ocr", label: "?", rest: t[size:], quote: true}, true
		}
	}
	// Bracketed: "[1] Text", "(1) Text".
	if open := t[0]; open == '[' || open == '(' {
		close := byte(']')
		kind := "bracket"
		if open == '(' {
			close, kind = ')', "paren"
		}
		j := 1
		for j < len(t) && t[j] >= '0' && t[j] <= '9' {
			j++
		}
		if j > 1 && j <= 4 && j < len(t) && t[j] == close && t[1] != '0' {
			rest := strings.TrimSpace(t[j+1:])
			f := formRunIn
			if rest == "" {
				f = formOwnLine
			}
			return footLabel{form: f, kind: kind, label: t[1:j], rest: rest}, true
		}
	}
	return footLabel{}, false
}

// glyphLabels are the glyphs OCR makes of a raised digit or a reference
// mark at a line's start ("+" for †); opening quotes apart: a note may
// open with a quotation.
const glyphLabels = "®°’'!?•^¢©ªº*†‡§¶+"

// digitLike: letters OCR reads a small raised digit as (1 as I, l or
// U-like pairs, 8 as B or S, 0 as O, 5 as S, 6 as G, 7 as T, 2 as Z) and a
// dagger as t.
func digitLike(r rune) bool {
	return strings.ContainsRune("IlUuBSOGTZt", r)
}

// labelNumber is a label's number, or 0 for symbols.
func labelNumber(label string) int {
	n, err := strconv.Atoi(label)
	if err != nil {
		return 0
	}
	return n
}
