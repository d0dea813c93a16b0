package pipeline

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"folio/assets"
)

// BenchmarkCleanSample is folio clean on the bundled book (314 pages).
func BenchmarkCleanSample(b *testing.B) {
	src := assets.Sample()
	Clean(src, "warm-up") // word lists load once per process
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Clean(src, "sample"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCleanSample16 is the same on 16 copies of the book in one
// file (5,000 pages): ns/op should be about 16× the single book's.
func BenchmarkCleanSample16(b *testing.B) {
	src := sample16()
	Clean(assets.Sample(), "warm-up")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Clean(src, "sample×16"); err != nil {
			b.Fatal(err)
		}
	}
}

// The benchmarks below give the whole engine inputs of shapes that
// stress one stage or another; the stages' own benchmarks (BenchmarkSplit…,
// BenchmarkStructure… in their packages) time them one by one.

func benchClean(b *testing.B, src []byte) {
	b.Helper()
	Clean(assets.Sample(), "warm-up")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Clean(src, "shape"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCleanOnePage16 is BenchmarkCleanSample16 without page marks
// (no page indent, no folio lines): one page of 200,000 lines. It should
// cost about what the paged copies cost.
func BenchmarkCleanOnePage16(b *testing.B) { benchClean(b, onePage(sample16())) }

// BenchmarkCleanLongLines is the book's text in lines of 100 KB (near
// the longest source.Decode takes), 1 MB and 4 MB in all: one page, one
// paragraph. The 4 MB text should cost about 4×.
func BenchmarkCleanLongLines(b *testing.B) {
	for _, mb := range []int{1, 4} {
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) { benchClean(b, longLines(mb<<20, 100<<10)) })
	}
}

// BenchmarkCleanNotes is 10,000 notes, ten to a page.
func BenchmarkCleanNotes(b *testing.B) { benchClean(b, manyNotes(10000, 10)) }

// BenchmarkCleanHeadings is a document heading repeated 10,000 times,
// blank lines between: 10,000 paragraphs in capitals.
func BenchmarkCleanHeadings(b *testing.B) { benchClean(b, headings(10000, "\n\n", false)) }

// BenchmarkCleanHeadingsText is 10,000 headings, each with a paragraph.
func BenchmarkCleanHeadingsText(b *testing.B) { benchClean(b, headings(10000, "\n\n", true)) }

// BenchmarkCleanShortLines is the heading repeated 1,000 and 4,000 times
// without blank lines: short lines that unwrap into one paragraph, as a
// table of contents or a list would. 4,000 lines should cost about 4×
// 1,000 (the search for source notes once read the rest of the paragraph
// from every line: see structure's BenchmarkStructureShortLines).
func BenchmarkCleanShortLines(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchClean(b, headings(n, "\n", false)) })
	}
}

func sample16() []byte { return bytes.Repeat(append(assets.Sample(), '\n'), 16) }

// onePage is src without its page marks: the page-start indent and the
// folio lines go, the foot areas' lone-space lines become blank.
func onePage(src []byte) []byte {
	var out bytes.Buffer
	for l := range strings.Lines(string(src)) {
		t := strings.TrimLeft(l, " ")
		if f := strings.TrimSpace(t); f != "" && strings.Trim(f, "0123456789") == "" {
			continue
		}
		out.WriteString(t)
	}
	return out.Bytes()
}

// longLines is the sample's text with its line ends made spaces, repeated
// to at least n bytes, broken at the first space after every width bytes.
func longLines(n, width int) []byte {
	flat := bytes.ReplaceAll(bytes.TrimSpace(assets.Sample()), []byte("\n"), []byte(" "))
	out := make([]byte, 0, n+len(flat))
	for len(out) < n {
		out = append(out, flat...)
		out = append(out, ' ')
	}
	for i := width; i < len(out); i += width {
		k := bytes.IndexByte(out[i:], ' ')
		if k < 0 {
			break
		}
		i += k
		out[i] = '\n'
	}
	return out
}

// manyNotes is n notes, perPage to a page, in the sample's conventions
// (a page starts with one space, a lone-space line opens the foot area),
// each marker glued to a word as OCR leaves it, each note one of the
// book's, labels counting 1 to 999 and over again.
func manyNotes(n, perPage int) []byte {
	var b strings.Builder
	for p := 0; p*perPage < n; p++ {
		b.WriteString(" COMRADE ENVER HOXHA: That is to say that we should\n")
		k := min(perPage, n-p*perPage)
		for i := range k {
			fmt.Fprintf(&b, "KOÇO TASHKO: I did not come because I thought you are\nbusy with Thorez.%d\n\n", i%999+1)
		}
		b.WriteString(" \n")
		for i := range k {
			fmt.Fprintf(&b, "%d At that time General Secretary of the Communist Party of France,\nwho during those days had come to Albania for vacation.\n", i%999+1)
		}
	}
	return []byte(b.String())
}

// headings is a document heading of the book repeated n times, the copies
// separated by sep; with text, each is followed by a paragraph.
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
