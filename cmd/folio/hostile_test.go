package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"folio/assets"
	"folio/internal/book"
	"folio/internal/notes"
	"folio/internal/outfile"
	"folio/internal/pages"
	"folio/internal/report"
	"folio/internal/source"
)

// hostileDir holds the committed hostile inputs; README.md there lists
// every case, its expected outcome and why.
const hostileDir = "../../testdata/hostile"

// hostileCase is one hostile input and the outcome folio build must give:
// a refusal that says what is wrong and what to do, or a clean build.
type hostileCase struct {
	name string
	gen  func(t *testing.T) []byte // a generated input (big ones are not committed)
	file string                    // else a file of hostileDir (name by default)

	refuse, advice string // a refusal: what the error says is wrong, and what to do

	titles   []string // a build: the documents' titles, in order (nil: not checked)
	notes    int      // a build: footnotes found…
	unpaired int      // …of which no marker points at so many
	problems []string // a build: kinds of problem the report must list ("notes/body-unpaired")
	like     string   // a build: its chapters must be those of this corpus file's
	has      []string // a build: texts the model must hold (in a block, or a note)
	decoded  string   // a build: what the report must say was done to the bytes
	slow     bool     // a build of thousands of pages or blocks: skipped under -short
}

var radiogramTitles = []string{"Radiogram to Comrade Hysni Kapo in Bucharest", "Always Follow a Correct Line"}

func hostileCases() []hostileCase {
	return []hostileCase{
		{name: "empty.txt", refuse: "is empty", advice: "give folio the text layer of a book"},
		{name: "binary.dat", refuse: "looks like binary data", advice: "give folio the plain text of a book"},
		{name: "utf16.txt", refuse: "is UTF-16 text", advice: "iconv -f UTF-16 -t UTF-8"},
		{name: "only-numbers.txt", refuse: "has no words in it", advice: "give folio the text of a book"},
		{name: "book.pdf", gen: builtOutput(".pdf"), refuse: "is a PDF, not text", advice: "pdftotext"},
		{name: "book.epub", gen: builtOutput(".epub"), refuse: "is an EPUB (a ZIP archive), not text", advice: "give it the .txt"},
		{name: "no-newlines.txt", gen: oneLineBook, refuse: "the text has lost its line breaks", advice: "export the text layer again with its lines"},
		{name: "huge-50mb.txt", gen: huge, refuse: "folio takes at most 16 MB of text", advice: "split the text into volumes"},

		{name: "radiogram.txt", titles: radiogramTitles, notes: 3, has: []string{"Strictly Personal"}},
		{name: "one-line.txt", titles: []string{"Be very careful…"}, problems: []string{"structure/untitled"},
			has: []string{"Be very careful. Let them know that you will take part only in the meeting we have decided jointly."}},
		{name: "crlf.txt", like: "radiogram.txt", decoded: "converted CR/CRLF line endings to LF"},
		{name: "line-separators.txt", like: "radiogram.txt", decoded: "converted Unicode line separators"},
		{name: "nul-bytes.txt", like: "radiogram.txt", decoded: "removed 4 NUL bytes"},
		{name: "invalid-utf8.txt", titles: radiogramTitles, notes: 3, decoded: "invalid UTF-8 sequences with U+FFFD",
			has: []string{"\uFFFD", "the coming broader Meeting of the communist and workers’ parties"}},
		{name: "marker-without-body.txt", titles: radiogramTitles, notes: 1, problems: []string{"notes/marker-unpaired"},
			has: []string{"the decision we have taken2 is correct"}},
		{name: "note-without-marker.txt", titles: radiogramTitles, notes: 3, unpaired: 1, problems: []string{"notes/body-unpaired"},
			has: []string{"On June 2, 1960, in a letter to the CC of the PLA"}},
		{name: "rule-scene-break.txt", titles: []string{"Letter to Comrade Hysni Kapo in Bucharest"}, notes: 1,
			has: []string{"The Political Bureau thinks that the disagreements", "At that time Member of the Political Bureau of the CC of the PLA."}},
		{name: "repeated-heading.txt", gen: repeatedHeading, titles: []string{"We Should Not Submit to Any Pressure"}, slow: true},
		{name: "notes-10000.txt", gen: manyNotes, titles: []string{"A Book of Many Notes"}, notes: 10000, slow: true},
	}
}

