package normalize

import (
	"reflect"
	"testing"
)

func TestLines(t *testing.T) {
	cases := []struct {
		name, in, want string
		counts         map[string]int
	}{
		{"ligatures from a PDF text layer", "the ﬁrst ﬂoor, an oﬃce, aﬄuent, baﬄe", "the first floor, an office, affluent, baffle", map[string]int{"ligature": 5}},
		{"a soft hyphen inside a word goes", "re\u00admark\u00adable", "remarkable", map[string]int{"soft hyphen": 2}},
		{"a soft hyphen ending a line is the typesetter's break", "the most re\u00ad  ", "the most re" + SoftBreak + "  ", map[string]int{"soft hyphen": 1}},
		{"odd spaces", "Mr.\u00a0Smith\u2009and\u202fco", "Mr. Smith and co", map[string]int{"space": 3}},
		{"zero-width", "Vi\u200benna\ufeff", "Vienna", map[string]int{"zero-width": 2}},
		{"full-width forms", "ＡＢＣ１２３！", "ABC123!", map[string]int{"full-width": 7}},
		{"long s", "the ſecond ſeſſion", "the second session", map[string]int{"long s": 4}},
		{"letter-spaced capitals", "C H A P T E R   I", "CHAPTER   I", map[string]int{"letter-spaced": 1}},
		{"letter-spaced name", "    E N V E R  H O X H A", "    ENVER  HOXHA", map[string]int{"letter-spaced": 2}},
		{"letter-spaced word with a full stop", "T H E   E N D.", "THE   END.", map[string]int{"letter-spaced": 2}},
		{"letter-spaced lower case word", "he said it was s p l e n d i d indeed", "he said it was splendid indeed", map[string]int{"letter-spaced": 1}},
		{"a list of letters is left alone", "options a b c d and e", "options a b c d and e", map[string]int{}},
		{"initials are not letter-spacing", "J. S. Bach and C. P. E. Bach", "J. S. Bach and C. P. E. Bach", map[string]int{}},
		{"plain text untouched", "It was the best of times.", "It was the best of times.", map[string]int{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Lines([]string{c.in}, Options{})
			if r.Lines[0] != c.want {
				t.Errorf("got %q, want %q", r.Lines[0], c.want)
			}
			if !reflect.DeepEqual(r.Counts, c.counts) {
				t.Errorf("counts %v, want %v", r.Counts, c.counts)
			}
		})
	}
}

func TestKeepLongS(t *testing.T) {
	r := Lines([]string{"the ſecond"}, Options{KeepLongS: true})
	if r.Lines[0] != "the ſecond" || len(r.Counts) != 0 {
		t.Errorf("KeepLongS: got %q %v", r.Lines[0], r.Counts)
	}
}

func TestLineCountKept(t *testing.T) {
	in := []string{"ﬁ", "", "C H A P T E R", "\f12"}
	r := Lines(in, Options{})
	if len(r.Lines) != len(in) || r.Lines[3] != "\f12" {
		t.Errorf("lines changed: %q", r.Lines)
	}
	if len(r.Changes) != 1 || r.Changes[0].Line != 3 || r.Changes[0].To != "CHAPTER" {
		t.Errorf("changes %+v", r.Changes)
	}
	if r.Summary() != "letter-spaced 1, ligature 1" {
		t.Errorf("summary %q", r.Summary())
	}
}

// pdftotext reads letter-spaced capitals set with kerning as uneven gaps.
func TestKernedCapitals(t *testing.T) {
	for in, want := range map[string]string{
		"PA R T   I":                    "PART   I",
		"PA R T   I I":                  "PART   II",
		"O N   S M A L L   T H I N G S": "ON   SMALL   THINGS",
		"PA R T":                        "PART",
		"IN A NUTSHELL":                 "IN A NUTSHELL", // words, not a spaced one
	} {
		if got := Lines([]string{in}, Options{}).Lines[0]; got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
}
