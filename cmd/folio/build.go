package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/urfave/cli/v3"

	"folio/internal/book"
	"folio/internal/cover"
	"folio/internal/epub"
	"folio/internal/meta"
	"folio/internal/pdf"
	"folio/internal/printer"
	"folio/internal/report"
)

func buildCommand() *cli.Command {
	return &cli.Command{
		Name:      "build",
		Usage:     "build EPUBs and print PDFs (and the review reports) of one book or many",
		ArgsUsage: "[INPUT.txt | FOLDER]…",
		Flags: append([]cli.Flag{
			outFlag(), metaFlag(), fixesFlag(), jobsFlag(),
			&cli.StringFlag{Name: "format", Value: "epub,pdf", Usage: "outputs to build: epub, pdf, kepub (a Kobo BOOK.kepub.epub), cover (the printer's wrap cover, BOOK.cover.pdf), comma-separated"},
			&cli.StringFlag{Name: "printer", Usage: "print service the PDF and cover are for: " + strings.Join(printer.Names(), ", ") + " (default: the metadata's printer:, else none, a reading PDF)"},
			&cli.StringFlag{Name: "paper", Usage: "interior paper for the cover's spine: white, cream, color (default: the metadata's paper:, else the printer's first)"},
			&cli.BoolFlag{Name: "bleed", Usage: "pages larger than the trim by the printer's bleed, for art that runs off the page"},
			&cli.StringFlag{Name: "chapters-open", Usage: "where chapters open in print: recto or any (default: the metadata's chapters_open:, else chosen from the chapters' lengths)"},
			&cli.StringFlag{Name: "trim", Value: "6x9", Usage: "print trim size: 6x9, 5.5x8.5, 5x8 or a5"},
			&cli.BoolFlag{Name: "no-embed-fonts", Usage: "leave the book font out of the EPUB (readers use their own)"},
			&cli.StringFlag{Name: "title", Usage: "override the title (one input only)"},
			&cli.StringFlag{Name: "author", Usage: "override the author (one input only)"},
			&cli.StringFlag{Name: "isbn", Usage: "override the ISBN (one input only)"},
		}, trustFlags()...),
		Action: func(ctx context.Context, c *cli.Command) error {
			formats, err := parseFormats(c.String("format"))
			if err != nil {
				return err
			}
			if _, err := pdf.ParseTrim(c.String("trim")); err != nil {
				return err
			}
			if _, err := printer.Get(c.String("printer")); err != nil {
				return err
			}
			if co := c.String("chapters-open"); co != "" && co != "recto" && co != "any" {
				return fmt.Errorf("--chapters-open %q: use recto or any", co)
			}
			if c.Args().Len() > 1 || isDir(c.Args().First()) {
				for _, f := range []string{"title", "author", "isbn"} {
					if c.String(f) != "" {
						return fmt.Errorf("--%s is for one book, but several were given: put each book's %s in BOOK.txt.yaml beside it", f, f)
					}
				}
			}
			return runBooks(ctx, c, "build", func(ctx context.Context, in input) result {
				return buildBook(ctx, c, in, formats)
			})
		},
	}
}

