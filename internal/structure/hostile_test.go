package structure

import (
	"strings"
	"testing"

	"folio/internal/book"
	"folio/internal/clean"
	"folio/internal/notes"
	"folio/internal/pages"
	"folio/internal/report"
)

// build runs the stages up to structure on text, as pipeline.Clean does.
func build(text string) ([]book.Chapter, *report.Report) {
	rep := report.New("t")
	ps := pages.Split(strings.Split(text, "\n"), rep).Pages
	found := notes.Find(ps, rep)
	cl := clean.New(ps, rep)
	return Build(Input{Pages: ps, Paras: cl.Body(), Notes: found.Notes, Cleaner: cl}, rep), rep
}

// TestUntitled: text that opens without a heading in capitals (a book
// without headings, a one-line file) still makes a chapter with a title,
// its opening words, which the report lists as a problem to fix.
func TestUntitled(t *testing.T) {
	for _, c := range []struct{ text, title string }{
		{"Be very careful. Let them know that you will take part only in the meeting we have decided jointly.", "Be very careful…"},
		{"From your radiograms we see that things are taking a wrong\ncourse; therefore the situation is very delicate.", "From your radiograms we see that things are…"},
		{"Enver", "Enver"},
		{"Tirana, 1975", "Tirana, 1975"},
	} {
		chs, rep := build(c.text)
		if len(chs) != 1 || chs[0].TitleText() != c.title {
			t.Errorf("%q: %d chapters, title %q; want %q", c.text, len(chs), chs[0].TitleText(), c.title)
		}
		if ps := rep.Problems(); len(ps) != 1 || ps[0].Kind != "untitled" {
			t.Errorf("%q: problems %+v, want one untitled", c.text, ps)
		}
	}
}

// TestRepeatedHeading: a heading repeated thousands of times is not one
// title (nor one section heading) of all the copies: a title block ends
// where a paragraph repeats the one before, and holds at most maxHeading
// runes.
func TestRepeatedHeading(t *testing.T) {
	chs, _ := build(strings.Repeat("WE SHOULD NOT SUBMIT TO ANY PRESSURE\n\n", 2000))
	if len(chs) != 1 || chs[0].TitleText() != "We Should Not Submit to Any Pressure" {
		t.Fatalf("%d chapters, the first titled %q", len(chs), chs[0].TitleText())
	}
	// Distinct headings in capitals, one after another, cut at the limit.
	var b strings.Builder
	b.WriteString("THE PRINCIPLED AND CONSISTENT STRUGGLE\n\n")
	for i := range 200 {
		b.WriteString("ON THE DEVELOPMENTS AT THE MOSCOW MEETING " + strings.Repeat("I", i%5+1) + "\n\n")
	}
	b.WriteString("The question we are going to discuss today has to do with the\nBucharest Meeting.\n")
	chs, _ = build(b.String())
	longest := 0
	for _, ch := range chs {
		longest = max(longest, len([]rune(ch.TitleText())))
		for _, bl := range ch.Blocks {
			longest = max(longest, len([]rune(book.PlainText(bl.Inlines))))
		}
	}
	if longest > maxHeading {
		t.Errorf("a title or block of %d runes, want at most %d", longest, maxHeading)
	}
}

// TestOpeningWords pins the stand-in titles.
func TestOpeningWords(t *testing.T) {
	for in, want := range map[string]string{
		"It was a dark and stormy night; the rain fell in torrents": "It was a dark and stormy night…",
		"One two three four five six seven eight nine ten":          "One two three four five six seven eight…",
		"The end.":   "The end",
		"1":          "1",
		"   ":        "Untitled",
		"Oh! Is it?": "Oh! Is it?",
	} {
		if got := openingWords(in); got != want {
			t.Errorf("openingWords(%q) = %q, want %q", in, got, want)
		}
	}
}
