package typo

import (
	"fmt"
	"strings"
	"testing"

	"folio/internal/words"
)

// The cleaning stage calls Normalize once per paragraph as it unwraps it,
// and Suspicious once per cleaned paragraph (clean.Cleaner.Flags). The
// paragraphs here are sampleParas's: the sample unwrapped as the cleaning
// stage hands paragraphs over (this package cannot import clean, which
// imports it). Neither function changes its input or any shared state.

// repeatParas is the sample's paragraphs, k times over.
func repeatParas(k int) []string {
	ps := sampleParas()
	out := make([]string, 0, k*len(ps))
	for range k {
		out = append(out, ps...)
	}
	return out
}

func size(ps []string) (n int64) {
	for _, p := range ps {
		n += int64(len(p)) + 1
	}
	return n
}

func benchNormalize(b *testing.B, ps []string) {
	b.SetBytes(size(ps))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range ps {
			Normalize(p)
		}
	}
}

func BenchmarkNormalizeSample(b *testing.B)   { benchNormalize(b, repeatParas(1)) }
func BenchmarkNormalizeSample16(b *testing.B) { benchNormalize(b, repeatParas(16)) }

// benchSuspicious runs on normalized paragraphs, as Flags does.
func benchSuspicious(b *testing.B, ps []string) {
	norm := make([]string, len(ps))
	for i, p := range ps {
		norm[i], _ = Normalize(p)
	}
	words.Known("the") // the word list loads once per process
	b.SetBytes(size(norm))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range norm {
			Suspicious(p)
		}
	}
}

func BenchmarkSuspiciousSample(b *testing.B)   { benchSuspicious(b, repeatParas(1)) }
func BenchmarkSuspiciousSample16(b *testing.B) { benchSuspicious(b, repeatParas(16)) }

// BenchmarkOneParagraph is the whole book as one paragraph of 1 MB and
// of 4 MB (a text layer without blank lines comes out so):
// the cost per byte should not grow with the paragraph.
func BenchmarkOneParagraph(b *testing.B) {
	for _, mb := range []int{1, 4} {
		p := oneParagraph(mb << 20)
		b.Run(fmt.Sprintf("Normalize/%dMB", mb), func(b *testing.B) { benchNormalize(b, []string{p}) })
		b.Run(fmt.Sprintf("Suspicious/%dMB", mb), func(b *testing.B) { benchSuspicious(b, []string{p}) })
	}
}

// oneParagraph is the sample's paragraphs joined into one of at least n
// bytes.
func oneParagraph(n int) string {
	ps := sampleParas()
	var b strings.Builder
	b.Grow(n + 4096)
	for b.Len() < n {
		for _, p := range ps {
			b.WriteString(p)
			b.WriteByte(' ')
			if b.Len() >= n {
				break
			}
		}
	}
	return strings.TrimSpace(b.String())
}
