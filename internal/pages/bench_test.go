package pages_test

import (
	"bytes"
	"strings"
	"testing"

	"folio/assets"
	"folio/internal/pages"
	"folio/internal/report"
	"folio/internal/source"
)

// benchSplit times pages.Split on the decoded lines of src. Split only
// reads the lines; it writes into its report, so each iteration gets a
// new one (two small allocations, timed with the stage, as in
// pipeline.Clean).
func benchSplit(b *testing.B, src []byte) {
	txt, err := source.Decode("bench.txt", src)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		pages.Split(txt.Lines, report.New("bench.txt"))
	}
}

func BenchmarkSplitSample(b *testing.B) { benchSplit(b, assets.Sample()) }

// BenchmarkSplitSample16 is 16 copies of the book (5,000 pages): ns/op and
// B/op should be about 16× the single book's.
func BenchmarkSplitSample16(b *testing.B) { benchSplit(b, sample16()) }

// BenchmarkSplitLongLines is the book in lines of 100 KB, near the
// longest source.Decode takes (a 5 MB line it refuses), 5 MB in all: the
// folio and running-head patterns must not read such lines through.
func BenchmarkSplitLongLines(b *testing.B) { benchSplit(b, longLines(5<<20, 100<<10)) }

// BenchmarkSplitOnePage16 is the 16 copies without page marks (no page
// indent, no folio lines): one page of 200,000 lines.
func BenchmarkSplitOnePage16(b *testing.B) { benchSplit(b, onePage(sample16())) }

func sample16() []byte { return bytes.Repeat(append(assets.Sample(), '\n'), 16) }

// oneLine is the sample's text with its line ends made spaces, repeated
// to at least n bytes.
func oneLine(n int) []byte {
	flat := bytes.ReplaceAll(bytes.TrimSpace(assets.Sample()), []byte("\n"), []byte(" "))
	out := make([]byte, 0, n+len(flat))
	for len(out) < n {
		out = append(out, flat...)
		out = append(out, ' ')
	}
	return out
}

// longLines is oneLine(n) broken at the first space after every width
// bytes, a blank line between the lines, as folio and head lines stand.
func longLines(n, width int) []byte {
	flat := oneLine(n)
	var out []byte
	for len(flat) > 0 {
		k := bytes.IndexByte(flat[min(width, len(flat)):], ' ')
		if k < 0 {
			k = len(flat)
		} else {
			k += min(width, len(flat))
		}
		out = append(out, flat[:k]...)
		out = append(out, "\n\n"...)
		flat = bytes.TrimLeft(flat[k:], " ")
	}
	return out
}

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
