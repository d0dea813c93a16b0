package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runOut runs folio in-process and returns what it printed on stdout
// (results) and stderr (logs).
func runOut(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var o, e bytes.Buffer
	cmd := app()
	cmd.Writer, cmd.ErrWriter = &o, &e
	err = cmd.Run(context.Background(), append([]string{"folio"}, args...))
	return o.String(), e.String(), err
}

// shelf makes a folder of small books: two with the same file name in
// different folders, one PDF given a .txt name by mistake.
func shelf(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	book := mustRead(t, "../../internal/pipeline/testdata/other-conventions.txt")
	for _, p := range []string{"a/book.txt", "b/book.txt", "c/other.txt"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, p), book, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "c", "scan.txt"), []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "c", "notes.md"), []byte("not a book"), 0o644)
	os.MkdirAll(filepath.Join(dir, ".hidden"), 0o755)
	os.WriteFile(filepath.Join(dir, ".hidden", "x.txt"), book, 0o644)
	return dir
}

// TestBatch: a folder of books is built concurrently; the bad one fails
// with its reason in the table, every other book is complete, the run
// exits non-zero, and same-named books in different folders do not
// overwrite each other.
func TestBatch(t *testing.T) {
	in, out := shelf(t), t.TempDir()
	stdout, stderr, err := runOut(t, "build", "--jobs", "2", "--format", "epub", "--out", out, in)
	var ex exitCode
	if !errors.As(err, &ex) || ex.code != 1 || !strings.Contains(err.Error(), "1 of 4 books failed") {
		t.Fatalf("error %v, want 1 of 4 books failed", err)
	}
	for _, want := range []string{
		"BOOK", "PAGES", "NOTES", "WARNINGS", "TIME",
		filepath.Join(in, "a", "book.txt"), filepath.Join(in, "c", "scan.txt"),
		"4 books: 3 made, 1 failed",
		"FAILED " + filepath.Join(in, "c", "scan.txt") + ": scan.txt is a PDF",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, ".hidden") || strings.Contains(stdout, "notes.md") {
		t.Errorf("hidden folders or non-text files were taken as books:\n%s", stdout)
	}
	if !strings.Contains(stderr, `msg="build failed"`) || !strings.Contains(stderr, `msg="build done"`) {
		t.Errorf("no log line per book (not a terminal):\n%s", stderr)
	}
	for _, name := range []string{"a-book.epub", "b-book.epub", "other.epub", "a-book.report.txt", "other.report.json"} {
		st, err := os.Stat(filepath.Join(out, name))
		if err != nil || st.Size() < 100 {
			t.Errorf("%s: %v", name, err)
		}
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "scan") || strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("the failed book left %s", e.Name())
		}
	}
	if len(entries) != 10 { // 3 books × (epub, report.json, report.txt), and folio's record of them
		t.Errorf("%d files in the output folder, want 10", len(entries))
	}
}

// TestBatchFlags: flags that name one book's data are refused for many.
func TestBatchFlags(t *testing.T) {
	in := shelf(t)
	a, b := filepath.Join(in, "a", "book.txt"), filepath.Join(in, "b", "book.txt")
	for _, args := range [][]string{
		{"build", "--meta", "x.yaml", a, b},
		{"build", "--title", "T", a, b},
		{"build", "--isbn", "9780306406157", in},
		{"--verbose", "--quiet", "build", a},
		{"--log-format", "xml", "build", a},
	} {
		out := t.TempDir()
		if _, _, err := runOut(t, append(args[:len(args):len(args)], "--out", out)...); err == nil {
			t.Errorf("%v accepted", args)
		}
		if entries, _ := os.ReadDir(out); len(entries) > 0 {
			t.Errorf("%v: refused run wrote %d files", args, len(entries))
		}
	}
}

