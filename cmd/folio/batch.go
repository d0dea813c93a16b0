package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v3"

	"folio/internal/meta"
	"folio/internal/outfile"
	"folio/internal/termtext"
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
	meta            string // the metadata file read, or "none"
	fixes           string // the corrections applied, or ""
	outputs         []string
	warnings        []string // for the publisher, after the table
	took            time.Duration
	err             error
}

// runBooks makes every book the arguments name, --jobs at a time. One
// book failing (even by a bug) never stops the others; the run fails at
// the end if any book did. One book gets a detailed summary, many a table.
func runBooks(ctx context.Context, c *cli.Command, verb string, do func(context.Context, input) result) error {
	log := logger(ctx)
	ins, notes, err := gatherInputs(c.Args().Slice(), c.String("meta"), c.String("out"))
	if err != nil {
		return err
	}
	for _, n := range notes {
		log.Warn(n)
	}
	if err := checkFixesFlag(c, ins); err != nil {
		return err
	}
	jobs := int(c.Int("jobs"))
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	quiet := c.Bool("quiet")
	out, errw := c.Root().Writer, c.Root().ErrWriter

	// The output folder is held for the whole run: a second run into it
	// fails now, before any work, and no output replaces an input.
	folder := outfile.NewFolder(c.String("out"), c.Bool("overwrite"))
	if err := folder.Hold(); err != nil {
		return err
	}
	defer folder.Release()
	if n := folder.Swept(); n > 0 {
		log.Info("removed temporary files that interrupted runs left", "folder", c.String("out"), "files", n)
	}
	// Each book's metadata is read on its own (bounded: a FIFO or a
	// device is refused at once), its failure that book's alone, before
	// any book is made: metadata may name the outputs, and the names must
	// be settled, the same from run to run, before a file is written.
	opt := meta.Options{AllowOutside: c.Bool("allow-outside")}
	each(ctx, ins, jobs, func(in *input) {
		defer recoverInto(&in.err)
		if in.err == nil {
			in.err = in.loadMeta(c.String("meta"), opt)
		}
		if in.err == nil {
			in.err = in.loadFixes(c.String("fixes"), opt.AllowOutside)
		}
	})
	nameOutputs(ins, longestExt(verb))
	protect(folder, ins)
	for i := range ins {
		ins[i].out = folder
	}

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

// each runs fn on every input, jobs at a time.
func each(ctx context.Context, ins []input, jobs int, fn func(*input)) {
	sem := make(chan struct{}, jobs)
	var wg sync.WaitGroup
	for i := range ins {
		if ctx.Err() != nil {
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			fn(&ins[i])
		}()
	}
	wg.Wait()
}

// runOne makes one book and times it; a panic becomes its error.
func runOne(ctx context.Context, in input, do func(context.Context, input) result) (r result) {
	start := time.Now()
	defer func() {
		r.input = in.path
		r.took = since(start)
		if r.meta == "" && in.err == nil {
			r.meta = in.metaName()
		}
	}()
	defer recoverInto(&r.err) // runs first: a panic becomes r.err
	if in.err != nil {
		return result{err: in.err}
	}
	return do(ctx, in)
}

// details is the summary of a single book. Names come from the user's
// files: printed safe for a terminal.
func (r result) details(w io.Writer) {
	fmt.Fprintf(w, "%s: %d pages, %d documents, %d sections, %d notes (%d paired), %d hyphens joined, %d kept\n",
		termtext.Line(r.input), r.pages, r.docs, r.sections, r.notes, r.paired, r.joined, r.kept)
	if r.meta == "none" {
		fmt.Fprintf(w, "metadata: none (the title comes from the file name; put the book's data in BOOK.yaml beside it)\n")
	} else {
		fmt.Fprintf(w, "metadata: %s\n", termtext.Line(r.meta))
	}
	if r.fixes != "" {
		fmt.Fprintf(w, "fixes: %s\n", termtext.Line(r.fixes))
	}
	fmt.Fprintf(w, "review: %s (%d decisions, %d to check, %d problems)\n", termtext.Line(r.report), r.decisions, r.check, r.problems)
	for _, o := range r.outputs {
		fmt.Fprintf(w, "wrote %s\n", termtext.Line(o))
	}
	fmt.Fprintf(w, "in %v\n", r.took)
}

// table is the summary of a batch, one row per book in input order, the
// failures' reasons under it.
func table(w io.Writer, results []result, took time.Duration) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "BOOK\tMETADATA\tPAGES\tNOTES\tTO CHECK\tPROBLEMS\tWARNINGS\tTIME\tRESULT")
	failed := 0
	for _, r := range results {
		metaName := "-"
		if r.meta != "" {
			metaName = termtext.Line(filepath.Base(r.meta))
		}
		if r.err != nil {
			failed++
			fmt.Fprintf(tw, "%s\t%s\t-\t-\t-\t-\t-\t%s\tFAILED\n", termtext.Line(r.input), metaName, seconds(r.took))
			continue
		}
		pages := r.pages
		if r.printed > 0 {
			pages = r.printed
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d/%d\t%d\t%d\t%d\t%s\tok\n", termtext.Line(r.input), metaName, pages, r.paired, r.notes, r.check, r.problems, len(r.warnings), seconds(r.took))
	}
	tw.Flush()
	fmt.Fprintf(w, "%d book%s: %d made, %d failed, in %s\n", len(results), plural(len(results)), len(results)-failed, failed, seconds(took))
	for _, r := range results {
		if r.err != nil {
			fmt.Fprintf(w, "FAILED %s: %s\n", termtext.Line(r.input), termtext.Text(r.err.Error()))
		}
	}
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
