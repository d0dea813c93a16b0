package fixes_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"folio/assets"
	"folio/internal/book"
	"folio/internal/epub"
	"folio/internal/fixes"
	"folio/internal/pipeline"
	"folio/internal/report"
)

// clean builds the sample (or a test book) with the fixes file fx (YAML).
func clean(t *testing.T, src []byte, name, fx string) (*book.Book, *report.Report) {
	t.Helper()
	set, err := fixes.Parse([]byte(fx), "book.fixes.yaml")
	if err != nil {
		t.Fatalf("fixes: %v", err)
	}
	b, rep, err := pipeline.CleanWith(src, name, set)
	if err != nil {
		t.Fatal(err)
	}
	return b, rep
}

var (
	baseOnce sync.Once
	baseBook *book.Book
)

// base is the sample built with no fixes.
func base(t *testing.T) *book.Book {
	baseOnce.Do(func() {
		b, _, err := pipeline.Clean(assets.Sample(), "sample.txt")
		if err != nil {
			t.Fatal(err)
		}
		baseBook = b
	})
	return baseBook
}

// fixDecisions are the report's fixes decisions, applied and refused.
func fixDecisions(rep *report.Report) (applied, refused []report.Decision) {
	for _, d := range rep.Decisions {
		if d.Stage != fixes.Stage || d.Kind == "file" {
			continue
		}
		if d.Kind == "refused" {
			refused = append(refused, d)
		} else {
			applied = append(applied, d)
		}
	}
	return applied, refused
}

// body is the book's text, a block a line ("kind: text").
func body(b *book.Book) string {
	var s strings.Builder
	for _, ch := range b.Chapters {
		s.WriteString("# " + ch.TitleText() + "\n")
		for _, bl := range ch.Blocks {
			s.WriteString(string(bl.Kind) + ": " + bl.Speaker + book.PlainText(bl.Inlines))
			for _, l := range bl.Lines {
				s.WriteString(" / " + book.PlainText(l.Inlines))
			}
			s.WriteString("\n")
		}
	}
	return s.String()
}

// checkNotes holds the model to its note rules: every reference points at
// a note of its chapter, each note's ID is its chapter's, and the book
// keeps all its notes.
func checkNotes(t *testing.T, b *book.Book, want int) {
	t.Helper()
	total := 0
	for _, ch := range b.Chapters {
		total += len(ch.Notes)
		for i, n := range ch.Notes {
			if !strings.HasPrefix(n.ID, ch.ID+"-n") {
				t.Errorf("note %d of %s has the ID %s", i, ch.ID, n.ID)
			}
		}
		for _, bl := range ch.Blocks {
			for _, in := range bl.Inlines {
				if in.Kind == book.NoteRef && (in.Note < 0 || in.Note >= len(ch.Notes) || in.Text != "") {
					t.Errorf("%s, block at line %d: a reference to note %d of %d", ch.ID, bl.Line, in.Note, len(ch.Notes))
				}
			}
		}
	}
	if total != want {
		t.Errorf("%d notes in the book, want %d", total, want)
	}
}

func notesIn(b *book.Book) int {
	n := 0
	for _, ch := range b.Chapters {
		n += len(ch.Notes)
	}
	return n
}

