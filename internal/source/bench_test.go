package source_test

import (
	"bytes"
	"testing"

	"folio/assets"
	"folio/internal/source"
)

// Decode is the first stage: bytes in, lines out. It changes nothing it
// is given, so the loop times it alone. SetBytes is the source size here
// and in every stage's benchmark, so MB/s compares across stages.
func benchDecode(b *testing.B, src []byte) {
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := source.Decode("bench.txt", src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeSample(b *testing.B) { benchDecode(b, assets.Sample()) }

// BenchmarkDecodeSample16 is 16 copies of the book in one file: ns/op and
// B/op should be about 16× the single book's.
func BenchmarkDecodeSample16(b *testing.B) {
	benchDecode(b, bytes.Repeat(append(assets.Sample(), '\n'), 16))
}

// BenchmarkDecodeOneLine is the book's text on one 5 MB line, as a text
// layer that lost its line ends comes out. Decode refuses it (a line over
// MaxLine): this times the refusal, which reads the whole input first.
func BenchmarkDecodeOneLine(b *testing.B) {
	src := oneLine(5 << 20)
	if _, err := source.Decode("bench.txt", src); err == nil {
		b.Fatal("Decode took a 5 MB line: see BenchmarkDecodeLongLines for the text it takes")
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		source.Decode("bench.txt", src)
	}
}

// BenchmarkDecodeLongLines is the book's text in lines of 100 KB, near
// the longest Decode takes, 5 MB in all: later stages' worst lines.
func BenchmarkDecodeLongLines(b *testing.B) { benchDecode(b, longLines(5<<20, 100<<10)) }

// BenchmarkDecodeLatin1 is the book with its curly quotes and accents in
// Windows-1252, the legacy path: invalid UTF-8 is counted, then converted.
func BenchmarkDecodeLatin1(b *testing.B) {
	src := bytes.NewBuffer(nil)
	for _, r := range string(assets.Sample()) {
		switch {
		case r < 0x80:
			src.WriteByte(byte(r))
		case r == '’':
			src.WriteByte(0x92)
		case r == '“':
			src.WriteByte(0x93)
		case r == '”':
			src.WriteByte(0x94)
		case r == '—':
			src.WriteByte(0x97)
		case r <= 0xFF:
			src.WriteByte(byte(r))
		default:
			src.WriteByte('?')
		}
	}
	benchDecode(b, src.Bytes())
}

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
// bytes.
func longLines(n, width int) []byte {
	out := oneLine(n)
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