// buildBook makes one book's outputs. The cover needs only the metadata:
// it is drawn on the other core while the text is cleaned. EPUB, PDF and
// report are then written side by side.
func buildBook(ctx context.Context, c *cli.Command, in input, formats map[string]bool) result {
	var cov chan coverResult
	j, err := in.load(ctx, c.String("out"), func(m *book.Meta) error {
		// Flags are checked (and curled) as the metadata file's values are.
		override(m, c)
		if err := meta.Defaults(m, ""); err != nil {
			return err
		}
		if formats["epub"] || formats["kepub"] {
			cov = startCover(*m)
		}
		return nil
	})
	if err != nil {
		return result{err: err}
	}
	var st pdf.Stats
	var writers []func() error
	var covWarn []string
	var cv coverResult
	if cov != nil {
		// The cover is drawn (or read) while the text is cleaned; what was
		// done to it joins the report before the report is written.
		cv = <-cov
		if cv.err != nil {
			// Refused before any output is written: no PDF without its EPUB.
			return result{err: cv.err}
		}
		j.coverDecisions(cv)
		covWarn = cv.warn
	}
	if formats["epub"] {
		writers = append(writers, func() error { return j.writeEPUB(".epub", !c.Bool("no-embed-fonts"), false, cv) })
	}
	if formats["kepub"] {
		writers = append(writers, func() error { return j.writeEPUB(".kepub.epub", !c.Bool("no-embed-fonts"), true, cv) })
	}
	popt := pdfOptions(c, j.book.Meta)
	if formats["pdf"] || formats["cover"] {
		writers = append(writers, func() (err error) {
			if formats["pdf"] {
				st, err = j.writePDF(popt)
			} else {
				st, err = layoutStats(j.book, popt)
			}
			return err
		})
	}
	// The wrap cover's front image is read and checked now, before any
	// output is written (print wants it as it is: not converted).
	var front []byte
	if formats["cover"] && j.book.Meta.Cover != "" {
		if front, err = cover.LoadPrint(j.book.Meta.Cover); err != nil {
			return result{err: err}
		}
	}
	r := j.result()
	exts := []string{".report.json", ".report.txt"}
	for _, f := range []string{"epub", "kepub", "pdf", "cover"} {
		if formats[f] {
			exts = append(exts, map[string]string{"epub": ".epub", "kepub": ".kepub.epub", "pdf": ".pdf", "cover": ".cover.pdf"}[f])
		}
	}
	if r.err = j.preflight(exts...); r.err != nil {
		return r
	}
	if r.err = parallel(append(writers, j.writeReport)...); r.err != nil {
		return r
	}
	if formats["cover"] {
		var ci pdf.CoverInfo
		if ci, r.err = j.writeCover(c, popt, st.Pages, front); r.err != nil {
			return r
		}
		r.outputs = append(r.outputs, fmt.Sprintf("%s (%.3f × %.3f in, spine %.3f in on %s)", j.path(".cover.pdf"), ci.W, ci.H, ci.Spine, ci.Paper))
	}
	if formats["epub"] {
		r.outputs = append(r.outputs, j.path(".epub"))
	}
	if formats["kepub"] {
		r.outputs = append(r.outputs, j.path(".kepub.epub"))
	}
	if formats["pdf"] {
		r.printed = st.Pages
		r.outputs = append(r.outputs, fmt.Sprintf("%s (%d pages)", j.path(".pdf"), st.Pages))
		r.warnings = append(r.warnings, glyphWarnings(st)...)
	}
	r.warnings = append(r.warnings, meta.Warnings(j.book.Meta)...)
	r.warnings = append(r.warnings, covWarn...)
	return r
}

func parseFormats(s string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		switch f {
		case "epub", "pdf", "kepub", "cover":
			out[f] = true
		case "":
		default:
			return nil, fmt.Errorf("unknown format %q: use epub, pdf, kepub, cover or a list such as epub,kepub,pdf,cover", f)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no format chosen: use --format epub, pdf, kepub, cover or a list such as epub,pdf")
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
		// one number on the command line is the ISBN of every format
		m.ISBN, m.ISBNEPUB, m.ISBNPrint, m.Identifier = i, i, i, ""
		return true
	}
	return false
}

// coverResult is a cover image, read or drawn, with what was done to a
// user's image and what a store may still object to.
type coverResult struct {
	img       []byte
	mediaType string
	done      []string
	warn      []string
	err       error
}

// startCover reads the metadata's cover image (decoded, checked and
// fixed where it can be: cover.Load), or draws a typographic one when
// there is none, in the background.
func startCover(m book.Meta) chan coverResult {
	ch := make(chan coverResult, 1)
	go func() {
		var r coverResult
		defer func() {
			if p := recover(); p != nil {
				r.err = fmt.Errorf("internal error (a bug in folio; please report it with the cover): %v", p)
			}
			ch <- r
		}()
		if m.Cover == "" {
			r.img, r.mediaType, r.err = nil, "image/png", nil
			if r.img, r.err = cover.Generate(m); r.err != nil {
				r.err = fmt.Errorf("making the cover: %w", r.err)
			}
			return
		}
		f, err := cover.Load(m.Cover)
		if err != nil {
			r.err = err
			return
		}
		r.img, r.mediaType, r.done, r.warn = f.Data, f.Info.MediaType(), f.Done, f.Warn
	}()
	return ch
}

