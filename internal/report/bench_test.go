package report_test

import (
	"bytes"
	"io"
	"testing"

	"folio/assets"
	"folio/internal/pipeline"
	"folio/internal/report"
)

// cleaned is the report pipeline.Clean makes of src: every decision of
// every stage.
func cleaned(b *testing.B, src []byte) *report.Report {
	b.Helper()
	_, rep, err := pipeline.Clean(src, "bench.txt")
	if err != nil {
		b.Fatal(err)
	}
	return rep
}

// The writers sort a copy of the decisions and change nothing, so the
// loops time them alone. SetBytes is the source size, as in every stage's
// benchmark.

func benchJSON(b *testing.B, src []byte) {
	rep := cleaned(b, src)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if err := rep.WriteJSON(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func benchText(b *testing.B, src []byte) {
	rep := cleaned(b, src)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if err := rep.WriteText(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func sample16() []byte { return bytes.Repeat(append(assets.Sample(), '\n'), 16) }

func BenchmarkReportJSONSample(b *testing.B) { benchJSON(b, assets.Sample()) }

// BenchmarkReportJSONSample16 is 16 copies of the book: ns/op and B/op
// should be about 16× the single book's (the sort adds a log factor).
func BenchmarkReportJSONSample16(b *testing.B) { benchJSON(b, sample16()) }

func BenchmarkReportTextSample(b *testing.B)   { benchText(b, assets.Sample()) }
func BenchmarkReportTextSample16(b *testing.B) { benchText(b, sample16()) }
