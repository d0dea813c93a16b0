package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckCommand: what folio builds passes folio check; a damaged file
// fails with exit status 1 and says why; a file that is neither EPUB nor
// PDF gives status 2.
func TestCheckCommand(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "book.txt")
	os.WriteFile(in, mustRead(t, "../../internal/pipeline/testdata/other-conventions.txt"), 0o644)
	out := filepath.Join(dir, "out")
	if err := run(t, "build", "--out", out, in); err != nil {
		t.Fatal(err)
	}
	stdout, _, err := runOut(t, "check", "--no-external", out)
	if err != nil || !strings.Contains(stdout, "EPUB PASS") || !strings.Contains(stdout, "PDF PASS") || !strings.Contains(stdout, "2 files checked: 2 passed") {
		t.Errorf("our own outputs: %v\n%s", err, stdout)
	}

	pdf := mustRead(t, filepath.Join(out, "book.pdf"))
	cut := filepath.Join(dir, "cut.pdf")
	os.WriteFile(cut, pdf[:len(pdf)/2], 0o644)
	stdout, _, err = runOut(t, "check", "--no-external", cut)
	var ex exitCode
	if !errors.As(err, &ex) || ex.code != 1 || !strings.Contains(stdout, "PDF FAIL") {
		t.Errorf("half a PDF: %v\n%s", err, stdout)
	}

	_, _, err = runOut(t, "check", in)
	if !errors.As(err, &ex) || ex.code != 2 {
		t.Errorf("a text file: %v, want exit status 2", err)
	}
	if _, _, err = runOut(t, "check"); !errors.As(err, &ex) || ex.code != 2 || !strings.Contains(err.Error(), "give EPUB or PDF") {
		t.Errorf("no files: %v", err)
	}
}
