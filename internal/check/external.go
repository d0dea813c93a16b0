package check

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// EPUBCheckCommand returns the command that runs EPUBCheck, or nil when it
// is not installed. Debian's /usr/bin/epubcheck is the jar itself (run
// through binfmt, which may not be set up), so a jar is started with
// java -jar.
func EPUBCheckCommand() []string {
	p, err := exec.LookPath("epubcheck")
	if err != nil {
		return nil
	}
	if real, err := filepath.EvalSymlinks(p); err == nil && strings.HasSuffix(real, ".jar") {
		if java, err := exec.LookPath("java"); err == nil {
			// client compiler only: EPUBCheck runs once, so start-up wins
			return []string{java, "-XX:TieredStopAtLevel=1", "-jar", real}
		}
		return nil
	}
	return []string{p}
}

// The outside tools running now and their work folders, so that Abort
// can end them when folio is interrupted: a JVM left running, or a
// temporary folder left behind, is not folio's to leave.
var tools = struct {
	sync.Mutex
	procs   map[*exec.Cmd]bool
	dirs    map[string]bool
	aborted bool
}{procs: map[*exec.Cmd]bool{}, dirs: map[string]bool{}}

// errAborted is a tool run Abort stopped, or did not let start.
var errAborted = errors.New("interrupted")

// Abort kills every outside tool running (with the processes they
// started) and removes their work folders; no tool starts after it. It
// returns how many processes it killed.
func Abort() int {
	tools.Lock()
	defer tools.Unlock()
	tools.aborted = true
	n := 0
	for cmd := range tools.procs {
		if cmd.Process != nil && killGroup(cmd.Process.Pid) == nil {
			n++
		}
	}
	for dir := range tools.dirs {
		os.RemoveAll(dir)
	}
	return n
}

// runTool runs an outside tool to its end and returns what it printed.
// It runs in a process group of its own, which Abort (or ctx) kills
// whole, and dies with folio (Linux).
func runTool(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	ownGroup(cmd)
	tools.Lock()
	if tools.aborted {
		tools.Unlock()
		return nil, errAborted
	}
	err := cmd.Start()
	if err == nil {
		tools.procs[cmd] = true
	}
	tools.Unlock()
	if err != nil {
		return nil, err
	}
	err = cmd.Wait()
	tools.Lock()
	delete(tools.procs, cmd)
	aborted := tools.aborted
	tools.Unlock()
	if aborted {
		return out.Bytes(), errAborted
	}
	return out.Bytes(), err
}

// workDir makes a temporary directory for a tool's input copy and report;
// the file checked is copied there only when it came from memory. The
// path handed to the tool is absolute: a file named -x.pdf or @x.pdf is
// never read as an option or an argument file.
func workDir(data []byte, file, name string) (dir, path string, err error) {
	tools.Lock()
	if tools.aborted {
		tools.Unlock()
		return "", "", errAborted
	}
	dir, err = os.MkdirTemp("", "folio-check-")
	if err == nil {
		tools.dirs[dir] = true
	}
	tools.Unlock()
	if err != nil {
		return "", "", err
	}
	if file != "" {
		abs, err := filepath.Abs(file)
		if err != nil {
			removeWorkDir(dir)
			return "", "", err
		}
		return dir, abs, nil
	}
	path = filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		removeWorkDir(dir)
		return "", "", err
	}
	return dir, path, nil
}

func removeWorkDir(dir string) {
	os.RemoveAll(dir)
	tools.Lock()
	delete(tools.dirs, dir)
	tools.Unlock()
}

