package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/urfave/cli/v3"

	"folio/assets"
	"folio/internal/book"
	"folio/internal/fixes"
	"folio/internal/pipeline"
	"folio/internal/report"
	"folio/internal/userfile"
)

// sampleExt names the fixes file folio clean proposes.
const sampleExt = ".fixes.yaml.sample"

// longestExt is the longest name ending of the outputs a command writes
// (folio clean writes the sample too), for the check of names' lengths.
func longestExt(verb string) string {
	if verb == "clean" {
		return sampleExt
	}
	return outputExts[0]
}

func fixesFlag() cli.Flag {
	return &cli.StringFlag{Name: "fixes", Usage: "corrections `FILE` (YAML) of the one input; default: BOOK.fixes.yaml beside each BOOK.txt"}
}

// loadFixes reads the book's corrections: --fixes, else BOOK.fixes.yaml
// beside it, else none. A file that cannot be read or does not parse
// fails the book (a fix that no longer fits the text does not: it is
// refused and reported when the book is built).
func (in *input) loadFixes(path string, allowOutside bool) error {
	if in.embedded && path == "" {
		return nil // the bundled sample has no folder to look in
	}
	if path == "" {
		p, err := fixes.Find(in.path)
		if err != nil || p == "" {
			return err
		}
		path = p
	}
	set, err := fixes.Load(path, filepath.Dir(in.path), allowOutside)
	if err != nil {
		return err
	}
	in.fixes, in.fixesPath = set, path
	return nil
}

// checkFixesFlag refuses --fixes for several books.
func checkFixesFlag(c *cli.Command, ins []input) error {
	if c.String("fixes") != "" && len(ins) > 1 {
		return fmt.Errorf("--fixes names one book's corrections, but %d inputs were given: put each book's fixes beside it as BOOK.fixes.yaml", len(ins))
	}
	return nil
}

// cleanText runs the pipeline with the book's corrections.
func (in input) cleanText(src []byte) (*book.Book, *report.Report, error) {
	return pipeline.CleanWith(src, filepath.Base(in.path), in.fixes)
}

// fixesResult puts the corrections into the book's summary, and a refused
// fix among its warnings.
func (j *job) fixesResult(r *result) {
	if j.in.fixes == nil {
		return
	}
	applied, refused := j.rep.Counts["fixes applied"], j.rep.Counts["fixes refused"]
	r.fixes = fmt.Sprintf("%s (%d applied, %d refused)", j.in.fixesPath, applied, refused)
	if refused > 0 {
		r.warnings = append(r.warnings, fmt.Sprintf("%d fix%s of %s refused: the text no longer holds what %s (see the report's problems)", refused, es(refused), j.in.fixesPath, map[bool]string{true: "it expects", false: "they expect"}[refused == 1]))
	}
}

func es(n int) string {
	if n == 1 {
		return ""
	}
	return "es"
}

// writeFixesSample writes BOOK.fixes.yaml.sample: the fix that would
// overturn each problem and uncertain decision, commented out. It goes
// into the output folder like every output (never beside the text, where
// BOOK.fixes.yaml is the editor's and is never replaced).
func (j *job) writeFixesSample() error {
	var src []byte
	if j.in.embedded {
		src = assets.Sample()
	} else {
		var err error
		if src, err = userfile.Read(j.in.path, userfile.Text); err != nil {
			return err
		}
	}
	lines, err := fixes.Text(src, filepath.Base(j.in.path), j.in.fixes)
	if err != nil {
		return err
	}
	used := ""
	if j.in.fixes != nil {
		used = filepath.Base(j.in.fixesPath)
	}
	data := fixes.Sample(j.rep, j.book, lines, filepath.Base(j.in.path), used)
	return j.write(sampleExt, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
