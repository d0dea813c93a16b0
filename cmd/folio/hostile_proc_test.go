package main

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"folio/internal/check/checktest"
	"folio/internal/outfile"
)

// The hostile and careless uses of testdata/hostile/README.md's second
// table, each run through the real command — this test binary playing
// folio (TestMain) — in a child process with a memory watchdog: the
// outcome each must have, no panic or crash, no hang, under 1.5 GB.
//
// The limit is on memory in use (resident), watched while the child
// runs and read from its resource usage at the end; the address space
// gets a hard cap of 4 GB (ulimit -v) so that no run can take the
// machine down. (Go reserves address space well beyond what it uses:
// the sample's build, 66 MB resident, reserves 1.6 GB.)

// memLimitKB is the peak resident size a run may reach.
const memLimitKB = 1536 << 10

// vaLimitKB is the child's address-space cap.
const vaLimitKB = 4 << 20

// procRun is what a run of the command gave.
type procRun struct {
	code     int
	out      string // stdout and stderr
	rssKB    int64  // peak resident size, as the watchdog saw it
	took     time.Duration
	signaled bool
}

// runFolio runs folio args in dir under the memory limit, with env added.
// start, if not nil, is called once the process runs (to signal it).
func runFolio(t *testing.T, dir string, env []string, start func(*exec.Cmd), args ...string) procRun {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	script := fmt.Sprintf(`ulimit -v %d && exec "$@"`, vaLimitKB)
	for _, e := range env {
		if e == "FOLIO_TEST_NO_VA_CAP=1" {
			// A JVM child (epubcheck) reserves its heap's address space
			// up front, more than the cap: the watchdog alone limits folio.
			script = `exec "$@"`
		}
		if u, ok := strings.CutPrefix(e, "FOLIO_TEST_UMASK="); ok {
			script = "umask " + u + " && " + script
		}
	}
	cmd := exec.CommandContext(ctx, "sh", append([]string{"-c", script, "sh", self, "-test.run=^$", "--"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "FOLIO_TEST_MAIN=1", "SOURCE_DATE_EPOCH=1700000000"), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.WaitDelay = 5 * time.Second
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	watched := make(chan struct{})
	var peak int64
	go func() {
		// The watchdog: the child's peak resident size (VmHWM, the
		// program's own since its exec) every 5 ms; a run past the limit
		// is stopped at once.
		defer close(watched)
		status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
		for ctx.Err() == nil {
			kb := peakKB(status)
			if kb < 0 {
				return // gone
			}
			peak = max(peak, kb)
			if kb > memLimitKB {
				cmd.Process.Kill()
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	if start != nil {
		start(cmd)
	}
	err = cmd.Wait()
	<-watched
	r := procRun{out: out.String(), took: time.Since(t0)}
	if ctx.Err() != nil {
		t.Fatalf("folio %s: no answer in %v (a hang):\n%s", strings.Join(args, " "), 90*time.Second, clipOut(r.out))
	}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	st := cmd.ProcessState
	r.code = st.ExitCode()
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		r.signaled = true
	}
	r.rssKB = peak
	for _, bad := range []string{"panic:", "fatal error:", "goroutine ", "SIGSEGV", "internal error"} {
		if strings.Contains(r.out, bad) {
			t.Errorf("folio %s crashed (%q):\n%s", strings.Join(args, " "), bad, clipOut(r.out))
		}
	}
	if r.rssKB > memLimitKB {
		t.Errorf("folio %s: peak %d MB, over %d MB", strings.Join(args, " "), r.rssKB>>10, memLimitKB>>10)
	}
	t.Logf("folio %s: exit %d, %v, peak %d MB", strings.Join(args, " "), r.code, r.took.Round(time.Millisecond), r.rssKB>>10)
	return r
}

// peakKB reads VmHWM from a /proc status file; -1 once it is gone.
func peakKB(status string) int64 {
	data, err := os.ReadFile(status)
	if err != nil {
		return -1
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
			return kb
		}
	}
	return 0
}

func clipOut(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// procCase is one hostile or careless use.
type procCase struct {
	name string
	// setup makes the case's files in dir and returns the arguments.
	setup func(t *testing.T, dir string) []string
	env   []string
	code  int      // the exit status wanted
	say   []string // what the output must say
	after func(t *testing.T, dir string, r procRun)
}

const radiogram = hostileDir + "/radiogram.txt"

// put writes data at dir/name, making folders.
func put(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func fifoAt(t *testing.T, dir, name string) {
	t.Helper()
	if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
		t.Fatal(err)
	}
}

// aBook is a small book (the radiogram, three pages) at dir/name.
func aBook(t *testing.T, dir, name string) {
	t.Helper()
	put(t, dir, name, mustRead(t, radiogram))
}

// unchanged checks that the file at p still holds want.
func unchanged(t *testing.T, p string, want []byte) {
	t.Helper()
	if got, err := os.ReadFile(p); err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s was changed or removed (%v)", p, err)
	}
}

// noOutputs checks that dir/out holds no book's files.
func noOutputs(t *testing.T, out string) {
	t.Helper()
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if e.Name() != outfile.ManifestName {
			t.Errorf("a refused run left %s", filepath.Join(out, e.Name()))
		}
	}
}

// noTemps checks that no temporary file of folio's is left under dir.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && (strings.HasSuffix(p, ".tmp") || d.Name() == outfile.LockName) {
			t.Errorf("left behind: %s", p)
		}
		return nil
	})
}

func jpegOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// epubEntry reads one entry of an EPUB.
func epubEntry(t *testing.T, path, prefix string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, prefix) {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return b
		}
	}
	t.Fatalf("%s holds no %s", path, prefix)
	return nil
}

func procCases() []procCase {
	return []procCase{
		// 1. Anything is read whole.
		{name: "input /dev/zero", setup: func(*testing.T, string) []string { return []string{"build", "/dev/zero"} },
			code: 1, say: []string{"/dev/zero: is a character device, not a regular file: give folio the book's text as a file"}},
		{name: "input FIFO", setup: func(t *testing.T, d string) []string { fifoAt(t, d, "book.txt"); return []string{"build", "book.txt"} },
			code: 1, say: []string{"book.txt: is a named pipe (FIFO), not a regular file"}},
		{name: "--meta /dev/zero", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "book.txt")
			return []string{"build", "--meta", "/dev/zero", "book.txt"}
		}, code: 1, say: []string{"metadata /dev/zero: is a character device"}},
		{name: "metadata FIFO", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "book.txt")
			fifoAt(t, d, "book.yaml")
			return []string{"build", "book.txt"}
		}, code: 1, say: []string{"metadata book.yaml: is a named pipe (FIFO)"}},
		{name: "cover /dev/zero", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "book.txt")
			put(t, d, "book.yaml", []byte("title: T\ncover: /dev/zero\n"))
			return []string{"build", "--allow-outside", "book.txt"}
		}, code: 1, say: []string{"cover /dev/zero: is a character device, not a regular file: give the cover as a JPEG or PNG file"},
			after: func(t *testing.T, d string, _ procRun) { noOutputs(t, filepath.Join(d, "output")) }},
		{name: "cover FIFO", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "book.txt")
			fifoAt(t, d, "cover.png")
			put(t, d, "book.yaml", []byte("title: T\ncover: cover.png\n"))
			return []string{"build", "book.txt"}
		}, code: 1, say: []string{"cover.png: is a named pipe (FIFO)"}},
		{name: "a shelf with a FIFO metadata file and a /dev/zero cover", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "shelf/a.txt")
			aBook(t, d, "shelf/b.txt")
			aBook(t, d, "shelf/c.txt")
			fifoAt(t, d, "shelf/b.txt.yaml")
			put(t, d, "shelf/c.yaml", []byte("title: C\ncover: /dev/zero\n"))
			return []string{"build", "--allow-outside", "--format", "epub", "shelf"}
		}, code: 1, say: []string{"3 books: 1 made, 2 failed", "FAILED shelf/b.txt: metadata shelf/b.txt.yaml: is a named pipe (FIFO)", "FAILED shelf/c.txt: cover /dev/zero: is a character device"},
			after: func(t *testing.T, d string, _ procRun) {
				if _, err := os.Stat(filepath.Join(d, "output", "a.epub")); err != nil {
					t.Error("the sound book was not made")
				}
			}},
		// 2. An output can overwrite an input.
		{name: "outputs beside the inputs, a book named like a report", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "shelf/vol1.txt")
			put(t, d, "shelf/vol1.report.txt", mustRead(t, hostileDir+"/crlf.txt"))
			return []string{"build", "shelf", "--out", "shelf"}
		}, code: 1, say: []string{"shelf/vol1.report.txt left out: folio names its review reports so", "shelf/vol1.report.txt exists and was not written by folio", "--overwrite"},
			after: func(t *testing.T, d string, _ procRun) {
				unchanged(t, filepath.Join(d, "shelf/vol1.report.txt"), mustRead(t, hostileDir+"/crlf.txt"))
				unchanged(t, filepath.Join(d, "shelf/vol1.txt"), mustRead(t, radiogram))
				if _, err := os.Stat(filepath.Join(d, "shelf/vol1.epub")); err == nil {
					t.Error("some of the book's outputs were written before the refusal")
				}
			}},
		{name: "an output name that is an input's", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "in/a.txt")
			put(t, d, "in/a.txt.yaml", []byte("title: T\noutput: b\n"))
			aBook(t, d, "in/b.report.txt") // a book, given by name
			return []string{"clean", "in/a.txt", "in/b.report.txt", "--out", "in", "--overwrite"}
		}, code: 1, say: []string{"in/b.report.txt is in/b.report.txt, an input of this run; folio never writes over its inputs"},
			after: func(t *testing.T, d string, _ procRun) {
				unchanged(t, filepath.Join(d, "in/b.report.txt"), mustRead(t, radiogram))
			}},
		// 3. Re-runs build folio's own outputs.
		{name: "three runs in a book's folder", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "x.txt")
			for range 2 {
				if r := runFolio(t, d, nil, nil, "-q", "build", "--format", "epub", "."); r.code != 0 {
					t.Fatalf("an earlier run failed:\n%s", r.out)
				}
			}
			return []string{"build", "--format", "epub", "."}
		}, code: 0, say: []string{"1 book: 1 made, 0 failed"},
			after: func(t *testing.T, d string, r procRun) {
				if strings.Contains(r.out, "report") {
					t.Errorf("folio's own output was taken as a book:\n%s", r.out)
				}
			}},
		// 4. folio check can be sunk by small files.
		{name: "check: 25 million elements in a 1 MB EPUB", setup: func(t *testing.T, d string) []string {
			put(t, d, "bomb.epub", checktest.ElementBomb(25_000_000))
			return []string{"check", "--no-external", "bomb.epub"}
		}, code: 1, say: []string{"EPUB FAIL", "the book's documents hold more than 5000000 elements"}},
		{name: "check: 40 entries of 240 MB", setup: func(t *testing.T, d string) []string {
			put(t, d, "zip.epub", checktest.ZipBomb(40, 240<<20))
			return []string{"check", "--no-external", "zip.epub"}
		}, code: 1, say: []string{"EPUB FAIL", "the archive unpacks to more than 512 MB"}},
		{name: "check: a PDF of flate bombs", setup: func(t *testing.T, d string) []string {
			put(t, d, "bomb.pdf", checktest.PDF("BT ET", 4, 300<<20))
			return []string{"check", "--no-external", "bomb.pdf"}
		}, code: 1, say: []string{"PDF FAIL", "its streams decompress to more than 512 MB"}},
		{name: "check: a PDF missing its last 20 bytes", setup: func(t *testing.T, d string) []string {
			put(t, d, "cut.pdf", checktest.Truncated(checktest.PDF("BT ET", 0, 0), 20))
			return []string{"check", "--no-external", "cut.pdf"}
		}, code: 1, say: []string{"PDF FAIL", "does not end with %%EOF"}},
		{name: "check: a PDF with a broken xref offset", setup: func(t *testing.T, d string) []string {
			put(t, d, "xref.pdf", checktest.BrokenXref(checktest.PDF("BT ET", 0, 0)))
			return []string{"check", "--no-external", "xref.pdf"}
		}, code: 1, say: []string{"PDF FAIL", "does not lead to the cross-reference table"}},
		{name: "check: zip entries ../../x, /abs, C:\\x", setup: func(t *testing.T, d string) []string {
			put(t, d, "names.epub", checktest.UnsafeNames())
			return []string{"check", "--no-external", "names.epub"}
		}, code: 1, say: []string{"../../evil.txt: the entry's name climbs out", "/etc/evil: the entry's name is an absolute path", `C:\evil.txt: the entry's name names a Windows drive`}},
		{name: "check: a FIFO and a device", setup: func(t *testing.T, d string) []string {
			fifoAt(t, d, "pipe.epub")
			return []string{"check", "pipe.epub", "/dev/zero"}
		}, code: 2, say: []string{"pipe.epub: is a named pipe (FIFO)", "/dev/zero: is a character device"}},
		// 5. The cover path escapes the book's folder.
		{name: "cover outside the folder", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "book/book.txt")
			secret := append([]byte("\x89PNG\r\n\x1a\n"), "root:x:0:0:root:/root:/bin/bash\n"...)
			put(t, d, "secret.png", secret)
			os.Symlink(filepath.Join(d, "secret.png"), filepath.Join(d, "book", "link.png"))
			put(t, d, "book/a.txt.yaml", []byte("title: A\ncover: ../secret.png\n"))
			put(t, d, "book/b.txt.yaml", []byte("title: B\ncover: /etc/passwd\n"))
			put(t, d, "book/c.txt.yaml", []byte("title: C\ncover: link.png\n"))
			put(t, d, "book/d.txt.yaml", []byte("title: D\ncover: ../nothing-here.png\n"))
			for _, n := range []string{"a", "b", "c", "d"} {
				aBook(t, d, "book/"+n+".txt")
			}
			os.Remove(filepath.Join(d, "book/book.txt"))
			return []string{"build", "--format", "epub", "book"}
		}, code: 1, say: []string{"4 books: 0 made, 4 failed", `cover "../secret.png" leaves the book's folder`, `cover "/etc/passwd" leaves the book's folder`, `cover "link.png" leaves the book's folder`, `cover "../nothing-here.png" leaves the book's folder`},
			after: func(t *testing.T, d string, _ procRun) { noOutputs(t, filepath.Join(d, "output")) }},
		{name: "a PNG signature before /etc/passwd, taken with --allow-outside", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "book/book.txt")
			put(t, d, "secret.png", append([]byte("\x89PNG\r\n\x1a\n"), "root:x:0:0:root:/root:/bin/bash\n"...))
			put(t, d, "book/book.yaml", []byte("title: T\ncover: ../secret.png\n"))
			return []string{"build", "--allow-outside", "book/book.txt"}
		}, code: 1, say: []string{"is a damaged PNG image"},
			after: func(t *testing.T, d string, _ procRun) { noOutputs(t, filepath.Join(d, "output")) }},
		{name: "covers: huge, truncated, CMYK, 16-bit", setup: func(t *testing.T, d string) []string {
			good := jpegOf(t, 800, 1280)
			for n, img := range map[string][]byte{"huge.png": checktest.HugePNG(50000, 50000), "cut.jpg": good[:len(good)/2],
				"cmyk.jpg": mustRead(t, hostileDir+"/cmyk.jpeg"), "deep.png": checktest.DeepPNG(400, 640)} {
				stem := strings.TrimSuffix(n, filepath.Ext(n))
				put(t, d, "shelf/"+n, img)
				put(t, d, "shelf/"+stem+".yaml", []byte("title: "+stem+"\ncover: "+n+"\n"))
				aBook(t, d, "shelf/"+stem+".txt")
			}
			return []string{"build", "--format", "epub", "shelf"}
		}, code: 1, say: []string{"4 books: 2 made, 2 failed", "huge.png is 50000 × 50000 pixels: stores take at most 10000 pixels a side", "cut.jpg is a damaged or truncated JPEG image"},
			after: func(t *testing.T, d string, _ procRun) {
				for _, n := range []string{"cmyk", "deep"} {
					p := filepath.Join(d, "output", n+".epub")
					if r := runFolio(t, d, nil, nil, "check", "--no-external", p); r.code != 0 || strings.Contains(r.out, "is a 16-bit") || strings.Contains(r.out, "is a CMYK") {
						t.Errorf("%s: the converted cover does not pass folio check:\n%s", n, r.out)
					}
					report := string(mustRead(t, filepath.Join(d, "output", n+".report.txt")))
					if !strings.Contains(report, "the cover image was converted") {
						t.Errorf("%s: the report does not say the cover was converted", n)
					}
				}
			}},
		// 6. Quadratic layout of long metadata.
		{name: "a 10,000-character title", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "book.txt")
			return []string{"build", "--title", strings.Repeat("W", 10_000), "book.txt"}
		}, code: 1, say: []string{"metadata: title is 10000 characters long; folio takes at most 500"}},
		{name: "a 51 MB YAML title", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "book.txt")
			put(t, d, "book.yaml", append([]byte("title: "), bytes.Repeat([]byte("W"), 51<<20)...))
			return []string{"build", "book.txt"}
		}, code: 1, say: []string{"metadata book.yaml: is 51 MB: folio takes metadata files of at most 1 MB"}},
		{name: "a 500-character title without a space", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "book.txt")
			return []string{"build", "--title", strings.Repeat("W", 500), "--author", strings.Repeat("Enver", 40), "book.txt"}
		}, code: 0, say: []string{"wrote output/book.pdf"},
			after: func(t *testing.T, d string, _ procRun) {
				if r := runFolio(t, d, nil, nil, "check", "--no-external", "output"); r.code != 0 {
					t.Errorf("its outputs fail folio check:\n%s", r.out)
				}
			}},
		// 7. File names become arguments.
		{name: "check: files named -x.pdf, @x.pdf, --help.pdf", setup: func(t *testing.T, d string) []string {
			if _, err := exec.LookPath("qpdf"); err != nil {
				t.Skip("qpdf not installed (Debian package qpdf): skipping")
			}
			pdf := checktest.PDFTitled("Title")
			for _, n := range []string{"-x.pdf", "@x.pdf", "--help.pdf"} {
				put(t, d, n, pdf)
			}
			return []string{"check", "--", "-x.pdf", "@x.pdf", "--help.pdf"}
		}, code: 0, say: []string{"3 files checked: 3 passed", "qpdf --check found no syntax or stream errors"}},
		// 8. Interrupted runs leave things behind.
		{name: "SIGHUP during a build", setup: func(t *testing.T, d string) []string {
			for _, n := range []string{"a.txt", "b.txt", "c.txt"} {
				put(t, d, "in/"+n, mustRead(t, "../../assets/samples/hoxha-works-19-ocr.txt"))
			}
			return []string{"build", "--jobs", "1", "--out", "out", "in"}
		}, code: 129, say: []string{"interrupted;", "unfinished file"},
			after: func(t *testing.T, d string, _ procRun) { noTemps(t, d) }},
		{name: "SIGTERM while epubcheck runs", setup: func(t *testing.T, d string) []string {
			if _, err := exec.LookPath("epubcheck"); err != nil {
				t.Skip("epubcheck not installed (Debian package epubcheck): skipping")
			}
			os.Mkdir(filepath.Join(d, "tmp"), 0o755)
			put(t, d, "book.epub", checktest.EPUB())
			return []string{"check", "book.epub"}
		}, env: []string{"FOLIO_TEST_NO_VA_CAP=1", "TMPDIR=tmp"}, code: 143, say: []string{"interrupted;", "1 outside checker stopped"},
			after: func(t *testing.T, d string, _ procRun) {
				if entries, _ := os.ReadDir(filepath.Join(d, "tmp")); len(entries) > 0 {
					t.Errorf("the checker's work folder is left: %s", entries[0].Name())
				}
				time.Sleep(100 * time.Millisecond)
				if out, _ := exec.Command("pgrep", "-f", filepath.Join(d, "book.epub")).Output(); len(bytes.TrimSpace(out)) > 0 {
					t.Errorf("epubcheck still runs: pid %s", out)
					exec.Command("pkill", "-KILL", "-f", filepath.Join(d, "book.epub")).Run()
				}
			}},
		{name: "stale temporaries swept", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "book.txt")
			put(t, d, "output/.folio-0123456789abcdef.tmp", []byte("half a book"))
			put(t, d, "output/.book.epub.123456.tmp", []byte("half a book"))
			return []string{"build", "book.txt"}
		}, code: 0, say: []string{"wrote output/book.epub"},
			after: func(t *testing.T, d string, _ procRun) { noTemps(t, d) }},
		// 9. Two builds into one folder mix.
		{name: "a second build into a folder being written", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "b.txt")
			for _, n := range []string{"a1.txt", "a2.txt", "a3.txt"} {
				put(t, d, "a/"+n, mustRead(t, "../../assets/samples/hoxha-works-19-ocr.txt"))
			}
			os.Mkdir(filepath.Join(d, "out"), 0o755)
			return []string{"build", "--jobs", "1", "--out", "out", "a"}
		}, code: 0, say: []string{"3 books: 3 made, 0 failed"}},
		// 10. Smaller things.
		{name: "terminal escapes in a PDF's title and a file's name", setup: func(t *testing.T, d string) []string {
			put(t, d, "evil\x1b]0;owned\x07.pdf", checktest.PDFTitled("\x1b]0;owned\x07\x1b[2J\x1b[31mRED"))
			return []string{"check", "--no-external", "."}
		}, code: 0, say: []string{`evil\x1b]0;owned\x07.pdf`, `\x1b[2J\x1b[31mRED`},
			after: func(t *testing.T, d string, r procRun) {
				if strings.ContainsAny(r.out, "\x1b\x07") {
					t.Errorf("raw escape sequences printed: %q", r.out)
				}
			}},
		{name: "umask 077", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "book.txt")
			return []string{"build", "--format", "epub", "book.txt"}
		}, env: []string{"FOLIO_TEST_UMASK=077"}, code: 0,
			after: func(t *testing.T, d string, _ procRun) {
				st, err := os.Stat(filepath.Join(d, "output", "book.epub"))
				if err != nil || st.Mode().Perm() != 0o600 {
					t.Errorf("mode %v under umask 077 (%v), want -rw-------", st.Mode().Perm(), err)
				}
			}},
		{name: "<script> in the text and a language that injects keys", setup: func(t *testing.T, d string) []string {
			put(t, d, "book.txt", []byte("THE TITLE\n\nText with <script>alert(1)</script> and <b>raw HTML</b>.\n"))
			put(t, d, "ok.txt", []byte("THE TITLE\n\nText.\n"))
			put(t, d, "ok.yaml", []byte("title: T\nlanguage: \"en\\nauthor: Mallory\"\n"))
			return []string{"clean", "book.txt", "ok.txt"}
		}, code: 1, say: []string{"FAILED ok.txt: metadata: language holds a line break"},
			after: func(t *testing.T, d string, _ procRun) {
				md := string(mustRead(t, filepath.Join(d, "output", "book.md")))
				if strings.Contains(md, "<script>") || strings.Contains(md, "<b>") || !strings.Contains(md, `\<script\>`) {
					t.Errorf("HTML of the text reached the Markdown:\n%s", md)
				}
			}},
		{name: "SOURCE_DATE_EPOCH out of range", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "book.txt")
			return []string{"build", "book.txt"}
		}, env: []string{"SOURCE_DATE_EPOCH=253402300800"}, code: 1, say: []string{"SOURCE_DATE_EPOCH=\"253402300800\" is out of range"}},
		{name: "control characters in the text", setup: func(t *testing.T, d string) []string {
			src := bytes.Replace(mustRead(t, radiogram), []byte("Be very careful."), []byte("Be \x01very\x1b[31m careful.\x02"), 1)
			put(t, d, "book.txt", src)
			return []string{"build", "--format", "pdf", "book.txt"}
		}, code: 0, say: []string{"wrote output/book.pdf"},
			after: func(t *testing.T, d string, _ procRun) {
				report := string(mustRead(t, filepath.Join(d, "output", "book.report.txt")))
				if !strings.Contains(report, "removed 3 control characters") {
					t.Errorf("the report does not say the control characters were removed")
				}
			}},
		{name: "a note marker 99999", setup: func(t *testing.T, d string) []string {
			put(t, d, "book.txt", mustRead(t, hostileDir+"/marker-99999.txt"))
			return []string{"clean", "book.txt"}
		}, code: 0, say: []string{"1 problems"},
			after: func(t *testing.T, d string, _ procRun) {
				if !strings.Contains(string(mustRead(t, filepath.Join(d, "output", "book.report.txt"))), "notes/label-too-long") {
					t.Error("the report lists no notes/label-too-long problem")
				}
			}},
		{name: "an output folder that cannot be made", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "book.txt")
			put(t, d, "file", []byte("x"))
			return []string{"build", "--out", "file/out", "book.txt"}
		}, code: 1, say: []string{"cannot create the output folder file/out: not a directory"},
			after: func(t *testing.T, d string, r procRun) {
				if n := strings.Count(r.out, "cannot create the output folder"); n != 1 || strings.Contains(r.out, ".tmp") {
					t.Errorf("the error is said %d times (want once), or names a temporary:\n%s", n, r.out)
				}
			}},
		{name: "a long input name", setup: func(t *testing.T, d string) []string {
			aBook(t, d, strings.Repeat("n", 250)+".txt")
			aBook(t, d, strings.Repeat("m", 240)+".txt")
			return []string{"build", "--format", "pdf", "."}
		}, code: 1, say: []string{"2 books: 1 made, 1 failed", "bytes long, and file systems take 255"},
			after: func(t *testing.T, d string, _ procRun) {
				entries, _ := os.ReadDir(filepath.Join(d, "output"))
				for _, e := range entries {
					if strings.HasPrefix(e.Name(), "nnn") {
						t.Errorf("the refused book wrote %s", e.Name())
					}
				}
			}},
		{name: "YAML: aliases, a second document, a key twice", setup: func(t *testing.T, d string) []string {
			for _, n := range []string{"alias", "second", "twice"} {
				aBook(t, d, n+".txt")
			}
			put(t, d, "alias.yaml", []byte("title: &t Aliased\nsubtitle: *t\n"))
			put(t, d, "second.yaml", []byte("title: One\n---\ntitle: Two\n"))
			put(t, d, "twice.yaml", []byte("authors:\n  - name: A\n    name: B\n"))
			return []string{"clean", "."}
		}, code: 1, say: []string{"3 books: 1 made, 2 failed", "second.yaml:2: a second YAML document", `twice.yaml:3: key "name" is given twice`}},
		{name: "a link to a .txt in a shelf", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "elsewhere/real.txt")
			os.MkdirAll(filepath.Join(d, "shelf"), 0o755)
			os.Symlink(filepath.Join(d, "elsewhere/real.txt"), filepath.Join(d, "shelf/linked.txt"))
			os.Symlink(filepath.Join(d, "elsewhere"), filepath.Join(d, "shelf/linked-folder"))
			return []string{"clean", "shelf"}
		}, code: 0, say: []string{"shelf/linked.txt", "shelf/linked-folder left out: a link to a folder"}},
		// Issue 10's item 6: metadata beside the book.
		{name: "book.yaml beside book.txt, curled", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "book.txt")
			put(t, d, "book.yaml", []byte("title: \"The 'Red' Years\"\nauthor: Flann O'Brien\n"))
			return []string{"build", "--format", "epub", "book.txt"}
		}, code: 0, say: []string{"metadata: book.yaml"},
			after: func(t *testing.T, d string, _ procRun) {
				opf := string(epubEntry(t, filepath.Join(d, "output", "book.epub"), "OEBPS/content.opf"))
				if !strings.Contains(opf, "The ‘Red’ Years") || !strings.Contains(opf, "Flann O’Brien") {
					t.Errorf("quotes not curled in the EPUB's metadata:\n%s", opf)
				}
			}},
		{name: "two metadata files for one book", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "book.txt")
			put(t, d, "book.yaml", []byte("title: One\n"))
			put(t, d, "book.txt.yaml", []byte("title: Two\n"))
			return []string{"build", "book.txt"}
		}, code: 1, say: []string{"book.txt has 2 metadata files (book.txt.yaml, book.yaml): keep one"}},
		{name: "no metadata file", setup: func(t *testing.T, d string) []string {
			aBook(t, d, "book.txt")
			return []string{"clean", "book.txt"}
		}, code: 0, say: []string{"metadata: none"}},
	}
}

