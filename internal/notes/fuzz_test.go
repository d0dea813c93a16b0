package notes

import (
	"strings"
	"testing"
	"unicode"

	"folio/assets"
	"folio/internal/pages"
	"folio/internal/report"
	"folio/internal/source/sourcetest"
)

func sampleLines(from, to int) string {
	ls := strings.Split(string(assets.Sample()), "\n")
	return strings.Join(ls[from-1:to-1], "\n")
}

// FuzzFind: Find never panics and loses no word. Words are the letters
// and numbers of each body and foot line (superscript digits read as
// digits): after Find, a body line with its note sentinels read back as
// the notes' labels, and a foot line as its note has it (the label before
// the first line), have the same ones as before. The only lines a note
// leaves out are noise without letters or digits. Every sentinel points
// at a paired note, and every paired note is pointed at exactly once.
func FuzzFind(f *testing.F) {
	f.Add(sampleLines(1700, 1900)) // markers 12–16, a note continued on the next page
	f.Add(sampleLines(250, 360))   // a marker on a title (BUCHAREST1), a note starting with a year
	f.Add(sampleLines(560, 640))   // Mikoyan3 … questions4
	f.Add("LETTER TO THE EDITOR OF\nTHE MORNING GAZETTE¹\n\nIn the years 1920-\n61 the anti-\nParty elements have² been defeated.\n__________\n¹ The Morning Gazette was a daily.\n² This refers to the faction\n")
	f.Add("the Plenum7 decided and the asterisk* here\n\n__________\n1 A note nobody points at.\n* The asterisk.\n")
	f.Fuzz(func(t *testing.T, text string) {
		ps := pages.Split(sourcetest.Lines(text), report.New("fuzz")).Pages
		before := map[int]string{}
		for _, p := range ps {
			for _, set := range [][]pages.Line{p.Body, p.Foot} {
				for _, l := range set {
					before[l.N] = l.Text
				}
			}
		}
		res := Find(ps, report.New("fuzz"))
		checkFind(t, ps, res, before)
	})
}

func checkFind(t *testing.T, ps []pages.Page, res Result, before map[int]string) {
	t.Helper()
	after := map[int]string{}
	refs := make([]int, len(res.Notes))
	for _, p := range ps {
		for _, l := range p.Body {
			var b strings.Builder
			for _, r := range l.Text {
				if i, ok := IsSentinel(r); ok {
					if i >= len(res.Notes) || !res.Notes[i].Paired {
						t.Fatalf("line %d: sentinel for note %d of %d, not a paired one", l.N, i, len(res.Notes))
					}
					refs[i]++
					b.WriteString(res.Notes[i].Label)
					continue
				}
				b.WriteRune(r)
			}
			after[l.N] = b.String()
		}
	}
	for i, n := range res.Notes {
		if n.Paired != (refs[i] == 1) {
			t.Fatalf("note %d (%q): paired %v, %d sentinels", i, n.Label, n.Paired, refs[i])
		}
		if len(n.Lines) == 0 {
			t.Fatalf("note %d has no lines", i)
		}
		for k, l := range n.Lines {
			if _, dup := after[l.N]; dup {
				t.Fatalf("line %d is in the body and in note %d, or twice in notes", l.N, i)
			}
			if k == 0 {
				after[l.N] = n.Label + " " + l.Text
			} else {
				after[l.N] = l.Text
			}
		}
	}
	for n, was := range before {
		if a, b := wordChars(was), wordChars(after[n]); a != b {
			t.Fatalf("line %d: %q became %q", n, was, after[n])
		}
	}
}

// wordChars is what "no word lost" compares: the letters and numbers of
// s in order, superscript digits as plain ones (a label may be either).
func wordChars(s string) string {
	return strings.Map(func(r rune) rune {
		if d, ok := superDigit(r); ok {
			return rune(d)
		}
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return r
		}
		return -1
	}, s)
}
