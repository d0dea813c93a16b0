package outfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestWrite: a complete write lands under its name; a failing one leaves
// neither the file nor a temporary beside it, and keeps an older file.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sub", "book.epub")
	if err := Write(p, func(w io.Writer) error { _, err := io.WriteString(w, "first"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "first" {
		t.Fatalf("got %q", b)
	}
	boom := errors.New("renderer failed half-way")
	err := Write(p, func(w io.Writer) error {
		io.WriteString(w, "half a book")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want the renderer's", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "first" {
		t.Errorf("a failed write replaced the old file: %q", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Errorf("%d files in the folder, want only the book", len(entries))
	}
}
