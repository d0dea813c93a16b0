// Command folio turns the OCR text layer of a scanned book into a clean
// EPUB 3 and a typeset print PDF, and reports every decision it made.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"

	"github.com/urfave/cli/v3"

	"folio/internal/check"
	"folio/internal/outfile"
	"folio/internal/termtext"
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
	onInterrupt()
	if err := app().Run(context.Background(), os.Args); err != nil {
		var ex exitCode
		if !errors.As(err, &ex) || ex.msg != "" {
			// The message may quote a file's name or bytes: printed safe
			// for a terminal.
			fmt.Fprintln(os.Stderr, "folio: "+termtext.Text(strings.TrimPrefix(err.Error(), "folio: ")))
		}
		pprof.StopCPUProfile()
		code := 1
		if errors.As(err, &ex) {
			code = ex.code
		}
		os.Exit(code)
	}
}

// exitCode is an error with its own exit status (folio check: 1 when a
// file fails, 2 when it cannot be read at all).
type exitCode struct {
	code int
	msg  string
}

func (e exitCode) Error() string { return e.msg }

// onInterrupt makes Ctrl-C, a TERM signal or a closed terminal (HUP)
// stop folio at once without leaving anything behind: the files being
// written are removed, no more are started or renamed, finished outputs
// stay, each complete; the outside checkers folio check runs (a JVM for
// epubcheck) are killed and their work folders removed.
func onInterrupt() {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		s := <-sig
		n := outfile.Abort()
		k := check.Abort()
		msg := fmt.Sprintf("\nfolio: interrupted; %d unfinished file%s removed, finished outputs kept", n, plural(n))
		if k > 0 {
			msg += fmt.Sprintf("; %d outside checker%s stopped", k, plural(k))
		}
		// A closed terminal takes stderr with it: the write may fail.
		fmt.Fprintln(os.Stderr, msg)
		pprof.StopCPUProfile()
		code := 130 // the shell's convention: 128 + the signal's number
		switch s {
		case syscall.SIGTERM:
			code = 143
		case syscall.SIGHUP:
			code = 129
		}
		os.Exit(code)
	}()
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

With no INPUT, folio uses its bundled sample book. Give it several files or
folders (every .txt inside, recursively) to build a shelf of books at once.
Metadata (title, author, ISBN, cover…) comes from BOOK.yaml (or
BOOK.txt.yaml) beside each BOOK.txt, or --meta. Every decision is written to OUT/<name>.report.json and
.report.txt, uncertain ones first, so an editor can check the edition quickly.`,
		Flags:    logFlags(),
		Before:   setUpLogging,
		Commands: []*cli.Command{cleanCommand(), buildCommand(), checkCommand()},
	}
}

// The flags are made afresh for each command line: a flag holds its value,
// and tests run several command lines in one process.
func outFlag() cli.Flag {
	return &cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "output", Usage: "folder to write into"}
}

func jobsFlag() cli.Flag {
	return &cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: "books made (or files checked) at once; the default is the number of CPUs"}
}

func cleanCommand() *cli.Command {
	return &cli.Command{
		Name:      "clean",
		Usage:     "clean and structure books; write Markdown, the book model (JSON) and the review report",
		ArgsUsage: "[INPUT.txt | FOLDER]…",
		Flags:     append([]cli.Flag{outFlag(), metaFlag(), fixesFlag(), jobsFlag()}, trustFlags()...),
		Action: func(ctx context.Context, c *cli.Command) error {
			return runBooks(ctx, c, "clean", func(ctx context.Context, in input) result {
				j, err := in.load(ctx, c.String("out"), nil)
				if err != nil {
					return result{err: err}
				}
				r := j.result()
				r.err = j.writeClean()
				r.outputs = []string{j.path(".md"), j.path(".book.json"), j.path(sampleExt) + " (the fixes that would overturn the report's doubts: see it)"}
				return r
			})
		},
	}
}
