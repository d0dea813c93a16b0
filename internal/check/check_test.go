package check

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// TestSamplePasses: the sample book as folio build makes it passes with
// no error and no warning, and the facts describe it.
func TestSamplePasses(t *testing.T) {
	epubData, pdfData := sampleFiles(t)
	for _, tc := range []struct {
		name  string
		check func() Result
		facts []string
	}{
		{"epub", func() Result { return EPUB(bg, epubData, Options{}) }, []string{"EPUB 3.0, “Works, Volume 19”, language en", "115 notes, 307 page-list entries", "4 embedded fonts"}},
		{"pdf", func() Result { return PDF(bg, pdfData, Options{}) }, []string{"304 pages, 6 × 9 in trim", "2 fonts, all embedded", "title “Works, Volume 19”, author “Enver Hoxha”"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.check()
			if r.Kind != tc.name || r.Failed() || r.Count(Warning) > 0 {
				t.Errorf("want a pass with no warnings:\n%s", report(r))
			}
			facts := strings.Join(r.Facts, "\n")
			for _, f := range tc.facts {
				if !strings.Contains(facts, f) {
					t.Errorf("facts lack %q:\n%s", f, facts)
				}
			}
		})
	}
}

var modifiedMeta = regexp.MustCompile(`<meta property="dcterms:modified">[^<]*</meta>`)