// TestHostile runs `folio build FILE --out DIR` on every hostile input
// and checks its outcome. A refusal must say what is wrong and what to do
// and write nothing; a build must write complete outputs only (no
// temporary file), with no NUL or invalid UTF-8 in them, and a model
// (`folio clean`) that keeps every word of the source's page bodies and
// foot areas, with the documents and notes the case names.
func TestHostile(t *testing.T) {
	// Not in parallel: the command's flags are package variables, which
	// runs side by side in one process would share.
	for _, c := range hostileCases() {
		t.Run(c.name, func(t *testing.T) {
			if c.slow && testing.Short() {
				t.Skip("builds a book of thousands of pages or blocks (a few seconds)")
			}
			in := c.input(t)
			out := filepath.Join(t.TempDir(), "out")
			err := run(t, "build", in, "--out", out)
			if c.refuse != "" {
				if err == nil || !strings.Contains(err.Error(), c.refuse) || !strings.Contains(err.Error(), c.advice) {
					t.Fatalf("error %v, want one saying %q and %q", err, c.refuse, c.advice)
				}
				if entries, _ := os.ReadDir(out); len(entries) > 0 {
					t.Errorf("a refused build left %d files in the output folder", len(entries))
				}
				return
			}
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			slug := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
			checkOutputs(t, out, slug, ".epub", ".pdf", ".report.json", ".report.txt")
			b, rep := cleanModel(t, in)
			c.check(t, in, b, rep)
		})
	}
}

