package pipeline

import (
	"bytes"
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
	src := bytes.Repeat(append(assets.Sample(), '\n'), 16)
	Clean(assets.Sample(), "warm-up")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Clean(src, "sample×16"); err != nil {
			b.Fatal(err)
		}
	}
}
