package markdown_test

import (
	"bytes"
	"io"
	"testing"

	"folio/assets"
	"folio/internal/markdown"
	"folio/internal/pipeline"
)

// benchWrite times markdown.Write on the book pipeline.Clean makes of
// src; Write only reads the book, so the loop times it alone. SetBytes is
// the source size, as in every stage's benchmark.
func benchWrite(b *testing.B, src []byte) {
	bk, _, err := pipeline.Clean(src, "bench.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if err := markdown.Write(io.Discard, bk); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarkdownSample(b *testing.B) { benchWrite(b, assets.Sample()) }

// BenchmarkMarkdownSample16 is 16 copies of the book: ns/op and B/op
// should be about 16× the single book's.
func BenchmarkMarkdownSample16(b *testing.B) {
	benchWrite(b, bytes.Repeat(append(assets.Sample(), '\n'), 16))
}
