package typeset

import (
	"strings"
	"testing"

	"folio/internal/book"
	"folio/internal/face"
	"folio/internal/typeset/typesettest"
)

// TestNewKinds lays out a book with every kind the sample lacks and
// checks each as a reader would see it.
func TestNewKinds(t *testing.T) {
	b := typesettest.NewKinds()
	doc, tr, err := layout(b, opts(t, "6x9"))
	if err != nil {
		t.Fatal(err)
	}
	check(t, "new kinds", doc, tr)
	// the text of each line, its runs joined in order (the typesetter
	// splits words at kerns), with the x where it starts
	type textLine struct {
		x    float64
		text string
	}
	var lines []textLine
	for _, pg := range doc.Pages {
		byY := map[float64]*textLine{}
		var ys []float64
		for _, r := range pg.Runs {
			l := byY[r.Y]
			if l == nil {
				l = &textLine{x: r.X}
				byY[r.Y] = l
				ys = append(ys, r.Y)
			}
			for _, c := range r.Text { // small capitals read as their letters
				if lt, ok := face.SmallCapLetter(c); ok {
					c = lt
				}
				l.text += string(c)
			}
			l.x = min(l.x, r.X)
		}
		for _, y := range ys {
			lines = append(lines, *byY[y])
		}
	}
	var all strings.Builder
	for _, l := range lines {
		all.WriteString(l.text + "\n")
	}
	txt := all.String()
	// the source's title page and contents are not set
	if strings.Contains(txt, "Recollections") {
		t.Error("the source's title page was set")
	}
	// verse: unjustified, the indented lines further right than the others
	var far, near, turn float64
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l.text, "Above"):
			far = l.x
		case strings.HasPrefix(l.text, "Far out"):
			near = l.x
		case strings.Contains(l.text, "climbs") && !strings.HasPrefix(l.text, "And when"):
			turn = l.x // the turnover of the long line
		}
	}
	if far-near < 10 || turn-near < 10 {
		t.Errorf("verse indents: %.1f, indented line %.1f, turnover %.1f", near, far, turn)
	}
	for _, w := range []string{"PART ONE", "CHAPTER I", "Month", "Oil (gallons)", "Chimneys", "*", "[Illustration: Skerryvore", "— Psalm", "Pharos", "To my mother"} {
		if !strings.Contains(txt, w) {
			t.Errorf("%q not set", w)
		}
	}
	// the part opens on a recto of its own and is a level above chapters
	var levels []string
	for _, pg := range doc.Pages {
		for _, m := range pg.Bookmarks {
			levels = append(levels, m.Title+"@"+itoa(m.Level))
		}
	}
	joined := strings.Join(levels, "; ")
	if !strings.Contains(joined, "Part One: The Rock@0") || !strings.Contains(joined, "Chapter I: The Arrival at Skerryvore@1") {
		t.Errorf("outline %s", joined)
	}
	// the index names this edition's page where source page 12 falls,
	// and keeps 99 (not in the text) as printed
	if want := tr.pageMap["12"]; want == "" || tr.pageMap["99"] != "" {
		t.Errorf("page map %v", tr.pageMap)
	}
	t.Logf("pages %d, outline %s, page map %v", doc.Stats.Pages, joined, tr.pageMap)
	_ = book.Index
}