// TestEPUBDamage: damaged copies of the sample EPUB, each giving the
// finding a publisher needs.
func TestEPUBDamage(t *testing.T) {
	epubData, _ := sampleFiles(t)
	const (
		opf = "OEBPS/content.opf"
		nav = "OEBPS/nav.xhtml"
		ch  = "OEBPS/ch03.xhtml"
	)
	const backlink = `<a class="note-label" href="#ref-ch03-n1" role="doc-backlink" aria-label="Back to note reference 1">1</a>`
	const noteref = `<a class="noteref" epub:type="noteref" role="doc-noteref" id="ref-ch03-n1" href="#ch03-n1">1</a>`
	for _, tc := range []struct {
		name string
		data func() []byte
		sev  Severity
		want []string // parts of one finding: "where: message"
	}{
		{"broken toc link", edit(t, epubData, replaceIn(nav, `href="ch03.xhtml"`, `href="ch03.xhtml#nowhere"`, 1)),
			Error, []string{nav + ":", "table of contents entry “Radiogram to Comrade Hysni Kapo in Bucharest”", "#nowhere, which is no id in OEBPS/ch03.xhtml"}},
		{"link to a missing file", edit(t, epubData, replaceIn(nav, `href="ch03.xhtml"`, `href="ch99.xhtml"`, 1)),
			Error, []string{"leads to OEBPS/ch99.xhtml, which is not in the book"}},
		{"broken page-list entry", edit(t, epubData, replaceIn(nav, `href="ch03.xhtml#page-1"`, `href="ch03.xhtml#page-0"`, 1)),
			Error, []string{"page-list entry “1”", "#page-0"}},
		{"page-list entry to a heading", edit(t, epubData, replaceIn(nav, `href="ch03.xhtml#page-1"`, `href="ch03.xhtml#ch03"`, 1)),
			Warning, []string{"page-list entry “1” leads to a <section>, not a page-break marker"}},
		{"missing manifest file", edit(t, epubData, func(name string, d []byte) []byte {
			if name == ch {
				return nil
			}
			return d
		}), Error, []string{opf + ":", "manifest item OEBPS/ch03.xhtml is not in the archive"}},
		{"mimetype compressed", func() []byte { return rezip(t, epubData, rezipOpts{compressMime: true}) },
			Error, []string{"mimetype: the mimetype file is compressed"}},
		{"mimetype with an extra field", func() []byte { return rezip(t, epubData, rezipOpts{mimeTimestamp: true}) },
			Error, []string{"the mimetype entry has a 9-byte extra field"}},
		{"mimetype not first", func() []byte { return rezip(t, epubData, rezipOpts{mimetypeLast: true}) },
			Error, []string{"the first file in the archive must be “mimetype”"}},
		{"mimetype with a line end", edit(t, epubData, replaceIn("mimetype", "zip", "zip\n", 1)),
			Error, []string{"must hold exactly application/epub+zip"}},
		{"note without backlink", edit(t, epubData, replaceIn(ch, backlink, `<span class="note-label">1</span>`, 1)),
			Warning, []string{ch + ":", `note "ch03-n1" has no link back to its marker`, `href="#ref-ch03-n1"`}},
		{"backlink elsewhere", edit(t, epubData, replaceIn(ch, `href="#ref-ch03-n1" role="doc-backlink"`, `href="#ch03" role="doc-backlink"`, 1)),
			Warning, []string{`the backlink of note "ch03-n1" (#ch03) does not lead to a marker of this note`}},
		{"back-link at the note's end (the old markup)", edit(t, epubData, both(replaceIn(ch, backlink+` On June 2`, `<span class="note-label">1</span> On June 2`, 1), replaceIn(ch, `People’s Republic of China.</p>`, `People’s Republic of China. <a href="#ref-ch03-n1" role="doc-backlink">↑</a></p>`, 1))),
			Warning, []string{ch + ":", "1 of 115 notes end with their link back to the reference: Kindle runs the following notes into the pop-up"}},
		{"untyped note reference", edit(t, epubData, replaceIn(ch, `epub:type="noteref" role="doc-noteref" id="ref-ch03-n1"`, `role="doc-noteref" id="ref-ch03-n1"`, 1)),
			Warning, []string{"1 of 115 notes are referenced by links without epub:type=\"noteref\": Apple Books does not pop them up"}},
		{"a note too short to pop up on Kobo", edit(t, epubData, replaceRe(ch, `(?s)(id="ch03-n1">\n<p><a[^>]*>1</a>) .*?</aside>`, "$1 Ibid.</p>\n</aside>")),
			Warning, []string{"1 of 115 notes are shorter than 9 characters: Kobo opens them as a jump"}},
		{"a page marker not in the page list", edit(t, epubData, replaceIn("OEBPS/nav.xhtml", `<li><a href="ch04.xhtml#page-2">2</a></li>`+"\n", "", 1)),
			Warning, []string{"OEBPS/ch04.xhtml:", "1 of 307 page-break markers are not in the page list", "epub-pagelist-missing-pagebreak", "which this leaves unbacked"}},
		{"page markers without dc:source", edit(t, epubData, replaceRe("OEBPS/content.opf", `<dc:source id="src">[^<]*</dc:source>`, "")),
			Warning, []string{"page-break markers but no dc:source"}},
		{"an index locator that leads to no page marker", edit(t, epubData, replaceIn(ch, "<p>Be very careful.", `<p><a epub:type="index-locator" href="#ch03">7</a> Be very careful.`, 1)),
			Warning, []string{`index entry “7” links to a <section>, not to the marker of the page it names`}},
		{"note nobody references", edit(t, epubData, replaceIn(ch, noteref, "", 1)),
			Warning, []string{`note "ch03-n1" is referenced by no note marker`}},
		{"noteref to no note", edit(t, epubData, replaceIn(ch, `href="#ch03-n1"`, `href="#ch03-n9"`, 1)),
			Error, []string{`<a href="#ch03-n9"> leads to #ch03-n9, which is no id`}},
		{"noteref to a section", edit(t, epubData, replaceIn(ch, `href="#ch03-n1"`, `href="#ch03"`, 1)),
			Warning, []string{"note reference #ch03 leads to a <section>, not a footnote"}},
		{"duplicate id", edit(t, epubData, replaceIn(ch, `<p class="notice">`, `<p class="notice" id="ch03">`, 1)),
			Error, []string{`id "ch03" is used twice`}},
		{"unclosed element", edit(t, epubData, replaceIn(ch, "</h1>", "", 1)),
			Error, []string{ch + ": not well-formed XML (line"}},
		{"HTML entity", edit(t, epubData, replaceIn(ch, "Strictly Personal", "Strictly&nbsp;Personal", 1)),
			Error, []string{"not well-formed XML", "&nbsp;"}},
		{"no language", edit(t, epubData, replaceIn(opf, "<dc:language>en</dc:language>", "", 1)),
			Error, []string{"no dc:language"}},
		{"bad language", edit(t, epubData, replaceIn(opf, "<dc:language>en</dc:language>", "<dc:language>English</dc:language>", 1)),
			Error, []string{`dc:language "English" is not a BCP 47 language tag`}},
		{"no title", edit(t, epubData, func(name string, d []byte) []byte {
			if name == opf {
				d = regexp.MustCompile(`<dc:title[^>]*>[^<]*</dc:title>`).ReplaceAll(d, nil)
			}
			return d
		}), Error, []string{"no dc:title"}},
		{"modified without time", edit(t, epubData, func(name string, d []byte) []byte {
			if name == opf {
				d = modifiedMeta.ReplaceAll(d, []byte(`<meta property="dcterms:modified">2024-01-31</meta>`))
			}
			return d
		}), Error, []string{`dcterms:modified "2024-01-31" is not in the form CCYY-MM-DDThh:mm:ssZ`}},
		{"no modified", edit(t, epubData, func(name string, d []byte) []byte {
			if name == opf {
				d = modifiedMeta.ReplaceAll(d, nil)
			}
			return d
		}), Error, []string{"no dcterms:modified"}},
		{"no accessibility summary", edit(t, epubData, func(name string, d []byte) []byte {
			if name == opf {
				d = regexp.MustCompile(`<meta property="schema:accessibility(Summary|Hazard)">[^<]*</meta>`).ReplaceAll(d, nil)
			}
			return d
		}), Warning, []string{"accessibility metadata missing: schema:accessibilityHazard, schema:accessibilitySummary"}},
		{"unique identifier names nothing", edit(t, epubData, replaceIn(opf, `unique-identifier="pub-id"`, `unique-identifier="isbn"`, 1)),
			Error, []string{`unique-identifier "isbn" names no dc:identifier`}},
		{"bad ISBN", edit(t, epubData, func(name string, d []byte) []byte {
			if name == opf {
				d = regexp.MustCompile(`(<dc:identifier id="pub-id">)[^<]*`).ReplaceAll(d, []byte("${1}urn:isbn:978-0-306-40615-6"))
			}
			return d
		}), Error, []string{"the ISBN's check digit is wrong"}},
		{"empty spine", edit(t, epubData, func(name string, d []byte) []byte {
			if name == opf {
				d = regexp.MustCompile(`<itemref [^>]*/>`).ReplaceAll(d, nil)
			}
			return d
		}), Error, []string{"the spine is empty"}},
		{"style sheet in the spine", edit(t, epubData, replaceIn(opf, `<itemref idref="titlepage"/>`, `<itemref idref="css"/>`, 1)),
			Error, []string{"the spine lists css/book.css (text/css)"}},
		{"file not in the manifest", func() []byte {
			return rezip(t, epubData, rezipOpts{extra: map[string]string{"OEBPS/notes.txt": "proof corrections"}})
		}, Warning, []string{"OEBPS/notes.txt: in the archive but not in the manifest"}},
		{"wrong media type", edit(t, epubData, replaceIn(opf, `href="images/cover.png" media-type="image/png"`, `href="images/cover.png" media-type="image/jpeg"`, 1)),
			Error, []string{"cover.png is declared as image/jpeg; a .png file should be image/png"}},
		{"image that is not one", edit(t, epubData, func(name string, d []byte) []byte {
			if name == "OEBPS/images/cover.png" {
				return []byte("<html>not found</html>")
			}
			return d
		}), Error, []string{"cover.png is declared as image/png but is not a PNG"}},
		{"no navigation document", edit(t, epubData, replaceIn(opf, ` properties="nav"`, "", 1)),
			Error, []string{"no navigation document"}},
		{"no toc in the navigation document", edit(t, epubData, replaceIn(nav, `epub:type="toc"`, `epub:type="lot"`, 1)),
			Error, []string{`no <nav epub:type="toc">`}},
		{"style sheet loads a missing font", edit(t, epubData, replaceIn("OEBPS/css/book.css", "FolioBookText-Bold.ttf", "FolioBookText-Heavy.ttf", 1)),
			Error, []string{"OEBPS/css/book.css:", `url(../fonts/FolioBookText-Heavy.ttf) leads to OEBPS/fonts/FolioBookText-Heavy.ttf, which is not in the book`}},
		{"broken NCX entry", edit(t, epubData, replaceIn("OEBPS/toc.ncx", `src="ch03.xhtml#page-1"`, `src="ch03.xhtml#page-one"`, 1)),
			Error, []string{"NCX entry ch03.xhtml#page-one leads to #page-one"}},
		{"no container", edit(t, epubData, func(name string, d []byte) []byte {
			if name == "META-INF/container.xml" {
				return nil
			}
			return d
		}), Error, []string{"META-INF/container.xml: missing"}},
		{"truncated", func() []byte { return epubData[:len(epubData)/2] },
			Error, []string{"not a readable zip archive", "truncated or damaged"}},
		{"random bytes", func() []byte { return randomBytes(4096) },
			Error, []string{"not a readable zip archive"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := EPUB(bg, tc.data(), Options{})
			if !has(r, tc.sev, tc.want...) {
				t.Errorf("want a %s with %q in:\n%s", tc.sev, tc.want, report(r))
			}
			if tc.sev == Error && !r.Failed() {
				t.Errorf("an error finding must fail the file")
			}
		})
	}
}

