package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
)

var metaFlag = &cli.StringFlag{Name: "meta", Usage: "metadata `FILE` (YAML); default: INPUT.yaml beside the input"}

// job is one book being built.
type job struct {
	input string // path, or the bundled sample's name
	slug  string // output file stem
	out   string
	book  *book.Book
	rep   *report.Report
	start time.Time
}

// load reads the input and its metadata and runs the cleaning pipeline.
// ready, if not nil, sees the metadata before the cleaning starts (to
// override it, or to start work that needs only the metadata).
func load(c *cli.Command, ready func(m *book.Meta) error) (*job, error) {
	start := time.Now()
	if c.Args().Len() > 1 {
		return nil, fmt.Errorf("one input at a time, got %d: %s", c.Args().Len(), strings.Join(c.Args().Slice(), " "))
	}
	in := c.Args().First()
	var src []byte
	var err error
	metaPath := c.String("meta")
	if in == "" {
		in = filepath.FromSlash("assets/" + assets.SamplePath)
		if _, statErr := os.Stat(in); statErr != nil {
			// Not run from the repository: use the embedded copy.
			src = assets.Sample()
			if metaPath == "" {
				metaPath, err = embeddedMeta()
				if err != nil {
					return nil, err
				}
				defer os.RemoveAll(filepath.Dir(metaPath))
			}
		}
	}
	if src == nil {
		st, err := os.Stat(in)
		switch {
		case err != nil:
			return nil, fmt.Errorf("cannot read %s: %w", in, err)
		case st.IsDir():
			return nil, fmt.Errorf("%s is a folder: give folio a text file", in)
		}
		if src, err = os.ReadFile(in); err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", in, err)
		}
	}
	if metaPath == "" {
		if _, err := os.Stat(in + ".yaml"); err == nil {
			metaPath = in + ".yaml"
		}
	}
	var m book.Meta
	if metaPath != "" {
		if m, err = meta.Load(metaPath); err != nil {
			return nil, err
		}
	}
	if err := meta.Defaults(&m, in); err != nil {
		return nil, err
	}
	if ready != nil {
		if err := ready(&m); err != nil {
			return nil, err
		}
	}
	b, rep, err := pipeline.Clean(src, filepath.Base(in))
	if err != nil {
		return nil, err
	}
	b.Meta = m
	base := filepath.Base(in)
	slug := strings.TrimSuffix(base, filepath.Ext(base))
	return &job{input: in, slug: slug, out: c.String("out"), book: b, rep: rep, start: start}, nil
}

// embeddedMeta writes the bundled sample's metadata to a temporary file,
// since metadata is read from a path (its cover is relative to it).
func embeddedMeta() (string, error) {
	data, err := assets.FS.ReadFile(assets.SampleMetaPath)
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "folio-meta")
	if err != nil {
		return "", err
	}
	p := filepath.Join(dir, filepath.Base(assets.SampleMetaPath))
	return p, os.WriteFile(p, data, 0o644)
}

func (j *job) path(ext string) string { return filepath.Join(j.out, j.slug+ext) }

// writeClean writes the cleaned text (Markdown), the model and the report,
// side by side.
func (j *job) writeClean() error {
	err := parallel(
		func() error {
			return outfile.Write(j.path(".md"), func(w io.Writer) error { return markdown.Write(w, j.book) })
		},
		func() error {
			return outfile.Write(j.path(".book.json"), func(w io.Writer) error {
				enc := json.NewEncoder(w)
				enc.SetIndent("", " ")
				enc.SetEscapeHTML(false)
				return enc.Encode(j.book)
			})
		},
		j.writeReport,
	)
	if err != nil {
		return err
	}
	j.summary(os.Stderr, j.path(".md"))
	return nil
}

func (j *job) writeReport() error {
	return parallel(
		func() error { return outfile.Write(j.path(".report.json"), j.rep.WriteJSON) },
		func() error { return outfile.Write(j.path(".report.txt"), j.rep.WriteText) },
	)
}

// parallel runs the writers at once and returns their errors, joined.
func parallel(fns ...func() error) error {
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fn()
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// summary tells the user what was made, in a few lines.
func (j *job) summary(w io.Writer, outputs ...string) {
	c := j.rep.Counts
	fmt.Fprintf(w, "%s: %d pages, %d documents, %d sections, %d notes (%d paired), %d hyphens joined, %d kept\n",
		j.input, c["pages"], c["chapters"], c["sections"], c["notes"], c["notes paired"], c["hyphens joined"], c["hyphens kept"])
	fmt.Fprintf(w, "review: %s (%s)\n", j.path(".report.txt"), j.rep.Summary())
	for _, o := range outputs {
		fmt.Fprintf(w, "wrote %s\n", o)
	}
	fmt.Fprintf(w, "in %v\n", time.Since(j.start).Round(time.Millisecond))
}
