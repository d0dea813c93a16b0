package typeset

import (
	"reflect"
	"strings"
	"testing"

	"folio/internal/book"
)

// lacking is a face without some characters, to try the substitutions
// Gentium Book Plus never needs.
type lacking struct {
	Font
	gone string
}

func (f lacking) Has(r rune) bool { return !strings.ContainsRune(f.gone, r) && f.Font.Has(r) }

func TestGlyphFix(t *testing.T) {
	fam := family(t)
	var poor Fonts
	for i, f := range fam {
		poor[i] = lacking{f, "\u2010\u2011\u00a0\u2026\u00ad"}
	}
	for _, tc := range []struct {
		name    string
		fonts   Fonts
		in      string
		want    string
		missing []rune
		dropped int
		subst   int
	}{
		{"ascii", fam, "to the Central Committee of the Party of Labour of Albania", "to the Central Committee of the Party of Labour of Albania", nil, 0, 0},
		{"greek and dashes kept", fam, "the word λόγος — non\u2010aggression,\u00a0June", "the word λόγος — non\u2010aggression,\u00a0June", nil, 0, 0},
		{"cjk stays as a box", fam, "the Chinese leaders (中国)", "the Chinese leaders (中国)", []rune{'中', '国'}, 0, 0},
		{"astral becomes U+FFFD", fam, "Moscow \U0001F600 and \U000F0000.", "Moscow \uFFFD and \uFFFD.", []rune{0x1F600, 0xF0000}, 0, 0},
		{"U+FFFD dropped", fam, "the \uFFFDdelegation", "the delegation", nil, 1, 0},
		{"invalid UTF-8 dropped", fam, "the \xffdelegation", "the delegation", nil, 1, 0},
		{"control character reported", fam, "Tirana\x07", "Tirana\x07", []rune{7}, 0, 0},
		{"substitutes where the face lacks", poor, "non\u2010aggression, never\u2011ever,\u00a0June 1960\u2026 re\u00adgime", "non-aggression, never-ever, June 1960... regime", nil, 0, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := &glyphCheck{fonts: tc.fonts, missing: map[rune]*CharUse{}, dropped: map[rune]*CharUse{}, where: "ch01"}
			g.ascii = g.asciiOK()
			if got := g.fix(tc.in); got != tc.want {
				t.Errorf("fix(%q) = %q, want %q", tc.in, got, tc.want)
			}
			var miss []rune
			for _, u := range sorted(g.missing) {
				miss = append(miss, u.Rune)
			}
			if !reflect.DeepEqual(miss, tc.missing) {
				t.Errorf("missing %U, want %U", miss, tc.missing)
			}
			if n := len(g.dropped); n != tc.dropped {
				t.Errorf("%d dropped, want %d", n, tc.dropped)
			}
			if g.subst != tc.subst {
				t.Errorf("%d substituted, want %d", g.subst, tc.subst)
			}
		})
	}
}

// TestLayoutMissingEverywhere puts characters the face lacks in every
// place text comes from (title, heading in small capitals, speaker,
// list label, note) and checks that layout neither panics nor loses
// count, and that no run reaches the writer with a character above U+FFFF.
func TestLayoutMissingEverywhere(t *testing.T) {
	b := &book.Book{
		Meta: book.Meta{Title: "Works 𝐀", Publisher: "The \U0001F4D6 House"},
		Chapters: []book.Chapter{{
			ID: "ch01", Kind: book.Document,
			Title: []book.Inline{{Kind: book.Text, Text: "Talk with Zhou Enlai 周"}},
			Blocks: []book.Block{
				{Kind: book.Heading, Level: 2, Inlines: []book.Inline{{Kind: book.Text, Text: "the soviet delegation 😀"}}},
				{Kind: book.Speech, Speaker: "Comrade 周", Inlines: []book.Inline{{Kind: book.Text, Text: "We shall never bow to pressure."}, {Kind: book.NoteRef, Note: 0}}},
				{Kind: book.ListItem, Label: "\U000F0001)", Inlines: []book.Inline{{Kind: book.Emphasis, Text: "the Bucharest Meeting \U0001D400"}}},
			},
			Notes: []book.Note{{ID: "ch01-n1", Label: "1", Paras: [][]book.Inline{{{Kind: book.Text, Text: "Chou En-lai 周恩来 \U0001F600."}}}}},
		}},
	}
	doc, err := Layout(b, opts(t, "6x9"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[rune]int{}
	for _, u := range doc.Stats.Missing {
		got[u.Rune] = u.Count
	}
	want := map[rune]int{'周': 3, '恩': 1, '来': 1, 0x1D400: 2, 0x1F4D6: 1, 0x1F600: 2, 0xF0001: 1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("missing %v, want %v", got, want)
	}
	for _, pg := range doc.Pages {
		for _, r := range pg.Runs {
			for _, c := range r.Text {
				if c > 0xffff {
					t.Fatalf("run %q keeps %U, which the writer cannot set", r.Text, c)
				}
			}
		}
	}
	if b.Chapters[0].Notes[0].Paras[0][0].Text != "Chou En-lai 周恩来 \U0001F600." {
		t.Errorf("the book was changed: Layout must work on a copy")
	}
}
