package check

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"folio/internal/check/checktest"
)

// TestBudgets: a file made to exhaust the checker fails when it reaches
// its budget, with a finding that says so; a sound file passes. (The
// budgets are made small here; cmd/folio's hostile tests run the real
// ones under a memory limit.)
func TestBudgets(t *testing.T) {
	small := Options{MaxBytes: 1 << 20, MaxElements: 10_000}
	for _, c := range []struct {
		name string
		r    Result
		want string
	}{
		{"element bomb", EPUB(bg, checktest.ElementBomb(20_000), small), "the book's documents hold more than 10000 elements"},
		{"zip bomb", EPUB(bg, checktest.ZipBomb(4, 400<<10), small), "the archive unpacks to more than 1 MB"},
		{"flate bomb PDF", PDF(bg, checktest.PDF("BT ET", 3, 600<<10), small), "its streams decompress to more than 1 MB"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !has(c.r, Error, c.want) {
				t.Errorf("want an error %q in:\n%s", c.want, report(c.r))
			}
		})
	}
	for _, r := range []Result{EPUB(bg, checktest.EPUB(), small), PDF(bg, checktest.PDF("BT ET", 1, 1000), small)} {
		if r.Failed() {
			t.Errorf("a sound file fails:\n%s", report(r))
		}
	}
}

// TestArchiveNames: entries whose names would unpack outside the folder
// are errors.
func TestArchiveNames(t *testing.T) {
	r := EPUB(bg, checktest.UnsafeNames(), Options{})
	for _, want := range []string{"../../evil.txt: the entry's name climbs out of the archive with ..", "/etc/evil: the entry's name is an absolute path", `C:\evil.txt: the entry's name names a Windows drive`} {
		if !has(r, Error, want) {
			t.Errorf("want an error %q in:\n%s", want, report(r))
		}
	}
}

// TestPDFCutOrBroken: a PDF missing its last bytes, or whose
// cross-reference offset is wrong, fails (lenient readers repair both).
func TestPDFCutOrBroken(t *testing.T) {
	good := checktest.PDF("BT ET", 0, 0)
	if r := PDF(bg, good, Options{}); has(r, Error, "%%EOF") || has(r, Error, "startxref") {
		t.Fatalf("the sound PDF:\n%s", report(r))
	}
	_, sample := sampleFiles(t)
	for name, c := range map[string]struct {
		data []byte
		want string
	}{
		"last 20 bytes missing": {checktest.Truncated(sample, 20), "does not end with %%EOF"},
		"broken xref offset":    {checktest.BrokenXref(sample), "does not lead to the cross-reference table"},
	} {
		r := PDF(bg, c.data, Options{External: true})
		if !has(r, Error, c.want) || !r.Failed() {
			t.Errorf("%s: want an error %q in:\n%s", name, c.want, report(r))
		}
	}
}

// TestToolPaths: a file whose name looks like an option (-x.pdf,
// --help.pdf) or an argument file (@x.pdf) is checked like any other.
func TestToolPaths(t *testing.T) {
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Skip("qpdf not installed (Debian package qpdf): skipping")
	}
	_, sample := sampleFiles(t)
	dir := t.TempDir()
	t.Chdir(dir)
	for _, name := range []string{"-x.pdf", "@x.pdf", "--help.pdf"} {
		if err := os.WriteFile(name, sample, 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := File(bg, name, Options{External: true})
		if err != nil || r.Failed() || !has(r, Info, "qpdf --check found no syntax or stream errors") {
			t.Errorf("%s: %v\n%s", name, err, report(r))
		}
	}
}

// TestAbortTools: Abort kills the outside tools running (the whole
// process group) and removes their work folders.
func TestAbortTools(t *testing.T) {
	t.Cleanup(func() { tools.Lock(); tools.aborted = false; tools.Unlock() })
	dir, _, err := workDir([]byte("x"), "", "book.pdf")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		// a shell that starts a child, as java -jar does threads and tools do helpers
		_, err := runTool(context.Background(), "sh", "-c", "sleep 30 & sleep 30; wait")
		done <- err
	}()
	for {
		tools.Lock()
		n := len(tools.procs)
		tools.Unlock()
		if n > 0 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond) // let the shell start its children
	if n := Abort(); n != 1 {
		t.Errorf("Abort killed %d tools, want 1", n)
	}
	select {
	case err := <-done:
		if err == nil {
			t.Error("the tool ran to its end")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the tool still runs 5 s after Abort")
	}
	if time.Since(start) > 10*time.Second {
		t.Error("Abort did not stop the tool")
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("the work folder is left")
	}
	if _, err := runTool(context.Background(), "true"); err == nil {
		t.Error("a tool started after Abort")
	}
	if out, _ := exec.Command("pgrep", "-f", "sleep 30").Output(); len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("processes of the tool left: %s", out)
	}
}

// TestWriteTextIsSafe: a title or name holding terminal escapes is
// printed escaped.
func TestWriteTextIsSafe(t *testing.T) {
	r := Result{File: filepath.Join("x", "evil\x1b]0;owned\x07.pdf"), Kind: "pdf", Facts: []string{"title “\x1b[2J\x1b[31mRED”"},
		Findings: []Finding{{Severity: Warning, Where: "page \x1b[1m1", Message: "font \x9b31m"}}}
	out := report(r)
	if strings.ContainsAny(out, "\x1b\x07\u009b") {
		t.Errorf("raw control characters printed: %q", out)
	}
	if !strings.Contains(out, `evil\x1b]0;owned\x07.pdf`) || !strings.Contains(out, `\x1b[2J`) {
		t.Errorf("escapes not shown: %q", out)
	}
}

// TestImages: the book's pictures are decoded and checked: a cover too
// large for any store, a truncated or CMYK JPEG fail; a 16-bit PNG is a
// warning; a sound one passes.
func TestImages(t *testing.T) {
	cmyk, err := os.ReadFile("../../testdata/hostile/cmyk.jpeg")
	if err != nil {
		t.Fatal(err)
	}
	good := checktest.JPEG(1600, 2560)
	for _, c := range []struct {
		name      string
		img       []byte
		mediaType string
		sev       Severity
		want      string
	}{
		{"50000 × 50000 PNG", checktest.HugePNG(50000, 50000), "image/png", Error, "is 50000 × 50000 pixels: stores take at most 10000 pixels a side"},
		{"truncated JPEG", good[:len(good)/2], "image/jpeg", Error, "is a damaged or truncated JPEG image"},
		{"CMYK JPEG", cmyk, "image/jpeg", Error, "is a CMYK JPEG"},
		{"16-bit PNG", checktest.DeepPNG(1000, 1600), "image/png", Warning, "is a 16-bit PNG"},
		{"small cover", checktest.JPEG(200, 320), "image/jpeg", Warning, "stores ask for at least 1000 on the long side"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := EPUB(bg, checktest.WithCover(c.img, c.mediaType), Options{})
			if !has(r, c.sev, "the cover image", c.want) {
				t.Errorf("want a %s %q in:\n%s", c.sev, c.want, report(r))
			}
		})
	}
	if r := EPUB(bg, checktest.WithCover(good, "image/jpeg"), Options{}); r.Failed() || r.Count(Warning) > 1 {
		t.Errorf("a sound cover:\n%s", report(r))
	}
}
