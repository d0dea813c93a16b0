package dehyphen

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"folio/assets"
	"folio/internal/words"
)

// BenchmarkNewLexiconSample16 is BenchmarkNewLexicon on 16 copies of the
// book: ns/op and B/op should be about 16× the single book's. (The
// cleaning stage learns from its pages' text: see clean's BenchmarkLearn.)
func BenchmarkNewLexiconSample16(b *testing.B) {
	text := string(bytes.Repeat(append(assets.Sample(), '\n'), 16))
	words.Lookup("") // the word list loads once per process; measure the book
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		NewLexicon(text)
	}
}

// BenchmarkNewLexiconCompound is one hyphenated compound of n parts, made
// of a compound of the book ("Marxist-Leninist") repeated: OCR of a rule
// drawn with letters and hyphens, or a table leader, gives such a line.
// Runs of parts are counted as compounds; counted without a bound on
// their length they made the cost grow with the cube of n (400 parts took
// 70× as long as 100). n=400 should cost about 4× n=100.
func BenchmarkNewLexiconCompound(b *testing.B) {
	for _, n := range []int{100, 400} {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = [2]string{"Marxist", "Leninist"}[i%2]
		}
		text := strings.Join(parts, "-") + "\n"
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				NewLexicon(text)
			}
		})
	}
}
