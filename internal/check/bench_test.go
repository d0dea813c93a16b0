package check

import "testing"

// The checks on the sample book as folio build makes it (2.1 MB EPUB
// with four fonts, 304-page PDF), without the outside tools:
//
//	go test ./internal/check -run X -bench . -benchtime 10x

func BenchmarkEPUB(b *testing.B) {
	data, _ := sampleFiles(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if r := EPUB(bg, data, Options{}); r.Failed() {
			b.Fatal(report(r))
		}
	}
}

func BenchmarkPDF(b *testing.B) {
	_, data := sampleFiles(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if r := PDF(bg, data, Options{}); r.Failed() {
			b.Fatal(report(r))
		}
	}
}
