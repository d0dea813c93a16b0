package typeset

import (
	"folio/internal/roman"
	"math"
	"strconv"
	"strings"
	"sync"
	"testing"

	"folio/internal/book"
	"folio/internal/face"
	"folio/internal/hyphen"
	"folio/internal/typeset/typesettest"
)

var (
	fontsOnce sync.Once
	testFonts Fonts
	fontsErr  error
)

func family(t testing.TB) Fonts {
	fontsOnce.Do(func() {
		fam, err := face.LoadFamily()
		if err != nil {
			fontsErr = err
			return
		}
		testFonts = Fonts{fam.Regular, fam.Italic, fam.Bold, fam.BoldItalic}
	})
	if fontsErr != nil {
		t.Fatal(fontsErr)
	}
	return testFonts
}

func opts(t testing.TB, trim string) Options {
	tr, err := ParseTrim(trim)
	if err != nil {
		t.Fatal(err)
	}
	return Options{Trim: tr, Fonts: family(t), Hyphenator: hyphen.Default()}
}

func TestParseTrim(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w, h float64
		bad  bool
	}{
		{"", 432, 648, false},
		{"6x9", 432, 648, false},
		{"6×9", 432, 648, false},
		{"5.5x8.5", 396, 612, false},
		{"5x8", 360, 576, false},
		{"A5", 419.53, 595.28, false},
		{"8.5x11", 0, 0, true},
	} {
		tr, err := ParseTrim(tc.in)
		if tc.bad {
			if err == nil || !strings.Contains(err.Error(), "6x9, 5.5x8.5, 5x8, a5") {
				t.Errorf("ParseTrim(%q): error %v should list the valid trims", tc.in, err)
			}
			continue
		}
		if err != nil || math.Abs(tr.W-tc.w) > 0.01 || math.Abs(tr.H-tc.h) > 0.01 {
			t.Errorf("ParseTrim(%q) = %v, %v; want %vx%v", tc.in, tr, err, tc.w, tc.h)
		}
	}
}

func TestGutter(t *testing.T) {
	for _, tc := range []struct {
		pages int
		in    float64
	}{{24, 0.375}, {150, 0.375}, {151, 0.5}, {300, 0.5}, {301, 0.625}, {500, 0.625}, {501, 0.75}, {700, 0.75}, {701, 0.875}} {
		if g := Gutter(tc.pages); g != tc.in*72 {
			t.Errorf("Gutter(%d) = %v pt, want %v in", tc.pages, g, tc.in)
		}
	}
}

// excerpt is a paragraph of the sample, with its hyphens, dashes, quotes
// and a note marker after a full stop.
const excerpt = "As soon as Comrade Gogo [Nushi] arrived in Moscow, he was summoned by Brezhnev. After asking him, “How are you?” and “How are you getting on?” he told him about their theses concerning the Chinese. Likewise when Comrade Mehmet [Shehu] went to Moscow, Kosygin saw him and spoke to him for an hour and a half about these questions. Comrade Mehmet replied: “If these things are so, why have they been left to get worse, since it has been possible to solve them in a Marxist-Leninist way between the two parties first of all, and then, if necessary, they could have been raised with the other parties?” — without comrades, one had to decide for himself whether or not all his forces should be thrown into the attack; the efficient, fluffy affluence of official offices."

func TestParagraphJustified(t *testing.T) {
	for _, trim := range []string{"6x9", "5x8"} {
		s := newSetter(opts(t, trim), Gutter(400))
		notes := []book.Note{{Label: "4"}}
		in := []book.Inline{
			{Kind: book.Text, Text: excerpt[:80]},
			{Kind: book.NoteRef, Note: 0},
			{Kind: book.Text, Text: " " + excerpt[80:]},
		}
		lines := s.setPara(in, paraSpec{style: Regular, size: s.sp.bodySize, width: s.measure, indent: s.sp.bodySize, align: justify, notes: notes, hyph: true})
		if len(lines) < 5 {
			t.Fatalf("%s: %d lines", trim, len(lines))
		}
		var all strings.Builder
		for i, ln := range lines {
			if ln.overfull {
				t.Errorf("%s: line %d overfull", trim, i)
			}
			last := ln.runs[len(ln.runs)-1]
			right := last.X + s.width(seg{style: last.Style, size: last.Size, text: last.Text})
			if i < len(lines)-1 && math.Abs(right-s.measure) > 0.05 {
				t.Errorf("%s: line %d ends at %.2f, measure %.2f", trim, i, right, s.measure)
			}
			if strings.ContainsAny(firstRune2(ln.runs[0].Text), "⁴") {
				t.Errorf("%s: line %d starts with a note marker", trim, i)
			}
			for _, r := range ln.runs {
				all.WriteString(r.Text)
			}
		}
		got := all.String()
		for _, lig := range []string{"\ufb01", "\ufb02", "\ufb03", "\ufb04", "\ufb00"} {
			if strings.Contains(got, lig) {
				goto ligOK
			}
		}
		t.Errorf("%s: no ligature in %q", trim, got)
	ligOK:
		if !strings.Contains(got, "Brezhnev.⁴") {
			t.Errorf("%s: marker not attached: %q", trim, got)
		}
	}
}

