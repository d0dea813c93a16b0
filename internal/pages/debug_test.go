package pages

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"folio/assets"
	"folio/internal/report"
)

func TestDebugDump(t *testing.T) {
	if os.Getenv("FOLIO_DEBUG") == "" {
		t.Skip()
	}
	lines := strings.Split(string(assets.Sample()), "\n")
	r := Split(lines, report.New("x"))
	for _, p := range r.Pages {
		first := ""
		if len(p.Body) > 0 {
			first = p.Body[0].Text
		}
		fmt.Printf("%3d n=%-4s pr=%v start=%5d body=%3d foot=%2d furn=%v | %.50s\n", p.Index, p.Number, p.Printed, p.Start, len(p.Body), len(p.Foot), p.Furniture, first)
	}
}
