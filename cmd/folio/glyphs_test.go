package main

import (
	"bytes"
	"testing"

	"folio/internal/pdf"
)

func TestGlyphWarnings(t *testing.T) {
	for _, tc := range []struct {
		name string
		st   pdf.Stats
		want string
	}{
		{"none", pdf.Stats{Pages: 4}, ""},
		{"missing and dropped", pdf.Stats{
			Missing: []pdf.CharUse{{Rune: '中', Count: 3, Where: []string{"ch01", "ch02"}}, {Rune: 0xF0000, Count: 1, Where: []string{"ch07"}}},
			Dropped: []pdf.CharUse{{Rune: 0xFFFD, Count: 2, Where: []string{"ch03"}}},
		}, "warning: the book font lacks 2 characters (4 in the text); the PDF prints them as empty boxes:\n" +
			"  U+4E2D 中 ×3 in ch01, ch02\n" +
			"  U+F0000 ×1 in ch07\n" +
			"  correct them in the text (or the book JSON) before printing\n" +
			"warning: 2 unreadable characters (U+FFFD) left out of the PDF, in ch03\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			glyphWarnings(&b, tc.st)
			if b.String() != tc.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tc.want)
			}
		})
	}
}