// edit returns a copy of data with edit applied, made when the case runs.
func edit(t testing.TB, data []byte, e func(string, []byte) []byte) func() []byte {
	return func() []byte { return rezip(t, data, rezipOpts{edit: e}) }
}

// both applies two edits.
func both(f, g func(string, []byte) []byte) func(string, []byte) []byte {
	return func(name string, data []byte) []byte { return g(name, f(name, data)) }
}

// replaceRe replaces the first match of a regular expression in file.
func replaceRe(file, re, repl string) func(string, []byte) []byte {
	rx := regexp.MustCompile(re)
	return func(name string, data []byte) []byte {
		if name != file {
			return data
		}
		loc := rx.FindSubmatchIndex(data)
		if loc == nil {
			return data
		}
		out := append([]byte(nil), data[:loc[0]]...)
		out = rx.Expand(out, []byte(repl), data, loc)
		return append(out, data[loc[1]:]...)
	}
}

func randomBytes(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2)) // fixed seed: the same bytes each run
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return b
}

// TestForeignEPUBs: EPUBs in other makers' conventions (EPUB 2 with an
// NCX; endnotes in their own file with plain backlinks) pass.
func TestForeignEPUBs(t *testing.T) {
	for _, tc := range []struct {
		name     string
		files    map[string]string
		warnings []string
	}{
		{"epub2", epub2Book, []string{"an EPUB 2.0 book", "accessibility metadata missing"}},
		{"endnotes", endnotesBook, []string{"1 of 1 note end with their link back to the reference: Kindle runs the following notes into the pop-up"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := EPUB(bg, buildZip(t, tc.files), Options{})
			if r.Failed() || r.Count(Warning) != len(tc.warnings) {
				t.Errorf("want no errors and %d warnings:\n%s", len(tc.warnings), report(r))
			}
			for _, w := range tc.warnings {
				if !has(r, Warning, w) {
					t.Errorf("no warning %q:\n%s", w, report(r))
				}
			}
		})
	}
}

