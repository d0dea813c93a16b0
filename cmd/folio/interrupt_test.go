package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary play folio itself, so that a test can
// start it as a process and interrupt it.
func TestMain(m *testing.M) {
	if os.Getenv("FOLIO_TEST_MAIN") == "1" {
		// The arguments after "--", or those of FOLIO_TEST_ARGS.
		args := strings.Fields(os.Getenv("FOLIO_TEST_ARGS"))
		for i, a := range os.Args {
			if a == "--" {
				args = os.Args[i+1:]
				break
			}
		}
		os.Args = append([]string{"folio"}, args...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestInterrupt presses Ctrl-C in the middle of a batch build: folio
// exits with 130, no temporary file is left, and every output present is
// complete (a whole zip, a PDF with its trailer, valid JSON).
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the sample book in a child process")
	}
	// Early: during the first book's first file; late: once the first
	// book's EPUB is out, while the next files are written.
	for _, after := range []string{"", ".epub"} {
		t.Run("after"+after, func(t *testing.T) { interrupt(t, after) })
	}
}

func interrupt(t *testing.T, after string) {
	in, out := t.TempDir(), t.TempDir()
	sample := mustRead(t, "../../assets/samples/hoxha-works-19-ocr.txt")
	for _, name := range []string{"one.txt", "two.txt", "three.txt"} {
		os.WriteFile(filepath.Join(in, name), sample, 0o644)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "FOLIO_TEST_MAIN=1", "FOLIO_TEST_ARGS=build --jobs 1 --out "+out+" "+in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Interrupt while a file is being written.
	deadline := time.Now().Add(60 * time.Second)
	for !writing(out, after) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no output started within a minute; stderr:\n%s", stderr.String())
		}
		time.Sleep(2 * time.Millisecond)
	}
	cmd.Process.Signal(os.Interrupt)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).ExitStatus() != 130 {
		t.Fatalf("exit %v, want status 130; stderr:\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted;") || !strings.Contains(stderr.String(), "unfinished file") {
		t.Errorf("no message about the interruption:\n%s", stderr.String())
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		p := filepath.Join(out, e.Name())
		data, _ := os.ReadFile(p)
		switch ext := filepath.Ext(e.Name()); {
		case ext == ".tmp":
			t.Errorf("temporary file left: %s", e.Name())
		case ext == ".epub":
			if _, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil {
				t.Errorf("%s is not a whole EPUB: %v", e.Name(), err)
			}
		case ext == ".pdf":
			if !bytes.HasSuffix(bytes.TrimSpace(data), []byte("%%EOF")) {
				t.Errorf("%s is not a whole PDF", e.Name())
			}
		case strings.HasSuffix(e.Name(), ".json"):
			if !json.Valid(data) {
				t.Errorf("%s is not whole JSON", e.Name())
			}
		}
	}
	t.Logf("after the interruption the folder holds %d complete files", len(entries))
}

// writing reports whether a temporary output file exists in dir, and a
// finished one ending in after.
func writing(dir, after string) bool {
	entries, _ := os.ReadDir(dir)
	tmp, done := false, after == ""
	for _, e := range entries {
		tmp = tmp || strings.HasSuffix(e.Name(), ".tmp")
		done = done || strings.HasSuffix(e.Name(), after)
	}
	return tmp && done
}