// TestHostileProcess runs every case of procCases through the real
// command in a child process; see the README of testdata/hostile.
func TestHostileProcess(t *testing.T) {
	for _, c := range procCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			args := c.setup(t, dir)
			var start func(*exec.Cmd)
			switch c.name {
			case "SIGHUP during a build":
				start = func(cmd *exec.Cmd) { signalWhenWriting(t, cmd, filepath.Join(dir, "out"), syscall.SIGHUP) }
			case "SIGTERM while epubcheck runs":
				start = func(cmd *exec.Cmd) {
					// once the checker's work folder exists, its JVM is starting
					deadline := time.Now().Add(60 * time.Second)
					for {
						if e, _ := os.ReadDir(filepath.Join(dir, "tmp")); len(e) > 0 {
							break
						}
						if time.Now().After(deadline) {
							t.Fatal("epubcheck did not start within a minute")
						}
						time.Sleep(2 * time.Millisecond)
					}
					time.Sleep(200 * time.Millisecond)
					cmd.Process.Signal(syscall.SIGTERM)
				}
			case "a second build into a folder being written":
				start = func(cmd *exec.Cmd) {
					// While the first build holds the folder, a second one
					// into it is refused before doing anything.
					waitFor(t, filepath.Join(dir, "out", outfile.LockName))
					r := runFolio(t, dir, nil, nil, "build", "--out", "out", "b.txt")
					if r.code != 1 || !strings.Contains(r.out, "another folio run is writing into the folder out (process ") {
						t.Errorf("the second build: exit %d:\n%s", r.code, r.out)
					}
					if _, err := os.Stat(filepath.Join(dir, "out", "b.pdf")); err == nil {
						t.Error("the second build wrote into the folder")
					}
				}
			}
			r := runFolio(t, dir, c.env, start, args...)
			if r.code != c.code {
				t.Errorf("exit status %d, want %d:\n%s", r.code, c.code, clipOut(r.out))
			}
			for _, s := range c.say {
				if !strings.Contains(r.out, s) {
					t.Errorf("the output does not say %q:\n%s", s, clipOut(r.out))
				}
			}
			if c.after != nil {
				c.after(t, dir, r)
			}
		})
	}
}

// signalWhenWriting sends sig once a temporary output file is being
// written under out.
func signalWhenWriting(t *testing.T, cmd *exec.Cmd, out string, sig os.Signal) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !writing(out, "") {
		if time.Now().After(deadline) {
			t.Fatal("no output started within a minute")
		}
		time.Sleep(2 * time.Millisecond)
	}
	// The shell has exec'd folio: the signal goes to it.
	cmd.Process.Signal(sig)
}

func waitFor(t *testing.T, p string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if _, err := os.Stat(p); err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not appear within a minute", p)
		}
		time.Sleep(2 * time.Millisecond)
	}
}