// TestPDFDamage: the sample PDF and small PDFs made with fpdf, each with
// one defect.
func TestPDFDamage(t *testing.T) {
	_, pdfData := sampleFiles(t)
	good := pdfSpec{pages: 24, bookmarks: true}
	with := func(f func(*pdfSpec)) func() []byte {
		return func() []byte {
			s := good
			f(&s)
			return makePDF(t, s)
		}
	}
	replaced := func(data []byte, old, new string) func() []byte {
		return func() []byte {
			if len(old) != len(new) || !bytes.Contains(data, []byte(old)) {
				t.Fatalf("bad test: %q → %q must keep offsets and match", old, new)
			}
			return bytes.ReplaceAll(data, []byte(old), []byte(new))
		}
	}
	for _, tc := range []struct {
		name string
		data func() []byte
		sev  Severity
		want []string
	}{
		{"good small PDF", with(func(*pdfSpec) {}), Info, []string{"trim 6 × 9 in (US Trade) is a standard print-on-demand size"}},
		{"sample without TrimBox", replaced(pdfData, "/TrimBox", "/TrimBxx"), Error, []string{"pages 1, 2, 3, 4, 5, 299 more: 304 of 304 pages have no TrimBox"}},
		{"sample without outline", replaced(pdfData, "/Outlines", "/Outlinez"), Warning, []string{"no bookmarks (outline)"}},
		{"sample truncated", func() []byte { return pdfData[:len(pdfData)/3] }, Error, []string{"cannot be read as a PDF"}},
		{"random bytes", func() []byte { return append([]byte("%PDF-1.4\n"), randomBytes(4096)...) }, Error, []string{"cannot be read as a PDF"}},
		{"sample with a damaged page", func() []byte { return breakStream(t, pdfData) }, Error, []string{"page 1: the page's content cannot be decoded"}},
		{"core font", with(func(s *pdfSpec) { s.coreFont = true }), Error, []string{"page 1: font Helvetica (Type1) is not embedded"}},
		{"odd page count", with(func(s *pdfSpec) { s.pages = 25 }), Warning, []string{"25 pages, an odd count: IngramSpark requires an even page count"}},
		{"too few pages", with(func(s *pdfSpec) { s.pages = 4 }), Warning, []string{"4 pages: fewer than the 24 a KDP paperback needs"}},
		{"no TrimBox", with(func(s *pdfSpec) { s.noTrim = true }), Error, []string{"24 of 24 pages have no TrimBox"}},
		{"a narrower page", with(func(s *pdfSpec) { s.otherTrimPage, s.trimDelta = 3, -72 }), Error, []string{"page 3: trim 5 × 9 in differs from the first page's 6 × 9 in"}},
		{"trim outside the page", with(func(s *pdfSpec) { s.otherTrimPage, s.trimDelta = 3, 18 }), Error, []string{"page 3: the TrimBox reaches outside the MediaBox"}},
		{"odd trim size", with(func(s *pdfSpec) { s.w, s.h = 300, 300 }), Warning, []string{"trim 4.17 × 4.17 in (300 × 300 pt) is not a standard print-on-demand size"}},
		{"A5", with(func(s *pdfSpec) { s.w, s.h = 148/25.4*72, 210/25.4*72 }), Info, []string{"A5 (148 × 210 mm) is a standard"}},
		{"no title or author", with(func(s *pdfSpec) { s.noInfo = true }), Warning, []string{"no document title"}},
		{"no bookmarks", with(func(s *pdfSpec) { s.bookmarks = false }), Warning, []string{"no bookmarks (outline)"}},
		{"bookmark to no page", func() []byte {
			s := good
			s.pages = 2
			return replaced(makePDF(t, s), "/Dest [5 0 R", "/Dest [4 0 R")()
		}, Error, []string{"bookmarks: 1 bookmark of 2 lead to no page of this document (“Document 2”)"}},
		{"encrypted", with(func(s *pdfSpec) { s.protect = true }), Error, []string{"the PDF is encrypted"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := PDF(bg, tc.data(), Options{})
			if !has(r, tc.sev, tc.want...) {
				t.Errorf("want a %s with %q in:\n%s", tc.sev, tc.want, report(r))
			}
			if (tc.sev == Error) != r.Failed() {
				t.Errorf("Failed() = %v:\n%s", r.Failed(), report(r))
			}
		})
	}
}