// input is the case's file: committed, or generated into a temporary
// folder.
func (c hostileCase) input(t *testing.T) string {
	t.Helper()
	if c.gen == nil {
		name := c.file
		if name == "" {
			name = c.name
		}
		return filepath.Join(hostileDir, name)
	}
	p := filepath.Join(t.TempDir(), c.name)
	if err := os.WriteFile(p, c.gen(t), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func (c hostileCase) check(t *testing.T, in string, b *book.Book, rep *report.Report) {
	t.Helper()
	if c.like != "" {
		ref, _ := cleanModel(t, filepath.Join(hostileDir, c.like))
		if !reflect.DeepEqual(b.Chapters, ref.Chapters) {
			t.Errorf("the chapters differ from those of %s", c.like)
		}
	}
	if c.titles != nil {
		var got []string
		for _, ch := range b.Chapters {
			got = append(got, ch.TitleText())
		}
		if !reflect.DeepEqual(got, c.titles) {
			t.Errorf("titles %q, want %q", got, c.titles)
		}
	}
	if c.like == "" && (rep.Counts["notes"] != c.notes || rep.Counts["notes paired"] != c.notes-c.unpaired) {
		t.Errorf("%d notes, %d paired; want %d, %d", rep.Counts["notes"], rep.Counts["notes paired"], c.notes, c.notes-c.unpaired)
	}
	kinds := map[string]bool{}
	for _, d := range rep.Problems() {
		kinds[d.Stage+"/"+d.Kind] = true
	}
	for _, k := range c.problems {
		if !kinds[k] {
			t.Errorf("the report lists no %s problem: %v", k, kinds)
		}
	}
	if c.decoded != "" {
		found := false
		for _, d := range rep.Decisions {
			found = found || d.Stage == "source" && strings.Contains(d.Text, c.decoded)
		}
		if !found {
			t.Errorf("the report does not say %q", c.decoded)
		}
	}
	text := bookText(b)
	for _, s := range c.has {
		if !strings.Contains(text, s) {
			t.Errorf("the book does not hold %q", s)
		}
	}
	src, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	checkWordsKept(t, src, b, rep)
}

// checkOutputs: the folder holds the named outputs of slug, complete,
// and nothing else (no temporary or hidden file) but folio's record of
// them, which names each; text in them is valid UTF-8 without NUL or
// other control bytes.
func checkOutputs(t *testing.T, dir, slug string, exts ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, e := range exts {
		want[slug+e] = true
	}
	recorded := outfile.Recorded(dir)
	for name := range want {
		if !recorded[name] {
			t.Errorf("folio's record of the folder lacks %s", name)
		}
	}
	for i := 0; i < len(entries); i++ {
		if entries[i].Name() == outfile.ManifestName {
			entries = append(entries[:i], entries[i+1:]...)
			i--
		}
	}
	for _, e := range entries {
		if !want[e.Name()] {
			t.Errorf("unexpected file in the output folder: %s", e.Name())
		}
		delete(want, e.Name())
	}
	for name := range want {
		t.Errorf("missing output %s", name)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		switch filepath.Ext(e.Name()) {
		case ".pdf":
			if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(data), []byte("%%EOF")) {
				t.Errorf("%s is not a complete PDF", e.Name())
			}
		case ".epub":
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil || len(zr.File) == 0 || zr.File[0].Name != "mimetype" {
				t.Fatalf("%s is not a complete EPUB: %v", e.Name(), err)
			}
			for _, f := range zr.File {
				switch filepath.Ext(f.Name) {
				case ".xhtml", ".opf", ".ncx", ".xml", ".css":
					rc, err := f.Open()
					if err != nil {
						t.Fatal(err)
					}
					var buf bytes.Buffer
					_, err = buf.ReadFrom(rc)
					rc.Close()
					if err != nil {
						t.Fatalf("%s: %s: %v", e.Name(), f.Name, err)
					}
					checkText(t, e.Name()+": "+f.Name, buf.Bytes())
				}
			}
		default:
			checkText(t, e.Name(), data)
		}
	}
}

func checkText(t *testing.T, what string, data []byte) {
	t.Helper()
	if !utf8.Valid(data) {
		t.Errorf("%s is not valid UTF-8", what)
	}
	for i, c := range data {
		if c < 0x20 && c != '\n' && c != '\t' {
			t.Errorf("%s holds control byte %#x at %d", what, c, i)
			return
		}
	}
	if bytes.Contains(data, []byte(`\u0000`)) {
		t.Errorf("%s holds an escaped NUL", what)
	}
}

// cleanModel runs `folio clean` on in and reads back the model and the
// report it wrote, after checking the outputs as checkOutputs does.
func cleanModel(t *testing.T, in string) (*book.Book, *report.Report) {
	t.Helper()
	out := t.TempDir()
	if err := run(t, "clean", in, "--out", out); err != nil {
		t.Fatalf("clean: %v", err)
	}
	slug := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
	checkOutputs(t, out, slug, ".md", ".book.json", ".report.json", ".report.txt", sampleExt)
	var b book.Book
	var rep report.Report
	for _, x := range []struct {
		ext string
		v   any
	}{{".book.json", &b}, {".report.json", &rep}} {
		data, err := os.ReadFile(filepath.Join(out, slug+x.ext))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, x.v); err != nil {
			t.Fatalf("%s: %v", x.ext, err)
		}
	}
	return &b, &rep
}

// checkWordsKept: the letters of the source's page bodies, in order, are
// those of the model's titles, openings and blocks, and the letters of
// its foot areas those of its notes, as the stages before cleaning see
// the source (furniture and note markers out; foot-area text no note
// claims back in the body). A title folio made up for an untitled
// document (the report says so) is not the source's.
func checkWordsKept(t *testing.T, src []byte, b *book.Book, rep *report.Report) {
	t.Helper()
	txt, err := source.Decode("x", src)
	if err != nil {
		t.Fatal(err)
	}
	ps := pages.Split(txt.Lines, report.New("x")).Pages
	notes.Find(ps, report.New("x"))
	var srcBody, srcFoot strings.Builder
	for _, p := range ps {
		for _, l := range p.Body {
			srcBody.WriteString(l.Text)
		}
		for _, l := range p.Foot {
			srcFoot.WriteString(l.Text)
		}
	}
	madeUp := map[int]bool{}
	for _, d := range rep.Decisions {
		if d.Stage == "structure" && d.Kind == "untitled" {
			madeUp[d.Line] = true
		}
	}
	var body, foot strings.Builder
	for _, ch := range b.Chapters {
		if !madeUp[ch.Line] {
			body.WriteString(book.PlainText(ch.Title))
		}
		body.WriteString(book.PlainText(ch.Subtitle) + ch.Place + ch.Date + ch.Time)
		for _, bl := range ch.Blocks {
			body.WriteString(bl.Speaker + bl.Label + book.PlainText(bl.Inlines))
		}
		for _, n := range ch.Notes {
			for _, p := range n.Paras {
				foot.WriteString(book.PlainText(p))
			}
		}
	}
	for _, c := range []struct{ what, src, out string }{
		{"body", letters(srcBody.String()), letters(body.String())},
		{"notes", letters(srcFoot.String()), letters(foot.String())},
	} {
		if c.src != c.out {
			i := 0
			for i < len(c.src) && i < len(c.out) && c.src[i] == c.out[i] {
				i++
			}
			t.Errorf("%s: the model's letters differ from the source's after %d of %d: source …%s… model …%s…",
				c.what, i, len(c.src), clipAt(c.src, i), clipAt(c.out, i))
		}
	}
}

