package typeset

import (
	"strings"
	"testing"

	"folio/assets"
	"folio/internal/pipeline"
)

// pageLines counts the grid lines of text (blank lines aside) on body
// page k, and says whether it is its chapter's last page and whether it
// holds no running text at all, only a letter's ending (source note,
// signature, closing).
func pageLines(tr *trace, k int) (lines int, last, endingOnly bool) {
	bp := tr.body[k]
	items := tr.chs[bp.ch].items
	endingOnly = true
	for i := bp.start; i < bp.end; i++ {
		it := items[i]
		if it.space || it.h == 0 {
			continue
		}
		lines += it.h
		if !it.ending {
			endingOnly = false
		}
	}
	return lines, bp.end >= len(items), endingOnly && lines > 0
}

// hyphenRuns counts runs of three or more consecutive lines ending in a
// hyphen, a discretionary one or a word's own ("Marxism-").
func hyphenRuns(tr *trace) int {
	runs := 0
	for _, ch := range tr.chs {
		n := 0
		for _, it := range ch.items {
			if it.h == 0 || it.space {
				continue
			}
			if it.hyph {
				n++
				if n == 3 {
					runs++
				}
			} else {
				n = 0
			}
		}
	}
	return runs
}

// TestDesignerFlaws lays out the sample and looks at it as a designer
// would (issue 14): no page holds fewer than five lines unless it ends a
// chapter, and no chapter's last page holds only its ending (a source
// note alone); no three hyphenated lines in a row, counting a word's own
// hyphens.
func TestDesignerFlaws(t *testing.T) {
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
		var thin, alone []string
		for k := range tr.body {
			if tr.blanks[k] {
				continue
			}
			n, last, ending := pageLines(tr, k)
			if n < 5 && !last {
				thin = append(thin, pageName(tr, k, n))
			}
			if last && ending && !tr.body[k].opening {
				alone = append(alone, pageName(tr, k, n))
			}
		}
		if len(thin) > 0 {
			t.Errorf("%s: pages of fewer than 5 lines inside a chapter: %s", trim, strings.Join(thin, ", "))
		}
		if len(alone) > 0 {
			t.Errorf("%s: chapter endings alone on a page: %s", trim, strings.Join(alone, ", "))
		}
		if n := hyphenRuns(tr); n > 0 {
			t.Errorf("%s: %d runs of three hyphenated lines", trim, n)
		}
		t.Logf("%s: %d pages, %d blank", trim, doc.Stats.Pages, doc.Stats.BlankPages)
	}
}

func pageName(tr *trace, k, n int) string {
	return "body page " + itoa(k+1) + " (" + itoa(n) + " lines, " + tr.chs[tr.body[k].ch].title + ")"
}

func itoa(n int) string {
	s := ""
	if n == 0 {
		return "0"
	}
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// TestChaptersOpen: the sample's 46 documents, most of a page or two,
// open on the next page by default (recto openings would leave 22 blank
// versos); chapters_open: recto and the option override it.
func TestChaptersOpen(t *testing.T) {
	b, _, err := pipeline.Clean(assets.Sample(), "sample")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Layout(b, opts(t, "6x9"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Stats.ChaptersOpen != "any" || doc.Stats.BlankPages > 6 {
		t.Errorf("default: chapters open %q (%s), %d blank pages", doc.Stats.ChaptersOpen, doc.Stats.ChaptersOpenWhy, doc.Stats.BlankPages)
	}
	o := opts(t, "6x9")
	o.ChaptersOpen = "recto"
	rec, err := Layout(b, o)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Stats.ChaptersOpen != "recto" || rec.Stats.BlankPages < 15 || rec.Stats.Pages <= doc.Stats.Pages {
		t.Errorf("recto: %q, %d blank of %d pages (any: %d of %d)", rec.Stats.ChaptersOpen, rec.Stats.BlankPages, rec.Stats.Pages, doc.Stats.BlankPages, doc.Stats.Pages)
	}
	t.Logf("any: %d pages, %d blank; recto: %d pages, %d blank; %s", doc.Stats.Pages, doc.Stats.BlankPages, rec.Stats.Pages, rec.Stats.BlankPages, doc.Stats.ChaptersOpenWhy)
}

// TestDisplayTitles: titles broken for sense and balance — no line ends
// with a word that leans on the next ("in", "of", "81"), and the lines
// differ in length by no more than the longest word.
func TestDisplayTitles(t *testing.T) {
	s := newSetter(opts(t, "6x9"), Gutter(300))
	for _, title := range []string{
		"Radiogram to Comrade Hysni Kapo in Bucharest",
		"Speech Delivered at the Meeting of 81 Communist and Workers’ Parties in Moscow",
		"The Central Committee Is the Leadership of the Party Which Always Judges Fairly, Wisely, Calmly and, When Necessary, Severely, Too",
		"Letter to the CC of the CPSU concerning the Open Interference in the Internal Affairs of the PLA",
	} {
		size := s.sp.bodySize * 1.6
		ps := paraSpec{style: Regular, size: size, width: s.measure, left: s.measure * 0.08, right: s.measure * 0.08, align: center}
		lines := s.displayLines(txt(title), ps)
		var texts []string
		var widths []float64
		for _, ln := range lines {
			var b strings.Builder
			w := 0.0
			for j, r := range ln.runs {
				if j > 0 && r.X-(ln.runs[j-1].X+s.width(seg{style: ln.runs[j-1].Style, size: ln.runs[j-1].Size, text: ln.runs[j-1].Text})) > size*0.15 {
					b.WriteByte(' ')
				}
				b.WriteString(r.Text)
				w = r.X + s.width(seg{style: r.Style, size: r.Size, text: r.Text}) - ln.runs[0].X
			}
			texts = append(texts, strings.TrimSpace(b.String()))
			widths = append(widths, w)
		}
		for i, l := range texts[:len(texts)-1] {
			ws := strings.Fields(l)
			if bindsNext(ws[len(ws)-1]) {
				t.Errorf("%q: line %d ends with %q: %q", title, i+1, ws[len(ws)-1], texts)
			}
		}
		lo, hi := widths[0], widths[0]
		for _, w := range widths {
			lo, hi = min(lo, w), max(hi, w)
		}
		if len(lines) > 1 && hi-lo > s.measure*0.45 {
			t.Errorf("%q: lines of %.0f to %.0f pt: unbalanced %q", title, lo, hi, texts)
		}
		t.Logf("%q", texts)
	}
}
