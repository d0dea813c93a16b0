// Command folio turns the OCR text layer of a scanned book into a clean
// EPUB 3 and a typeset print PDF, and reports every decision it made.
package main

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"strings"

	"github.com/urfave/cli/v3"
)

func main() {
	// FOLIO_CPUPROFILE=file profiles a run, for performance work.
	if path := os.Getenv("FOLIO_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			if pprof.StartCPUProfile(f) == nil {
				defer pprof.StopCPUProfile()
			}
		}
	}
	if err := runApp(); err != nil {
		fmt.Fprintln(os.Stderr, "folio: "+strings.TrimPrefix(err.Error(), "folio: "))
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func runApp() error {
	if err := app().Run(context.Background(), os.Args); err != nil {
		return err
	}
	return nil
}

// app is the command line, separate from main so tests can run it.
func app() *cli.Command {
	return &cli.Command{
		Name:  "folio",
		Usage: "make a clean EPUB and a print-ready PDF from the OCR text of a scanned book",
		Description: `folio reads the raw text layer of a scanned book (OCR output or a PDF's
text, page-broken, with line-end hyphens, page numbers, running heads and
footnotes flattened into the text) and builds a cleaned, structured book:
an EPUB 3 for e-readers and a typeset PDF for print-on-demand.

With no INPUT, folio uses its bundled sample book. Metadata (title,
author, ISBN, cover…) comes from INPUT.yaml beside the input, or --meta.
Every decision is written to OUT/<name>.report.json and .report.txt,
uncertain ones first, so an editor can check the edition quickly.`,
		Commands: []*cli.Command{cleanCommand(), buildCommand()},
	}
}

var outFlag = &cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "output", Usage: "folder to write into"}

func cleanCommand() *cli.Command {
	return &cli.Command{
		Name:      "clean",
		Usage:     "clean and structure the book; write Markdown, the book model (JSON) and the review report",
		ArgsUsage: "[INPUT.txt]",
		Flags:     []cli.Flag{outFlag, metaFlag},
		Action: func(ctx context.Context, c *cli.Command) error {
			job, err := load(c, nil)
			if err != nil {
				return err
			}
			return job.writeClean()
		},
	}
}