// TestFixKinds applies each kind of fix to real excerpts of the sample:
// what the fix says changes, and nothing else is lost.
func TestFixKinds(t *testing.T) {
	src := assets.Sample()
	b0 := base(t)
	cases := []struct {
		name, fx string
		want     []string // in the book's text after the fix
		gone     []string // no longer there
		check    func(t *testing.T, b *book.Book, rep *report.Report)
	}{
		{name: "replace at a line: a misread full stop", fx: `- {line: 8834, old: "way-", new: "way."}`,
			want: []string{"in an idealist and metaphysical way. It has become swell-headed"}, gone: []string{"way-It"}},
		{name: "replace over a line end", fx: "- {line: 6155, old: \"half-\\nhearted\", new: \"half-hearted\\n\"}",
			want: []string{"some half-hearted attack on the Communist Party of China"}, gone: []string{"halfhearted"}},
		{name: "replace everywhere, literal", fx: `- {old: "Ihe name", new: "the name", count: 1}`,
			want: []string{"Who authorized you to speak in the name of the First Secretary"}},
		{name: "replace everywhere, regexp", fx: `- {old: '^On Nov\. (\d+), 1975', regexp: true, new: "On November ${1}, 1975", count: 1}`,
			want: []string{"On November 8, 1975, the 34th anniversary of the founding"}},
		{name: "hyphen kept", fx: `- {line: 6155, hyphen: keep, word: "halfhearted"}`,
			want: []string{"some half-hearted attack"}},
		{name: "hyphen joined", fx: `- {line: 8834, hyphen: join, word: "way-It"}`,
			want: []string{"metaphysical wayIt has become"}},
		{name: "join the paragraph ended at a page break", fx: `- {line: 721, join: previous}`,
			want: []string{"so that you will transmit them to your leadership. Our Party says everything it has to say openly"}},
		{name: "join with the next", fx: `- {line: 720, join: next}`,
			want: []string{"to your leadership. Our Party says everything"}},
		{name: "split a paragraph", fx: `- {line: 8, split: true}`,
			want: []string{"p: This volume, which covers the period from June to December\n", "p: 1960, was immediately hailed for its extraordinary political and ideological importance."}},
		{name: "a section heading over one line", fx: `- {line: 7, heading: section}`,
			want: []string{"heading: This volume, which covers the period from June to December\n", "p: 1960, was immediately hailed"},
		},
		{name: "a chapter retitled", fx: `- {line: 181, heading: chapter, title: "Extracts from the Foreword"}`,
			want: []string{"# Extracts from the Foreword\np: In the series of volumes"}},
		{name: "a chapter the source does not print, titled", fx: `- {line: 199, heading: chapter, title: "The Strategic Line"}`,
			want:  []string{"# The Strategic Line\np: The main place in this volume is taken by documents"},
			check: func(t *testing.T, b *book.Book, rep *report.Report) { checkNotes(t, b, notesIn(b0)) }},
		{name: "a section the source does not print, mid-paragraph", fx: `- {line: 8, heading: section, title: "1960"}`,
			want: []string{"p: This volume, which covers the period from June to December\nheading: 1960\np: 1960, was immediately hailed"}},
		{name: "a chapter heading on a paragraph's line", fx: `- {line: 187, heading: chapter}`,
			want: []string{"# In the series of volumes of the Works of Comrade Enver\np: Hoxha, the documents of this volume occupy a special place."},
			check: func(t *testing.T, b *book.Book, rep *report.Report) {
				if len(b.Chapters) != len(b0.Chapters)+1 {
					t.Errorf("%d chapters, want %d", len(b.Chapters), len(b0.Chapters)+1)
				}
			}},
		{name: "a chapter split where notes are", fx: `- {line: 374, heading: chapter, to: 374}`,
			check: func(t *testing.T, b *book.Book, rep *report.Report) {
				checkNotes(t, b, notesIn(b0))
				ch := b.Chapters[4]
				if ch.TitleText() != "As always, we must pursue a correct line, for we have a great" || ch.ID != "ch04-2" || len(ch.Notes) == 0 {
					t.Errorf("the new chapter: %s %q with %d notes", ch.ID, ch.TitleText(), len(ch.Notes))
				}
				if got, was := len(b.Chapters[3].Notes)+len(ch.Notes), len(b0.Chapters[3].Notes); got != was {
					t.Errorf("the two chapters hold %d notes, the one before %d", got, was)
				}
			}},
		{name: "not a heading", fx: `- {line: 181, heading: none}`,
			want: []string{"p: Extracts from the Foreword to Volume 19 of Enver Hoxha’s Works (In Albanian)\np: In the series of volumes"},
			check: func(t *testing.T, b *book.Book, rep *report.Report) {
				if len(b.Chapters) != len(b0.Chapters)-1 || rep.Counts["chapters"] != len(b.Chapters) {
					t.Errorf("%d chapters (the count says %d), want %d", len(b.Chapters), rep.Counts["chapters"], len(b0.Chapters)-1)
				}
				checkNotes(t, b, notesIn(b0))
			}},
		{name: "verse", fx: `- {line: 3, to: 5, verse: true}`,
			want: []string{"verse:  / On Nov. 8, 1975, the 34th anniversary of the founding of the / Party of Labor of Albania, Volume 19 of Enver Hoxha’s Works / was released to the public and distributed throughout Albania.\n"}},
		{name: "not a note marker", fx: `- {line: 362, marker: "2", note: none}`,
			want:  []string{"I think that the decision we have taken2 is correct."},
			check: func(t *testing.T, b *book.Book, rep *report.Report) { checkNotes(t, b, notesIn(b0)) }},
		{name: "a marker lost and put back, paired with its note", fx: "- {line: 362, marker: \"2\", note: none}\n- {line: 362, note: \"2\"}",
			check: func(t *testing.T, b *book.Book, rep *report.Report) {
				got, _ := json.Marshal(b.Chapters)
				want, _ := json.Marshal(b0.Chapters)
				if !bytes.Equal(got, want) {
					t.Errorf("unpairing and pairing the marker again did not give the model back")
				}
			}},
		{name: "checked", fx: `- {line: 6170, checked: typo/suspicious-doubled}`,
			check: func(t *testing.T, b *book.Book, rep *report.Report) {
				for _, d := range rep.Decisions {
					if d.Line == 6170 && d.Kind == "suspicious-doubled" && (d.Confidence < report.Uncertain || !strings.Contains(d.Evidence, "checked by the editor")) {
						t.Errorf("still to check: %+v", d)
					}
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, rep := clean(t, src, "sample.txt", c.fx)
			applied, refused := fixDecisions(rep)
			if len(refused) > 0 || len(applied) != strings.Count(c.fx, "- {") {
				t.Fatalf("applied %v, refused %v", applied, refused)
			}
			for _, d := range applied {
				if d.Confidence != 1 || d.Problem {
					t.Errorf("an applied fix is not a certain decision: %+v", d)
				}
			}
			text := body(b)
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("the book lacks %q", w)
				}
			}
			for _, g := range c.gone {
				if strings.Contains(text, g) {
					t.Errorf("the book still holds %q", g)
				}
			}
			if c.check != nil {
				c.check(t, b, rep)
			}
			if b.Provenance.Fixes != "book.fixes.yaml" {
				t.Errorf("provenance: fixes %q", b.Provenance.Fixes)
			}
		})
	}
}

