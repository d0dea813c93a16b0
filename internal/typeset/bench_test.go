package typeset

import (
	"reflect"
	"runtime"
	"sync"
	"testing"

	"folio/assets"
	"folio/internal/book"
	"folio/internal/pipeline"
	"folio/internal/typeset/typesettest"
)

var (
	cleanOnce   sync.Once
	cleanSample *book.Book
	cleanErr    error
)

// sampleBook is the bundled sample as folio build cleans it.
func sampleBook(b *testing.B) *book.Book {
	cleanOnce.Do(func() {
		cleanSample, _, cleanErr = pipeline.Clean(assets.Sample(), "sample")
		if cleanErr == nil {
			cleanSample.Meta.Title = "Works, Volume 19"
		}
	})
	if cleanErr != nil {
		b.Fatal(cleanErr)
	}
	return cleanSample
}

func benchLayout(b *testing.B, copies int) {
	bk := typesettest.Repeat(sampleBook(b), copies)
	o := opts(b, "6x9")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Layout(bk, o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTypesetSample is the layout of the cleaned sample at 6x9
// (line breaking, hyphenation, pages, notes, contents), as pdf.Write
// runs it.
func BenchmarkTypesetSample(b *testing.B) { benchLayout(b, 1) }

// BenchmarkTypesetSample16 is the same on the sample's chapters 16
// times over (5,000 pages): it should take 16 times as long.
func BenchmarkTypesetSample16(b *testing.B) { benchLayout(b, 16) }

// TestLayoutSameOnAnyCores: the chapters are set by as many setters as
// there are cores; the book must come out the same with one or several.
func TestLayoutSameOnAnyCores(t *testing.T) {
	b := typesettest.Sample(12)
	o := opts(t, "6x9")
	var docs []*Doc
	for _, procs := range []int{1, 2, 5} {
		old := runtime.GOMAXPROCS(procs)
		doc, err := Layout(b, o)
		runtime.GOMAXPROCS(old)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
	for i, d := range docs[1:] {
		if !reflect.DeepEqual(d, docs[0]) {
			t.Errorf("layout on %d cores differs from the one on 1", []int{2, 5}[i])
		}
	}
}
