package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"folio/internal/epub/epubtest"
)

// floor is the least each dump must score: what folio reaches today, so
// that no change makes a book worse unnoticed. The README's corpus table
// shows the scores themselves; the targets are there too.
type floor struct {
	words, recall, par, notes, toc float64
	residue, leaks                 int
}

var floors = map[string]floor{
	"beethoven-layout":    {0.999, 0.999, 0.98, 0.99, 0.98, 0, 0},
	"beethoven-pdftotext": {0.999, 0.999, 0.89, 0.95, 0.98, 0, 0},
	"beethoven-ocr":       {0.99, 0.995, 0.97, 0.4, 0.98, 1, 5},
	"gibbon-layout":       {0.998, 0.999, 0.97, 0.98, 1, 0, 2},
	"gibbon-pdftotext":    {0.997, 0.999, 0.85, 0.97, 1, 0, 4},
	"gibbon-ocr":          {0.983, 0.999, 0.94, 0.38, 0.88, 3, 11},
	"tabletalk-layout":    {0.997, 0.999, 0.94, 0.98, 1, 0, 3},
	"tabletalk-pdftotext": {0.988, 0.998, 0.88, 0.97, 0.98, 1, 6},

	// testdata/books: books made in other conventions (their README).
	"chars-fixture":     {0.995, 0.999, 0.98, 1, 1, 0, 0},
	"headblock-fixture": {0.999, 0.999, 0.99, 1, 1, 0, 0},
	"inquiry-layout":    {0.999, 0.999, 0.99, 1, 1, 0, 0},
	"inquiry-pdftotext": {0.999, 0.999, 0.95, 1, 1, 0, 0},
	"leadspace-fixture": {0.999, 0.999, 0.99, 1, 1, 0, 0},
	"lights-layout":     {0.999, 0.999, 0.98, 0.99, 0.99, 0, 0},
	"lights-ocr":        {0.98, 0.997, 0.83, 0.2, 0.88, 0, 0},
	"lights-pdftotext":  {0.98, 0.993, 0.78, 0.99, 0.86, 1, 0},
	"memoir-layout":     {0.991, 0.999, 0.99, 0.99, 1, 0, 0},
	"memoir-ocr":        {0.98, 0.998, 0.94, 0.6, 1, 7, 1},
	"memoir-pdftotext":  {0.994, 0.999, 0.76, 0.99, 1, 0, 0},
	"nomarks-fixture":   {0.999, 0.999, 0.99, 1, 1, 0, 0},
	"pagefolio-fixture": {0.999, 0.999, 0.99, 1, 1, 0, 0},
	"superfoot-fixture": {0.999, 0.999, 0.99, 1, 1, 0, 0},
}

// TestCorpusScores builds every dump of testdata/corpus into an EPUB and
// scores it with the corpus's own scorer. It logs the README's table
// (go test ./internal/corpus -run Scores -v).
func TestCorpusScores(t *testing.T) {
	if Python() == "" {
		t.Skip("python3 is not installed: the corpus scorer (testdata/corpus/score.py) cannot run")
	}
	dir := filepath.Join("..", "..", "testdata", "corpus")
	dumps, err := Dumps(dir)
	if err != nil || len(dumps) == 0 {
		t.Fatalf("no corpus dumps in %s: %v", dir, err)
	}
	books, err := Dumps(filepath.Join("..", "..", "testdata", "books"))
	if err != nil || len(books) == 0 {
		t.Fatalf("no test books in testdata/books: %v", err)
	}
	dumps = append(dumps, books...)
	scorer := filepath.Join(dir, "score.py")
	tmp := t.TempDir()
	rows := make([]string, len(dumps))
	scores := make([]Score, len(dumps))
	errs := make([]error, len(dumps))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, d := range dumps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			data, err := EPUB(d)
			if err != nil {
				errs[i] = err
				return
			}
			path := filepath.Join(tmp, d.Name+".epub")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				errs[i] = err
				return
			}
			scores[i], errs[i] = Run(scorer, path, d)
			rows[i] = Row(d.Name, scores[i])
		}()
	}
	wg.Wait()
	for i, d := range dumps {
		if errs[i] != nil {
			t.Errorf("%s: %v", d.Name, errs[i])
			continue
		}
		s := scores[i]
		f, ok := floors[d.Name]
		if !ok {
			t.Errorf("%s: no floor set for this dump", d.Name)
			continue
		}
		check := func(what string, got, min float64) {
			if got < min {
				t.Errorf("%s: %s %.4f, below its floor %.4f", d.Name, what, got, min)
			}
		}
		check("word precision", s.WordPrecision, f.words)
		check("word recall", s.WordRecall, f.recall)
		check("paragraph F1", s.ParagraphF1, f.par)
		check("notes linked", s.NoteLinkRate, f.notes)
		check("contents recall", s.TOCRecall, f.toc)
		check("contents precision", s.TOCPrecision, f.toc)
		if s.FurnitureResidue > f.residue {
			t.Errorf("%s: %d furniture left in the text, at most %d", d.Name, s.FurnitureResidue, f.residue)
		}
		if s.NoteLeaks > f.leaks {
			t.Errorf("%s: %d notes leaked into the text, at most %d", d.Name, s.NoteLeaks, f.leaks)
		}
		if s.LigatureChars > 0 {
			t.Errorf("%s: %d ligature characters left", d.Name, s.LigatureChars)
		}
	}
	t.Log("\n" + Header + "\n" + strings.Join(rows, "\n"))
}

// The books with the most kinds of the model — a memoir with all its
// front matter, letters, an epigraph and figures; a transcript with a
// letter read out; a book of parts, verse, a play, a table and an index
// — make EPUBs that EPUBCheck passes without a warning.
func TestRichBooksConform(t *testing.T) {
	books, err := Dumps(filepath.Join("..", "..", "testdata", "books"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range books {
		if d.Name != "memoir-layout" && d.Name != "inquiry-layout" && d.Name != "lights-layout" {
			continue
		}
		t.Run(d.Name, func(t *testing.T) {
			t.Parallel()
			data, err := EPUB(d)
			if err != nil {
				t.Fatal(err)
			}
			epubtest.Conformance(t, data)
		})
	}
}