// epubcheck runs EPUBCheck and turns its fatal errors, errors and warnings
// into findings.
func epubcheck(ctx context.Context, data []byte, file string, f *findings) {
	cmd := EPUBCheckCommand()
	if cmd == nil {
		f.add(Info, "", "epubcheck is not installed, so the book was not checked against the whole EPUB specification as stores do; install it (Debian/Ubuntu: apt-get install epubcheck) and run again")
		return
	}
	dir, book, err := workDir(data, file, "book.epub")
	if err != nil {
		f.add(Info, "", "epubcheck was not run: %v", err)
		return
	}
	defer removeWorkDir(dir)
	report := filepath.Join(dir, "epubcheck.json")
	out, runErr := runTool(ctx, cmd[0], append(cmd[1:], book, "--json", report)...)
	if ctx.Err() != nil || errors.Is(runErr, errAborted) {
		f.add(Info, "", "epubcheck was interrupted")
		return
	}
	raw, err := os.ReadFile(report)
	if err != nil {
		f.add(Warning, "", "epubcheck wrote no report (%v): %s; run epubcheck on the file by hand", runErr, truncate(strings.TrimSpace(string(out)), 300))
		return
	}
	var rep struct {
		Messages []struct {
			ID         string `json:"ID"`
			Severity   string `json:"severity"`
			Message    string `json:"message"`
			Suggestion string `json:"suggestion"`
			Locations  []struct {
				Path   string `json:"path"`
				Line   int    `json:"line"`
				Column int    `json:"column"`
			} `json:"locations"`
		} `json:"messages"`
		Checker struct {
			Version string `json:"checkerVersion"`
		} `json:"checker"`
	}
	if err := json.Unmarshal(raw, &rep); err != nil {
		f.add(Warning, "", "epubcheck's report cannot be read (%v); run epubcheck on the file by hand", err)
		return
	}
	n := 0
	for _, m := range rep.Messages {
		var sev Severity
		switch m.Severity {
		case "FATAL", "ERROR":
			sev = Error
		case "WARNING":
			sev = Warning
		default:
			continue
		}
		n++
		where := ""
		if len(m.Locations) > 0 {
			l := m.Locations[0]
			where = l.Path
			if l.Line > 0 {
				where += ":" + strconv.Itoa(l.Line)
			}
		}
		msg := "epubcheck " + m.ID + ": " + strings.TrimSpace(m.Message)
		if len(m.Locations) > 1 {
			msg += fmt.Sprintf(" (and %d more places)", len(m.Locations)-1)
		}
		if s := strings.TrimSpace(m.Suggestion); s != "" {
			msg += "; " + s
		}
		f.add(sev, where, "%s", msg)
	}
	if n == 0 {
		f.add(Info, "", "epubcheck %s found no errors or warnings", rep.Checker.Version)
	}
}

// damaged reports whether a qpdf warning is about damage qpdf repaired:
// a broken or missing cross-reference table, a file cut short.
func damaged(line string) bool {
	l := strings.ToLower(line)
	for _, s := range []string{"damaged", "reconstruct", "xref", "startxref", "end of file", "eof"} {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}

// qpdfCheck runs qpdf --check and turns its errors and warnings into
// findings. qpdf exits 2 on errors and 3 on warnings only.
func qpdfCheck(ctx context.Context, data []byte, file string, f *findings) {
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		f.add(Info, "", "qpdf is not installed, so the file's syntax and streams were not checked by a second reader; install it (apt-get install qpdf) and run again")
		return
	}
	dir, pdf, err := workDir(data, file, "book.pdf")
	if err != nil {
		f.add(Info, "", "qpdf was not run: %v", err)
		return
	}
	defer removeWorkDir(dir)
	out, err := runTool(ctx, qpdf, "--check", pdf)
	if ctx.Err() != nil || errors.Is(err, errAborted) {
		f.add(Info, "", "qpdf was interrupted")
		return
	}
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		f.add(Warning, "", "qpdf could not be run (%v); run qpdf --check on the file by hand", err)
		return
	}
	problems := 0
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		line = strings.ReplaceAll(line, pdf+": ", "")
		line = strings.ReplaceAll(line, pdf, "the file")
		switch {
		case line == "", strings.HasPrefix(line, "checking "), strings.HasPrefix(line, "PDF Version"),
			strings.HasPrefix(line, "File is "), strings.HasPrefix(line, "R = "), strings.HasPrefix(line, "P = "),
			strings.HasPrefix(line, "User password"), strings.HasPrefix(line, "extract for"), strings.HasPrefix(line, "print "),
			strings.HasPrefix(line, "modify "), strings.HasPrefix(line, "Supplied password"),
			strings.HasPrefix(line, "No syntax or stream"), strings.HasPrefix(line, "errors that qpdf"),
			strings.HasPrefix(line, "qpdf: operation succeeded with warnings"):
		case strings.HasPrefix(line, "qpdf: errors detected"):
			// the summary of the errors above
		case strings.HasPrefix(line, "WARNING: ") && damaged(line):
			// qpdf repairs a damaged file and calls it a warning; a print
			// service's preflight refuses it.
			problems++
			f.add(Error, "", "qpdf: %s; the file is damaged: export it again", strings.TrimPrefix(line, "WARNING: "))
		case strings.HasPrefix(line, "WARNING: "):
			problems++
			f.add(Warning, "", "qpdf: %s; the file may print wrongly: export it again", strings.TrimPrefix(line, "WARNING: "))
		default:
			if code == 2 {
				problems++
				f.add(Error, "", "qpdf: %s; the file is damaged: export it again", strings.TrimPrefix(strings.TrimPrefix(line, "qpdf: "), "ERROR: "))
			}
		}
	}
	if problems == 0 {
		switch code {
		case 0:
			f.add(Info, "", "qpdf --check found no syntax or stream errors")
		default:
			f.add(Error, "", "qpdf --check failed (exit status %d) without a message; run it by hand", code)
		}
	}
}
