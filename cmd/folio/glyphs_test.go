package main

import (
	"strings"
	"testing"

	"folio/internal/pdf"
)

func TestGlyphWarnings(t *testing.T) {
	for _, tc := range []struct {
		name string
		st   pdf.Stats
		want []string
	}{
		{"none", pdf.Stats{Pages: 4}, nil},
		{"missing and dropped", pdf.Stats{
			Missing: []pdf.CharUse{{Rune: '中', Count: 3, Where: []string{"ch01", "ch02"}}, {Rune: 0xF0000, Count: 1, Where: []string{"ch07"}}},
			Dropped: []pdf.CharUse{{Rune: 0xFFFD, Count: 2, Where: []string{"ch03"}}},
		}, []string{
			"the book font lacks 2 characters (4 in the text), which the PDF prints as empty boxes: U+4E2D 中 ×3 in ch01, ch02; U+F0000 ×1 in ch07; correct them in the text before printing",
			"2 unreadable characters (U+FFFD) left out of the PDF, in ch03",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := glyphWarnings(tc.st)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
