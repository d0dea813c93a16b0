package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/urfave/cli/v3"

	"folio/internal/book"
	"folio/internal/cover"
	"folio/internal/epub"
	"folio/internal/meta"
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
			// The cover needs only the metadata: it is drawn on the other
			// core while the text is cleaned. EPUB and PDF are then
			// written side by side.
			var cov chan coverResult
			j, err := load(c, func(m *book.Meta) error {
				if override(m, c) {
					// An ISBN from the command line makes the identifier.
					if err := meta.Defaults(m, ""); err != nil {
						return err
					}
				}
				if formats["epub"] {
					cov = startCover(*m)
				}
				return nil
			})
			if err != nil {
				return err
			}
			var st pdf.Stats
			var writers []func() error
			if formats["epub"] {
				writers = append(writers, func() error { return j.writeEPUB(!c.Bool("no-embed-fonts"), <-cov) })
			}
			if formats["pdf"] {
				writers = append(writers, func() (err error) { st, err = j.writePDF(c.String("trim")); return err })
			}
			if err := parallel(append(writers, j.writeReport)...); err != nil {
				return err
			}
			var outs []string
			if formats["epub"] {
				outs = append(outs, j.path(".epub"))
			}
			if formats["pdf"] {
				outs = append(outs, fmt.Sprintf("%s (%d pages)", j.path(".pdf"), st.Pages))
			}
			j.summary(os.Stderr, outs...)
			if formats["pdf"] {
				glyphWarnings(os.Stderr, st)
			}
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

// override applies the title, author and ISBN flags; it reports whether
// the identifier must be made again.
func override(m *book.Meta, c *cli.Command) bool {
	if t := c.String("title"); t != "" {
		m.Title = t
	}
	if a := c.String("author"); a != "" {
		m.Authors = []book.Contributor{{Name: a, Role: "aut"}}
	}
	if i := c.String("isbn"); i != "" {
		m.ISBN, m.Identifier = i, ""
		return true
	}
	return false
}

// coverResult is a cover image, read or drawn.
type coverResult struct {
	img       []byte
	mediaType string
	err       error
}

// startCover reads the metadata's cover image, or draws a typographic one
// when there is none, in the background.
func startCover(m book.Meta) chan coverResult {
	ch := make(chan coverResult, 1)
	go func() {
		if m.Cover == "" {
			img, err := cover.Generate(m)
			if err != nil {
				err = fmt.Errorf("making the cover: %w", err)
			}
			ch <- coverResult{img, "image/png", err}
			return
		}
		img, err := os.ReadFile(m.Cover)
		if err != nil {
			ch <- coverResult{err: fmt.Errorf("cannot read the cover image: %w", err)}
			return
		}
		switch strings.ToLower(filepath.Ext(m.Cover)) {
		case ".jpg", ".jpeg":
			ch <- coverResult{img, "image/jpeg", nil}
		case ".png":
			ch <- coverResult{img, "image/png", nil}
		default:
			ch <- coverResult{err: fmt.Errorf("cover %s: use a JPEG or PNG image", m.Cover)}
		}
	}()
	return ch
}

func (j *job) writeEPUB(fonts bool, cov coverResult) error {
	if cov.err != nil {
		return cov.err
	}
	opt := epub.Options{EmbedFonts: fonts, CoverImage: cov.img, CoverMediaType: cov.mediaType}
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

// glyphWarnings tells the publisher which characters the print edition
// cannot show: they print as empty boxes, which no one should find only
// in the printed copy. The build still succeeds.
func glyphWarnings(w io.Writer, st pdf.Stats) {
	if n := len(st.Missing); n > 0 {
		total := 0
		for _, u := range st.Missing {
			total += u.Count
		}
		fmt.Fprintf(w, "warning: the book font lacks %d character%s (%d in the text); the PDF prints them as empty boxes:\n", n, plural(n), total)
		for _, u := range st.Missing {
			fmt.Fprintf(w, "  %s ×%d in %s\n", charName(u.Rune), u.Count, strings.Join(u.Where, ", "))
		}
		fmt.Fprintln(w, "  correct them in the text (or the book JSON) before printing")
	}
	for _, u := range st.Dropped {
		fmt.Fprintf(w, "warning: %d unreadable character%s (%s) left out of the PDF, in %s\n", u.Count, plural(u.Count), charName(u.Rune), strings.Join(u.Where, ", "))
	}
}

// charName is "U+4E2D 中", or the code alone when the character does not print.
func charName(r rune) string {
	if unicode.IsPrint(r) && r != utf8.RuneError {
		return fmt.Sprintf("%U %c", r, r)
	}
	return fmt.Sprintf("%U", r)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