// TestStaleFixes: a fix the text no longer fits is refused and reported
// as a problem, the rest of the build made as without it.
func TestStaleFixes(t *testing.T) {
	src := assets.Sample()
	b0 := base(t)
	cases := []struct{ fx, why string }{
		{`- {line: 8834, old: "way–", new: "way."}`, "no longer holds"},
		{`- {line: 8834, old: "e", new: "E"}`, "found 5 times"},
		{`- {line: 999999, old: "a", new: "b"}`, "beyond the text"},
		{`- {old: "Ihe name", new: "the name", count: 2}`, "found 1 times, and the fix expects 2"},
		{`- {line: 6155, hyphen: keep, word: "wholehearted"}`, "the fix expects"},
		{`- {line: 8835, hyphen: keep}`, "does not end in a word joined"},
		{`- {line: 3, join: previous}`, "no paragraph"},
		{`- {line: 719, split: true}`, "already starts"},
		{`- {line: 10, split: true}`, "inside the word \"Bucharest\""},
		{`- {line: 187, heading: none}`, "no heading starts"},
		{`- {line: 1, heading: section}`, "no chapter before it"},
		{`- {line: 362, note: "7"}`, "no note labelled"},
		{`- {line: 3, marker: "2", note: none}`, "no reference"},
		{`- {line: 6171, checked: typo/suspicious-doubled}`, "no decision"},
		{`- {line: 2, split: true}`, "in the heading"},
		{`- {line: 180, verse: true, to: 182}`, "heading"},
	}
	for _, c := range cases {
		b, rep := clean(t, src, "sample.txt", c.fx)
		applied, refused := fixDecisions(rep)
		if len(applied) > 0 || len(refused) != 1 {
			t.Errorf("%s: applied %v, refused %v", c.fx, applied, refused)
			continue
		}
		d := refused[0]
		if !d.Problem || !strings.Contains(d.Text, c.why) || !strings.Contains(d.Evidence, "book.fixes.yaml:1: fix 1") {
			t.Errorf("%s: refused as %+v, want a problem saying %q", c.fx, d, c.why)
		}
		if body(b) != body(b0) {
			t.Errorf("%s: a refused fix changed the book", c.fx)
		}
	}
}

