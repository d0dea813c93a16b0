package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/urfave/cli/v3"

	"folio/internal/check"
	"folio/internal/printer"
)

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:  "check",
		Usage: "check EPUBs and PDFs before upload to a store or a print-on-demand service",
		Description: `folio check reads EPUB and PDF files (folio's or anyone's; folders are
searched for .epub and .pdf files) and reports what a store or a print
service would refuse, and what else should be fixed, each with what to do.
EPUB: container and package document, metadata, manifest and spine, every
link and footnote both ways, and epubcheck when installed. PDF: fonts
embedded, page boxes (TrimBox), trim size, even page count, outline,
document info, and qpdf --check when installed. With --printer, also the
print service's own rules: page count, margins and gutter by page count,
bookmarks (KDP), PDF/X-1a (IngramSpark), blank last page; a wrap cover
(BOOK.cover.pdf) is checked for its size from the spine formula, bleed,
spine text and barcode area.

Exit status: 0 when every file passes, 1 when any fails (with --strict,
warnings fail too), 2 when a file cannot be read or is not an EPUB or PDF.`,
		ArgsUsage: "FILE.epub|FILE.pdf|FOLDER…",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "strict", Usage: "fail on warnings too"},
			&cli.BoolFlag{Name: "no-external", Usage: "do not run epubcheck or qpdf even when installed"},
			&cli.StringFlag{Name: "printer", Usage: "also check PDFs against a print service's rules: " + strings.Join(printer.Names(), ", ")},
			jobsFlag(),
		},
		Action: runCheck,
	}
}

func runCheck(ctx context.Context, c *cli.Command) error {
	files, err := checkFiles(c.Args().Slice())
	if err != nil {
		return exitCode{2, err.Error()}
	}
	if _, err := printer.Get(c.String("printer")); err != nil {
		return exitCode{2, err.Error()}
	}
	opt := check.Options{External: !c.Bool("no-external"), Printer: c.String("printer")}
	jobs := max(int(c.Int("jobs")), 1)
	if !c.IsSet("jobs") {
		jobs = 2 // epubcheck is a JVM: two at once is plenty
	}
	results := make([]check.Result, len(files))
	errs := make([]error, len(files))
	sem := make(chan struct{}, jobs)
	var wg sync.WaitGroup
	log := logger(ctx)
	for i, f := range files {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			defer recoverInto(&errs[i])
			log.Debug("checking", "file", f)
			results[i], errs[i] = check.File(ctx, f, opt)
		}()
	}
	wg.Wait()

	out := c.Root().Writer
	failed, unreadable := 0, 0
	for i, r := range results {
		if errs[i] != nil {
			unreadable++
			log.Error("cannot check", "file", files[i], "err", firstLine(errs[i]))
			continue
		}
		fail := r.Failed() || c.Bool("strict") && r.Count(check.Warning) > 0
		if fail {
			failed++
		}
		if !c.Bool("quiet") || fail {
			r.WriteText(out)
		}
	}
	if len(files) > 1 && !c.Bool("quiet") {
		fmt.Fprintf(out, "%d file%s checked: %d passed, %d failed, %d unreadable\n",
			len(files), plural(len(files)), len(files)-failed-unreadable, failed, unreadable)
	}
	switch {
	case unreadable > 0:
		return exitCode{2, fmt.Sprintf("%d file%s could not be checked: see above", unreadable, plural(unreadable))}
	case failed > 0:
		what := "errors"
		if c.Bool("strict") {
			what = "errors or warnings (--strict)"
		}
		return exitCode{1, fmt.Sprintf("%d of %d file%s failed the check (%s): see above", failed, len(files), plural(len(files)), what)}
	}
	return nil
}

// checkFiles lists the files to check: files as given, folders searched
// for .epub and .pdf files.
func checkFiles(args []string) ([]string, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("check what? give EPUB or PDF files or folders, e.g. folio check output/")
	}
	var files []string
	for _, a := range args {
		if !isDir(a) {
			files = append(files, a) // check.File says what is wrong with it
			continue
		}
		n := len(files)
		err := filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != a && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			// Files, links to them, and anything else so named (a FIFO):
			// reading it says what is wrong with it. Folders are not.
			if ext := strings.ToLower(filepath.Ext(p)); !d.IsDir() && (ext == ".epub" || ext == ".pdf") {
				if st, err := os.Stat(p); err == nil && st.IsDir() {
					return nil
				}
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("cannot read the folder %s: %w", a, err)
		}
		if len(files) == n {
			return nil, fmt.Errorf("the folder %s holds no .epub or .pdf files", a)
		}
	}
	return files, nil
}
