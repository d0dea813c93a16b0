package source

import (
	"errors"
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	cases := []struct {
		name  string
		in    string
		lines []string
		err   string
	}{
		{"utf8", "a\nb", []string{"a", "b"}, ""},
		{"bom+crlf", "\xef\xbb\xbfa\r\nb\r\n", []string{"a", "b"}, ""},
		{"latin1", "caf\xe9\nna\xefve", []string{"café", "naïve"}, ""},
		{"cp1252 quotes", "\x93quoted\x94 \x96 dash", []string{"“quoted” – dash"}, ""},
		{"form feed kept", "a\n\fb", []string{"a", "\fb"}, ""},
		{"private use", "note\U000F0001 page\U00100002 emoji\U0001F600", []string{"note\uFFFD page\uFFFD emoji\U0001F600"}, ""},
		{"empty", "", nil, "empty"},
		{"pdf", "%PDF-1.4\n...", nil, "pdftotext"},
		{"zip", "PK\x03\x04....", nil, "ZIP"},
		{"utf16", "\xff\xfea\x00", nil, "UTF-16"},
		{"binary", strings.Repeat("\x00\x01\x02\x03", 50), nil, "binary"},
		// Stray control characters (an escape sequence, damage) go, and
		// the report says so; a vertical tab is a line break.
		{"controls", "The \x1b[31mRed\x1b[0m Flag\x01 and the long text around it, which is a book's\u0085x\u009b", []string{"The [31mRed[0m Flag and the long text around it, which is a book's", "x"}, ""},
		{"vertical tab", "one line of a book\vtwo lines of a book", []string{"one line of a book", "two lines of a book"}, ""},
	}
	for _, c := range cases {
		got, err := Decode(c.name, []byte(c.in))
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: error %v, want %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if strings.Join(got.Lines, "|") != strings.Join(c.lines, "|") {
			t.Errorf("%s: lines %q, want %q", c.name, got.Lines, c.lines)
		}
	}
	txt, _ := Decode("x", []byte("a\x1b[1mb\x07 and more text to keep the share of controls low enough\v"))
	if strings.Join(txt.Notes, "; ") != "converted 1 vertical tabs (U+000B, Word's manual line breaks) to line ends; removed 2 control characters (U+0001–U+001F, U+007F–U+009F; escape sequences, damage), which print as nothing or as empty boxes" {
		t.Errorf("notes %q", txt.Notes)
	}
	if _, err := Decode("x", nil); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty input: %v, want ErrEmpty", err)
	}
}

func TestControlShare(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
	}{
		{"", 0},
		{"Tirana, June 21, 1960\n\fPage", 0},
		{"abc\x01", 0.25},
		{"é\x02", 0.5}, // runes, not bytes
		{"«Zëri\x1b»\x7f", 1.0 / 8},
	} {
		if got := controlShare(tc.in); got != tc.want {
			t.Errorf("controlShare(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