// TestSampleRoundTrip: the fixes file folio clean proposes, every fix
// uncommented, builds without a refusal, each fix applied; the same fixes
// give the same model and report.
func TestSampleRoundTrip(t *testing.T) {
	books := []string{"sample"}
	for _, n := range []string{"lights-layout", "lights-ocr", "memoir-pdftotext", "pagefolio-fixture", "inquiry-layout", "memoir-ocr"} {
		books = append(books, filepath.Join("..", "..", "testdata", "books", n+".txt"))
	}
	books = append(books, filepath.Join("..", "..", "testdata", "corpus", "gibbon-ocr.txt"))
	for _, name := range books {
		t.Run(filepath.Base(name), func(t *testing.T) {
			src := assets.Sample()
			if name != "sample" {
				var err error
				if src, err = os.ReadFile(name); err != nil {
					t.Fatal(err)
				}
			}
			b, rep, err := pipeline.Clean(src, filepath.Base(name))
			if err != nil {
				t.Fatal(err)
			}
			lines, err := fixes.Text(src, name, nil)
			if err != nil {
				t.Fatal(err)
			}
			sample := fixes.Sample(rep, b, lines, filepath.Base(name), "")
			fx := regexp.MustCompile(`(?m)^# - `).ReplaceAll(sample, []byte("- "))
			n := bytes.Count(fx, []byte("\n- "))
			if n == 0 {
				t.Fatalf("the sample proposes no fix:\n%s", sample)
			}
			b1, rep1 := clean(t, src, filepath.Base(name), string(fx))
			applied, refused := fixDecisions(rep1)
			if len(refused) > 0 || len(applied) != n {
				t.Errorf("%d fixes proposed, %d applied, refused: %v", n, len(applied), refused)
			}
			left := 0
			for _, d := range rep1.Decisions {
				if d.Problem || d.Confidence < report.Uncertain {
					left++
				}
			}
			if left > 0 {
				t.Errorf("%d problems and uncertain decisions left after every proposed fix", left)
			}
			b2, rep2 := clean(t, src, filepath.Base(name), string(fx))
			j1, _ := json.Marshal(b1)
			j2, _ := json.Marshal(b2)
			var r1, r2 bytes.Buffer
			rep1.WriteJSON(&r1)
			rep2.WriteJSON(&r2)
			if !bytes.Equal(j1, j2) || !bytes.Equal(r1.Bytes(), r2.Bytes()) {
				t.Errorf("the same fixes gave another model or report")
			}
		})
	}
}

