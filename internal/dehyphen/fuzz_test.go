package dehyphen

import (
	"strings"
	"testing"

	"folio/assets"
)

// FuzzDecide: learning any book text and deciding any line-end hyphen
// never panics, and a decision may only remove the hyphen: its word is
// the two halves (blanks and hyphens at the break trimmed) either joined
// (Join) or kept apart by one hyphen, never anything else. Confidence
// stays within 0..1.
func FuzzDecide(f *testing.F) {
	book := strings.Join(strings.Split(string(assets.Sample()), "\n")[1700:1800], "\n")
	for _, c := range [][2]string{
		{"compli", "cated"}, {"Marxist", "Leninist"}, {"self-reli", "ance"}, {"1960", "61"},
		{"be", "hind-the-scenes"}, {"Marxism-Lenin", "ism"}, {"way", "It"}, {"Peo", "ple’s"},
		{"compli\u00ad", "cated"}, {"-", "-"}, {"MARXISM", "LENINISM"}, {"a-b-c-d-e-f-g-h", "i-j"},
	} {
		f.Add(book, c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, book, left, right string) {
		for _, lex := range []*Lexicon{NewLexicon(book), sample(), nil} {
			d := lex.Decide(left, right)
			l := strings.TrimRight(strings.TrimSpace(left), hyphens)
			r := strings.TrimLeft(strings.TrimSpace(right), hyphens)
			if d.Join && d.Word != l+r || !d.Join && d.Word != l+"-"+r {
				t.Fatalf("Decide(%q, %q) = join %v %q: more than the hyphen changed", left, right, d.Join, d.Word)
			}
			if d.Confidence < 0 || d.Confidence > 1 {
				t.Fatalf("Decide(%q, %q): confidence %v", left, right, d.Confidence)
			}
		}
	})
}
