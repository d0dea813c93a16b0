package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestFixesFile: BOOK.fixes.yaml beside the text is applied at every
// build (clean and build), a stale fix is refused in the report while the
// book is still made, the proposed sample is written with the outputs and
// the editor's file is never replaced; a bad file fails its book with the
// fix's place, a file outside the folder is refused unless allowed.
func TestFixesFile(t *testing.T) {
	sample, err := os.ReadFile("../../assets/samples/hoxha-works-19-ocr.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "book.txt")
	os.WriteFile(in, sample, 0o644)
	fx := filepath.Join(dir, "book.fixes.yaml")
	fixesText := []byte("# the editor's\n- {line: 8834, old: \"way-\", new: \"way.\"}\n- {line: 8834, old: \"nowhere\", new: \"x\"}\n- {line: 721, join: previous}\n")
	os.WriteFile(fx, fixesText, 0o644)

	// clean into the book's own folder: the sample lands beside
	// BOOK.fixes.yaml, which stays as the editor wrote it.
	if err := run(t, "clean", "--out", dir, in); err != nil {
		t.Fatal(err)
	}
	md, _ := os.ReadFile(filepath.Join(dir, "book.md"))
	if !bytes.Contains(md, []byte("metaphysical way. It has become")) || !regexp.MustCompile(`to your leadership\. [^\n]*Our Party says`).Match(md) {
		t.Errorf("the Markdown lacks the fixes")
	}
	rep, _ := os.ReadFile(filepath.Join(dir, "book.report.txt"))
	for _, want := range []string{"[fixes/refused 1.00] replace fix not applied: line 8834 no longer holds \"nowhere\"", "[fixes/replace 1.00] replaced \"way-\" with \"way.\"", "[fixes/join 1.00]"} {
		if !bytes.Contains(rep, []byte(want)) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if got, _ := os.ReadFile(fx); !bytes.Equal(got, fixesText) {
		t.Errorf("BOOK.fixes.yaml was changed")
	}
	proposed, err := os.ReadFile(filepath.Join(dir, "book.fixes.yaml.sample"))
	if err != nil || !bytes.Contains(proposed, []byte("This build applied book.fixes.yaml already")) || bytes.Contains(proposed, []byte("{line: 721, join: previous}")) {
		t.Errorf("the sample (%v) does not say what the fixes settled:\n%.600s", err, proposed)
	}

	// build: the stale fix does not stop the book, and two builds with
	// the same fixes give the same bytes.
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	var epubs [2][]byte
	for i := range epubs {
		out := filepath.Join(dir, "out"+string(rune('a'+i)))
		if err := run(t, "build", "--format", "epub", "--out", out, in); err != nil {
			t.Fatal(err)
		}
		epubs[i], _ = os.ReadFile(filepath.Join(out, "book.epub"))
	}
	if len(epubs[0]) < 1000 || !bytes.Equal(epubs[0], epubs[1]) {
		t.Errorf("two builds with the same fixes differ")
	}

	// A fixes file that does not parse fails its book, naming the fix.
	os.WriteFile(fx, []byte("- {line: 1, split: true}\n- {line: 2, joni: next}\n"), 0o644)
	if err := run(t, "build", "--out", filepath.Join(dir, "bad"), in); err == nil || !strings.Contains(err.Error(), "book.fixes.yaml:2: fix 2: no kind of fix recognised") {
		t.Errorf("a bad fixes file: %v", err)
	}
	os.Remove(fx)

	// --fixes: confined to the book's folder unless --allow-outside, for
	// one book only.
	other := t.TempDir()
	elsewhere := filepath.Join(other, "mine.fixes.yaml")
	os.WriteFile(elsewhere, []byte("- {line: 8834, old: \"way-\", new: \"way.\"}\n"), 0o644)
	if err := run(t, "clean", "--out", filepath.Join(dir, "o1"), "--fixes", elsewhere, in); err == nil || !strings.Contains(err.Error(), "outside the book's folder") || !strings.Contains(err.Error(), "--allow-outside") {
		t.Errorf("a fixes file outside the folder: %v", err)
	}
	if err := run(t, "clean", "--out", filepath.Join(dir, "o2"), "--allow-outside", "--fixes", elsewhere, in); err != nil {
		t.Errorf("--allow-outside: %v", err)
	}
	if md, _ := os.ReadFile(filepath.Join(dir, "o2", "book.md")); !bytes.Contains(md, []byte("way. It")) {
		t.Errorf("--fixes was not applied")
	}
	in2 := filepath.Join(dir, "other.txt")
	os.WriteFile(in2, sample, 0o644)
	if err := run(t, "clean", "--out", filepath.Join(dir, "o3"), "--fixes", elsewhere, in, in2); err == nil || !strings.Contains(err.Error(), "one book's corrections") {
		t.Errorf("--fixes for two books: %v", err)
	}
}

// TestFixesSampleBuilds: the sample folio clean writes, every fix
// uncommented and saved as BOOK.fixes.yaml, builds with no fix refused.
func TestFixesSampleBuilds(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../../testdata/books/lights-layout.txt")
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "lights.txt")
	os.WriteFile(in, src, 0o644)
	out := filepath.Join(dir, "out")
	if err := run(t, "clean", "--out", out, in); err != nil {
		t.Fatal(err)
	}
	proposed, err := os.ReadFile(filepath.Join(out, "lights.fixes.yaml.sample"))
	if err != nil {
		t.Fatal(err)
	}
	fx := regexp.MustCompile(`(?m)^# - `).ReplaceAll(proposed, []byte("- "))
	os.WriteFile(filepath.Join(dir, "lights.fixes.yaml"), fx, 0o644)
	if err := run(t, "build", "--format", "epub", "--out", out, in); err != nil {
		t.Fatal(err)
	}
	rep, _ := os.ReadFile(filepath.Join(out, "lights.report.txt"))
	if n := bytes.Count(fx, []byte("\n- ")); n == 0 || bytes.Count(rep, []byte("[fixes/")) < n || bytes.Contains(rep, []byte("fixes/refused")) {
		t.Errorf("%d fixes proposed; the report:\n%s", n, grepLines(rep, "[fixes/"))
	}
}

func grepLines(data []byte, s string) string {
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, s) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
