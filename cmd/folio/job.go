package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v3"

	"folio/assets"
	"folio/internal/book"
	"folio/internal/markdown"
	"folio/internal/meta"
	"folio/internal/report"
	"folio/internal/userfile"
)

func metaFlag() cli.Flag {
	return &cli.StringFlag{Name: "meta", Usage: "metadata `FILE` (YAML) of the one input; default: BOOK.yaml or BOOK.txt.yaml beside each BOOK.txt"}
}

// trustFlags say what folio may touch beyond the book's folder and the
// files it wrote itself.
func trustFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "overwrite", Usage: "let outputs replace files folio did not write (never an input)"},
		&cli.BoolFlag{Name: "allow-outside", Usage: "let a metadata file's cover: path leave the metadata file's folder, and a fixes file lie outside the book's folder"},
	}
}

// job is one book being made.
type job struct {
	in    input
	out   string
	book  *book.Book
	rep   *report.Report
	start time.Time
	log   *slog.Logger
}

// load reads the book's text and runs the cleaning pipeline. ready, if
// not nil, sees the metadata before the cleaning starts (to override it,
// or to start work that needs only the metadata).
func (in input) load(ctx context.Context, out string, ready func(m *book.Meta) error) (*job, error) {
	start := time.Now()
	if in.err != nil {
		return nil, in.err
	}
	var src []byte
	if in.embedded {
		src = assets.Sample()
	} else {
		// Read as a user's file: a regular file (a FIFO or a device is
		// refused at once, never read) of at most source.MaxBytes, a
		// multi-gigabyte file refused before it is read.
		var err error
		if src, err = userfile.Read(in.path, userfile.Text); err != nil {
			return nil, err
		}
	}
	m := in.meta
	if ready != nil {
		if err := ready(&m); err != nil {
			return nil, err
		}
	}
	log := logger(ctx).With("book", in.path)
	b, rep, err := in.cleanText(src)
	if err != nil {
		return nil, err
	}
	if b.Meta.Title != "" {
		// The source's title page fills what the metadata left blank.
		var filled []string
		m, filled = meta.FromSource(m, b.Meta, in.path)
		if len(filled) > 0 {
			log.Info("metadata from the source's title page", "fields", strings.Join(filled, ", "))
		}
	}
	b.Meta = m
	// Which metadata file made the edition's data, for the editor.
	if in.metaPath != "" {
		b.Provenance.MetaFrom = append(b.Provenance.MetaFrom, filepath.Base(strings.TrimPrefix(in.metaPath, "(bundled) ")))
		rep.Add(report.Decision{Stage: "meta", Kind: "file", Line: 1, Text: "metadata from " + in.metaPath, Confidence: 1})
	} else {
		rep.Add(report.Decision{Stage: "meta", Kind: "none", Line: 1,
			Text:     fmt.Sprintf("no metadata file: the title %q comes from the file name; give the book's data in %s", m.Title, metaFiles(in.path)[2]),
			Evidence: "neither " + strings.Join(metaFiles(in.path), " nor ") + " exists", Confidence: 0.5})
	}
	log.Debug("cleaned", "pages", rep.Counts["pages"], "documents", rep.Counts["chapters"], "notes", rep.Counts["notes"], "took", since(start))
	return &job{in: in, out: out, book: b, rep: rep, start: start, log: log}, nil
}

// path is where an output goes: always inside the output folder, as the
// stem is a plain name (see nameOutputs).
func (j *job) path(ext string) string { return filepath.Join(j.out, j.in.slug+ext) }

// write writes one output atomically into the run's output folder (which
// refuses to replace an input or a file folio did not write) and logs it.
func (j *job) write(ext string, fn func(w io.Writer) error) error {
	t := time.Now()
	p := j.path(ext)
	if err := j.in.out.Write(j.in.slug+ext, fn); err != nil {
		return err
	}
	j.log.Debug("wrote", "file", p, "took", since(t))
	return nil
}

// preflight checks that none of the outputs with these endings would
// replace a file folio may not replace, before any is written.
func (j *job) preflight(exts ...string) error {
	names := make([]string, len(exts))
	for i, e := range exts {
		names[i] = j.in.slug + e
	}
	return j.in.out.Check(names...)
}

// writeClean writes the cleaned text (Markdown), the model and the report,
// side by side.
func (j *job) writeClean() error {
	if err := j.preflight(".md", ".book.json", ".report.json", ".report.txt", sampleExt); err != nil {
		return err
	}
	return parallel(
		func() error { return j.write(".md", func(w io.Writer) error { return markdown.Write(w, j.book) }) },
		func() error {
			return j.write(".book.json", func(w io.Writer) error {
				enc := json.NewEncoder(w)
				enc.SetIndent("", " ")
				enc.SetEscapeHTML(false)
				return enc.Encode(j.book)
			})
		},
		j.writeReport,
		j.writeFixesSample,
	)
}

func (j *job) writeReport() error {
	return parallel(
		func() error { return j.write(".report.json", j.rep.WriteJSON) },
		func() error { return j.write(".report.txt", j.rep.WriteText) },
	)
}

// result is what became of one book, for the summary.
func (j *job) result() result {
	c := j.rep.Counts
	check, problems := 0, 0
	for _, d := range j.rep.Decisions {
		switch {
		case d.Problem:
			problems++
		case d.Confidence < report.Uncertain:
			check++
		}
	}
	r := result{
		pages: c["pages"], docs: c["chapters"], sections: c["sections"],
		notes: c["notes"], paired: c["notes paired"],
		joined: c["hyphens joined"], kept: c["hyphens kept"],
		check: check, problems: problems,
		report: j.path(".report.txt"), decisions: len(j.rep.Decisions),
		meta: j.in.metaName(),
	}
	j.fixesResult(&r)
	return r
}

// parallel runs the writers at once and returns their errors, joined,
// each message once (four writers refused by a full disk or a locked
// folder say it once). A panic in one becomes its error: the other
// writers, and the other books of a batch, still finish.
func parallel(fns ...func() error) error {
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer recoverInto(&errs[i])
			errs[i] = fn()
		}()
	}
	wg.Wait()
	seen := map[string]bool{}
	var out []error
	for _, err := range errs {
		if err == nil || seen[err.Error()] {
			continue
		}
		seen[err.Error()] = true
		out = append(out, err)
	}
	return errors.Join(out...)
}

// recoverInto turns a panic into an error that asks for a bug report.
func recoverInto(err *error) {
	if r := recover(); r != nil {
		stack := string(debug.Stack())
		*err = fmt.Errorf("internal error (a bug in folio; please report it with the input): %v\n%s", r, indent(stack))
	}
}

func indent(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 12 {
		lines = lines[:12]
	}
	return "    " + strings.Join(lines, "\n    ")
}

func since(t time.Time) time.Duration { return time.Since(t).Round(time.Millisecond) }
