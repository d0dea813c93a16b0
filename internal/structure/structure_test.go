package structure

import (
	"strings"
	"testing"

	"folio/assets"
	"folio/internal/clean"
	"folio/internal/notes"
	"folio/internal/pages"
	"folio/internal/report"
	"folio/internal/source"
)

func TestCountFields(t *testing.T) {
	for _, s := range []string{
		"",
		"   ",
		"Comrades,",
		"Dear Comrades,",
		"Tirana, June 21, 1960",
		" With communist greetings,\t",
		"Yours\u00a0affectionately", // no-break space: unicode.IsSpace
		"Enver\u2003Hoxha\u0085",    // em space, next line
		"«Zëri i Popullit»",
	} {
		if got, want := countFields(s), len(strings.Fields(s)); got != want {
			t.Errorf("countFields(%q) = %d, want %d", s, got, want)
		}
	}
}

func anyLabel(s string) bool {
	return speakerRe.MatchString(s) || listRe.MatchString(s) || psRe.MatchString(s)
}

func TestMayBeLabelled(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"HYSNI KAPO (addressing the comrades): We have come here", true},
		{"ENVER HOXHA: Our Party has always been of the opinion", true},
		{"1) To hold a meeting of the Political Bureau", true},
		{"a) the question of the stand of the Soviet leaders", true},
		{"(2) the question of Albania", true},
		{"3. The Soviet leaders have acted", true},
		{"P.S. I am sending you the material", true},
		{"P. S. Tell Comrade Hysni", true},
		{"The Soviet leaders want us to submit", false},
		{"“We are for the unity of the camp,” he said: this", false},
		{"", false},
	} {
		if got := mayBeLabelled(tc.s); got != tc.want {
			t.Errorf("mayBeLabelled(%q) = %v, want %v", tc.s, got, tc.want)
		}
		if anyLabel(tc.s) && !mayBeLabelled(tc.s) {
			t.Errorf("%q matches a label regexp, but mayBeLabelled says no", tc.s)
		}
	}
}

// TestMayBeLabelledOnSample: the cheap test never hides a paragraph of
// the bundled book that a label regexp matches.
func TestMayBeLabelledOnSample(t *testing.T) {
	txt, err := source.Decode("sample", assets.Sample())
	if err != nil {
		t.Fatal(err)
	}
	rep := report.New("sample")
	split := pages.Split(txt.Lines, rep)
	notes.Find(split.Pages, rep)
	paras := clean.New(split.Pages, rep).Body()
	labelled := 0
	for _, p := range paras {
		plain := strings.TrimSpace(clean.StripSentinels(p.Text))
		if anyLabel(plain) {
			labelled++
			if !mayBeLabelled(plain) {
				t.Errorf("line %d: %q matches a label regexp, but mayBeLabelled says no", p.Line, plain)
			}
		}
	}
	if labelled == 0 {
		t.Fatal("no labelled paragraph in the sample: the test tests nothing")
	}
}
