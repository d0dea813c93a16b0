package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestBuildReproducible builds the sample twice, as a user would, and
// compares the bytes: same input and metadata, same EPUB and PDF.
func TestBuildReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole sample twice")
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	in, err := filepath.Abs("../../assets/samples/hoxha-works-19-ocr.txt")
	if err != nil {
		t.Fatal(err)
	}
	var outs [2]string
	for i := range outs {
		outs[i] = t.TempDir()
		if err := run(t, "build", "--out", outs[i], in); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"hoxha-works-19-ocr.epub", "hoxha-works-19-ocr.pdf", "hoxha-works-19-ocr.report.json"} {
		a, err := os.ReadFile(filepath.Join(outs[0], name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(outs[1], name))
		if err != nil {
			t.Fatal(err)
		}
		if len(a) < 1000 || !bytes.Equal(a, b) {
			t.Errorf("%s: two builds differ (%d and %d bytes)", name, len(a), len(b))
		}
	}
	// Nothing but the outputs is left in the folder: no temporary files.
	entries, _ := os.ReadDir(outs[0])
	for _, e := range entries {
		if filepath.Ext(e.Name()) == ".tmp" {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// TestBuildFlags: unknown formats and trims are refused before any work.
func TestBuildFlags(t *testing.T) {
	dir := t.TempDir()
	if err := run(t, "build", "--out", dir, "--format", "mobi"); err == nil {
		t.Error("--format mobi accepted")
	}
	if err := run(t, "build", "--out", dir, "--trim", "8x10"); err == nil {
		t.Error("--trim 8x10 accepted")
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("refused builds wrote %d files", len(entries))
	}
}

// TestBuildKepub: --format epub,kepub writes the EPUB and the Kobo kepub
// side by side, and folio check takes the kepub for one and passes it.
func TestBuildKepub(t *testing.T) {
	dir := t.TempDir()
	in, err := filepath.Abs("../../internal/pipeline/testdata/other-conventions.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := run(t, "build", "--format", "epub,kepub", "--out", dir, in); err != nil {
		t.Fatal(err)
	}
	k := filepath.Join(dir, "other-conventions.kepub.epub")
	for _, f := range []string{filepath.Join(dir, "other-conventions.epub"), k} {
		if st, err := os.Stat(f); err != nil || st.Size() < 1000 {
			t.Fatalf("%s not written (%v)", f, err)
		}
	}
	stdout, _, err := runOut(t, "check", "--no-external", k)
	if err != nil || !bytes.Contains([]byte(stdout), []byte("Kobo kepub")) {
		t.Errorf("folio check of the kepub: %v\n%s", err, stdout)
	}
}
