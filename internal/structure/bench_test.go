package structure_test

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"folio/assets"
	"folio/internal/book"
	"folio/internal/clean"
	"folio/internal/notes"
	"folio/internal/pages"
	"folio/internal/report"
	"folio/internal/source"
	"folio/internal/structure"
	"folio/internal/words"
)

// input takes src through the stages before structure, as pipeline.Clean
// does: decoded, paged, notes found, the body unwrapped.
func input(b *testing.B, src []byte) structure.Input {
	b.Helper()
	txt, err := source.Decode("bench.txt", src)
	if err != nil {
		b.Fatal(err)
	}
	rep := report.New("bench.txt")
	split := pages.Split(txt.Lines, rep)
	lex := clean.Learn(split.Pages)
	found := notes.Find(split.Pages, rep)
	cl := clean.NewWith(split.Pages, rep, lex())
	words.Lookup("the") // the word list loads once per process: not a stage's cost
	return structure.Input{Pages: split.Pages, Paras: cl.Body(), Notes: found.Notes, Cleaner: cl}
}

// benchBuild times structure.Build. It reads its input and writes into
// its report and the cleaner's (Cleaner.Join and Note record hyphens and
// flags there, as in pipeline.Clean, where the two are one report): each
// run gets a new one (timed: two small allocations).
func benchBuild(b *testing.B, src []byte) {
	in := input(b, src)
	run := func() []book.Chapter {
		rep := report.New("bench.txt")
		in.Cleaner.Rep = rep
		return structure.Build(in, rep)
	}
	if first, again := run(), run(); !reflect.DeepEqual(first, again) {
		b.Fatal("Build gave a different book on a second run: the benchmark would not time the same work")
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		rep := report.New("bench.txt")
		in.Cleaner.Rep = rep
		structure.Build(in, rep)
	}
}

func BenchmarkStructureSample(b *testing.B) { benchBuild(b, assets.Sample()) }

// BenchmarkStructureSample16 is 16 copies of the book: ns/op and B/op
// should be about 16× the single book's.
func BenchmarkStructureSample16(b *testing.B) {
	benchBuild(b, bytes.Repeat(append(assets.Sample(), '\n'), 16))
}

// BenchmarkStructureHeadings is a document heading of the book repeated
// 10,000 times, blank lines between: 10,000 paragraphs in capitals.
func BenchmarkStructureHeadings(b *testing.B) { benchBuild(b, headings(10000, "\n\n", false)) }

// BenchmarkStructureHeadingsText is 10,000 headings, each followed by a
// paragraph: 10,000 sections or documents.
func BenchmarkStructureHeadingsText(b *testing.B) { benchBuild(b, headings(10000, "\n\n", true)) }

// BenchmarkStructureShortLines is the heading repeated 1,000 and 4,000
// times without blank lines: short lines that unwrap into one paragraph
// (as a table of contents or a list would), the last of its document.
// The search for source notes once read the rest of that paragraph from
// each of its lines, and 4,000 lines cost 12× 1,000: it should be 4×.
func BenchmarkStructureShortLines(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchBuild(b, headings(n, "\n", false)) })
	}
}

// headings is a document heading of the book repeated n times, the
// copies separated by sep; with text, each is followed by a paragraph.
func headings(n int, sep string, text bool) []byte {
	var b strings.Builder
	for range n {
		b.WriteString("CONVERSATION WITH KOÇO TASHKO")
		b.WriteString(sep)
		if text {
			b.WriteString("You want the meeting to be held very soon, but you do not\ncome, according to the Party rules, and tell the First Secretary of\nyour great anxiety.")
			b.WriteString(sep)
		}
	}
	return []byte(b.String())
}