// TestRandomFixes: hundreds of fixes of every kind at lines drawn at
// random over the sample, in one file: each applied or refused, none
// panics, the notes stay whole, and the model still makes an EPUB.
func TestRandomFixes(t *testing.T) {
	src := assets.Sample()
	n := bytes.Count(src, []byte("\n"))
	rng := rand.New(rand.NewPCG(19, 60))
	var fx strings.Builder
	for i := 0; i < 400; i++ {
		l := 1 + rng.IntN(n)
		switch rng.IntN(12) {
		case 0:
			fmt.Fprintf(&fx, "- {line: %d, split: true}\n", l)
		case 1:
			fmt.Fprintf(&fx, "- {line: %d, join: next}\n", l)
		case 2:
			fmt.Fprintf(&fx, "- {line: %d, join: previous}\n", l)
		case 3:
			fmt.Fprintf(&fx, "- {line: %d, heading: chapter}\n", l)
		case 4:
			fmt.Fprintf(&fx, "- {line: %d, heading: section, to: %d}\n", l, l+rng.IntN(3))
		case 5:
			fmt.Fprintf(&fx, "- {line: %d, heading: none}\n", l)
		case 6:
			fmt.Fprintf(&fx, "- {line: %d, to: %d, verse: true}\n", l, l+rng.IntN(30))
		case 7:
			fmt.Fprintf(&fx, "- {line: %d, note: \"%d\"}\n", l, 1+rng.IntN(9))
		case 8:
			fmt.Fprintf(&fx, "- {line: %d, marker: \"%d\", note: none}\n", l, 1+rng.IntN(9))
		case 9:
			fmt.Fprintf(&fx, "- {line: %d, hyphen: %s}\n", l, []string{"keep", "join"}[rng.IntN(2)])
		case 10:
			fmt.Fprintf(&fx, "- {line: %d, heading: part, title: \"Part %d\"}\n", l, i)
		case 11:
			fmt.Fprintf(&fx, "- {line: %d, old: \"e\", new: \"E\"}\n", l)
		}
	}
	// the chapters with their headings as they were, for the chapter kinds
	for _, ch := range base(t).Chapters[:10] {
		fmt.Fprintf(&fx, "- {line: %d, heading: none}\n", ch.Line)
	}
	b, rep := clean(t, src, "sample.txt", fx.String())
	applied, refused := fixDecisions(rep)
	if len(applied)+len(refused) != 410 {
		t.Errorf("%d applied and %d refused of 410", len(applied), len(refused))
	}
	t.Logf("%d applied, %d refused", len(applied), len(refused))
	if os.Getenv("FIXES_DUMP") != "" {
		for _, d := range refused {
			t.Log(d.Text)
		}
	}
	checkNotes(t, b, notesIn(base(t)))
	b.Meta.Title, b.Meta.Language, b.Meta.Identifier = "Works", "en", "urn:uuid:2d4a2f10-6a8e-4c7e-9f55-0d3b1b1c1e01"
	if err := epub.Write(io.Discard, b, epub.Options{}); err != nil {
		t.Errorf("the EPUB of the fixed model: %v", err)
	}
}

// TestHyphenInNote: a hyphen at the end of a note's line, kept and joined
// (memoir-ocr: "Four-|fold" joined, "Canon-|gate" kept).
func TestHyphenInNote(t *testing.T) {
	src, err := os.ReadFile("../../testdata/books/memoir-ocr.txt")
	if err != nil {
		t.Fatal(err)
	}
	b, rep := clean(t, src, "memoir-ocr.txt", "- {line: 185, hyphen: keep, word: Fourfold}\n- {line: 234, hyphen: join, word: Canon-gate}\n")
	if applied, refused := fixDecisions(rep); len(applied) != 2 || len(refused) > 0 {
		t.Fatalf("applied %v, refused %v", applied, refused)
	}
	var notes strings.Builder
	for _, ch := range b.Chapters {
		for _, n := range ch.Notes {
			for _, p := range n.Paras {
				notes.WriteString(book.PlainText(p) + "\n")
			}
		}
	}
	for _, w := range []string{"Four-fold", "Canongate"} {
		if !strings.Contains(notes.String(), w) {
			t.Errorf("the notes lack %q", w)
		}
	}
}
