package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
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
	"folio/internal/outfile"
	"folio/internal/pipeline"
	"folio/internal/report"
	"folio/internal/source"
)

func metaFlag() cli.Flag {
	return &cli.StringFlag{Name: "meta", Usage: "metadata `FILE` (YAML) of the one input; default: INPUT.yaml beside each input"}
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
		st, err := os.Stat(in.path)
		switch {
		case err != nil:
			return nil, fmt.Errorf("cannot read %s: %w", in.path, err)
		case st.IsDir():
			return nil, fmt.Errorf("%s is a folder: give folio a text file", in.path)
		case st.Size() > source.MaxBytes:
			// Refused before it is read: a multi-gigabyte file costs nothing.
			return nil, fmt.Errorf("%s is %.1f MB: %w", in.path, float64(st.Size())/(1<<20), source.ErrTooLarge)
		}
		if src, err = os.ReadFile(in.path); err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", in.path, err)
		}
	}
	m := in.meta
	if ready != nil {
		if err := ready(&m); err != nil {
			return nil, err
		}
	}
	log := logger(ctx).With("book", in.path)
	b, rep, err := pipeline.Clean(src, filepath.Base(in.path))
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
	log.Debug("cleaned", "pages", rep.Counts["pages"], "documents", rep.Counts["chapters"], "notes", rep.Counts["notes"], "took", since(start))
	return &job{in: in, out: out, book: b, rep: rep, start: start, log: log}, nil
}

// path is where an output goes: always inside the output folder, as the
// stem is a plain name (see nameOutputs).
func (j *job) path(ext string) string { return filepath.Join(j.out, j.in.slug+ext) }

// write writes one output atomically and logs it.
func (j *job) write(ext string, fn func(w io.Writer) error) error {
	t := time.Now()
	p := j.path(ext)
	if err := outfile.Write(p, fn); err != nil {
		return err
	}
	j.log.Debug("wrote", "file", p, "took", since(t))
	return nil
}

// writeClean writes the cleaned text (Markdown), the model and the report,
// side by side.
func (j *job) writeClean() error {
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
	return result{
		pages: c["pages"], docs: c["chapters"], sections: c["sections"],
		notes: c["notes"], paired: c["notes paired"],
		joined: c["hyphens joined"], kept: c["hyphens kept"],
		check: check, problems: problems,
		report: j.path(".report.txt"), decisions: len(j.rep.Decisions),
	}
}

// parallel runs the writers at once and returns their errors, joined. A
// panic in one becomes its error: the other writers, and the other books
// of a batch, still finish.
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
	return errors.Join(errs...)
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
