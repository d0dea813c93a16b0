package structure

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/book"
	"folio/internal/clean"
	"folio/internal/normalize"
	"folio/internal/notes"
	"folio/internal/pages"
	"folio/internal/report"
)

// learn runs the stages up to structure on text as pipeline.Clean does:
// characters normalised, the book's heading pattern and contents page
// learnt before the paragraphs are read.
func learn(text string) (Result, *report.Report) {
	rep := report.New("t")
	lines := normalize.Lines(strings.Split(text, "\n"), normalize.Options{}).Lines
	ps := pages.Split(lines, rep).Pages
	lex := clean.Learn(ps)
	found := notes.Find(ps, rep)
	cl := clean.Prepare(ps, rep)
	front := FindFront(ps)
	heads := LearnHeadings(ps, cl.Width(), front)
	cl.KeepOwn(heads.OwnLines())
	cl.Lex = lex()
	paras := cl.Body()
	return BuildBook(Input{Pages: ps, Paras: paras, Notes: found.Notes, Cleaner: cl, Headings: heads, Front: front}, rep), rep
}

func readDump(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", path))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// chapterTitled returns the chapter whose title is title.
func chapterTitled(t *testing.T, chs []book.Chapter, title string) book.Chapter {
	t.Helper()
	for _, ch := range chs {
		if ch.TitleText() == title {
			return ch
		}
	}
	t.Fatalf("no chapter titled %q", title)
	return book.Chapter{}
}

// kinds lists a chapter's blocks as "kind: text", the text clipped.
func kinds(ch book.Chapter) []string {
	var out []string
	for _, b := range ch.Blocks {
		s := book.PlainText(b.Inlines)
		if len(b.Lines) > 0 {
			s = book.PlainText(b.Lines[0].Inlines)
		}
		if r := []rune(s); len(r) > 40 {
			s = string(r[:40])
		}
		out = append(out, string(b.Kind)+": "+s)
	}
	return out
}

// contains reports whether want appears in got in order, each entry a
// prefix of one of got's.
func inOrder(got, want []string) bool {
	k := 0
	for _, g := range got {
		if k < len(want) && strings.HasPrefix(g, want[k]) {
			k++
		}
	}
	return k == len(want)
}

// sourcePage: the kinds of the source's own pages, which its truth does
// not list as chapters.
var sourcePage = map[book.ChapterKind]bool{book.TitlePage: true, book.HalfTitle: true, book.Copyright: true,
	book.Dedication: true, book.EpigraphPage: true, book.Contents: true, book.Illustrations: true}

// The chapters of every test book against its truth: the heading
// pattern learnt from the book finds each chapter and part, with its
// title, in order, and nothing more.
func TestChaptersOfEveryBook(t *testing.T) {
	for _, c := range []struct{ dump, truth string }{
		{"books/headblock-fixture.txt", "books/headblock.truth.json"},
		{"books/inquiry-layout.txt", "books/inquiry.truth.json"},
		{"books/inquiry-pdftotext.txt", "books/inquiry.truth.json"},
		{"books/lights-layout.txt", "books/lights.truth.json"},
		{"books/lights-pdftotext.txt", "books/lights.truth.json"},
		{"books/memoir-layout.txt", "books/memoir.truth.json"},
		{"books/memoir-pdftotext.txt", "books/memoir.truth.json"},
		{"books/memoir-ocr.txt", "books/memoir.truth.json"},
		{"books/nomarks-fixture.txt", "books/nomarks.truth.json"},
		{"books/pagefolio-fixture.txt", "books/pagefolio.truth.json"},
		{"books/leadspace-fixture.txt", "books/leadspace.truth.json"},
		{"books/superfoot-fixture.txt", "books/superfoot.truth.json"},
	} {
		t.Run(c.dump, func(t *testing.T) {
			var truth struct {
				Chapters []struct{ Title, Kind string }
			}
			if err := json.Unmarshal([]byte(readDump(t, c.truth)), &truth); err != nil {
				t.Fatal(err)
			}
			res, _ := learn(readDump(t, c.dump))
			var got, want []string
			for _, ch := range res.Chapters {
				if !sourcePage[ch.Kind] {
					got = append(got, letterKey(ch.TitleText()))
				}
			}
			for _, ch := range truth.Chapters {
				want = append(want, letterKey(ch.Title))
			}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("chapters\n got %q\nwant %q", got, want)
			}
		})
	}
}

