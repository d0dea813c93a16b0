package clean_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"folio/assets"
	"folio/internal/clean"
	"folio/internal/dehyphen"
	"folio/internal/notes"
	"folio/internal/pages"
	"folio/internal/report"
	"folio/internal/source"
	"folio/internal/words"
)

// staged is src taken through the stages before cleaning, as
// pipeline.Clean takes it: decoded, paged, notes found (their markers
// now sentinels in the body lines), the lexicon learnt.
type staged struct {
	raw   []pages.Page // the pages as Split left them, before notes.Find
	pages []pages.Page
	lex   *dehyphen.Lexicon
}

func stage(b *testing.B, src []byte) staged {
	b.Helper()
	txt, err := source.Decode("bench.txt", src)
	if err != nil {
		b.Fatal(err)
	}
	rep := report.New("bench.txt")
	split := pages.Split(txt.Lines, rep)
	var s staged
	s.raw = make([]pages.Page, len(split.Pages))
	copy(s.raw, split.Pages)
	for i := range s.raw {
		s.raw[i].Body = append([]pages.Line(nil), split.Pages[i].Body...)
	}
	s.lex = clean.Learn(split.Pages)()
	notes.Find(split.Pages, rep)
	s.pages = split.Pages
	words.Lookup("the") // the word list loads once per process: not a stage's cost
	return s
}

func sample16() []byte { return bytes.Repeat(append(assets.Sample(), '\n'), 16) }

// benchLearn times clean.Learn: copying the pages' text and learning the
// book's vocabulary from it. It only reads the pages.
func benchLearn(b *testing.B, src []byte) {
	s := stage(b, src)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		clean.Learn(s.raw)()
	}
}

func BenchmarkLearnSample(b *testing.B)   { benchLearn(b, assets.Sample()) }
func BenchmarkLearnSample16(b *testing.B) { benchLearn(b, sample16()) }

// benchBody times Cleaner.Body, the unwrapping of all pages into
// paragraphs. It only reads the pages and the lexicon and writes into
// the cleaner's report, so each run gets a new report (timed: two small
// allocations); the cleaner itself is built once.
func benchBody(b *testing.B, src []byte) {
	s := stage(b, src)
	cl := clean.NewWith(s.pages, report.New("bench.txt"), s.lex)
	first := cl.Body()
	if again := cl.Body(); !reflect.DeepEqual(first, again) {
		b.Fatal("Body gave different paragraphs on a second run: the benchmark would not time the same work")
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		cl.Rep = report.New("bench.txt")
		cl.Body()
	}
}

func BenchmarkBodySample(b *testing.B)   { benchBody(b, assets.Sample()) }
func BenchmarkBodySample16(b *testing.B) { benchBody(b, sample16()) }

// BenchmarkBodyOnePage16 is the 16 copies without page marks: one page
// of 200,000 lines, unwrapped without page breaks to go by.
func BenchmarkBodyOnePage16(b *testing.B) { benchBody(b, onePage(sample16())) }

// benchFlags times Cleaner.Flags, the search for suspicious OCR in the
// paragraphs. It changes nothing and writes no report.
func benchFlags(b *testing.B, src []byte) {
	s := stage(b, src)
	cl := clean.NewWith(s.pages, report.New("bench.txt"), s.lex)
	paras := cl.Body()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		cl.Flags(paras)
	}
}

func BenchmarkFlagsSample(b *testing.B)   { benchFlags(b, assets.Sample()) }
func BenchmarkFlagsSample16(b *testing.B) { benchFlags(b, sample16()) }

// BenchmarkFlagsOnePage16: see BenchmarkBodyOnePage16.
func BenchmarkFlagsOnePage16(b *testing.B) { benchFlags(b, onePage(sample16())) }

// onePage is src without its page marks: the page-start indent and the
// folio lines go, the foot areas' lone-space lines become blank.
func onePage(src []byte) []byte {
	var out bytes.Buffer
	for l := range strings.Lines(string(src)) {
		t := strings.TrimLeft(l, " ")
		if f := strings.TrimSpace(t); f != "" && strings.Trim(f, "0123456789") == "" {
			continue
		}
		out.WriteString(t)
	}
	return out.Bytes()
}
