package outfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestAbort: an interrupted write leaves no temporary file and no output;
// a file finished before the interruption stays whole; later writes are
// refused. (Abort is final for the process, so this test restores the
// package state when it ends.)
func TestAbort(t *testing.T) {
	t.Cleanup(func() { mu.Lock(); aborted = false; mu.Unlock() })
	dir := t.TempDir()
	done := filepath.Join(dir, "done.pdf")
	if err := Write(done, func(w io.Writer) error { _, err := io.WriteString(w, "whole"); return err }); err != nil {
		t.Fatal(err)
	}
	half := filepath.Join(dir, "half.epub")
	started, release := make(chan struct{}), make(chan struct{})
	errc := make(chan error)
	go func() {
		errc <- Write(half, func(w io.Writer) error {
			io.WriteString(w, "half a book")
			close(started)
			<-release
			_, err := io.WriteString(w, " and the rest")
			return err
		})
	}()
	<-started
	if n := Abort(); n != 1 {
		t.Errorf("Abort removed %d files, want 1", n)
	}
	close(release)
	if err := <-errc; !errors.Is(err, ErrAborted) {
		t.Errorf("interrupted write: %v, want ErrAborted", err)
	}
	if err := Write(filepath.Join(dir, "late.md"), func(w io.Writer) error { return nil }); !errors.Is(err, ErrAborted) {
		t.Errorf("write after Abort: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "done.pdf" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v, want only done.pdf", names)
	}
	if b, _ := os.ReadFile(done); string(b) != "whole" {
		t.Errorf("finished file: %q", b)
	}
}
