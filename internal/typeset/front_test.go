package typeset

import (
	"folio/internal/roman"
	"strconv"
	"testing"

	"folio/internal/book"
	"folio/internal/typeset/typesettest"
)

// TestFrontMatter: a leading preface and foreword are set after the
// contents with roman folios; the first document opens body page 1 on a
// recto; a book of prefaces only keeps them in the body.
func TestFrontMatter(t *testing.T) {
	pre := book.Chapter{ID: "pre", Kind: book.Preface, Title: txt("Publisher’s Preface"), Blocks: filled(60, nil)}
	fwd := book.Chapter{ID: "fwd", Kind: book.Foreword, Title: txt("Extracts from the Foreword to Volume 19 of Enver Hoxha’s Works (In Albanian)"), Blocks: filled(9, nil)}
	for _, tc := range []struct {
		name  string
		kinds []book.ChapterKind
		front int // chapters expected in the front matter
	}{
		{"preface and foreword", []book.ChapterKind{book.Preface, book.Foreword}, 2},
		{"foreword only", []book.ChapterKind{book.Foreword}, 1},
		{"none", nil, 0},
	} {
		b := typesettest.Kinds()
		var lead []book.Chapter
		for _, k := range tc.kinds {
			ch := pre
			if k == book.Foreword {
				ch = fwd
			}
			lead = append(lead, ch)
		}
		b.Chapters = append(lead, b.Chapters...)
		doc, tr, err := layout(b, opts(t, "6x9"))
		if err != nil {
			t.Fatal(err)
		}
		check(t, tc.name, doc, tr)
		st := doc.Stats
		first := -1 // body index of the first document's opening
		for k, bp := range tr.body {
			if !tr.blanks[k] && bp.opening && bp.ch == tc.front {
				first = k
				break
			}
		}
		if tr.front+first != st.FrontPages {
			t.Errorf("%s: the first document opens on physical page %d, want %d (front matter %d pages)", tc.name, tr.front+first+1, st.FrontPages+1, st.FrontPages)
		}
		for k, bp := range tr.body {
			pg := doc.Pages[tr.front+k]
			if tr.blanks[k] || bp.opening {
				continue
			}
			want := strconv.Itoa(tr.front + k + 1 - st.FrontPages)
			if bp.ch < tc.front {
				want = roman.Lower(tr.front + k + 1)
			}
			if pg.Folio != want {
				t.Errorf("%s: page %d of chapter %d shows folio %q, want %q", tc.name, tr.front+k+1, bp.ch+1, pg.Folio, want)
			}
		}
	}
	// prefaces only: nothing to make a body of, so they are the body
	b := &book.Book{Chapters: []book.Chapter{pre}}
	doc, tr, err := layout(b, opts(t, "5x8"))
	if err != nil {
		t.Fatal(err)
	}
	check(t, "prefaces only", doc, tr)
	if doc.Stats.FrontPages != tr.front {
		t.Errorf("prefaces only: front matter %d pages, contents ends at %d", doc.Stats.FrontPages, tr.front)
	}
}
