package pages

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/report"
)

func dump(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", path))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(data), "\n")
}

// Every page style and folio style of the corpus and the test books:
// the pages found, each numbered as printed, and no folio or running head
// left in the text.
func TestFurnitureStyles(t *testing.T) {
	cases := []struct {
		name, path string
		style      Style
		pages      int      // at least
		heads      []string // heads that must leave the text
	}{
		{"form feeds; folio and head on one line, outer margin, alternating", "testdata/corpus/gibbon-layout.txt", FormFeed, 79,
			[]string{"THE DECLINE AND FALL OF THE ROMAN EMPIRE"}},
		{"form feeds; folio and head on lines of their own (plain pdftotext)", "testdata/corpus/gibbon-pdftotext.txt", FormFeed, 79,
			[]string{"THE DECLINE AND FALL OF THE ROMAN EMPIRE"}},
		{"no page marks: one-space heads of OCR", "testdata/corpus/gibbon-ocr.txt", FolioOnly, 75,
			[]string{"THE DECLINE AND FALL OF THE ROMAN EMPIRE"}},
		{"form feeds; -2- folios and no heads (groff)", "testdata/corpus/tabletalk-layout.txt", FormFeed, 90, nil},
		{"a folio run into the first line (-5In)", "testdata/corpus/tabletalk-pdftotext.txt", FormFeed, 90, nil},
		{"head block HEAD / blank / 12, pages apart by blank lines", "testdata/books/headblock-fixture.txt", FolioOnly, 9,
			[]string{"RECORDS OF A FAMILY OF ENGINEERS"}},
		{"— 7 — at the foot, alternating heads alone on their line", "testdata/books/memoir-layout.txt", FormFeed, 21,
			[]string{"THE MILL AT ARDEN", "THE HOUSE BY THE WATER"}},
		{"Page 12 at the outer margin, roman front matter", "testdata/books/pagefolio-fixture.txt", FormFeed, 15, nil},
		{"no page marks: heads with folios at the outer margin", "testdata/books/nomarks-fixture.txt", FolioOnly, 5,
			[]string{"LETTERS FROM THE NORTH"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := Split(dump(t, c.path), report.New("t"))
			if res.Style != c.style || len(res.Pages) < c.pages {
				t.Fatalf("style %s, %d pages; want %s, %d", res.Style, len(res.Pages), c.style, c.pages)
			}
			// Front matter may go unnumbered (a title page has no
			// folio); from the first folio on, every page is numbered,
			// as printed or as counted.
			numbered, counted := 0, 0
			for _, p := range res.Pages {
				if p.Number != "" {
					numbered++
				}
				if numbered > 0 {
					counted++
				}
				for _, l := range p.Body {
					tt := strings.TrimSpace(l.Text)
					for _, h := range c.heads {
						// A head repeated at a page's edge; the same words
						// inside a title line (a chapter's opening) stay.
						if strings.HasSuffix(tt, h) && len(tt) < len(h)+6 && l.N != p.Start && isEdge(p, l.N) {
							t.Errorf("page %s: head %q left in the text", p.Number, tt)
						}
					}
					if folioRe.MatchString(tt) && isEnd(p, l.N) && tt == p.Number {
						t.Errorf("page %s: its folio left in the text", p.Number)
					}
				}
			}
			if numbered < counted || counted*10 < len(res.Pages)*6 {
				t.Errorf("%d of %d pages numbered, %d from the first folio on", numbered, len(res.Pages), counted)
			}
		})
	}
}

// isEnd: the line is the first or the last of its page's text, where a
// folio stands (a note's label "1" above the last line is no folio).
func isEnd(p Page, n int) bool {
	first, last := -1, -1
	for _, l := range p.Body {
		if strings.TrimSpace(l.Text) != "" {
			if first < 0 {
				first = l.N
			}
			last = l.N
		}
	}
	return n == first || n == last
}

// isEdge: the line is among the first or last two of its page's text.
func isEdge(p Page, n int) bool {
	var text []int
	for _, l := range p.Body {
		if strings.TrimSpace(l.Text) != "" {
			text = append(text, l.N)
		}
	}
	for i, m := range text {
		if m == n {
			return i < 2 || i >= len(text)-2
		}
	}
	return false
}

// Notes' labels and chapter labels beside a number are no folios.
func TestNoFalseFolios(t *testing.T) {
	// "Chapter 1" at the top of the first page and "2 The Roman…" at a
	// foot: a number beside text on two pages only is no folio.
	text := " Chapter 1\n\nThe Surname of Stevenson\n\nFrom the thirteenth century onwards the name spread.\n" +
		strings.Repeat("a line of the text that fills the page from side to side here\n", 30) +
		"2 The farm of Whitrigg lies a mile above the mill.\n"
	res := Split(strings.Split(text, "\n"), report.New("t"))
	for _, p := range res.Pages {
		for _, f := range p.Furniture {
			t.Errorf("%q taken for furniture", f.Text)
		}
	}
}