// TestPDFFacts: what a publisher reads first about a PDF.
func TestPDFFacts(t *testing.T) {
	for _, tc := range []struct {
		name string
		spec pdfSpec
		want string
	}{
		{"plain", pdfSpec{pages: 24}, "PDF 1.3, 24 pages, 6 × 9 in trim"},
		{"bleed", pdfSpec{pages: 24, bleed: 9}, "PDF 1.3, 24 pages, 6 × 9 in trim with 0.125 in bleed"},
		{"5.5 × 8.5", pdfSpec{pages: 2, w: 396, h: 612}, "PDF 1.3, 2 pages, 5.5 × 8.5 in trim"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := PDF(bg, makePDF(t, tc.spec), Options{})
			if len(r.Facts) == 0 || r.Facts[0] != tc.want {
				t.Errorf("facts %q, want %q first", r.Facts, tc.want)
			}
		})
	}
}

// TestFile: the kind comes from the bytes; what is neither is an error
// that says what it is.
func TestFile(t *testing.T) {
	epubData, _ := sampleFiles(t)
	small := makePDF(t, pdfSpec{pages: 24, bookmarks: true})
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name, path string
		kind       string // "" when an error is wanted
		err        string
	}{
		{"epub", write("book.epub", epubData), "epub", ""},
		{"epub named .pdf", write("book-epub.pdf", epubData), "epub", ""},
		{"pdf named .epub", write("book-pdf.epub", small), "pdf", ""},
		{"damaged epub", write("half.epub", epubData[:len(epubData)/2]), "epub", ""},
		{"text", write("book.txt", []byte("RADIOGRAM TO COMRADE HYSNI KAPO IN BUCHAREST\n\nJune 21, 1960\n")), "", "is plain text (to make a book of it, run folio build on it), not an EPUB or a PDF"},
		{"empty", write("empty.epub", nil), "", "empty.epub is empty, not an EPUB or a PDF"},
		{"zip", write("data.zip", buildZip(t, map[string]string{"word/document.xml": "<w/>"})), "", "is a zip archive without an EPUB's mimetype"},
		{"png", write("cover.epub", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")), "", "is an image, not an EPUB or a PDF"},
		{"missing", filepath.Join(dir, "nowhere.epub"), "", filepath.Join(dir, "nowhere.epub") + ": cannot read the file: no such file"},
		// Read as a user's file: refused at once, never read.
		{"fifo", fifo(t, filepath.Join(dir, "pipe.epub")), "", "pipe.epub: is a named pipe (FIFO), not a regular file"},
		{"device", "/dev/zero", "", "/dev/zero: is a character device, not a regular file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := File(bg, tc.path, Options{})
			switch {
			case tc.kind == "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Errorf("err = %v, want one containing %q", err, tc.err)
			case tc.kind != "" && err != nil:
				t.Errorf("err = %v", err)
			case tc.kind != "" && (r.Kind != tc.kind || r.File != tc.path):
				t.Errorf("kind %q file %q, want %q %q", r.Kind, r.File, tc.kind, tc.path)
			}
		})
	}
}

