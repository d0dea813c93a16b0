package check

import (
	"os/exec"
	"strings"
	"testing"
)

// TestExternal: epubcheck's and qpdf's messages become findings. Each
// part skips when its tool is missing (CI installs both).
func TestExternal(t *testing.T) {
	_, pdfData := sampleFiles(t)
	t.Run("epubcheck", func(t *testing.T) {
		if EPUBCheckCommand() == nil {
			t.Skip("epubcheck not installed (Debian package epubcheck): skipping its part of the check")
		}
		if testing.Short() {
			t.Skip("epubcheck takes seconds to start")
		}
		// a broken note link: found by us and by EPUBCheck (RSC-012)
		data := rezip(t, smallEPUB(t), rezipOpts{edit: func(name string, d []byte) []byte {
			return []byte(strings.Replace(string(d), `role="doc-noteref" id="ref-`, `role="doc-noteref" id="xref-`, 1))
		}})
		r := EPUB(bg, data, Options{External: true})
		var ours, theirs bool
		for _, f := range r.Findings {
			ours = ours || f.Severity == Error && strings.Contains(f.Message, "which is no id in") && !strings.HasPrefix(f.Message, "epubcheck")
			theirs = theirs || f.Severity == Error && strings.HasPrefix(f.Message, "epubcheck RSC-012:")
		}
		if !ours || !theirs {
			t.Errorf("want our finding and epubcheck's RSC-012 error:\n%s", report(r))
		}
	})
	t.Run("qpdf", func(t *testing.T) {
		if _, err := exec.LookPath("qpdf"); err != nil {
			t.Skip("qpdf not installed (Debian package qpdf): skipping its part of the check")
		}
		for _, tc := range []struct {
			name string
			data []byte
			sev  Severity
			want string
		}{
			{"sample", pdfData, Info, "qpdf --check found no syntax or stream errors"},
			{"broken stream", breakStream(t, pdfData), Error, "qpdf: "},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := PDF(bg, tc.data, Options{External: true})
				if !has(r, tc.sev, tc.want) {
					t.Errorf("want a %s %q in:\n%s", tc.sev, tc.want, report(r))
				}
			})
		}
	})
	t.Run("missing tools", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		for _, r := range []Result{EPUB(bg, smallEPUB(t), Options{External: true}), PDF(bg, pdfData, Options{External: true})} {
			if !has(r, Info, "is not installed") || r.Failed() {
				t.Errorf("want an info finding saying the tool is missing:\n%s", report(r))
			}
		}
	})
}

// breakStream corrupts the deflated bytes of the first page's content
// stream, keeping every offset.
func breakStream(t *testing.T, data []byte) []byte {
	t.Helper()
	out := append([]byte(nil), data...)
	i := strings.Index(string(out), "/FlateDecode")
	j := strings.Index(string(out[i:]), "stream\n")
	if i < 0 || j < 0 {
		t.Fatal("no deflated stream in the sample PDF")
	}
	start := i + j + len("stream\n")
	for k := start + 2; k < start+40; k++ {
		out[k] ^= 0x5a
	}
	return out
}
