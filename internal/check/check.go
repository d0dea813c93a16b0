// Package check is the publisher's checker behind folio check: it reads
// an EPUB or a PDF, ours or anyone's, and says what a store or a
// print-on-demand service would refuse and what else should be fixed
// before upload, each finding with what to do about it.
package check

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"folio/internal/termtext"
	"folio/internal/userfile"
)

// Severity ranks a finding.
type Severity int

const (
	// Error fails the file: a store or print service would refuse it, or
	// readers would meet a broken book.
	Error Severity = iota
	// Warning should be fixed but does not stop an upload.
	Warning
	// Info is a fact or a check that was skipped.
	Info
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// Finding is one thing found. Message says what is wrong and what to do.
type Finding struct {
	Severity Severity
	Where    string // a file in the EPUB ("OEBPS/ch01.xhtml:12"), "page 5", "fonts"…; "" for the whole file
	Message  string
}

// Result is the verdict on one file.
type Result struct {
	File     string // the path checked; "" when checked from memory
	Kind     string // "epub" or "pdf"
	Findings []Finding
	Facts    []string // what the file is: "322 pages", "6 × 9 in trim"…
}

// Failed reports whether any finding is an error.
func (r Result) Failed() bool {
	for _, f := range r.Findings {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of findings of severity s.
func (r Result) Count(s Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// WriteText writes the human report: a verdict line, the facts, then the
// findings, errors first, each severity in the order the checks found
// them (which is fixed: archive order, page order).
func (r Result) WriteText(w io.Writer) error {
	var b strings.Builder
	name := r.File
	if name == "" {
		name = "(" + r.Kind + ")"
	}
	verdict := "PASS"
	if r.Failed() {
		verdict = "FAIL"
	}
	// Names, titles and messages come from the file: printed safe for a
	// terminal (an escape sequence in a PDF's title is shown, not run).
	fmt.Fprintf(&b, "%s: %s %s — %s, %s\n", termtext.Line(name), strings.ToUpper(r.Kind), verdict,
		plural(r.Count(Error), "error"), plural(r.Count(Warning), "warning"))
	for _, f := range r.Facts {
		b.WriteString("  " + termtext.Line(f) + "\n")
	}
	for _, f := range r.sorted() {
		b.WriteString(fmt.Sprintf("%-8s", strings.ToUpper(f.Severity.String())))
		if f.Where != "" {
			b.WriteString(termtext.Line(f.Where) + ": ")
		}
		b.WriteString(termtext.Line(f.Message) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// sorted is the findings, errors first, stable within a severity.
func (r Result) sorted() []Finding {
	out := append([]Finding(nil), r.Findings...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Severity < out[j].Severity })
	return out
}

func plural(n int, word string) string {
	switch {
	case n == 1:
		return "1 " + word
	case strings.HasSuffix(word, "y"):
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(word, "y"))
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Options configures a check.
type Options struct {
	// External also runs epubcheck (EPUB) or qpdf --check (PDF) when
	// installed; their messages become findings.
	External bool
	// MaxBytes and MaxElements replace the budget's MaxBytes and
	// MaxElements when set (for tests).
	MaxBytes    int64
	MaxElements int
	// Printer, when set, also checks a PDF against that print service's
	// rules ("kdp", "ingramspark", "lulu"; package printer).
	Printer string
}

// File checks the EPUB or PDF at path; the kind comes from the file's
// first bytes, not its name. The error is only for a file that cannot be
// read or is neither an EPUB nor a PDF; a damaged one is a Result with
// errors.
func File(ctx context.Context, path string, opt Options) (Result, error) {
	// Read as a user's file: a regular file (a FIFO or a device would
	// hang or exhaust the checker) of at most what stores take.
	data, err := userfile.Read(path, userfile.Book)
	if err != nil {
		return Result{}, fmt.Errorf("check: %w", err)
	}
	var r Result
	switch kind, what := sniff(data); kind {
	case "epub":
		r = checkEPUB(ctx, data, path, opt)
	case "pdf":
		r = checkPDF(ctx, data, path, opt)
	default:
		return Result{}, fmt.Errorf("check: %s is %s, not an EPUB or a PDF; folio check reads EPUB (.epub) and PDF files", path, what)
	}
	r.File = path
	return r, nil
}

// EPUB checks an EPUB held in memory.
func EPUB(ctx context.Context, data []byte, opt Options) Result {
	return checkEPUB(ctx, data, "", opt)
}

// PDF checks a PDF held in memory.
func PDF(ctx context.Context, data []byte, opt Options) Result {
	return checkPDF(ctx, data, "", opt)
}

// sniff names a file's kind from its first bytes: "epub", "pdf", or ""
// with a description of what it is for the error message.
func sniff(data []byte) (kind, what string) {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	case len(data) == 0:
		return "", "empty"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		if isEPUBZip(data) {
			return "epub", "an EPUB"
		}
		return "", "a zip archive without an EPUB's mimetype or META-INF/container.xml (a Word, OpenDocument or plain zip file?)"
	case bytes.Contains(head, []byte("%PDF-")):
		// PDF readers accept the header anywhere in the first 1024 bytes
		return "pdf", "a PDF"
	case bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return "", "an empty zip archive"
	case len(data) >= 68 && string(data[60:68]) == "BOOKMOBI":
		return "", "a Kindle MOBI/AZW book (convert it to EPUB with Calibre first)"
	case bytes.HasPrefix(data, []byte("\x89PNG")), bytes.HasPrefix(data, []byte("\xff\xd8\xff")), bytes.HasPrefix(data, []byte("GIF8")):
		return "", "an image"
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")):
		return "", "an old Microsoft Office document"
	case bytes.HasPrefix(data, []byte("{\\rtf")):
		return "", "an RTF document"
	}
	if looksText(head) {
		return "", "plain text (to make a book of it, run folio build on it)"
	}
	return "", "unrecognised binary data"
}

// isEPUBZip tells an EPUB, even a damaged one, from another zip: the
// mimetype entry first, or the OCF container anywhere in the archive.
func isEPUBZip(data []byte) bool {
	if len(data) >= 38 && string(data[30:38]) == "mimetype" {
		return true
	}
	return bytes.Contains(data, []byte("META-INF/container.xml")) || bytes.Contains(data, []byte("application/epub+zip"))
}

// looksText reports whether b is mostly printable text.
func looksText(b []byte) bool {
	ctl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	return ctl*20 < len(b)
}

// findings collects findings; add keeps call sites short.
type findings struct{ list []Finding }

func (f *findings) add(s Severity, where, format string, args ...any) {
	f.list = append(f.list, Finding{Severity: s, Where: where, Message: fmt.Sprintf(format, args...)})
}