func fifo(t *testing.T, p string) string {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestWriteText: the report leads with the verdict, errors first, in a
// fixed order.
func TestWriteText(t *testing.T) {
	r := Result{File: "book.pdf", Kind: "pdf", Facts: []string{"PDF 1.3, 25 pages, 6 × 9 in trim"}, Findings: []Finding{
		{Warning, "", "25 pages, an odd count"},
		{Info, "", "trim 6 × 9 in (US Trade) is a standard print-on-demand size"},
		{Error, "page 1", "font Helvetica (Type1) is not embedded"},
		{Error, "bookmarks", "1 bookmark of 2 lead to no page"},
	}}
	want := `book.pdf: PDF FAIL — 2 errors, 1 warning
  PDF 1.3, 25 pages, 6 × 9 in trim
ERROR   page 1: font Helvetica (Type1) is not embedded
ERROR   bookmarks: 1 bookmark of 2 lead to no page
WARNING 25 pages, an odd count
INFO    trim 6 × 9 in (US Trade) is a standard print-on-demand size
`
	if got := report(r); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestDeterministic: the same file gives the same report.
func TestDeterministic(t *testing.T) {
	epubData, _ := sampleFiles(t)
	damaged := rezip(t, epubData, rezipOpts{compressMime: true, edit: replaceIn("OEBPS/ch03.xhtml", `href="#ch03-n1"`, `href="#ch03-n9"`, 1)})
	first := report(EPUB(bg, damaged, Options{}))
	for range 3 {
		if again := report(EPUB(bg, damaged, Options{})); again != first {
			t.Fatalf("reports differ:\n%s\n---\n%s", first, again)
		}
	}
}

// TestNoSideEffects: reading PDFs leaves the home directory alone
// (pdfcpu's defaults create a configuration directory there).
func TestNoSideEffects(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("TMPDIR", t.TempDir())
	_, pdfData := sampleFiles(t)
	PDF(bg, pdfData, Options{})
	PDF(bg, makePDF(t, pdfSpec{pages: 2, coreFont: true}), Options{})
	entries, err := os.ReadDir(home)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("checking a PDF created %s in the home directory", e.Name())
	}
}

// TestKepubChecks: a file named .kepub.epub without Kobo's spans fails; an
// EPUB with some spans is taken for a kepub and its unconverted documents
// are reported.
func TestKepubChecks(t *testing.T) {
	epubData, _ := sampleFiles(t)
	file := filepath.Join(t.TempDir(), "book.kepub.epub")
	if err := os.WriteFile(file, epubData, 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := File(bg, file, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Failed() || !has(r, Error, "named .kepub.epub but has no Kobo sentence spans") {
		t.Errorf("an EPUB named as a kepub passes:\n%s", report(r))
	}
	half := rezip(t, epubData, rezipOpts{edit: replaceIn("OEBPS/ch03.xhtml", "<p>Be very careful.", `<p><span class="koboSpan" id="kobo.1.1">Be very careful.</span>`, 1)})
	r = EPUB(bg, half, Options{})
	for _, w := range []string{"of the kepub lack Kobo's wrapper", "of the kepub have text outside Kobo's sentence spans"} {
		if !has(r, Warning, w) {
			t.Errorf("no warning %q:\n%s", w, report(r))
		}
	}
}
