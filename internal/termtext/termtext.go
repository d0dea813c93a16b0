// Package termtext makes text that comes from files (a PDF's title, a
// file name, a line of a book) safe to print on a terminal: control
// characters, which can move the cursor, recolour or retitle the
// terminal or hide what follows, and the bidirectional overrides that
// make text read other than it is, are printed as escapes (\x1b,
// \u202e) instead; so are bytes that are not UTF-8.
package termtext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line is s for one line of output: line breaks are escaped too.
func Line(s string) string { return clean(s, false) }

// Text is s for output over several lines: line ends and tabs are kept.
func Text(s string) string { return clean(s, true) }

func clean(s string, lines bool) string {
	if safe(s, lines) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case lines && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case r < 0x80 && unsafe(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func unsafe(r rune) bool {
	return unicode.IsControl(r) || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x2028 || r == 0x2029
}

// safe is the fast path: most text needs nothing.
func safe(s string, lines bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return !strings.ContainsFunc(s[i:], func(r rune) bool { return unsafe(r) || r == utf8.RuneError }) && utf8.ValidString(s[i:])
		}
		if c < 0x20 || c == 0x7f {
			if !lines || (c != '\n' && c != '\t') {
				return false
			}
		}
	}
	return true
}
