package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/urfave/cli/v3"
	"golang.org/x/term"
)

func logFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "log each stage and output, with timings"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print only warnings and errors"},
		&cli.StringFlag{Name: "log-format", Value: "text", Usage: "log lines as text or json (for scripts and CI)"},
	}
}

type loggerKey struct{}

// setUpLogging makes the logger the flags ask for. Logs go to stderr;
// results (the summary table) to stdout, so either can be redirected.
func setUpLogging(ctx context.Context, c *cli.Command) (context.Context, error) {
	if c.Bool("verbose") && c.Bool("quiet") {
		return ctx, fmt.Errorf("--verbose and --quiet together: choose one")
	}
	level := slog.LevelInfo
	switch {
	case c.Bool("verbose"):
		level = slog.LevelDebug
	case c.Bool("quiet"):
		level = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: level, ReplaceAttr: dropTime}
	var h slog.Handler
	switch c.String("log-format") {
	case "text":
		h = slog.NewTextHandler(c.Root().ErrWriter, opts)
	case "json":
		h = slog.NewJSONHandler(c.Root().ErrWriter, opts)
	default:
		return ctx, fmt.Errorf("unknown --log-format %q: use text or json", c.String("log-format"))
	}
	return context.WithValue(ctx, loggerKey{}, slog.New(h)), nil
}

// dropTime leaves the clock out of log lines: the lines of two runs can
// then be compared, and a terminal needs no timestamps.
func dropTime(groups []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey && len(groups) == 0 {
		return slog.Attr{}
	}
	return a
}

// logger is the run's logger (a quiet default when the command was not
// started through app's Before, as in some tests).
func logger(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey{}).(*slog.Logger); ok {
		return l
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn, ReplaceAttr: dropTime}))
}

// isTerminal says whether w is a terminal (for the progress bar).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
