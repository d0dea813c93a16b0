package pages

import (
	"strconv"
	"strings"
	"testing"

	"folio/assets"
	"folio/internal/report"
	"folio/internal/source/sourcetest"
)

// sampleLines returns lines [from, to) (1-based, as an editor counts them)
// of the bundled book: real text for fuzz seeds.
func sampleLines(from, to int) string {
	ls := strings.Split(string(assets.Sample()), "\n")
	return strings.Join(ls[from-1:to-1], "\n")
}

// FuzzSplit: Split never panics and loses no word. Words here are the
// letters and numbers of the input: every input line that has any is
// found exactly once, in a page's body, its foot area or its furniture,
// with its text changed only as Split documents (form feeds removed,
// trailing blanks trimmed, one page-start space taken off; furniture is
// trimmed). Lines it drops (foot-area separators) hold no letter or number.
// Each page holds lines of its own span of the source, in order.
func FuzzSplit(f *testing.F) {
	f.Add(sampleLines(1700, 1900)) // leading-space pages, foot areas, a note continued
	f.Add(sampleLines(5150, 5260)) // a running head and folio block mid-paragraph
	f.Add(sampleLines(1, 200))     // the preface: pages without folios
	f.Add(sampleLines(2640, 2700)) // "CONVERSATION WITH KOÇO TASHKO" / 63
	f.Add("TITLE\n\nbody one\n\n— 1 —\n\f2    THE BOOK\n\nbody two\n\f3    A CHAPTER\n\nbody three\n\f4    THE BOOK\n\nbody four\n")
	f.Add("Just a paragraph\nof text.\n\nAnd another.")
	f.Add(" a\n\n1\n\n \n1 b\n\f\f12\n")
	f.Fuzz(func(t *testing.T, text string) {
		lines := sourcetest.Lines(text)
		res := Split(lines, report.New("fuzz"))
		checkSplit(t, lines, res)
	})
}

func checkSplit(t *testing.T, lines []string, res Result) {
	t.Helper()
	if len(res.Pages) == 0 {
		t.Fatalf("no pages for %d lines", len(lines))
	}
	got := make([]string, len(lines)) // what became of each input line
	seen := make([]bool, len(lines))
	place := func(p Page, l Line, furniture bool) {
		if l.N < 1 || l.N > len(lines) {
			t.Fatalf("page %d: line number %d out of range", p.Index, l.N)
		}
		if seen[l.N-1] {
			t.Fatalf("line %d is in two places", l.N)
		}
		seen[l.N-1] = true
		got[l.N-1] = l.Text
		src := lines[l.N-1]
		if furniture {
			if l.Text != strings.TrimSpace(src) {
				t.Fatalf("furniture line %d: %q from %q", l.N, l.Text, src)
			}
			return
		}
		want := strings.TrimRight(strings.ReplaceAll(src, "\f", ""), " \t\u00a0")
		if l.Text != want && (l.N != p.Start || l.Text != strings.TrimPrefix(want, " ")) {
			t.Fatalf("line %d: %q from %q", l.N, l.Text, src)
		}
	}
	for i, p := range res.Pages {
		if p.Index != i {
			t.Fatalf("page %d has index %d", i, p.Index)
		}
		end := len(lines) + 1
		if i+1 < len(res.Pages) {
			end = res.Pages[i+1].Start
		}
		if p.Start < 1 || p.Start > end {
			t.Fatalf("page %d starts at line %d, the next at %d", i, p.Start, end)
		}
		last := 0
		for _, set := range [][]Line{p.Body, p.Foot} {
			for _, l := range set {
				if l.N <= last || l.N < p.Start || l.N >= end {
					t.Fatalf("page %d (lines %d–%d): line %d out of order", i, p.Start, end-1, l.N)
				}
				last = l.N
				place(p, l, false)
			}
		}
		for _, l := range p.Furniture {
			if l.N < p.Start || l.N >= end {
				t.Fatalf("page %d (lines %d–%d): furniture line %d elsewhere", i, p.Start, end-1, l.N)
			}
			place(p, l, true)
		}
	}
	var in, out strings.Builder
	for i, l := range lines {
		in.WriteString(l)
		if !seen[i] && sourcetest.WordChars(l) != "" {
			t.Fatalf("line %d lost: %q", i+1, l)
		}
		out.WriteString(got[i])
	}
	if a, b := sourcetest.WordChars(in.String()), sourcetest.WordChars(out.String()); a != b {
		t.Fatalf("letters and numbers differ:\n in %q\nout %q", a, b)
	}
}

// BenchmarkSplitNumbers is a text of n numbers alone between blank lines
// (a table, a list of years, an index): every one is a folio candidate,
// and finding the run that counts up like page numbers compared each
// with all before it. Compare n=2000 with n=8000: about 4×.
func BenchmarkSplitNumbers(b *testing.B) {
	for _, n := range []int{2000, 8000} {
		lines := []string{"NUMBERS OF THE PLAN", ""}
		for i := range n {
			lines = append(lines, strconv.Itoa(1950+i%50), "")
		}
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Split(lines, report.New("bench"))
			}
		})
	}
}
