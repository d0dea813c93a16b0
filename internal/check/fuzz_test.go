package check

import (
	"strings"
	"testing"

	"folio/internal/check/checktest"
)

// The fuzz targets feed damaged files to the checkers: they must never
// panic, and a panic in this package's own code (recovered as an
// "internal error" finding) is a failure too. Seeds are small books of
// a few kilobytes, without fonts: the fuzzer then spends its time
// fuzzing, not minimising megabytes (see the README for the command and
// the executions each target gets).
//
//	go test ./internal/check -run '^$' -fuzz '^FuzzEPUB$' -fuzztime 2m -fuzzminimizetime 0

func FuzzEPUB(f *testing.F) {
	f.Add(checktest.EPUB())
	f.Add(storedZip(f, endnotesBook))
	f.Add(buildZip(f, epub2Book))
	f.Add(buildZip(f, endnotesBook))
	f.Fuzz(func(t *testing.T, data []byte) {
		assertSane(t, EPUB(bg, data, Options{}), "epub")
	})
}

// FuzzEPUBContent fuzzes the package document, the navigation document
// and a chapter inside a sound archive: a damaged zip entry fails its
// checksum, so FuzzEPUB rarely reaches the XML checks. The archive around
// them is the small endnotes book, stored, so that each run is quick.
func FuzzEPUBContent(f *testing.F) {
	const opf, nav, chapter = "OPS/package.opf", "OPS/toc.xhtml", "OPS/text/chapter-1.xhtml"
	f.Add([]byte(endnotesBook[opf]), []byte(endnotesBook[nav]), []byte(endnotesBook[chapter]))
	_, files := unzipFiles(f, smallEPUB(f))
	f.Add(files["OEBPS/content.opf"], files["OEBPS/nav.xhtml"], files["OEBPS/ch02.xhtml"])
	f.Fuzz(func(t *testing.T, o, n, c []byte) {
		book := map[string]string{}
		for k, v := range endnotesBook {
			book[k] = v
		}
		book[opf], book[nav], book[chapter] = string(o), string(n), string(c)
		assertSane(t, EPUB(bg, storedZip(t, book), Options{}), "epub")
	})
}

func FuzzPDF(f *testing.F) {
	f.Add(makePDF(f, pdfSpec{pages: 2, bookmarks: true, coreFont: true}))
	f.Add(makePDF(f, pdfSpec{pages: 3, bookmarks: true, coreFont: true, bleed: 9}))
	f.Add(checktest.PDF("BT /F1 12 Tf 72 700 Td (A page) Tj ET", 1, 64))
	f.Fuzz(func(t *testing.T, data []byte) {
		assertSane(t, PDF(bg, data, Options{}), "pdf")
	})
}

func assertSane(t *testing.T, r Result, kind string) {
	t.Helper()
	if r.Kind != kind {
		t.Errorf("kind %q, want %q", r.Kind, kind)
	}
	for _, f := range r.Findings {
		if strings.HasPrefix(f.Message, internalError) || strings.Contains(f.Message, ": "+internalError) {
			t.Errorf("%s", f.Message)
		}
		if f.Message == "" {
			t.Errorf("a finding with no message: %+v", f)
		}
	}
	var b strings.Builder
	if err := r.WriteText(&b); err != nil || !strings.Contains(b.String(), strings.ToUpper(kind)) {
		t.Errorf("WriteText: %v\n%s", err, b.String())
	}
}
