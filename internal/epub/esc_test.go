package epub

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// escRunes is esc as it was, rune by rune: the run-copying esc must
// write the same bytes.
func escRunes(w *bytes.Buffer, s string) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '&':
			w.WriteString("&amp;")
		case r == '<':
			w.WriteString("&lt;")
		case r == '>':
			w.WriteString("&gt;")
		case r == '"':
			w.WriteString("&quot;")
		case r == utf8.RuneError && n == 1:
		case r == '\t' || r == '\n' || r == '\r':
			w.WriteByte(' ')
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
		default:
			w.WriteRune(r)
		}
	}
}

func TestEscMatchesRuneByRune(t *testing.T) {
	for _, s := range []string{
		"",
		"The Chinese leaders spoke of the “non-aggression” pact at the meeting in Moscow, June 1960.",
		`Khrushchev & Co. said "a < b > c"` + "\t\n\r\x00\x1f\x7f",
		"Koço Tashko, Zëri i Popullit, λόγος, 中国, \U0001F600, \uFFFD, \uFFFE, \uFFFF",
		"truncated \xe2\x82 and stray \xff\xfe bytes, a surrogate \xed\xa0\x80 end",
		"\xe2",
	} {
		var got, want bytes.Buffer
		esc(&got, s)
		escRunes(&want, s)
		if got.String() != want.String() {
			t.Errorf("esc(%q) = %q, want %q", s, got.String(), want.String())
		}
	}
}

func FuzzEsc(f *testing.F) {
	f.Add("Zëri i Popullit & “Pravda” <b>\xff")
	f.Fuzz(func(t *testing.T, s string) {
		var got, want bytes.Buffer
		esc(&got, s)
		escRunes(&want, s)
		if got.String() != want.String() {
			t.Errorf("esc(%q) = %q, want %q", s, got.String(), want.String())
		}
	})
}
