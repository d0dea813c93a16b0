package notes_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"folio/assets"
	"folio/internal/notes"
	"folio/internal/pages"
	"folio/internal/report"
	"folio/internal/source"
)

// split decodes and pages src, as pipeline.Clean does before notes.Find.
func split(b *testing.B, src []byte) []pages.Page {
	b.Helper()
	txt, err := source.Decode("bench.txt", src)
	if err != nil {
		b.Fatal(err)
	}
	return pages.Split(txt.Lines, report.New("bench.txt")).Pages
}

// copyPages copies what Find writes: it rewrites paired markers in the
// body lines into sentinels, so a second run on the same pages would find
// no markers left to pair.
func copyPages(dst, src []pages.Page) []pages.Page {
	dst = append(dst[:0], src...)
	for i := range dst {
		dst[i].Body = append([]pages.Line(nil), src[i].Body...)
	}
	return dst
}

// benchFind times notes.Find alone. The pages are copied afresh before
// each run with the timer stopped (Find changes them: see copyPages); the
// report is new each run and timed (two small allocations).
func benchFind(b *testing.B, src []byte, wantNotes int) {
	ps := split(b, src)
	work := copyPages(nil, ps)
	if got := len(notes.Find(work, report.New("bench.txt")).Notes); got < wantNotes {
		b.Fatalf("found %d notes, want %d or more: the input is not the shape the benchmark is about", got, wantNotes)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		work = copyPages(work, ps)
		b.StartTimer()
		notes.Find(work, report.New("bench.txt"))
	}
}

func BenchmarkNotesSample(b *testing.B) { benchFind(b, assets.Sample(), 100) }

// BenchmarkNotesSample16 is 16 copies of the book: ns/op and B/op should
// be about 16× the single book's.
func BenchmarkNotesSample16(b *testing.B) {
	benchFind(b, bytes.Repeat(append(assets.Sample(), '\n'), 16), 1600)
}

// BenchmarkNotesPaged is 10,000 notes, ten to a page: the cost per note
// should match the book's.
func BenchmarkNotesPaged(b *testing.B) { benchFind(b, manyNotes(10000, 10), 10000) }

// BenchmarkNotesOnePage is 1,000 and 4,000 notes on one page: markers are
// paired with the notes of their page by label, so a page with very many
// notes shows whether pairing grows with their square.
func BenchmarkNotesOnePage(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchFind(b, manyNotes(n, n), n) })
	}
}

// manyNotes is n notes, perPage to a page, in the sample's conventions
// (a page starts with one space, a lone-space line opens the foot area),
// each marker glued to a word as OCR leaves it, each note one of the
// book's, labels counting 1 to 999 and over again. A single page has no
// page-start indent to go by, so its foot area opens with a printed rule.
func manyNotes(n, perPage int) []byte {
	var b strings.Builder
	sep := " \n"
	if perPage >= n {
		sep = "__________\n"
	}
	for p := 0; p*perPage < n; p++ {
		b.WriteString(" COMRADE ENVER HOXHA: That is to say that we should\n")
		k := min(perPage, n-p*perPage)
		for i := range k {
			fmt.Fprintf(&b, "KOÇO TASHKO: I did not come because I thought you are\nbusy with Thorez.%d\n\n", i%999+1)
		}
		b.WriteString(sep)
		for i := range k {
			fmt.Fprintf(&b, "%d At that time General Secretary of the Communist Party of France,\nwho during those days had come to Albania for vacation.\n", i%999+1)
		}
	}
	return []byte(b.String())
}
