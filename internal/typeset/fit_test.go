package typeset

import (
	"strings"
	"testing"

	"folio/internal/book"
	"folio/internal/typeset/typesettest"
)

// TestLongMetadata: titles and names of any length — one "word" of
// 10,000 letters, 2 MB of words — are set smaller, broken or cut on the
// half-title, the title page and the running heads, never past the
// page's edges, in time linear in their length (the running head's cut
// once took 300 s on 2 MB).
func TestLongMetadata(t *testing.T) {
	for name, m := range map[string]book.Meta{
		"10,000 letters": {Title: strings.Repeat("W", 10_000), Subtitle: strings.Repeat("x", 5_000), Authors: []book.Contributor{{Name: strings.Repeat("Enver", 2_000)}}, Publisher: strings.Repeat("P", 3000)},
		"2 MB of words":  {Title: strings.Repeat("Works ", 350_000), Authors: make([]book.Contributor, 300)},
	} {
		t.Run(name, func(t *testing.T) {
			for i := range m.Authors {
				if m.Authors[i].Name == "" {
					m.Authors[i].Name = "Enver Hoxha"
				}
			}
			b := typesettest.Sample(2)
			b.Meta.Title, b.Meta.Subtitle, b.Meta.Authors, b.Meta.Publisher = m.Title, m.Subtitle, m.Authors, m.Publisher
			doc, tr, err := layout(b, opts(t, "6x9"))
			if err != nil {
				t.Fatal(err)
			}
			for i, pg := range doc.Pages {
				for _, r := range pg.Runs {
					w := tr.t.width(seg{style: r.Style, size: r.Size, text: r.Text})
					if r.X < -0.5 || r.X+w > doc.Trim.W+0.5 || r.Y < 0 || r.Y > doc.Trim.H {
						t.Fatalf("page %d: %.40q at (%.0f, %.0f), %.0f pt wide, leaves the %0.f × %0.f pt page", i+1, r.Text, r.X, r.Y, w, doc.Trim.W, doc.Trim.H)
					}
				}
			}
			// The half-title holds the start of the title; the running
			// head on a verso, a cut with an ellipsis.
			if !strings.Contains(runsText(doc.Pages[0]), "WWWW") && !strings.Contains(runsText(doc.Pages[0]), "WORKS") {
				t.Errorf("half-title: %.80q", runsText(doc.Pages[0]))
			}
			found := false
			for _, pg := range doc.Pages {
				if s := runsText(pg); strings.Contains(s, "…") {
					found = true
				}
			}
			if !found {
				t.Error("no title cut with an ellipsis")
			}
		})
	}
}

func runsText(pg Page) string {
	var b strings.Builder
	for _, r := range pg.Runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// BenchmarkShortenLong: the running head's cut of a 2 MB title.
func BenchmarkShortenLong(b *testing.B) {
	tr, err := ParseTrim("6x9")
	if err != nil {
		b.Fatal(err)
	}
	_, trc, err := layout(typesettest.Sample(1), Options{Trim: tr, Fonts: family(b), Hyphenator: nil})
	if err != nil {
		b.Skip(err)
	}
	title := strings.Repeat("Works ", 350_000)
	for b.Loop() {
		trc.t.shorten(title, trc.t.measure*0.7)
	}
}
