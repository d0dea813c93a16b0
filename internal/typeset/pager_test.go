package typeset

import (
	"slices"
	"strings"
	"testing"

	"folio/internal/book"
	"folio/internal/typeset/typesettest"
)

func TestNoteCut(t *testing.T) {
	h := line{hyph: true}
	l := line{}
	for _, tc := range []struct {
		name        string
		lines       []line
		room, least int
		want        int
	}{
		{"clean end", []line{l, l, l, l, l}, 3, 2, 3},
		{"two lines left to continue", []line{l, l, l, l}, 3, 2, 2},
		{"one line left when nothing else will do", []line{l, h, l}, 2, 1, 1},
		{"hyphen at the cut: one line back", []line{l, l, h, l, l}, 3, 2, 2},
		{"two hyphens: two lines back", []line{l, h, h, l, l}, 3, 1, 1},
		{"would leave one line: no split", []line{l, h, l}, 2, 2, 0},
		{"room for the whole note", []line{l, l}, 5, 2, 2},
		{"nothing fits", []line{l, l}, 0, 1, 0},
	} {
		if got := noteCut(tc.lines, tc.room, tc.least); got != tc.want {
			t.Errorf("%s: noteCut = %d, want %d", tc.name, got, tc.want)
		}
	}
}

// fillers are paragraphs of the sample, set before the tested matter to
// move it down the page line by line.
var fillers = []string{
	"The question we are going to discuss today has to do with the Bucharest Meeting. As decided, we sent to Rumania a party delegation, headed by Comrade Hysni Kapo, to participate in the proceedings of the 3rd Congress of the Rumanian Workers’ Party.",
	"There is no doubt that these disagreements must be solved as quickly as possible and in the Marxist-Leninist way, in the first place between the Communist Party of the Soviet Union and the Communist Party of China, and, in case they are not solved between them, then the theses should be provided for a discussion among the parties.",
	"However, the Soviet leaders in Bucharest are making efforts to talk about these disagreements right now.",
	"As always, we must pursue a correct line, for we have responsibilities to our people. We are a Marxist-Leninist party, and we shall maintain a Marxist-Leninist stand, whatever may occur.",
}

func filled(n int, blocks []book.Block) []book.Block {
	var out []book.Block
	for i := range n {
		out = append(out, book.Block{Kind: book.Para, Inlines: txt(fillers[i%len(fillers)])})
	}
	return append(out, blocks...)
}

// pageSlack is how many more body lines body page k could hold.
func pageSlack(tr *trace, k int) int {
	bp := tr.body[k]
	p := &pager{t: tr.t, items: tr.chs[bp.ch].items, notes: tr.notes, lines: tr.t.lines, lead: tr.t.sp.bodyLead, nlead: tr.t.sp.noteLead, nsize: tr.t.sp.noteSize}
	return p.slack(bp.start, bp.end, bp.chunks)
}

// TestLongNoteSplits moves a marker whose note is eleven lines long down
// the page: wherever it lands, the note starts on the marker's page (the
// check), and the page is not left short for want of room for the whole
// note: the note is split (TeX's split insertion) instead.
func TestLongNoteSplits(t *testing.T) {
	note := "On November 10, 1957, the Moscow Meeting of the representatives of the communist and workers’ parties of the socialist countries adopted the Declaration which, together with the Peace Manifesto, was signed by the representatives of all the parties present. The Declaration defined the general line of the communist movement in the conditions of the time, the characteristics of the epoch, the principal contradictions, and the danger of revisionism as the main danger within the movement; it was used later by the Khrushchevites in their own way, and the Albanian delegation referred to it again and again at the Bucharest Meeting and in Moscow in November 1960, against those who had signed it and then trampled on it."
	split := 0
	for n := 8; n < 26; n++ {
		b := &book.Book{Chapters: []book.Chapter{{ID: "c1", Title: txt("Always Follow a Correct Line"), Date: "June 22, 1960",
			Blocks: filled(n, []book.Block{{Kind: book.Para, Inlines: []book.Inline{
				{Kind: book.Text, Text: "As a matter of fact, we have not hesitated to say that all the parties must respect the Declaration of the Moscow Meeting of 1957,"},
				{Kind: book.NoteRef, Note: 0},
				{Kind: book.Text, Text: " which is the basis of our common line, and we shall continue to say so."},
			}}, {Kind: book.Para, Inlines: txt(fillers[1] + " " + fillers[3])}}),
			Notes: []book.Note{{Label: "1", Paras: [][]book.Inline{txt(note + " " + note)}}},
		}}}
		doc, tr, err := layout(b, opts(t, "6x9"))
		if err != nil {
			t.Fatal(err)
		}
		check(t, "long note", doc, tr)
		split += doc.Stats.NotesContinued
		for k, bp := range tr.body {
			if tr.blanks[k] || bp.end >= len(tr.chs[bp.ch].items) {
				continue
			}
			if s := pageSlack(tr, k); s > 2 {
				t.Errorf("%d fillers: page %d is %d lines short", n, k+1, s)
			}
		}
	}
	if split == 0 {
		t.Error("the long note was never split")
	}
}

// TestLetterEnding moves a letter's ending (closing, signature,
// postscript, dateline, source note) down the page: the closing and the
// signature are never parted, and no page that breaks in the ending or
// just before it runs more than two lines short to keep the ending with
// the text (the hold gives way first) — but for the page before the
// chapter's last, which may run three short so that the ending does not
// stand alone on the last page (issue 14).
func TestLetterEnding(t *testing.T) {
	for n := 0; n < 24; n++ {
		b := typesettest.Kinds()
		b.Chapters = b.Chapters[1:2]
		ch := &b.Chapters[0]
		ch.Blocks = filled(n, ch.Blocks)
		doc, tr, err := layout(b, opts(t, "6x9"))
		if err != nil {
			t.Fatal(err)
		}
		check(t, "letter", doc, tr)
		closing, sig := -1, -1
		for k, bp := range tr.body {
			if tr.blanks[k] {
				continue
			}
			items := tr.chs[bp.ch].items
			for i := bp.start; i < bp.end; i++ {
				s := runText(items[i].runs)
				if strings.Contains(s, "comradely greetings") {
					closing = k
				}
				if strings.Contains(s, "First Secretary") {
					sig = k
				}
			}
			hold := slices.IndexFunc(items, func(it vitem) bool { return it.hold })
			if bp.end < len(items) && bp.end >= hold-2 {
				lastNext := k+1 < len(tr.body) && tr.body[k+1].end >= len(items)
				if s := pageSlack(tr, k); s > 2 && !(lastNext && s <= 3) {
					t.Errorf("%d fillers: page %d is %d lines short", n, k+1, s)
				}
			}
		}
		if closing < 0 || closing != sig {
			t.Errorf("%d fillers: closing on page %d, signature on page %d", n, closing+1, sig+1)
		}
	}
}

func runText(rs []Run) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.Text)
	}
	return b.String()
}
