package pipeline

import (
	"os"
	"testing"

	"folio/assets"
	"folio/internal/markdown"
)

func TestDebugDump(t *testing.T) {
	if os.Getenv("FOLIO_DEBUG") == "" {
		t.Skip()
	}
	b, rep, err := Clean(assets.Sample(), "sample")
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Create("/tmp/scratch/out.md")
	markdown.Write(f, b)
	f.Close()
	g, _ := os.Create("/tmp/scratch/report.txt")
	rep.WriteText(g)
	g.Close()
}