// A letter quoted in a chapter has a letter's parts: the memoir's
// letters from home and the letter read out at the inquiry.
func TestLetterParts(t *testing.T) {
	for _, c := range []struct {
		dump, chapter string
		want          []string
	}{
		{"books/memoir-layout.txt", "A Letter from Edinburgh", []string{
			"dateline: Edinburgh, 3rd December, 1867.", "salutation: My dearest Nell,", "p: You are to be a good lassie",
			"closing: Your affectionate mother,", "signature: JANET MARSH.", "postscript: P.S.—Tell Mrs. Whitrigg", "p: My aunt did see the spring"}},
		{"books/memoir-layout.txt", "Leaving Arden", []string{
			"dateline: Valparaiso, Chile, Sept. 1876", "salutation: Dear old Nell,", "p: We came in here on Tuesday",
			"closing: Yours ever,", "signature: TOM.", "postscript: P.S.—Burn this."}},
		{"books/inquiry-layout.txt", "Evidence of James Sutherland, Harbour-master", []string{
			"dateline: Harbour Office, Wick, 11th Sept", "salutation: Dear Sir,—", "p: I beg to draw the attention",
			"closing: I remain, dear Sir, Your obedient", "signature: JAMES SUTHERLAND, Harbour-master.", "postscript: P.S.—I enclose", "speech: What answer did you receive?"}},
		{"books/nomarks-fixture.txt", "To Mrs. Grant, Cape Wrath", []string{"salutation: Dear Madam,",
			"closing: Believe me, dear Madam, Yours very truly", "signature: ROBERT MUNRO."}},
	} {
		res, _ := learn(readDump(t, c.dump))
		got := kinds(chapterTitled(t, res.Chapters, c.chapter))
		if !inOrder(got, c.want) {
			t.Errorf("%s, %q:\n got %q\nwant in order %q", c.dump, c.chapter, got, c.want)
		}
	}
	// A letter that is the chapter: its dateline, a place of two parts
	// the second in lower case, is the chapter's place and date.
	res, _ := learn(readDump(t, "books/nomarks-fixture.txt"))
	ch := chapterTitled(t, res.Chapters, "To Mrs. Grant, Cape Wrath")
	if ch.Place != "On board the Pharos, off Stornoway" || ch.DateISO != "1868-06-30" {
		t.Errorf("place %q, date %q (%s)", ch.Place, ch.Date, ch.DateISO)
	}
}

// A transcript's speakers, learnt from the labels that open its
// paragraphs: "Q." and "A." in pairs, the colon style of "THE
// COMMISSIONER:" extended to a counsel heard twice.
func TestTranscriptSpeakers(t *testing.T) {
	res, _ := learn(readDump(t, "books/inquiry-layout.txt"))
	speakers := map[string]int{}
	for _, ch := range res.Chapters {
		for _, b := range ch.Blocks {
			if b.Kind == book.Speech {
				speakers[b.Speaker]++
			}
		}
	}
	for name, atLeast := range map[string]int{"Q.": 20, "A.": 7, "The Commissioner": 4, "Mr. Smith": 3, "Mr. Campbell": 1} {
		if speakers[name] < atLeast {
			t.Errorf("%s speaks %d times, want %d at least (all: %v)", name, speakers[name], atLeast, speakers)
		}
	}
	// A source note's opening word ends documents and little else: "Q."
	// opens half the transcript and ends two of its chapters by chance.
	for _, ch := range res.Chapters {
		for _, b := range ch.Blocks {
			if b.Kind == book.SourceNote {
				t.Errorf("%q: a source note %q", ch.TitleText(), book.PlainText(b.Inlines))
			}
		}
	}
}

// A letter alone is a name's initial, not a speaker: "A. Mikoyan" opens
// many paragraphs of the sample, and no "Q." answers it.
func TestInitialIsNoSpeaker(t *testing.T) {
	text := "MEETING OF THE DELEGATIONS\n\n" + strings.Repeat("A. Mikoyan is the first to speak, and he speaks of the base at Vlora and of the ships.\n\n", 4) +
		"The meeting ended late in the evening, and nothing was agreed.\n"
	res, _ := learn(text)
	for _, ch := range res.Chapters {
		for _, b := range ch.Blocks {
			if b.Kind == book.Speech {
				t.Errorf("a speech by %q", b.Speaker)
			}
		}
	}
}

