package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v3"
)

// result is what became of one book.
type result struct {
	input           string
	pages           int // source pages
	printed         int // PDF pages, when a PDF was made
	docs, sections  int
	notes, paired   int
	joined, kept    int
	check, problems int // decisions to check, problems found
	decisions       int
	report          string
	outputs         []string
	warnings        []string // for the publisher, after the table
	took            time.Duration
	err             error
}

// runBooks makes every book the arguments name, --jobs at a time. One
// book failing (even by a bug) never stops the others; the run fails at
// the end if any book did. One book gets a detailed summary, many a table.
func runBooks(ctx context.Context, c *cli.Command, verb string, do func(context.Context, input) result) error {
	ins, err := gatherInputs(c.Args().Slice(), c.String("meta"))
	if err != nil {
		return err
	}
	jobs := int(c.Int("jobs"))
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	log := logger(ctx)
	quiet := c.Bool("quiet")
	out, errw := c.Root().Writer, c.Root().ErrWriter

	if len(ins) == 1 && len(c.Args().Slice()) <= 1 && !isDir(c.Args().First()) {
		r := runOne(ctx, ins[0], do)
		if r.err != nil {
			return r.err
		}
		if !quiet {
			r.details(out)
		}
		for _, w := range r.warnings {
			log.Warn(w, "book", r.input)
		}
		return nil
	}

	var bar *progressbar.ProgressBar
	if !quiet && isTerminal(errw) {
		bar = progressbar.NewOptions(len(ins),
			progressbar.OptionSetWriter(errw),
			progressbar.OptionSetDescription(verb),
			progressbar.OptionShowCount(),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	} else {
		log.Info(verb+" started", "books", len(ins), "jobs", min(jobs, len(ins)))
	}
	start := time.Now()
	results := make([]result, len(ins))
	sem := make(chan struct{}, jobs)
	var wg sync.WaitGroup
	var mu sync.Mutex // the bar and the log lines
	for i, in := range ins {
		select {
		case <-ctx.Done():
			results[i] = result{input: in.path, err: fmt.Errorf("not started: %v", context.Cause(ctx))}
			continue
		case sem <- struct{}{}:
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			r := runOne(ctx, in, do)
			results[i] = r
			mu.Lock()
			defer mu.Unlock()
			if bar != nil {
				bar.Add(1)
				return
			}
			if r.err != nil {
				log.Error(verb+" failed", "book", r.input, "err", firstLine(r.err))
			} else {
				log.Info(verb+" done", "book", r.input, "pages", max(r.printed, r.pages), "notes", r.notes, "took", r.took)
			}
		}()
	}
	wg.Wait()
	if bar != nil {
		bar.Finish()
	}
	failed := 0
	for _, r := range results {
		if r.err != nil {
			failed++
		}
	}
	if !quiet || failed > 0 {
		table(out, results, since(start))
	}
	for _, r := range results {
		for _, w := range r.warnings {
			log.Warn(w, "book", r.input)
		}
	}
	if failed > 0 {
		msg := fmt.Sprintf("%d of %d books failed (the others were made): see the table above", failed, len(results))
		switch {
		case len(results) == 1:
			msg = "1 book failed: see above"
		case failed == len(results):
			msg = fmt.Sprintf("all %d books failed: see the table above", failed)
		}
		return exitCode{1, msg}
	}
	return nil
}

// runOne makes one book and times it; a panic becomes its error.
func runOne(ctx context.Context, in input, do func(context.Context, input) result) (r result) {
	start := time.Now()
	defer func() {
		r.input = in.path
		r.took = since(start)
	}()
	defer recoverInto(&r.err) // runs first: a panic becomes r.err
	if in.err != nil {
		return result{err: in.err}
	}
	return do(ctx, in)
}

// details is the summary of a single book.
func (r result) details(w io.Writer) {
	fmt.Fprintf(w, "%s: %d pages, %d documents, %d sections, %d notes (%d paired), %d hyphens joined, %d kept\n",
		r.input, r.pages, r.docs, r.sections, r.notes, r.paired, r.joined, r.kept)
	fmt.Fprintf(w, "review: %s (%d decisions, %d to check, %d problems)\n", r.report, r.decisions, r.check, r.problems)
	for _, o := range r.outputs {
		fmt.Fprintf(w, "wrote %s\n", o)
	}
	fmt.Fprintf(w, "in %v\n", r.took)
}

// table is the summary of a batch, one row per book in input order, the
// failures' reasons under it.
func table(w io.Writer, results []result, took time.Duration) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "BOOK\tPAGES\tNOTES\tTO CHECK\tPROBLEMS\tWARNINGS\tTIME\tRESULT")
	failed := 0
	for _, r := range results {
		if r.err != nil {
			failed++
			fmt.Fprintf(tw, "%s\t-\t-\t-\t-\t-\t%s\tFAILED\n", r.input, seconds(r.took))
			continue
		}
		pages := r.pages
		if r.printed > 0 {
			pages = r.printed
		}
		fmt.Fprintf(tw, "%s\t%d\t%d/%d\t%d\t%d\t%d\t%s\tok\n", r.input, pages, r.paired, r.notes, r.check, r.problems, len(r.warnings), seconds(r.took))
	}
	tw.Flush()
	fmt.Fprintf(w, "%d book%s: %d made, %d failed, in %s\n", len(results), plural(len(results)), len(results)-failed, failed, seconds(took))
	for _, r := range results {
		if r.err != nil {
			fmt.Fprintf(w, "FAILED %s: %s\n", r.input, r.err)
		}
	}
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
