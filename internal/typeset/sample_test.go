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
	// a letter's ending never stands alone on a chapter's last page: when
	// no paragraph can be set tighter or looser for it, it takes the last
	// lines of the text along and the page before runs three lines short
	// (measured: 7 pages at 6x9, 10 at 5x8; 4 and 3 when five endings
	// stood alone)
	budget := map[string]struct{ short, veryShort int }{"6x9": {48, 8}, "5x8": {66, 10}}
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
		// full pages: a page runs more than two lines short only where
		// nothing can be split (measured: 4 at 6x9, 3 at 5x8) and
		// ShortPages stays near its measure (41 and 63; it was 59 and 83
		// before pages were refilled by resetting paragraphs, splitting
		// notes and letting letter endings give way)
		if doc.Stats.ShortPages > budget[trim].short {
			t.Errorf("%s: %d short pages, budget %d", trim, doc.Stats.ShortPages, budget[trim].short)
		}
		if n := veryShort(tr); n > budget[trim].veryShort {
			t.Errorf("%s: %d pages run three or more lines short, budget %d", trim, n, budget[trim].veryShort)
		}
		t.Logf("%s: %+v, %d pages three lines short or more", trim, doc.Stats, veryShort(tr))
	}
}

// veryShort counts the body pages, chapter ends aside, that could hold
// three more lines or more.
func veryShort(tr *trace) int {
	n := 0
	for k, bp := range tr.body {
		if !tr.blanks[k] && bp.end < len(tr.chs[bp.ch].items) && pageSlack(tr, k) > 2 {
			n++
		}
	}
	return n
}
