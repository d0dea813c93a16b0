package main

import (
	"bytes"
	"context"
	"os"
	"runtime/debug"
	"strings"
	"testing"

	"folio/internal/book"
	"folio/internal/check"
	"folio/internal/epub"
	"folio/internal/markdown"
	"folio/internal/meta"
	"folio/internal/pipeline"
)

// FuzzBuild runs the whole path from a text to a checked EPUB: any bytes
// are either refused with a reason or made into a book whose EPUB (and
// Markdown) folio's own checker passes with no error — what folio makes
// of any input is a sound book. No panic anywhere on the way.
//
//	go test ./cmd/folio -run '^$' -fuzz '^FuzzBuild$' -fuzztime 2m -fuzzminimizetime 0
func FuzzBuild(f *testing.F) {
	for _, name := range []string{"one-line.txt", "rule-scene-break.txt"} {
		data, err := os.ReadFile(hostileDir + "/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"RADIOGRAM TO COMRADE HYSNI KAPO IN BUCHAREST1\n\nJune 21, 1960\n\nBe very careful.\n\nAffectionately yours,\nEnver\n\n \n1 On June 2, 1960, in a letter.\n",
		"THE TITLE\n\n<script>alert(1)</script> *and* [more] \x1b[31m text.\n\fPage 2\n\nMore text, hyphen-\nated.\n",
		"CHAPTER I\nThe Arrival\n\nIt was late.\n\n* * *\n\nMR. SMITH: Yes.\n\n1) one\n2) two\n",
	} {
		f.Add([]byte(s))
	}
	f.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	// Each run allocates about a megabyte, most of it garbage at once:
	// the collector runs less often.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	f.Fuzz(func(t *testing.T, src []byte) {
		// A few pages hold every construct the stages know; longer texts
		// are the benchmarks' and the hostile tests' (16× the sample).
		if len(src) > 16<<10 {
			return
		}
		if msg := buildAndCheck(src); msg != "" {
			t.Fatal(msg)
		}
	})
}

// buildAndCheck makes src into a book, its EPUB and Markdown, and checks
// the EPUB; it says what went wrong, "" for nothing.
func buildAndCheck(src []byte) string {
	b, _, err := pipeline.Clean(src, "fuzz.txt")
	if err != nil {
		if !strings.Contains(err.Error(), "fuzz.txt") {
			return "a refusal that does not name the file: " + err.Error()
		}
		return ""
	}
	var m book.Meta
	if err := meta.Defaults(&m, "fuzz.txt"); err != nil {
		return err.Error()
	}
	b.Meta = m
	var e, md bytes.Buffer
	if err := epub.Write(&e, b, epub.Options{}); err != nil {
		return "epub: " + err.Error()
	}
	if err := markdown.Write(&md, b); err != nil {
		return "markdown: " + err.Error()
	}
	if r := check.EPUB(context.Background(), e.Bytes(), check.Options{}); r.Failed() {
		var rep strings.Builder
		r.WriteText(&rep)
		return "folio's EPUB of this text fails folio check:\n" + rep.String()
	}
	return ""
}

// BenchmarkBuildCheck is one run of FuzzBuild on a 2 KB text (three
// pages, a note, a rule): what each of its executions costs.
func BenchmarkBuildCheck(b *testing.B) {
	src, err := os.ReadFile(hostileDir + "/rule-scene-break.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if msg := buildAndCheck(src); msg != "" {
			b.Fatal(msg)
		}
	}
}
