package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run(t *testing.T, args ...string) error {
	t.Helper()
	return runBench(args...)
}

// TestBadInput: every bad input gets a clear error that says what is
// wrong and what to do, and leaves no file behind.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty.txt", nil, "empty"},
		{"blank.txt", []byte("\n\n   \n"), "empty"},
		{"book.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "pdftotext"},
		{"book.epub", []byte("PK\x03\x04\x14\x00\x00\x00"), "ZIP"},
		{"binary.bin", []byte{0x00, 0x01, 0x02, 0x00, 0x00, 0x17, 0x00, 0x00, 0x00, 0x1f, 0x00}, "binary"},
		{"numbers.txt", []byte("1\n2\n3\n\n4 5 6\n"), "no words"},
		{"utf16.txt", []byte{0xFF, 0xFE, 'a', 0, 'b', 0}, "UTF-16"},
	}
	for _, c := range cases {
		out := filepath.Join(dir, "out-"+c.name)
		err := run(t, "clean", "--out", out, write(c.name, c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", c.name, err, c.want)
		}
		if entries, _ := os.ReadDir(out); len(entries) > 0 {
			t.Errorf("%s: left %d files in the output folder", c.name, len(entries))
		}
	}
	if err := run(t, "clean", "--out", dir, filepath.Join(dir, "missing.txt")); err == nil || !strings.Contains(err.Error(), "cannot read") {
		t.Errorf("missing file: %v", err)
	}
	empty := filepath.Join(dir, "empty-folder")
	os.Mkdir(empty, 0o755)
	if err := run(t, "clean", "--out", dir, empty); err == nil || !strings.Contains(err.Error(), "1 book failed") {
		t.Errorf("a folder with no books: %v", err)
	}
}

// TestUnusualButValidInput: Latin-1 text, CRLF line ends and text with no
// page structure are cleaned, not refused.
func TestUnusualButValidInput(t *testing.T) {
	dir := t.TempDir()
	latin1 := []byte("THE CAF\xc9 LETTER\n\nMarch 3, 1921\n\nWe met at the caf\xe9 and dis-\ncussed the na\xefve plan.\n")
	crlf := []byte(strings.ReplaceAll(string(mustRead(t, "../../internal/pipeline/testdata/other-conventions.txt")), "\n", "\r\n"))
	plain := []byte("It was a dark and stormy night; the rain fell in torrents, except at occa-\nsional intervals, when it was checked by a violent gust of wind.\n\nThe next day was fine.\n")
	for name, data := range map[string][]byte{"latin1.txt": latin1, "crlf.txt": crlf, "plain.txt": plain} {
		in := filepath.Join(dir, name)
		os.WriteFile(in, data, 0o644)
		out := filepath.Join(dir, "out")
		if err := run(t, "clean", "--out", out, in); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		md, err := os.ReadFile(filepath.Join(out, strings.TrimSuffix(name, ".txt")+".md"))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		s := string(md)
		switch name {
		case "latin1.txt":
			if !strings.Contains(s, "We met at the café and discussed the naïve plan.") {
				t.Errorf("latin1: %s", s)
			}
		case "crlf.txt":
			if strings.Contains(s, "\r") || !strings.Contains(s, "complicated by the absence") {
				t.Errorf("crlf: %q", s)
			}
		case "plain.txt":
			if !strings.Contains(s, "except at occasional intervals") || !strings.Contains(s, "\n\nThe next day was fine.") {
				t.Errorf("plain: %s", s)
			}
		}
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// runBench runs folio in-process with its output discarded.
func runBench(args ...string) error {
	cmd := app()
	cmd.Writer, cmd.ErrWriter = io.Discard, io.Discard
	return cmd.Run(context.Background(), append([]string{"folio"}, args...))
}
