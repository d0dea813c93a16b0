package typeset

import (
	"testing"

	"folio/assets"
	"folio/internal/pipeline"
)

// TestRealSample lays out the bundled book as the cleaning engine makes
// it and runs every page-builder check on it: notes on their markers'
// pages, no widows, orphans, overfull lines or hyphens at a page foot,
// openings on rectos without heads, contents numbers right, mirrored
// margins with the KDP gutter, an even page count.
func TestRealSample(t *testing.T) {
	b, _, err := pipeline.Clean(assets.Sample(), "sample")
	if err != nil {
		t.Fatal(err)
	}
	b.Meta.Title = "Works, Volume 19"
	for _, trim := range []string{"6x9", "5x8"} {
		doc, tr, err := layout(b, opts(t, trim))
		if err != nil {
			t.Fatal(err)
		}
		check(t, "sample "+trim, doc, tr)
		notes := 0
		for _, ch := range b.Chapters {
			notes += len(ch.Notes)
		}
		if doc.Stats.NotesPlaced != notes {
			t.Errorf("%s: %d notes placed, the book has %d", trim, doc.Stats.NotesPlaced, notes)
		}
		t.Logf("%s: %+v", trim, doc.Stats)
	}
}
