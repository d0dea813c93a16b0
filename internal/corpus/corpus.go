// Package corpus scores folio's editions of the books in testdata/corpus
// (and testdata/books): each text dump is cleaned, made an EPUB, and
// scored against its truth by the corpus's scorer (score.py, run with
// python3). The scores are what the README's corpus table shows; the
// tests hold every book to its floor.
package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"folio/internal/epub"
	"folio/internal/meta"
	"folio/internal/pipeline"
)

// Dump is one text dump of a corpus book with its truth.
type Dump struct {
	Name  string // "gibbon-layout"
	Book  string // "gibbon"
	Path  string // the dump
	Truth string // <book>.truth.json
}

// Dumps lists the dumps under dir (<book>-<kind>.txt beside
// <book>.truth.json), in name order.
func Dumps(dir string) ([]Dump, error) {
	txts, err := filepath.Glob(filepath.Join(dir, "*-*.txt"))
	if err != nil {
		return nil, err
	}
	var out []Dump
	for _, t := range txts {
		name := strings.TrimSuffix(filepath.Base(t), ".txt")
		book := name[:strings.LastIndexByte(name, '-')]
		truth := filepath.Join(dir, book+".truth.json")
		if _, err := os.Stat(truth); err != nil {
			continue
		}
		out = append(out, Dump{Name: name, Book: book, Path: t, Truth: truth})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Score is what score.py says of an edition (the keys the table shows).
type Score struct {
	WordPrecision     float64  `json:"word_precision"`
	WordRecall        float64  `json:"word_recall"`
	NotePrecision     float64  `json:"note_word_precision"`
	NoteRecall        float64  `json:"note_word_recall"`
	HyphenErrorsOwn   int      `json:"hyphen_errors_own"`
	LineEndHyphens    int      `json:"dump_line_end_hyphens"`
	ParagraphF1       float64  `json:"paragraph_f1"`
	FurnitureResidue  int      `json:"furniture_residue"`
	MarkerResidue     int      `json:"marker_residue"`
	TOCRecall         float64  `json:"toc_recall"`
	TOCPrecision      float64  `json:"toc_precision"`
	Notes             int      `json:"notes"`
	NotesLinked       int      `json:"notes_linked"`
	NoteLinkRate      float64  `json:"note_link_rate"`
	NoteLeaks         int      `json:"note_leaks"`
	LigatureChars     int      `json:"ligature_chars"`
	ParagraphsTruth   int      `json:"paragraphs_truth"`
	ParagraphsOutput  int      `json:"paragraphs_output"`
	NotesFailedSample []string `json:"notes_failed_sample"`
}

// EPUB cleans a dump and makes its EPUB (without embedded fonts: the
// scorer reads the text).
func EPUB(d Dump) ([]byte, error) {
	src, err := os.ReadFile(d.Path)
	if err != nil {
		return nil, err
	}
	b, _, err := pipeline.Clean(src, filepath.Base(d.Path))
	if err != nil {
		return nil, err
	}
	if err := meta.Defaults(&b.Meta, filepath.Base(d.Path)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := epub.Write(&buf, b, epub.Options{}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Python is the interpreter that runs the scorer, or "" when none is
// installed.
func Python() string {
	p, err := exec.LookPath("python3")
	if err != nil {
		return ""
	}
	return p
}

// Run scores an EPUB file against a dump's truth with the scorer at
// scorer (score.py).
func Run(scorer, epubPath string, d Dump) (Score, error) {
	out := epubPath + ".score.json"
	cmd := exec.Command(Python(), scorer, epubPath, "--truth", d.Truth, "--dump", d.Path, "--json", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return Score{}, fmt.Errorf("score.py on %s: %v\n%s", d.Name, err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		return Score{}, err
	}
	var s Score
	if err := json.Unmarshal(data, &s); err != nil {
		return Score{}, fmt.Errorf("score.py on %s: %v", d.Name, err)
	}
	return s, nil
}

// Row is one line of the README's corpus table.
func Row(name string, s Score) string {
	hy := "—"
	if s.LineEndHyphens > 0 {
		hy = fmt.Sprintf("%d (%.2f %%)", s.HyphenErrorsOwn, 100*float64(s.HyphenErrorsOwn)/float64(s.LineEndHyphens))
	} else {
		hy = fmt.Sprintf("%d", s.HyphenErrorsOwn)
	}
	return fmt.Sprintf("| %s | %.4f / %.4f | %s | %.3f | %d | %d/%d (%.3f) | %d | %.2f / %.2f |",
		name, s.WordPrecision, s.WordRecall, hy, s.ParagraphF1, s.FurnitureResidue,
		s.NotesLinked, s.Notes, s.NoteLinkRate, s.NoteLeaks, s.TOCRecall, s.TOCPrecision)
}

// Header is the table's head.
const Header = "| dump | words P / R | own hyphen errors | paragraph F1 | furniture | notes linked | note leaks | contents R / P |\n|---|---|---|---|---|---|---|---|"
