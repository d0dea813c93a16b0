package typo

import (
	"testing"

	"folio/internal/words"
)

func TestSuspicious(t *testing.T) {
	tests := []struct {
		name, in string
		kind     string // "" means no flag expected
		text     string
	}{
		{"oi for of (sample)", "the stand taken in 1960 by Enver Hoxha and the Albanian Party oi Labor was entirely correct.", "ocr-word", "oi"},
		{"Ihe for the (sample)", "Who has authorized you to speak in Ihe name of the First Secretary?", "ocr-word", "Ihe"},
		{"tbe", "against tbe PLA", "ocr-word", "tbe"},
		{"tlie", "tlie Soviet leadership", "ocr-word", "tlie"},
		{"aud", "the Party aud the people", "ocr-word", "aud"},
		{"wliich", "documents wliich pertain", "ocr-word", "wliich"},
		{"li for h, generic", "a letter witli the proposals", "ocr-word", "witli"},
		{"li for h, not a known misread", "the wliole Party", "ocr-letters", "wliole"},
		{"rn for m", "the cornrades of the Party", "ocr-letters", "cornrades"},
		{"m for rn", "we must tum to the masses", "ocr-letters", "tum"},
		{"hyphen at paragraph end", "We shall follow this way-", "hyphen-end", "way-"},
		{"l for 1 in a year", "in l960 the Party", "digit-letter", "l960"},
		{"O for 0 in a year", "in 196O the Party", "digit-letter", "196O"},
		{"0 for O in a word", "the C0MRADE said", "digit-letter", "C0MRADE"},
		{"ordinal is fine", "the 21st Plenum and the 3rd Congress in the 1960s", "", ""},
		{"doubled word", "the Supreme Soviet of the the Palace", "doubled", "the the"},
		{"stray punctuation (sample)", "among other things, says: .. What the representative", "stray", ".."},
		{"unclosed quote (sample)", "he plotted a “coup d’etat against the Communist Party of China.", "unbalanced", "“"},
		{"closing paren alone", "in the Kremlin, Moscow1)", "unbalanced", ")"},
		{"list label is not unbalanced", "3) From Bulgaria we are informed that…", "", ""},
		{"bracket never closed", "before [the representatives of international communism", "unbalanced", "["},
		{"clean sentence", "The Moscow Conference was a watershed, a clear dividing line (so to speak).", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Suspicious(tt.in)
			if tt.kind == "" {
				if len(got) != 0 {
					t.Errorf("Suspicious(%q) = %+v, want none", tt.in, got)
				}
				return
			}
			for _, f := range got {
				if f.Kind == tt.kind && f.Text == tt.text {
					if tt.in[f.Offset:f.Offset+len(f.Text)] != f.Text {
						t.Errorf("flag %+v: offset does not point at its text", f)
					}
					if f.Reason == "" || f.Confidence <= 0 || f.Confidence > 1 {
						t.Errorf("flag %+v: needs a reason and a confidence in (0,1]", f)
					}
					return
				}
			}
			t.Errorf("Suspicious(%q) = %+v, want a %s flag on %q", tt.in, got, tt.kind, tt.text)
		})
	}
}

// TestSuspiciousSampleRate keeps the false-alarm rate on a real book low:
// an editor must be able to check every flag.
func TestSuspiciousSampleRate(t *testing.T) {
	paras := sampleParas()
	flags := 0
	for _, p := range paras {
		out, _ := Normalize(p)
		flags += len(Suspicious(out))
	}
	if flags > len(paras)/5 {
		t.Errorf("%d flags over %d paragraphs: too many for an editor to check", flags, len(paras))
	}
}

func BenchmarkSuspicious(b *testing.B) {
	paras := sampleParas()
	words.Known("") // load the dictionary outside the timing
	n := 0
	for _, p := range paras {
		n += len(p)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paras {
			Suspicious(p)
		}
	}
}

// checkWord skips the misreading table for longer words.
func TestMaxMisread(t *testing.T) {
	for w := range knownMisreads {
		if len(w) > maxMisread {
			t.Errorf("knownMisreads has %q, longer than maxMisread = %d", w, maxMisread)
		}
	}
}