func firstRune2(s string) string {
	for _, r := range s {
		return string(r)
	}
	return ""
}

// check verifies the page builder's promises on a laid-out book.
func check(t *testing.T, name string, doc *Doc, tr *trace) {
	t.Helper()
	st := doc.Stats
	if st.Widows != 0 || st.Orphans != 0 || st.HyphenAtFoot != 0 || st.NotesAway != 0 || st.Overfull != 0 {
		t.Errorf("%s: stats %+v: want no widows, orphans, hyphens at a foot, notes away or overfull lines", name, st)
	}
	if st.Pages%2 != 0 || st.Pages != len(doc.Pages) {
		t.Errorf("%s: %d pages (%d in doc), want an even count", name, st.Pages, len(doc.Pages))
	}
	if tr.front%2 != 0 || st.FrontPages%2 != 0 {
		t.Errorf("%s: body does not start on a recto (front matter %d pages, chapters from %d)", name, st.FrontPages, tr.front)
	}
	// chapter openings: recto, no running head or folio
	for k, bp := range tr.body {
		pg := doc.Pages[tr.front+k]
		if tr.blanks[k] {
			if len(pg.Runs) != 0 || pg.Folio != "" {
				t.Errorf("%s: blank body page %d has content", name, k+1)
			}
			continue
		}
		if bp.opening {
			// on a recto unless the layout chose (or was asked) to open
			// chapters on any page; the first of the body always does
			if k%2 != 0 && (doc.Stats.ChaptersOpen == "recto" || bp.ch == 0) {
				t.Errorf("%s: chapter %d opens on page %d, a verso", name, bp.ch+1, k+1)
			}
			if pg.Folio != "" {
				t.Errorf("%s: opening page %d shows folio %q", name, k+1, pg.Folio)
			}
			for _, r := range pg.Runs {
				if r.Y < tr.t.y0-tr.t.sp.bodyLead {
					t.Errorf("%s: opening page %d has a running head %q", name, k+1, r.Text)
					break
				}
			}
		}
		// no page ends with a hyphenated line
		items := tr.chs[bp.ch].items
		if bp.end > bp.start && bp.end < len(items) && items[bp.end-1].hyph {
			t.Errorf("%s: page %d ends with a hyphen", name, k+1)
		}
	}
	// mirrored margins: the gutter KDP asks for this page count, inside
	if g := Gutter(st.Pages); doc.Gutter < g {
		t.Errorf("%s: gutter %.1f pt for %d pages, KDP wants %.1f", name, doc.Gutter, st.Pages, g)
	}
	for i, pg := range doc.Pages {
		left := tr.t.sp.outer
		if i%2 == 0 { // a recto: physical page i+1 is odd
			left = doc.Gutter
		}
		for _, r := range pg.Runs {
			if r.X < left-0.01 || r.X > doc.Trim.W-(doc.Gutter+tr.t.sp.outer-left) {
				t.Errorf("%s: page %d: %q at x=%.1f is outside the text block (left margin %.1f)", name, i+1, r.Text, r.X, left)
				break
			}
		}
	}
	// notes: complete, in order, first lines on the marker's page, never a
	// lone first line at a foot
	got := make(map[int]int)
	firstPage := make(map[int]int)
	for k, bp := range tr.body {
		if tr.blanks[k] {
			continue
		}
		for _, ck := range bp.chunks {
			if !ck.cont {
				firstPage[ck.id] = k
				if !hasNote(tr.chs[bp.ch].items[bp.start:bp.end], ck.id) {
					t.Errorf("%s: note %d starts on page %d, away from its marker", name, ck.id, k+1)
				}
				if ck.split && len(ck.lines) < 2 {
					t.Errorf("%s: note %d leaves its first line alone on page %d", name, ck.id, k+1)
				}
			} else if _, ok := firstPage[ck.id]; !ok {
				t.Errorf("%s: note %d continues before it starts", name, ck.id)
			}
			if ck.split && len(ck.lines) > 0 && ck.lines[len(ck.lines)-1].hyph {
				t.Errorf("%s: the part of note %d on page %d ends with a hyphen", name, ck.id, k+1)
			}
			got[ck.id] += len(ck.lines)
		}
	}
	for id, n := range tr.notes {
		if got[id] != len(n.lines) {
			t.Errorf("%s: note %d placed %d of %d lines", name, id, got[id], len(n.lines))
		}
	}
	// contents: each entry's number is the folio of the page that holds it
	for _, e := range tr.toc {
		idx := tr.front + e.page - 1
		if idx >= len(doc.Pages) {
			t.Errorf("%s: contents entry %q points past the end (page %d)", name, e.title, e.page)
			continue
		}
		found := false
		for _, bm := range doc.Pages[idx].Bookmarks {
			if bm.Title == e.title && bm.Level == e.level {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: contents says %q is on page %d, but it is not there", name, e.title, e.page)
		}
		// the number printed: roman in the front matter, arabic from 1 on
		want := strconv.Itoa(idx + 1 - st.FrontPages)
		if idx < st.FrontPages {
			want = roman.Lower(idx + 1)
		}
		if e.num != want {
			t.Errorf("%s: contents prints %q for %q, on physical page %d; want %q", name, e.num, e.title, idx+1, want)
		}
	}
}

func TestSampleLayout(t *testing.T) {
	for _, tc := range []struct {
		trim     string
		chapters int
	}{{"6x9", 14}, {"5x8", 8}, {"a5", 6}} {
		b := typesettest.Sample(tc.chapters)
		doc, tr, err := layout(b, opts(t, tc.trim))
		if err != nil {
			t.Fatal(err)
		}
		check(t, tc.trim, doc, tr)
		if doc.Stats.NotesPlaced == 0 {
			t.Errorf("%s: no notes placed", tc.trim)
		}
		t.Logf("%s: %+v", tc.trim, doc.Stats)
	}
}

// TestKinds lays out every block kind, a chapter title with a note and a
// note long enough to run over two pages.
func TestKinds(t *testing.T) {
	b := typesettest.Kinds()
	ch := &b.Chapters[3]
	var paras [][]book.Inline
	for i := 0; i < 6; i++ {
		paras = append(paras, ch.Notes[0].Paras...)
	}
	ch.Notes[0].Paras = paras // about 60 lines of 8.5 pt
	for _, trim := range []string{"6x9", "5.5x8.5"} {
		doc, tr, err := layout(b, opts(t, trim))
		if err != nil {
			t.Fatal(err)
		}
		check(t, "kinds "+trim, doc, tr)
		pages := map[int]bool{}
		for k, bp := range tr.body {
			for _, ck := range bp.chunks {
				if ck.id == tr.chs[3].ids[0] {
					pages[k] = true
				}
			}
		}
		if len(pages) < 2 || doc.Stats.NotesContinued == 0 {
			t.Errorf("%s: the long note sits on %d page(s), stats %+v; want it continued", trim, len(pages), doc.Stats)
		}
		lo, hi := minKey(pages), 0
		for k := range pages {
			hi = max(hi, k)
		}
		if hi-lo+1 != len(pages) {
			t.Errorf("%s: the long note is not on consecutive pages: %v", trim, pages)
		}
	}
}

func minKey(m map[int]bool) int {
	lo := -1
	for k := range m {
		if lo < 0 || k < lo {
			lo = k
		}
	}
	return lo
}

func BenchmarkLayout(b *testing.B) {
	bk := typesettest.Sample(0)
	o := opts(b, "6x9")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Layout(bk, o); err != nil {
			b.Fatal(err)
		}
	}
}

