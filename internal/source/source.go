// Package source turns the bytes of an input file into clean lines of
// UTF-8 text, or says clearly why it cannot: a PDF or EPUB passed by
// mistake, binary data, an empty file.
package source

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Text is a decoded input.
type Text struct {
	Lines []string
	// Notes says what was done to the bytes (encoding converted, CRLF…).
	Notes []string
}

// ErrEmpty is returned for input with no text.
var ErrEmpty = errors.New("the input is empty: give folio the text layer of a book (a .txt file)")

// MaxBytes is the largest input folio takes. 16 MiB of text is about
// 7,500 printed pages, six times the longest book print-on-demand
// services print; a larger file holds several books, or is not a book.
// The limit keeps a build's time and memory bounded (the print edition
// of 10 MB takes half a minute and a gigabyte).
const MaxBytes = 16 << 20

// ErrTooLarge is returned for input over MaxBytes.
var ErrTooLarge = fmt.Errorf("folio takes at most %d MB of text (about 7,500 printed pages): split the text into volumes, one file each, and build them one at a time", MaxBytes>>20)

// Decode checks and decodes raw input. name is used in messages only.
func Decode(name string, raw []byte) (*Text, error) {
	t := &Text{}
	if len(raw) > MaxBytes {
		return nil, fmt.Errorf("%s is %.1f MB: %w", name, float64(len(raw))/(1<<20), ErrTooLarge)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, fmt.Errorf("%s: %w", name, ErrEmpty)
	}
	switch {
	case bytes.HasPrefix(raw, []byte("%PDF-")):
		return nil, fmt.Errorf("%s is a PDF, not text: extract its text layer first (e.g. `pdftotext -layout %s out.txt`) and give folio the .txt", name, name)
	case bytes.HasPrefix(raw, []byte("PK\x03\x04")):
		return nil, zipError(name, raw)
	}
	if bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}) {
		raw = raw[3:]
		t.Notes = append(t.Notes, "removed the UTF-8 byte-order mark")
	}
	if bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF}) {
		return nil, fmt.Errorf("%s is UTF-16 text: convert it to UTF-8 first (e.g. `iconv -f UTF-16 -t UTF-8`)", name)
	}
	if n := bytes.Count(raw, []byte{0}); n > 0 {
		if n > len(raw)/100 {
			return nil, fmt.Errorf("%s looks like binary data (%d NUL bytes), not text: give folio the plain text of a book", name, n)
		}
		raw = bytes.ReplaceAll(raw, []byte{0}, nil)
		t.Notes = append(t.Notes, fmt.Sprintf("removed %d NUL bytes", n))
	}
	s := ""
	if utf8.Valid(raw) {
		s = string(raw)
	} else {
		bad, multi := invalidUTF8(raw)
		// A few stray bytes in a UTF-8 file are damage; many mean a
		// legacy single-byte encoding, which for English books is
		// almost always Windows-1252 (a superset of Latin-1's printables).
		// Text in such an encoding almost never holds a valid multibyte
		// sequence, so a file with more of those than bad bytes is UTF-8,
		// however short: decoding it as Windows-1252 would garble every
		// quote and accent in it.
		if multi > 0 && (bad*20 < utf8.RuneCount(raw)/100 || multi >= 2*bad) {
			s = strings.ToValidUTF8(string(raw), "\uFFFD")
			t.Notes = append(t.Notes, fmt.Sprintf("replaced %d invalid UTF-8 sequences with U+FFFD", bad))
		} else {
			d, err := charmap.Windows1252.NewDecoder().Bytes(raw)
			if err != nil {
				return nil, fmt.Errorf("%s is neither UTF-8 nor Windows-1252 text: convert it to UTF-8 first", name)
			}
			s = string(d)
			t.Notes = append(t.Notes, "converted from Windows-1252 (Latin-1) to UTF-8")
		}
	}
	if strings.Contains(s, "\r") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
		t.Notes = append(t.Notes, "converted CR/CRLF line endings to LF")
	}
	// Unicode's line and paragraph separators and NEL end lines too.
	if strings.Contains(s, "\u2028") || strings.Contains(s, "\u2029") || strings.Contains(s, "\u0085") {
		s = lineSeps.Replace(s)
		t.Notes = append(t.Notes, "converted Unicode line separators (U+2028, U+2029, U+0085) to LF")
	}
	// Supplementary private-use characters mean nothing in a book, and
	// the later stages use them to mark note references and page starts:
	// an input that holds them would be misread.
	if strings.IndexByte(s, 0xF3) >= 0 || strings.IndexByte(s, 0xF4) >= 0 {
		n := 0
		s = strings.Map(func(r rune) rune {
			if r >= 0xF0000 {
				n++
				return '\uFFFD'
			}
			return r
		}, s)
		if n > 0 {
			t.Notes = append(t.Notes, fmt.Sprintf("replaced %d private-use characters (U+F0000 and above) with U+FFFD", n))
		}
	}
	if ctl := controlShare(s); ctl > 0.05 {
		return nil, fmt.Errorf("%s looks like binary data (%.0f%% control characters), not text: give folio the plain text of a book", name, ctl*100)
	}
	// The few control characters left are damage (or an escape sequence
	// copied from a terminal): no font has a glyph for them, and the
	// print edition would show each as an empty box. A vertical tab is
	// a line break (Word exports its manual line breaks so).
	if strings.Contains(s, "\v") {
		t.Notes = append(t.Notes, fmt.Sprintf("converted %d vertical tabs (U+000B, Word's manual line breaks) to line ends", strings.Count(s, "\v")))
		s = strings.ReplaceAll(s, "\v", "\n")
	}
	if n := strayControls(s); n > 0 {
		s = strings.Map(func(r rune) rune {
			if isStrayControl(r) {
				return -1
			}
			return r
		}, s)
		t.Notes = append(t.Notes, fmt.Sprintf("removed %d control characters (U+0001–U+001F, U+007F–U+009F; escape sequences, damage), which print as nothing or as empty boxes", n))
	}
	if !strings.ContainsFunc(s, unicode.IsLetter) {
		return nil, fmt.Errorf("%s has no words in it (only numbers, spaces or punctuation): give folio the text of a book", name)
	}
	s = strings.TrimRight(s, "\n")
	t.Lines = strings.Split(s, "\n")
	for i, l := range t.Lines {
		if len(l) > MaxLine {
			return nil, fmt.Errorf("%s: line %d is %d KB long: the text has lost its line breaks (no paragraph of a book is that long); export the text layer again with its lines, e.g. `pdftotext -layout book.pdf book.txt`", name, i+1, len(l)>>10)
		}
	}
	return t, nil
}

