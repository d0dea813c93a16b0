package typo

import (
	"strings"
	"testing"
)

// TestStraightQuotesRestored straightens every curly quote of the sample
// (as a plainer scan would have them) and expects Normalize to set each one
// back as the printed book has it.
func TestStraightQuotesRestored(t *testing.T) {
	straighten := strings.NewReplacer("“", `"`, "”", `"`, "‘", "'", "’", "'")
	bad := 0
	paras := sampleParas()
	for _, p := range paras {
		want, _ := Normalize(p)
		got, _ := Normalize(straighten.Replace(p))
		if got != want {
			bad++
			if bad <= 5 {
				t.Errorf("quotes not restored:\n got %q\nwant %q", got, want)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d paragraphs differ", bad, len(paras))
	}
}
