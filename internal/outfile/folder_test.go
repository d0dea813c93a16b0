package outfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func text(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFolderReplaces: an output replaces what folio wrote before (in this
// run or an earlier one), never a file folio did not write or one changed
// since, unless Overwrite; never an input of the run, even then.
func TestFolderReplaces(t *testing.T) {
	dir := t.TempDir()
	user := filepath.Join(dir, "vol1.report.txt")
	os.WriteFile(user, []byte("a book of the user's"), 0o644)
	input := filepath.Join(dir, "vol1.txt")
	os.WriteFile(input, []byte("THE TEXT"), 0o644)

	f := NewFolder(dir, false)
	f.Protect(input, filepath.Join(dir, "missing.yaml"))
	if err := f.Write("vol1.report.txt", text("report")); !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "was not written by folio") {
		t.Errorf("replaced a user's file: %v", err)
	}
	if err := f.Write("vol1.txt", text("report")); !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "an input of this run") {
		t.Errorf("replaced an input: %v", err)
	}
	if err := f.Write("vol1.epub", text("one")); err != nil {
		t.Fatal(err)
	}
	if err := f.Write("vol1.epub", text("two")); err != nil {
		t.Errorf("could not replace its own output: %v", err)
	}
	f.Release()
	if got := read(t, user) + "|" + read(t, input) + "|" + read(t, filepath.Join(dir, "vol1.epub")); got != "a book of the user's|THE TEXT|two" {
		t.Errorf("files: %q", got)
	}

	// A later run knows what the earlier one wrote, and notices a change.
	g := NewFolder(dir, false)
	if err := g.Write("vol1.epub", text("three")); err != nil {
		t.Errorf("a later run could not replace folio's output: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "vol1.epub"), []byte("edited by hand"), 0o644)
	if err := g.Write("vol1.epub", text("four")); !errors.Is(err, ErrExists) {
		t.Errorf("replaced a file changed since folio wrote it: %v", err)
	}
	g.Release()

	h := NewFolder(dir, true)
	h.Protect(input)
	if err := h.Write("vol1.report.txt", text("report")); err != nil {
		t.Errorf("--overwrite: %v", err)
	}
	if err := h.Write("vol1.txt", text("report")); !errors.Is(err, ErrExists) {
		t.Errorf("--overwrite replaced an input: %v", err)
	}
	h.Release()
	if read(t, input) != "THE TEXT" {
		t.Error("the input was replaced")
	}
}

// TestFolderLock: while one run holds a folder another cannot write in
// it; the lock goes with the run.
func TestFolderLock(t *testing.T) {
	dir := t.TempDir()
	a, b := NewFolder(dir, false), NewFolder(dir, false)
	if err := a.Hold(); err != nil {
		t.Fatal(err)
	}
	err := b.Write("x.pdf", text("b"))
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "process ") {
		t.Errorf("second run: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
		t.Error("the second run wrote")
	}
	a.Release()
	if _, err := os.Stat(filepath.Join(dir, LockName)); err == nil {
		t.Error("the lock file stays after the run")
	}
	if err := NewFolder(dir, false).Write("x.pdf", text("c")); err != nil {
		t.Errorf("after the first run: %v", err)
	}
}

// TestFolderSweeps: temporaries of killed runs (of this version and of
// earlier ones) are removed when a run opens the folder; a user's hidden
// files stay.
func TestFolderSweeps(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{".folio-0123456789abcdef.tmp", ".book.epub.1234567.tmp", ".book.report.json.99.tmp", ".notes.tmp", ".vimrc"} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	f := NewFolder(dir, false)
	if err := f.Hold(); err != nil {
		t.Fatal(err)
	}
	defer f.Release()
	if f.Swept() != 3 {
		t.Errorf("swept %d, want 3", f.Swept())
	}
	for _, n := range []string{".notes.tmp", ".vimrc"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s removed", n)
		}
	}
}

// TestWriteModeAndNames: an output gets the mode the umask gives; a name
// that nearly fills the file system's limit is written (the temporary
// name is short); an error names the output, not the temporary.
func TestWriteModeAndNames(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("n", 243) + ".report.json" // 255 bytes
	if err := Write(filepath.Join(dir, long), text("x")); err != nil {
		t.Fatalf("a 255-byte name: %v", err)
	}
	st, err := os.Stat(filepath.Join(dir, long))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o666&^umask {
		t.Errorf("mode %v, want %v (umask %v)", st.Mode().Perm(), 0o666&^umask, umask)
	}
	if os.Getuid() == 0 {
		t.Log("as root, a read-only folder is writable: the error message is not checked")
		return
	}
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o555)
	err = Write(filepath.Join(ro, "b.pdf"), text("x"))
	if err == nil || strings.Contains(err.Error(), ".tmp") || !strings.Contains(err.Error(), "b.pdf") {
		t.Errorf("error %v", err)
	}
}
