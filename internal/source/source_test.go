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
