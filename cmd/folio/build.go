package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v3"

	"folio/internal/book"
	"folio/internal/cover"
	"folio/internal/epub"
	"folio/internal/outfile"
	"folio/internal/pdf"
)

func buildCommand() *cli.Command {
	return &cli.Command{
		Name:      "build",
		Usage:     "build the EPUB and the print PDF (and the cleaned text and review report)",
		ArgsUsage: "[INPUT.txt]",
		Flags: []cli.Flag{
			outFlag, metaFlag,
			&cli.StringFlag{Name: "format", Value: "epub,pdf", Usage: "outputs to build: epub, pdf or both"},
			&cli.StringFlag{Name: "trim", Value: "6x9", Usage: "print trim size: 6x9, 5.5x8.5, 5x8 or a5"},
			&cli.BoolFlag{Name: "no-embed-fonts", Usage: "leave the book font out of the EPUB (readers use their own)"},
			&cli.StringFlag{Name: "title", Usage: "override the title"},
			&cli.StringFlag{Name: "author", Usage: "override the author"},
			&cli.StringFlag{Name: "isbn", Usage: "override the ISBN"},
		},
		Action: func(ctx context.Context, c *cli.Command) error {
			formats, err := parseFormats(c.String("format"))
			if err != nil {
				return err
			}
			if _, err := pdf.ParseTrim(c.String("trim")); err != nil {
				return err
			}
			j, err := load(c)
			if err != nil {
				return err
			}
			override(&j.book.Meta, c)
			outs := []string{}
			if formats["epub"] {
				if err := j.writeEPUB(!c.Bool("no-embed-fonts")); err != nil {
					return err
				}
				outs = append(outs, j.path(".epub"))
			}
			if formats["pdf"] {
				st, err := j.writePDF(c.String("trim"))
				if err != nil {
					return err
				}
				outs = append(outs, fmt.Sprintf("%s (%d pages)", j.path(".pdf"), st.Pages))
			}
			if err := j.writeReport(); err != nil {
				return err
			}
			j.summary(os.Stderr, outs...)
			return nil
		},
	}
}

func parseFormats(s string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		switch f {
		case "epub", "pdf":
			out[f] = true
		case "":
		default:
			return nil, fmt.Errorf("unknown format %q: use epub, pdf or epub,pdf", f)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no format chosen: use --format epub, pdf or epub,pdf")
	}
	return out, nil
}

func override(m *book.Meta, c *cli.Command) {
	if t := c.String("title"); t != "" {
		m.Title = t
	}
	if a := c.String("author"); a != "" {
		m.Authors = []book.Contributor{{Name: a, Role: "aut"}}
	}
	if i := c.String("isbn"); i != "" {
		m.ISBN = i
	}
}

func (j *job) writeEPUB(fonts bool) error {
	opt := epub.Options{EmbedFonts: fonts}
	if j.book.Meta.Cover != "" {
		img, err := os.ReadFile(j.book.Meta.Cover)
		if err != nil {
			return fmt.Errorf("cannot read the cover image: %w", err)
		}
		opt.CoverImage = img
		switch strings.ToLower(filepath.Ext(j.book.Meta.Cover)) {
		case ".jpg", ".jpeg":
			opt.CoverMediaType = "image/jpeg"
		case ".png":
			opt.CoverMediaType = "image/png"
		default:
			return fmt.Errorf("cover %s: use a JPEG or PNG image", j.book.Meta.Cover)
		}
	} else {
		img, err := cover.Generate(j.book.Meta)
		if err != nil {
			return fmt.Errorf("making the cover: %w", err)
		}
		opt.CoverImage, opt.CoverMediaType = img, "image/png"
	}
	return outfile.Write(j.path(".epub"), func(w io.Writer) error { return epub.Write(w, j.book, opt) })
}

func (j *job) writePDF(trim string) (pdf.Stats, error) {
	var st pdf.Stats
	err := outfile.Write(j.path(".pdf"), func(w io.Writer) error {
		var err error
		st, err = pdf.Write(w, j.book, pdf.Options{Trim: trim})
		return err
	})
	return st, err
}
