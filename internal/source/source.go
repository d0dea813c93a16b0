// Package source turns the bytes of an input file into clean lines of
// UTF-8 text, or says clearly why it cannot: a PDF or EPUB passed by
// mistake, binary data, an empty file.
package source

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
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

// Decode checks and decodes raw input. name is used in messages only.
func Decode(name string, raw []byte) (*Text, error) {
	t := &Text{}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, fmt.Errorf("%s: %w", name, ErrEmpty)
	}
	switch {
	case bytes.HasPrefix(raw, []byte("%PDF-")):
		return nil, fmt.Errorf("%s is a PDF, not text: extract its text layer first (e.g. `pdftotext -layout %s out.txt`) and give folio the .txt", name, name)
	case bytes.HasPrefix(raw, []byte("PK\x03\x04")):
		return nil, fmt.Errorf("%s is a ZIP archive (an EPUB or DOCX?), not text: folio reads the plain OCR text of a book", name)
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
		bad := invalidUTF8(raw)
		// A few stray bytes in a UTF-8 file are damage; many mean a
		// legacy single-byte encoding, which for English books is
		// almost always Windows-1252 (a superset of Latin-1's printables).
		if bad*20 < utf8.RuneCount(raw)/100 && hasMultibyte(raw) {
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
	s = strings.TrimRight(s, "\n")
	t.Lines = strings.Split(s, "\n")
	return t, nil
}

func invalidUTF8(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			n++
		}
		b = b[size:]
	}
	return n
}

func hasMultibyte(b []byte) bool {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r != utf8.RuneError && size > 1 {
			return true
		}
		b = b[size:]
	}
	return false
}

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