// TestOddBooks: odd but possible input lays out without a panic.
func TestOddBooks(t *testing.T) {
	long := strings.Repeat("Khrushchev’s-revisionist-", 20)
	title := strings.Repeat("The Defense of the Marxist-Leninist Line Is Vital for Our Party ", 6)
	books := map[string]*book.Book{
		"empty chapter": {Chapters: []book.Chapter{{ID: "c1"}}},
		"bad note refs": {Chapters: []book.Chapter{{ID: "c1", Title: txt("Radiogram"), Blocks: []book.Block{
			{Kind: book.Para, Inlines: []book.Inline{{Kind: book.NoteRef, Note: 7}, {Kind: book.Text, Text: "Text"}, {Kind: book.NoteRef, Note: -1}, {Kind: book.NoteRef, Note: 0}, {Kind: book.NoteRef, Note: 0}}},
			{Kind: book.Para, Inlines: []book.Inline{{Kind: book.PageBreak, Page: "12"}, {Kind: book.LineBreak}, {Kind: book.Text, Text: "   "}}},
		}, Notes: []book.Note{{Label: "1"}, {Label: "2", Paras: [][]book.Inline{txt("Never referenced.")}}}}}},
		"long word and title": {Meta: book.Meta{Title: title}, Chapters: []book.Chapter{{ID: "c1", Title: txt(title), Blocks: []book.Block{
			{Kind: book.Para, Inlines: txt("A word " + long + " too long for any line.")},
			{Kind: book.Heading, Inlines: txt(title)},
			{Kind: book.ListItem, Label: "(xviii)", Inlines: txt(long)},
			{Kind: book.Signature, Inlines: []book.Inline{{Kind: book.LineBreak}, {Kind: book.LineBreak}}},
			{Kind: book.SourceNote},
		}}}},
	}
	for name, b := range books {
		doc, err := Layout(b, opts(t, "5x8"))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if doc.Stats.Pages%2 != 0 || doc.Stats.Pages < 6 {
			t.Errorf("%s: %d pages", name, doc.Stats.Pages)
		}
	}
	if _, err := Layout(&book.Book{}, opts(t, "6x9")); err == nil {
		t.Error("a book without chapters laid out without error")
	}
	if _, err := Layout(typesettest.Kinds(), Options{}); err == nil || !strings.Contains(err.Error(), "font") {
		t.Errorf("no fonts: err = %v", err)
	}
}

func txt(s string) []book.Inline { return []book.Inline{{Kind: book.Text, Text: s}} }
