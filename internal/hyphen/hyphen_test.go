package hyphen

import (
	"bufio"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"folio/assets"
)

// mark renders word with '-' at each point, for readable failures.
func mark(word string, pts []int) string {
	var b strings.Builder
	last := 0
	for _, p := range pts {
		b.WriteString(word[last:p])
		if !strings.HasSuffix(word[:p], "-") && !strings.HasSuffix(word[:p], "—") && !strings.HasSuffix(word[:p], "–") {
			b.WriteByte('-')
		} else {
			b.WriteByte('|')
		}
		last = p
	}
	b.WriteString(word[last:])
	return b.String()
}

// TestTeXOracle compares every distinct ASCII word of the sample book with
// the hyphenation TeX itself produced (testdata/tex-showhyphens.txt).
func TestTeXOracle(t *testing.T) {
	f, err := os.Open("testdata/tex-showhyphens.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := Default()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		want := sc.Text()
		if want == "" || want[0] == '#' {
			continue
		}
		n++
		word := strings.ReplaceAll(want, "-", "")
		if got := mark(word, h.Points(word)); got != want {
			t.Errorf("Points(%q) = %s, TeX gives %s", word, got, want)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 5000 {
		t.Fatalf("oracle has %d words, want the full list of 5343", n)
	}
}

// TestTeXLive re-checks words that are not in the committed oracle against
// a local TeX, when one is installed.
func TestTeXLive(t *testing.T) {
	if _, err := exec.LookPath("tex"); err != nil {
		t.Skip("tex not installed (Debian: texlive-binaries texlive-plain-generic); the committed oracle still runs in TestTeXOracle")
	}
	words := []string{"hyphenation", "considerable", "table", "present", "project", "associates",
		"reciprocity", "philanthropic", "obligatory", "declination", "retribution", "recognizance",
		"reformation", "supercalifragilistic", "electroencephalogram", "characteristically"}
	cmd := exec.Command("sh", "testdata/showhyphens.sh")
	cmd.Stdin = strings.NewReader(strings.Join(words, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("showhyphens.sh: %v", err)
	}
	got := strings.Fields(string(out))
	if len(got) != len(words) {
		t.Fatalf("tex gave %d words for %d: %q", len(got), len(words), got)
	}
	h := Default()
	for i, w := range words {
		if m := mark(w, h.Points(w)); m != got[i] {
			t.Errorf("Points(%q) = %s, TeX gives %s", w, m, got[i])
		}
	}
}

func TestPoints(t *testing.T) {
	h := Default()
	tests := []struct {
		word, want string
	}{
		// The TeXbook's and Liang's examples.
		{"hyphenation", "hy-phen-ation"},
		{"considerable", "con-sid-er-able"},
		{"Hyphenation", "Hy-phen-ation"},
		{"HYPHENATION", "HY-PHEN-ATION"},
		// Exceptions from \hyphenation{} win over the patterns.
		{"table", "ta-ble"},
		{"present", "present"},
		{"presents", "presents"},
		{"project", "project"},
		{"associates", "as-so-ciates"},
		{"reciprocity", "reci-procity"},
		{"retribution", "ret-ri-bu-tion"},
		// Min lengths: two letters before, three after; short words never.
		{"about", "about"},
		{"ideas", "ideas"},
		{"Party", "Party"},
		{"the,", "the,"},
		// Short words still break after a hard hyphen or dash.
		{"a-b", "a-|b"},
		{"K—H", "K—|H"},
		{"x–y", "x–|y"},
		// Surrounding punctuation: only the letter core, offsets into the whole.
		{"“coexistence,”", "“co-ex-is-tence,”"},
		{"(revisionists)", "(re-vi-sion-ists)"},
		{"Khrushchevite’s", "Khrushchevite’s"},
		{"leadership’s", "lead-er-ship’s"},
		{"communists’", "com-mu-nists’"},
		{"international.", "in-ter-na-tional."},
		// Hard hyphens and dashes: break only after them.
		{"Marxist-Leninist", "Marxist-|Leninist"},
		{"self-reliance", "self-|reliance"},
		{"anti-Marxist", "anti-|Marxist"},
		{"Marxism-Leninism,", "Marxism-|Leninism,"},
		{"peace—“coexistence”", "peace—|“coexistence”"},
		{"so--called", "so--|called"},
		{"revisionists—", "revisionists—"},
		{"-revisionists", "-revisionists"},
		// Digits and non-English letters: no points, no panic.
		{"1960s", "1960s"},
		{"81-party", "81-party"},
		{"1960-1961", "1960-1961"},
		{"Koço", "Koço"},
		{"Përmeti", "Përmeti"},
		{"Belishova", "Bel-ishova"},
		{"", ""},
		{"—", "—"},
		{"“”", "“”"},
	}
	for _, tt := range tests {
		if got := mark(tt.word, h.Points(tt.word)); got != tt.want {
			t.Errorf("Points(%q) = %s, want %s", tt.word, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, wantErr string
	}{
		{"empty", "", "no patterns"},
		{"comments only", "% nothing\n", "no patterns"},
		{"unclosed", "\\patterns{ 1ba\n", "not closed"},
		{"no brace", "\\patterns 1ba }", "expected '{'"},
		{"stray text", "1ba", "outside a group"},
		{"bad char", "\\patterns{ 1b@a }", "'@'"},
		{"two digits", "\\patterns{ 1b23a }", "two digits"},
		{"inner dot", "\\patterns{ a.b }", "inside"},
		{"no letters", "\\patterns{ 4 }", "no letters"},
		{"duplicate", "\\patterns{ 1ba b2a }", "duplicate"},
		{"bad exception", "\\patterns{ 1ba } \\hyphenation{ ta--ble }", "misplaced"},
		{"exception digit", "\\patterns{ 1ba } \\hyphenation{ ta1ble }", "only letters"},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: Parse error = %v, want one containing %q", tt.name, err, tt.wantErr)
		}
	}
}

func TestParseSmall(t *testing.T) {
	// Liang's thesis example: the patterns that hyphenate "hyphenation".
	src := "% test\n\\patterns{ hy3ph he2n hena4 hen5at 1na n2at 1tio 2io o2n }\n\\hyphenation{ Ta-ble }"
	h, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := mark("hyphenation", h.Points("hyphenation")); got != "hy-phen-ation" {
		t.Errorf("got %s, want hy-phen-ation", got)
	}
	if got := mark("table", h.Points("table")); got != "ta-ble" {
		t.Errorf("exception: got %s, want ta-ble", got)
	}
}

func TestEmbeddedFileParses(t *testing.T) {
	src, err := assets.FS.ReadFile(assets.HyphenTeX)
	if err != nil {
		t.Fatal(err)
	}
	h, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	// plain TeX reports 4447 patterns and 14 exceptions for hyphen.tex.
	if len(h.patterns) != 4447 || len(h.exceptions) != 14 {
		t.Errorf("parsed %d patterns, %d exceptions; want 4447, 14", len(h.patterns), len(h.exceptions))
	}
}

// FuzzPoints checks that any input gives sorted offsets on rune boundaries
// strictly inside the word, and never panics.
func FuzzPoints(f *testing.F) {
	for _, s := range []string{"hyphenation", "“coexistence,”", "Marxist-Leninist", "Koço", "1960s", "a—b", "\xff\xfe"} {
		f.Add(s)
	}
	h := Default()
	f.Fuzz(func(t *testing.T, w string) {
		pts := h.Points(w)
		if !slices.IsSorted(pts) {
			t.Fatalf("unsorted %v", pts)
		}
		for _, p := range pts {
			if p <= 0 || p >= len(w) || !utf8.RuneStart(w[p]) {
				t.Fatalf("bad point %d in %q", p, w)
			}
		}
	})
}

func BenchmarkPointsSample(b *testing.B) {
	words := strings.Fields(string(assets.Sample()))
	h := Default()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, w := range words {
			h.Points(w)
		}
	}
	b.ReportMetric(float64(len(words)), "words/op")
}