// coverDecisions reports what was done to the user's cover image, and
// what a store may still object to.
func (j *job) coverDecisions(cov coverResult) {
	for _, d := range cov.done {
		j.rep.Add(report.Decision{Stage: "cover", Kind: "converted", Line: 1, Text: "the cover image was " + d, Confidence: 1})
	}
	for _, w := range cov.warn {
		j.rep.Add(report.Decision{Stage: "cover", Kind: "store-limits", Line: 1, Text: w, Confidence: 0.5})
	}
}

// writeEPUB writes the EPUB, or with kepub the Kobo kepub, as ext.
func (j *job) writeEPUB(ext string, fonts, kepub bool, cov coverResult) error {
	if cov.err != nil {
		return cov.err
	}
	opt := epub.Options{EmbedFonts: fonts, Kepub: kepub, CoverImage: cov.img, CoverMediaType: cov.mediaType}
	return j.write(ext, func(w io.Writer) error { return epub.Write(w, j.book, opt) })
}

// pdfOptions are the interior's options: the flags, else the metadata.
func pdfOptions(c *cli.Command, m book.Meta) pdf.Options {
	o := pdf.Options{Trim: c.String("trim"), Printer: m.Printer, Bleed: c.Bool("bleed"), ChaptersOpen: c.String("chapters-open")}
	if p := c.String("printer"); p != "" {
		o.Printer = p
	}
	return o
}

func (j *job) writePDF(opt pdf.Options) (pdf.Stats, error) {
	var st pdf.Stats
	err := j.write(".pdf", func(w io.Writer) error {
		var err error
		st, err = pdf.Write(w, j.book, opt)
		return err
	})
	return st, err
}

// layoutStats typesets without writing: the cover needs the page count.
func layoutStats(b *book.Book, opt pdf.Options) (pdf.Stats, error) {
	doc, err := pdf.Layout(b, opt)
	if err != nil {
		return pdf.Stats{}, err
	}
	return doc.Stats, nil
}

// writeCover writes BOOK.cover.pdf for the printer, for an interior of
// pages pages, with img (the metadata's cover image, read and checked by
// cover.LoadPrint) on the front if it has one.
func (j *job) writeCover(c *cli.Command, opt pdf.Options, pages int, img []byte) (pdf.CoverInfo, error) {
	paper := j.book.Meta.Paper
	if p := c.String("paper"); p != "" {
		paper = p
	}
	var ci pdf.CoverInfo
	err := j.write(".cover.pdf", func(w io.Writer) error {
		var err error
		ci, err = pdf.WriteCover(w, j.book, pdf.CoverOptions{Trim: opt.Trim, Printer: opt.Printer, Paper: paper, Pages: pages, Image: img})
		return err
	})
	return ci, err
}

// glyphWarnings tells the publisher which characters the print edition
// cannot show: they print as empty boxes, which no one should find only
// in the printed copy. The build still succeeds.
func glyphWarnings(st pdf.Stats) []string {
	var out []string
	if n := len(st.Missing); n > 0 {
		total := 0
		var list []string
		for _, u := range st.Missing {
			total += u.Count
			list = append(list, fmt.Sprintf("%s ×%d in %s", charName(u.Rune), u.Count, strings.Join(u.Where, ", ")))
		}
		out = append(out, fmt.Sprintf("the book font lacks %d character%s (%d in the text), which the PDF prints as empty boxes: %s; correct them in the text before printing",
			n, plural(n), total, strings.Join(list, "; ")))
	}
	for _, u := range st.Dropped {
		out = append(out, fmt.Sprintf("%d unreadable character%s (%s) left out of the PDF, in %s", u.Count, plural(u.Count), charName(u.Rune), strings.Join(u.Where, ", ")))
	}
	return out
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