// bookText is all the text of the model, a block or a note a line.
func bookText(b *book.Book) string {
	var sb strings.Builder
	for _, ch := range b.Chapters {
		sb.WriteString(ch.TitleText() + "\n")
		for _, bl := range ch.Blocks {
			sb.WriteString(book.PlainText(bl.Inlines) + "\n")
		}
		for _, n := range ch.Notes {
			for _, p := range n.Paras {
				sb.WriteString(book.PlainText(p) + "\n")
			}
		}
	}
	return sb.String()
}

func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

func clipAt(s string, i int) string {
	r := []rune(s)
	j := len([]rune(s[:i]))
	return string(r[max(0, j-30):min(len(r), j+30)])
}

// The generated inputs; README.md in hostileDir gives the same recipes.

// builtOutput is an output of building radiogram.txt: a PDF or an EPUB
// passed to folio by mistake.
func builtOutput(ext string) func(t *testing.T) []byte {
	return func(t *testing.T) []byte {
		dir := t.TempDir()
		if err := run(t, "build", filepath.Join(hostileDir, "radiogram.txt"), "--out", dir, "--format", ext[1:]); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(dir, "radiogram"+ext))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
}

// oneLineBook is the sample with its line ends made spaces: a whole book
// on one line, as an export that lost its line breaks gives it.
func oneLineBook(*testing.T) []byte {
	return bytes.ReplaceAll(assets.Sample(), []byte("\n"), []byte(" "))
}

// huge is the sample repeated to 50 MB.
func huge(*testing.T) []byte {
	s := append(assets.Sample(), '\n')
	return bytes.Repeat(s, 50<<20/len(s)+1)
}

// repeatedHeading is a title of the sample repeated 10,000 times, a blank
// line between.
func repeatedHeading(*testing.T) []byte {
	return []byte(strings.Repeat("WE SHOULD NOT SUBMIT TO ANY PRESSURE\n\n", 10000))
}

// manyNotes is a book of 1,000 pages with 10 footnotes each, numbered
// from 1 on every page: a title, then pages (first line indented by one
// space) of two paragraphs made of the sample's lines, a marker glued to
// each line's end, then a lone-space line and the notes.
func manyNotes(*testing.T) []byte {
	var lines []string
	for _, l := range strings.Split(string(assets.Sample()), "\n")[520:560] {
		if strings.TrimSpace(l) != "" && !strings.HasSuffix(strings.TrimSpace(l), "-") && !strings.HasPrefix(l, " ") {
			lines = append(lines, strings.TrimSpace(l))
		}
	}
	var b strings.Builder
	b.WriteString("A BOOK OF MANY NOTES\n\n")
	for p := range 1000 {
		for k := range 10 {
			if k == 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%s%d\n", lines[(p*10+k)%len(lines)], k+1)
			if k == 4 {
				b.WriteByte('\n')
			}
		}
		b.WriteString("\n \n")
		for k := range 10 {
			fmt.Fprintf(&b, "%d A note of page %d, the %dth, on the Political Bureau.\n", k+1, p+1, k+1)
		}
	}
	return []byte(b.String())
}
