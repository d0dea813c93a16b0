package pdf

import (
	"os"
	"testing"

	"folio/internal/book"

	"folio/internal/typeset/typesettest"
)

func TestScratch(t *testing.T) {
	b := typesettest.Kinds()
	f, _ := os.Create("/tmp/ts/out.pdf")
	st, err := Write(f, b, Options{})
	f.Close()
	t.Logf("%+v %v", st, err)
}

func TestScratchCount(t *testing.T) {
	b := typesettest.Sample(8)
	n := 0
	for _, ch := range b.Chapters {
		for _, w := range words(ch.TitleText()) {
			if w == "albania" {
				n++
			}
		}
		for _, bl := range ch.Blocks {
			for _, w := range words(book.PlainText(bl.Inlines)) {
				if w == "albania" {
					n++
					t.Logf("%s: %.60s", bl.Kind, book.PlainText(bl.Inlines))
				}
			}
		}
		for _, no := range ch.Notes {
			for _, p := range no.Paras {
				for _, w := range words(book.PlainText(p)) {
					if w == "albania" {
						n++
					}
				}
			}
		}
	}
	t.Log(n)
}

func TestScratchMissing(t *testing.T) {
	b := typesettest.Sample(8)
	txt, _ := os.ReadFile("/tmp/ts/out.txt")
	t.Log(missingWords(b, string(txt)))
}
