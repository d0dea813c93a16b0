package userfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRead: a regular file is read whole; a FIFO (with no writer), a
// device, a folder and a file over the limit are refused at once, each
// with what it is and what to do.
func TestRead(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "book.txt")
	os.WriteFile(small, []byte("THE TITLE\n\nText.\n"), 0o644)
	fifo := filepath.Join(dir, "fifo.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.yaml")
	os.WriteFile(big, make([]byte, Metadata.Limit+1), 0o644)
	link := filepath.Join(dir, "link.txt")
	os.Symlink(small, link)

	tests := []struct {
		path string
		kind Kind
		want string // "" for a read
		is   error
	}{
		{small, Text, "", nil},
		{link, Text, "", nil}, // a link the user gave is followed
		{fifo, Metadata, "is a named pipe (FIFO), not a regular file: give folio the metadata as a file", ErrNotRegular},
		{"/dev/zero", Cover, "is a character device, not a regular file: give the cover as a JPEG or PNG file", ErrNotRegular},
		{dir, Text, "is a folder, not a regular file", ErrNotRegular},
		{big, Metadata, "is over 1 MB: folio takes metadata files of at most 1 MB", ErrTooLarge},
		{filepath.Join(dir, "missing.txt"), Text, "cannot read the text: no such file", os.ErrNotExist},
	}
	for _, c := range tests {
		start := time.Now()
		data, err := Read(c.path, c.kind)
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("%s: took %v", c.path, took)
		}
		if c.want == "" {
			if err != nil || !strings.HasPrefix(string(data), "THE TITLE") {
				t.Errorf("%s: %q, %v", c.path, data, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), c.path+": ") || !errors.Is(err, c.is) {
			t.Errorf("%s: error %v, want %q", c.path, err, c.want)
		}
	}
}

// TestReadAllStopsAtLimit: a file that grows after it was opened (its
// size checked) is read only up to the limit.
func TestReadAllStopsAtLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "grows.yaml")
	os.WriteFile(p, []byte("title: x\n"), 0o644)
	k := Kind{What: "metadata file", Limit: 1000, TooLarge: "keep it short"}
	f, err := Open(p, k)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	os.WriteFile(p, make([]byte, 5000), 0o644)
	if _, err := ReadAll(f, p, k); !errors.Is(err, ErrTooLarge) {
		t.Errorf("grown file: %v", err)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{512: "512 bytes", 2048: "2 KB", 16 << 20: "16 MB", 3<<30 + 1<<29: "3.5 GB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
