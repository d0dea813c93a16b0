package fixes_test

import (
	"regexp"
	"testing"

	"folio/assets"
	"folio/internal/fixes"
	"folio/internal/pipeline"
)

// BenchmarkCleanSampleFixes is the sample's cleaning with every fix its
// proposed fixes file holds (some seventy: replacements, joins, hyphens,
// checks); compare with pipeline's BenchmarkCleanSample.
func BenchmarkCleanSampleFixes(b *testing.B) {
	src := assets.Sample()
	bk, rep, err := pipeline.Clean(src, "sample.txt")
	if err != nil {
		b.Fatal(err)
	}
	lines, _ := fixes.Text(src, "sample.txt", nil)
	fx := regexp.MustCompile(`(?m)^# - `).ReplaceAll(fixes.Sample(rep, bk, lines, "sample.txt", ""), []byte("- "))
	set, err := fixes.Parse(fx, "sample.fixes.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := pipeline.CleanWith(src, "sample.txt", set); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse1000 reads a fixes file of a thousand fixes.
func BenchmarkParse1000(b *testing.B) {
	var src []byte
	for i := 0; i < 1000; i++ {
		src = append(src, "- {line: 8834, old: \"way-\", new: \"way.\"}\n"...)
	}
	for b.Loop() {
		if _, err := fixes.Parse(src, "x"); err != nil {
			b.Fatal(err)
		}
	}
}
