package clean

import (
	"fmt"
	"strings"
	"testing"

	"folio/assets"
	"folio/internal/notes"
	"folio/internal/pages"
	"folio/internal/report"
	"folio/internal/source/sourcetest"
)

func sampleLines(from, to int) string {
	ls := strings.Split(string(assets.Sample()), "\n")
	return strings.Join(ls[from-1:to-1], "\n")
}

// FuzzBody runs the stages before cleaning on any text, then Body and
// Note. It must never panic and keep every word: the letters and numbers
// of the body lines, in order, are those of the paragraphs (unwrapping
// and joining a line-end hyphen change only spaces, hyphens and
// punctuation; stray lines dropped have neither), and each note's lines
// have those of its paragraphs. Every page start is marked once, in
// order, and each paragraph's Src lines are its own, in source order.
func FuzzBody(f *testing.F) {
	f.Add(sampleLines(1700, 1900)) // hyphens across lines and pages, notes continued
	f.Add(sampleLines(250, 360))   // a radiogram: title, date, closing, source note
	f.Add(sampleLines(8820, 8850)) // "way-|It": a full stop misread as a hyphen
	f.Add(sampleLines(5150, 5260)) // a running head inside a paragraph
	f.Add("In the years 1920-\n61 the committee met often, and its work was com-\nplicated by the absence of a clear mandate. We believe that\nthe anti-\nParty elements have been defeated, and that the so-\ncalled reformers will not return.\n\n* * *\n\nWith respect to the self-reli-\nance of the branches—\n—we have nothing to add...\n")
	f.Fuzz(func(t *testing.T, text string) {
		rep := report.New("fuzz")
		ps := pages.Split(sourcetest.Lines(text), rep).Pages
		found := notes.Find(ps, rep)
		var in strings.Builder
		for _, p := range ps {
			for _, l := range p.Body {
				in.WriteString(l.Text)
				in.WriteByte('\n')
			}
		}
		c := New(ps, rep)
		paras := c.Body()
		var out strings.Builder
		page := -1
		last := 0
		for _, p := range paras {
			for _, r := range p.Text {
				if pg, ok := IsPageSentinel(r); ok {
					if pg != page+1 {
						t.Fatalf("page %d marked after page %d", pg, page)
					}
					page = pg
				}
			}
			for _, l := range p.Src {
				if l.N <= last {
					t.Fatalf("line %d of a paragraph after line %d", l.N, last)
				}
				last = l.N
			}
			out.WriteString(p.Text)
			out.WriteByte('\n')
		}
		// A page with no text left (blank, or stray marks only) is
		// marked only if a later page has text.
		if page != len(ps)-1 && hasText(ps[page+1:]) {
			t.Fatalf("%d pages, the last one marked is %d", len(ps), page)
		}
		if a, b := sourcetest.WordChars(in.String()), sourcetest.WordChars(out.String()); a != b {
			t.Fatalf("body letters and numbers differ:\n in %q\nout %q", a, b)
		}
		for i, n := range found.Notes {
			var in, out strings.Builder
			for _, l := range n.Lines {
				in.WriteString(l.Text + "\n")
			}
			for _, p := range c.Note(n) {
				out.WriteString(p.Text + "\n")
			}
			if a, b := sourcetest.WordChars(in.String()), sourcetest.WordChars(out.String()); a != b {
				t.Fatalf("note %d: letters and numbers differ:\n in %q\nout %q", i, a, b)
			}
		}
	})
}

func hasText(ps []pages.Page) bool {
	for _, p := range ps {
		for _, l := range p.Body {
			if sourcetest.WordChars(l.Text) != "" {
				return true
			}
		}
	}
	return false
}

// BenchmarkStripSentinels is a paragraph holding n note markers, as a
// page of 10,000 notes gives: stripping them was quadratic in n when
// each search for a sentinel scanned the rest of the paragraph for both
// of their lead bytes. Compare n=1000 with n=4000: about 4×.
func BenchmarkStripSentinels(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		var sb strings.Builder
		for i := range n {
			sb.WriteString("the Declaration of the Moscow Meeting of 1957,")
			sb.WriteRune(notes.Sentinel(i))
			sb.WriteString(" which ")
		}
		s := sb.String()
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			b.ReportAllocs()
			for b.Loop() {
				var out strings.Builder
				WriteStripped(&out, s)
				StripSentinels(s)
			}
		})
	}
}
