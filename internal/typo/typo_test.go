package typo

import (
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// Real excerpts of the sample (already clean or with its own artefacts).
		{"clean paragraph untouched", "bor, between the town and the countryside—these campaigns are", "bor, between the town and the countryside—these campaigns are"},
		{"en dash as sentence dash", "that was being crystallized in its midst–Khrushchevite revisionism.", "that was being crystallized in its midst—Khrushchevite revisionism."},
		{"spaced en dash closes up", "Then what are we – white-guardists? Do", "Then what are we—white-guardists? Do"},
		{"month range", "belong to the period June-December 1960. This was", "belong to the period June–December 1960. This was"},
		{"year range abbreviated", "it de facto back in 1960-61, whereas", "it de facto back in 1960–61, whereas"},
		{"life dates", "Eleutherios Venizelos (1864-1936), a Greek", "Eleutherios Venizelos (1864–1936), a Greek"},
		{"day range", "The 17th Plenum, July 11-12, 1960.", "The 17th Plenum, July 11–12, 1960."},
		{"U-2 stays", "shooting down of a US U-2 spy plane over", "shooting down of a US U-2 spy plane over"},
		{"compound stays", "the be-hind-the-scenes plot and out-and-out attack", "the be-hind-the-scenes plot and out-and-out attack"},
		{"bracketed four dots", "the purity of Marxism-Leninism [....].", "the purity of Marxism-Leninism [….]."},
		{"bracketed ellipsis", "[...] I think that the question", "[…] I think that the question"},
		{"ellipsis after quote", "said to you that “...thinking that you are", "said to you that “…thinking that you are"},
		{"ellipsis then comma", "I am nervous and..., one interjection", "I am nervous and…, one interjection"},
		{"spaced ellipsis in text", "ing ... we found ourselves faced", "ing … we found ourselves faced"},
		{"four dots end sentence", "does not seem correct to us.... In our opinion", "does not seem correct to us…. In our opinion"},
		{"spaced dots", "and so on . . . and so forth", "and so on … and so forth"},
		{"stray space before comma", "” the representative of , the Party of Labor", "” the representative of, the Party of Labor"},
		{"trim and collapse", "  very unique and  volatile period  ", "very unique and volatile period"},
		{"spaces before closing punct", "Why ? Because ; they said : no ( not now ) !", "Why? Because; they said: no (not now)!"},
		{"space before period", "the end of the matter .", "the end of the matter."},
		{"double single quotes", "a ‘‘thorn in their foot’’ which", "a “thorn in their foot” which"},
		// Straight quotes, as other scans have them.
		{"straight double quotes", `He said "secret" speech and "take the fortress from within."`, "He said “secret” speech and “take the fortress from within.”"},
		{"quote at start", `"Whom are you Albanians with?" he asked.`, "“Whom are you Albanians with?” he asked."},
		{"quote after dash and bracket", `the line--"no concessions" ("none")`, "the line—“no concessions” (“none”)"},
		{"apostrophes", `Khrushchev's orders, the workers' parties, don't`, "Khrushchev’s orders, the workers’ parties, don’t"},
		{"single quotes nested", `"They call it 'peaceful coexistence,' " he said`, "“They call it ‘peaceful coexistence,’ ” he said"},
		{"elisions", `in the '60s, 'tis said, rock 'n' roll`, "in the ’60s, ’tis said, rock ’n’ roll"},
		{"double hyphen", "against our country--nobody came here", "against our country—nobody came here"},
		{"spaced double hyphen", "against our country -- nobody came here", "against our country—nobody came here"},
		{"spaced hyphen", "against our country - nobody came here", "against our country—nobody came here"},
		{"spaced hyphen between numbers", "in the years 1961 - 1965 on", "in the years 1961–1965 on"},
		{"spaced em dash closes up", "the Central Committee — for us there is", "the Central Committee—for us there is"},
		{"page range", "see pp. 12-15 and p. 3", "see pp. 12–15 and p. 3"},
		{"phone-like code stays", "call 555-1234 now", "call 555-1234 now"},
		{"descending pair stays", "a score of 20-10 is odd", "a score of 20-10 is odd"},
		{"wrong left quote at end", "he called it “creative Marxism.“ Nothing", "he called it “creative Marxism.” Nothing"},
		{"wrong right quote at start", "”Fiasco” in the UNO!", "“Fiasco” in the UNO!"},
		{"left single quote as apostrophe", "the workers‘ movement, don‘t", "the workers’ movement, don’t"},
		{"TeX-style quotes", "the ``Fiasco'' in the UNO", "the “Fiasco” in the UNO"},
		{"two straight singles", "the ''Fiasco'' in the UNO", "the “Fiasco” in the UNO"},
		{"em dash spaced on one side", "this is not a recent illness— without start", "this is not a recent illness—without start"},
		{"em dash before closing quote stays", "he said: “but—” and stopped", "he said: “but—” and stopped"},
		{"dialogue dash at paragraph start", "— Yes, we said so.", "— Yes, we said so."},
		{"dash at paragraph end", "the Central Committee—", "the Central Committee—"},
		{"en dash compound of names stays", "the Tirana–Moscow line", "the Tirana–Moscow line"},
		{"list label untouched", "3) ...", "3) …"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ch := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if (got != tt.in) != (len(ch) > 0) {
				t.Errorf("text changed=%v but %d changes reported", got != tt.in, len(ch))
			}
			for _, c := range ch {
				if c.Offset < 0 || c.Offset+len(c.From) > len(tt.in) || tt.in[c.Offset:c.Offset+len(c.From)] != c.From {
					t.Errorf("change %+v does not point at its From in the input", c)
				}
			}
		})
	}
}

