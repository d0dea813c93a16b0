package termtext

import "testing"

func TestLine(t *testing.T) {
	for in, want := range map[string]string{
		"Works, Volume 19":         "Works, Volume 19",
		"Œuvres — “choisies”":      "Œuvres — “choisies”",
		"\x1b]0;pwned\x07Title":    `\x1b]0;pwned\x07Title`,
		"red \x1b[31mALERT\x1b[0m": `red \x1b[31mALERT\x1b[0m`,
		"two\nlines\r":             `two\x0alines\x0d`,
		"evil\u202etxt.exe":        `evil\u202etxt.exe`,
		"c1 \u009b31m":             `c1 \u009b31m`,
		"bad \xff byte":            `bad \xff byte`,
		"a\ttab":                   `a\x09tab`,
	} {
		if got := Line(in); got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Text("line one\n\tline two \x1b[2J"); got != "line one\n\tline two \\x1b[2J" {
		t.Errorf("Text: %q", got)
	}
}
