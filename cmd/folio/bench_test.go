package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkBuildSample is `folio build` of the sample end to end, in
// process: read, clean, cover, EPUB, PDF and reports written.
func BenchmarkBuildSample(b *testing.B) { benchBuild(b, 1) }

// BenchmarkBuildSample16 is the same on 16 copies of the sample in one
// file (10.7 MB, 5,000 source pages): about 16× the time of one.
func BenchmarkBuildSample16(b *testing.B) { benchBuild(b, 16) }

func benchBuild(b *testing.B, copies int) {
	sample, err := os.ReadFile("../../assets/samples/hoxha-works-19-ocr.txt")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	in := filepath.Join(dir, "book.txt")
	src := bytes.Repeat(append(sample, '\n'), copies)
	if err := os.WriteFile(in, src, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if err := runBench("build", "--out", filepath.Join(dir, "out"), in); err != nil {
			b.Fatal(err)
		}
	}
}