// MaxLine is the longest line folio takes, in bytes: about 20,000 words,
// fifty printed pages. OCR and pdftotext give lines of a printed line
// each, and text saved a paragraph a line has paragraphs; a longer line
// is a text whose line breaks were lost, which no stage could make
// into paragraphs, and which would print as one.
const MaxLine = 128 << 10

// A paragraph separator ends a paragraph: a blank line.
var lineSeps = strings.NewReplacer("\u2028", "\n", "\u2029", "\n\n", "\u0085", "\n")

// zipError says what a ZIP archive given as input is, and what to do.
// An EPUB's first entry is its media type, stored uncompressed; a DOCX
// holds word/ entries.
func zipError(name string, raw []byte) error {
	head := raw[:min(len(raw), 4096)]
	switch {
	case bytes.Contains(head[:min(len(head), 100)], []byte("application/epub+zip")):
		return fmt.Errorf("%s is an EPUB (a ZIP archive), not text: folio makes EPUBs from a book's plain OCR text; give it the .txt (to get the text out of an EPUB, e.g. `ebook-convert book.epub book.txt`)", name)
	case bytes.Contains(head, []byte("word/")):
		return fmt.Errorf("%s is a Word document (DOCX, a ZIP archive), not text: save it as plain text (UTF-8) and give folio the .txt", name)
	}
	return fmt.Errorf("%s is a ZIP archive (an EPUB or DOCX?), not text: unzip it and give folio the plain text of the book (a .txt file)", name)
}

// invalidUTF8 counts the bytes of b that are not UTF-8 (bad) and the
// valid multibyte sequences (multi).
func invalidUTF8(b []byte) (bad, multi int) {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size == 1:
			bad++
		case size > 1:
			multi++
		}
		b = b[size:]
	}
	return bad, multi
}

// isStrayControl reports whether r is a control character that text
// has no use for: not a tab, a line end or a form feed.
func isStrayControl(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\t' && r != '\f' || r >= 0x7f && r <= 0x9f
}

// strayControls counts them.
func strayControls(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !mayControl[c] {
			continue // one table look-up for the common byte
		}
		if c != 0xc2 {
			n++
		} else if i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f {
			n++ // U+0080–U+009F, two bytes in UTF-8
		}
	}
	return n
}

// mayControl marks the bytes that open a control character other than
// white space and form feeds: C0 controls, DEL, and 0xC2 (the lead byte
// of the C1 controls, among others).
var mayControl = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = c != '\n' && c != '\t' && c != '\f'
	}
	t[0x7f], t[0xc2] = true, true
	return t
}()

// controlShare is the share of control characters other than the white
// space and form feeds that page-broken text legitimately holds.
func controlShare(s string) float64 {
	// s is valid UTF-8 here, where bytes below 0x20 are whole runes: a
	// byte scan counts them, and the rune count is fast on its own.
	ctl := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	all := utf8.RuneCountInString(s)
	if all == 0 {
		return 0
	}
	return float64(ctl) / float64(all)
}
