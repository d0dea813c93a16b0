package notes

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"folio/assets"
	"folio/internal/pages"
	"folio/internal/report"
)

func TestDebugDump(t *testing.T) {
	if os.Getenv("FOLIO_DEBUG") == "" {
		t.Skip()
	}
	lines := strings.Split(string(assets.Sample()), "\n")
	rep := report.New("x")
	r := pages.Split(lines, rep)
	res := Find(r.Pages, rep)
	for i, n := range res.Notes {
		fmt.Printf("%3d p=%s label=%s paired=%v cont=%v lines=%d | %.60s\n", i, r.Pages[n.Page].Number, n.Label, n.Paired, n.Continued, len(n.Lines), n.Lines[0].Text)
	}
	for _, d := range rep.Sorted() {
		if d.Stage == "notes" && d.Kind != "paired" {
			fmt.Printf("%d %s %s %s\n", d.Line, d.Kind, d.Text, d.Evidence)
		}
	}
	fmt.Println(rep.Counts)
}

func TestDebugPairs(t *testing.T) {
	if os.Getenv("FOLIO_DEBUG") == "" {
		t.Skip()
	}
	lines := strings.Split(string(assets.Sample()), "\n")
	rep := report.New("x")
	r := pages.Split(lines, rep)
	Find(r.Pages, rep)
	for _, d := range rep.Decisions {
		if d.Stage == "notes" && d.Kind == "paired" {
			fmt.Printf("%d %.2f %s\n", d.Line, d.Confidence, d.Text)
		}
	}
}