// An epigraph under a chapter's heading, its source set further in; the
// captions the list of illustrations names, as figures.
func TestEpigraphAndFigures(t *testing.T) {
	res, _ := learn(readDump(t, "books/memoir-layout.txt"))
	ch := chapterTitled(t, res.Chapters, "The Winter of the Great Flood")
	if b := ch.Blocks[0]; b.Kind != book.Epigraph || book.PlainText(b.Inlines) != "Water is a good servant, but it is a cruel master." || book.PlainText(b.Attribution) != "John Bullein" {
		t.Errorf("first block %s %q by %q, want the epigraph by John Bullein", b.Kind, book.PlainText(b.Inlines), book.PlainText(b.Attribution))
	}
	var figures []string
	for _, ch := range res.Chapters {
		for _, b := range ch.Blocks {
			if b.Kind == book.Figure {
				figures = append(figures, book.PlainText(b.Inlines))
			}
		}
	}
	if want := []string{"The mill at Arden, from the lower meadow.", "The flood-mark on the mill door."}; strings.Join(figures, "|") != strings.Join(want, "|") {
		t.Errorf("figures %q, want %q", figures, want)
	}
}

// The front matter of a book that has all of it, each page for what it
// is, and what the title page says.
func TestFrontMatterPages(t *testing.T) {
	res, _ := learn(readDump(t, "books/memoir-layout.txt"))
	var front []string
	for _, ch := range res.Chapters {
		if ch.Kind.Matter() == "front" {
			front = append(front, string(ch.Kind))
		}
	}
	if got, want := strings.Join(front, " "), "halftitle titlepage copyright dedication epigraph contents illustrations"; got != want {
		t.Errorf("front matter %q, want %q", got, want)
	}
	tp := res.TitlePage
	if tp == nil || tp.Title != "THE MILL AT ARDEN" || tp.Author == "" || tp.Year != "1909" {
		t.Errorf("title page %+v", tp)
	}
}

// Contents lines as the conventions give them, OCR's misread leaders
// among them.
func TestContentsEntries(t *testing.T) {
	for _, c := range []struct{ line, title, page string }{
		{"CHAPTER I The House by the Water . . . . . . . . 1", "CHAPTER I The House by the Water", "1"},
		{"The mill at Arden, from the lower meadow. . . . . . . . . 2", "The mill at Arden, from the lower meadow", "2"},
		{"Preface                                   v", "Preface", "v"},
		{"ONE The Bell Rock... 0... cece cece ee nent tenet enn eens 3", "ONE The Bell Rock", "3"},
		{"Preface... 0... ieee cece cece tenet eee n ent e tence enes Vv", "Preface", "vv"},
		{"TWO The Service of the Northern Lights ....................0. 10", "TWO The Service of the Northern Lights", "10"},
		{"CHAPTER II A Letter from Edinburgh...................eeee sees 4", "CHAPTER II A Letter from Edinburgh", "4"},
	} {
		title, page, ok := matchEntry(c.line)
		if title = strings.TrimRight(title, ". "); !ok || title != c.title || page != c.page {
			t.Errorf("%q: %q p. %q (%v), want %q p. %q", c.line, title, page, ok, c.title, c.page)
		}
	}
	if _, _, ok := matchEntry("It was believed in 1665 that the farm had passed to him."); ok {
		t.Error("a sentence read as a contents entry")
	}
}

// An index is entries, its page ranges no topics' dashes and its short
// lines no letter's ending: every block an entry, sub-entries a level
// below, page numbers linked.
func TestIndexEntries(t *testing.T) {
	res, _ := learn(readDump(t, "books/lights-layout.txt"))
	ch := chapterTitled(t, res.Chapters, "Index")
	if len(ch.Blocks) < 10 {
		t.Fatalf("%d blocks", len(ch.Blocks))
	}
	refs := 0
	for i, b := range ch.Blocks {
		if b.Kind != book.IndexEntry {
			t.Errorf("block %d is %s: %q", i, b.Kind, book.PlainText(b.Inlines))
		}
		for _, in := range b.Inlines {
			if in.Kind == book.PageRef {
				refs++
			}
		}
	}
	if b := ch.Blocks[0]; book.PlainText(b.Inlines) != "Albatross, 19" || b.Level != 1 {
		t.Errorf("first entry %q level %d", book.PlainText(b.Inlines), b.Level)
	}
	if b := ch.Blocks[3]; !strings.HasPrefix(book.PlainText(b.Inlines), "first landing on") || b.Level != 2 {
		t.Errorf("sub-entry %q level %d", book.PlainText(b.Inlines), b.Level)
	}
	if refs < len(ch.Blocks) {
		t.Errorf("%d page references for %d entries", refs, len(ch.Blocks))
	}
}