// TestOutputNames: a metadata output name is used; one that would leave
// the output folder fails that book only, and nothing is written outside.
func TestOutputNames(t *testing.T) {
	dir := t.TempDir()
	book := mustRead(t, "../../internal/pipeline/testdata/other-conventions.txt")
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	for name, yaml := range map[string]string{
		"good.txt": "title: Good\noutput: good-edition\n",
		"evil.txt": "title: Evil\noutput: ../../escaped\n",
		"same.txt": "title: Same\noutput: good-edition\n",
	} {
		os.WriteFile(filepath.Join(in, name), book, 0o644)
		os.WriteFile(filepath.Join(in, name+".yaml"), []byte(yaml), 0o644)
	}
	out := filepath.Join(dir, "deep", "out")
	stdout, _, err := runOut(t, "clean", "--out", out, in)
	if err == nil || !strings.Contains(err.Error(), "2 of 3 books failed") {
		t.Fatalf("error %v", err)
	}
	if !strings.Contains(stdout, "folder separator") || !strings.Contains(stdout, "like those of") {
		t.Errorf("reasons missing:\n%s", stdout)
	}
	if _, err := os.Stat(filepath.Join(out, "good-edition.md")); err != nil {
		t.Error(err)
	}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if strings.Contains(p, "escaped") {
			t.Errorf("a file escaped the output folder: %s", p)
		}
		return nil
	})
}

// TestQuietVerboseJSON: --quiet prints nothing on success; --verbose logs
// each stage and output; --log-format json gives one JSON object a line.
func TestQuietVerboseJSON(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "book.txt")
	os.WriteFile(in, mustRead(t, "../../internal/pipeline/testdata/other-conventions.txt"), 0o644)

	stdout, stderr, err := runOut(t, "--quiet", "clean", "--out", dir, in)
	if err != nil || stdout != "" || stderr != "" {
		t.Errorf("--quiet: err %v, stdout %q, stderr %q", err, stdout, stderr)
	}
	stdout, stderr, err = runOut(t, "clean", "--verbose", "--out", dir, in)
	if err != nil || !strings.Contains(stdout, "wrote "+filepath.Join(dir, "book.md")) ||
		!strings.Contains(stderr, "level=DEBUG msg=cleaned") || !strings.Contains(stderr, "msg=wrote") || !strings.Contains(stderr, "file="+filepath.Join(dir, "book.book.json")) {
		t.Errorf("--verbose: err %v\nstdout %s\nstderr %s", err, stdout, stderr)
	}
	_, stderr, err = runOut(t, "--log-format", "json", "-v", "clean", "--out", dir, in)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if err != nil || len(lines) < 3 {
		t.Fatalf("json: err %v, %q", err, stderr)
	}
	for _, l := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil || rec["msg"] == nil || rec["level"] == nil || rec["time"] != nil {
			t.Errorf("not a JSON log record without time: %s (%v)", l, err)
		}
	}
}

// TestPanicIsOneBooksError: a bug that panics while making one book is
// reported as that book's error, asking for a report; nothing crashes.
func TestPanicIsOneBooksError(t *testing.T) {
	r := runOne(context.Background(), input{path: "x.txt"}, func(context.Context, input) result {
		var m map[string]int
		m["boom"]++ // a nil map write: a real runtime panic
		return result{}
	})
	if r.err == nil || !strings.Contains(r.err.Error(), "internal error") || !strings.Contains(r.err.Error(), "please report") || r.input != "x.txt" {
		t.Errorf("got %+v", r)
	}
	err := parallel(func() error { return nil }, func() error { panic("in a writer") })
	if err == nil || !strings.Contains(err.Error(), "in a writer") {
		t.Errorf("parallel: %v", err)
	}
}

// TestCoverSniffed: a cover is taken by its bytes, not its name.
func TestCoverSniffed(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "book.txt")
	os.WriteFile(in, mustRead(t, "../../internal/pipeline/testdata/other-conventions.txt"), 0o644)
	os.WriteFile(filepath.Join(dir, "cover.jpg"), []byte("%PDF-1.4 not an image"), 0o644)
	os.WriteFile(in+".yaml", []byte("title: T\ncover: cover.jpg\n"), 0o644)
	out := filepath.Join(dir, "out")
	err := run(t, "build", "--format", "epub", "--out", out, in)
	if err == nil || !strings.Contains(err.Error(), "is a PDF, not an image") {
		t.Errorf("a PDF named cover.jpg: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "book.epub")); err == nil {
		t.Error("EPUB written with a bad cover")
	}
}