// TestNormalizeKeepsLetters checks over the whole sample that Normalize
// only ever touches punctuation and blanks, and that it is idempotent.
func TestNormalizeKeepsLetters(t *testing.T) {
	letters := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 0xFF && !strings.ContainsRune("“”‘’—–…", r) {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	for _, p := range sampleParas() {
		got, ch := Normalize(p)
		if letters(got) != letters(p) {
			t.Fatalf("letters changed:\n in %q\nout %q", p, got)
		}
		again, ch2 := Normalize(got)
		if again != got {
			t.Fatalf("not idempotent (%v then %v):\n1 %q\n2 %q", ch, ch2, got, again)
		}
	}
}

func TestChangeKinds(t *testing.T) {
	_, ch := Normalize(`"It's a -- test ..."  `)
	kinds := map[string]int{}
	for _, c := range ch {
		kinds[c.Kind]++
	}
	for _, k := range []string{"quote", "apostrophe", "dash", "ellipsis", "space"} {
		if kinds[k] == 0 {
			t.Errorf("no %q change reported in %+v", k, ch)
		}
	}
}

func BenchmarkNormalize(b *testing.B) {
	paras := sampleParas()
	n := 0
	for _, p := range paras {
		n += len(p)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paras {
			Normalize(p)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{`"It's a -- test ..."  `, "midst–Khrushchevite [....]", " ( x ) , y . . . z", "1960-61 U-2 ‘‘a’’", "\xe2\x80", "— Yes", "a\xe2\x80\x94"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ch := Normalize(s)
		for _, c := range ch {
			if c.Offset < 0 || c.Offset+len(c.From) > len(s) || s[c.Offset:c.Offset+len(c.From)] != c.From {
				t.Fatalf("Normalize(%q): change %+v does not point at its From", s, c)
			}
		}
		Suspicious(got)
	})
}

func TestNormalizeRun(t *testing.T) {
	// "…the Declaration of the Moscow Meeting of 1957,[note] which…": the
	// runs around a note marker keep their blanks.
	tests := []struct{ in, want string }{
		{"the Declaration of the Moscow Meeting of 1957,", "the Declaration of the Moscow Meeting of 1957,"},
		{"  which Khrushchev says \"the Chinese comrades are not upholding\"! ", " which Khrushchev says “the Chinese comrades are not upholding”! "},
		{" - and then", " - and then"},
	}
	for _, tt := range tests {
		if got, _ := NormalizeRun(tt.in); got != tt.want {
			t.Errorf("NormalizeRun(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
