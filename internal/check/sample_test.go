package check

import (
	"archive/zip"
	"bytes"
	"context"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"folio/assets"
	"folio/fonts"
	"folio/internal/cover"
	"folio/internal/epub"
	"folio/internal/meta"
	"folio/internal/pdf"
	"folio/internal/pipeline"
	"folio/internal/typeset/typesettest"
)

// The sample book as folio build makes it, built once for all tests.
var sample struct {
	once      sync.Once
	epub, pdf []byte
	err       error
}

func sampleFiles(t testing.TB) (epubData, pdfData []byte) {
	t.Helper()
	sample.once.Do(func() {
		b, _, err := pipeline.Clean(assets.Sample(), assets.SamplePath)
		if err != nil {
			sample.err = err
			return
		}
		m, err := meta.Load("../../assets/" + assets.SampleMetaPath)
		if err != nil {
			sample.err = err
			return
		}
		if err := meta.Defaults(&m, assets.SamplePath); err != nil {
			sample.err = err
			return
		}
		b.Meta = m
		png, err := cover.Generate(m)
		if err != nil {
			sample.err = err
			return
		}
		var e, p bytes.Buffer
		if err := epub.Write(&e, b, epub.Options{EmbedFonts: true, CoverImage: png, CoverMediaType: "image/png"}); err != nil {
			sample.err = err
			return
		}
		if _, err := pdf.Write(&p, b, pdf.Options{Trim: "6x9"}); err != nil {
			sample.err = err
			return
		}
		sample.epub, sample.pdf = e.Bytes(), p.Bytes()
	})
	if sample.err != nil {
		t.Fatalf("building the sample: %v", sample.err)
	}
	return sample.epub, sample.pdf
}

// smallEPUB is the first documents of the sample as an EPUB without
// fonts: a seed small enough to fuzz.
func smallEPUB(t testing.TB) []byte {
	t.Helper()
	b := typesettest.Sample(3)
	b.Meta.Identifier = "urn:uuid:0b5c3f0e-8a53-4f0b-9d0e-6a3f1c2b7d10"
	var buf bytes.Buffer
	if err := epub.Write(&buf, b, epub.Options{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pdfSpec describes a small PDF made with fpdf for a test.
type pdfSpec struct {
	pages         int
	w, h          float64 // page size in points; 6 × 9 in when 0
	coreFont      bool    // Helvetica, not embedded, instead of Gentium
	noTrim        bool
	otherTrimPage int     // a page whose trim box is trimDelta points wider
	trimDelta     float64 // (negative: narrower)
	bleed         float64 // points of bleed around the trim on each side
	bookmarks     bool
	noInfo        bool
	protect       bool
}

// makePDF writes spec with fpdf.
func makePDF(t testing.TB, s pdfSpec) []byte {
	t.Helper()
	if s.w == 0 {
		s.w, s.h = 432, 648
	}
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: s.w + 2*s.bleed, Ht: s.h + 2*s.bleed}})
	f.SetCompression(false)
	f.SetCreationDate(sampleDate)
	f.SetModificationDate(sampleDate)
	family := "Helvetica"
	if !s.coreFont {
		family = "gentium"
		f.AddUTF8FontFromBytes(family, "", fonts.Regular)
	}
	if !s.noInfo {
		f.SetTitle("Works, Volume 19", true)
		f.SetAuthor("Enver Hoxha", true)
	}
	if s.protect {
		f.SetProtection(fpdf.CnProtectPrint, "", "owner")
	}
	if !s.noTrim {
		f.SetPageBox("TrimBox", s.bleed, s.bleed, s.w, s.h)
	}
	lines := []string{
		"RADIOGRAM TO COMRADE HYSNI KAPO IN BUCHAREST",
		"From your radiograms we see that things are taking a wrong course;",
		"therefore the situation is very delicate. Be very careful.",
	}
	for i := 1; i <= s.pages; i++ {
		f.AddPage()
		if !s.noTrim {
			w := s.w
			if i == s.otherTrimPage {
				w += s.trimDelta
			}
			f.SetPageBox("TrimBox", s.bleed, s.bleed, w, s.h)
		}
		f.SetFont(family, "", 11)
		if s.bookmarks {
			f.Bookmark("Document "+strconv.Itoa(i), 0, 72)
		}
		for j, ln := range lines {
			f.Text(54, 90+float64(j)*14, ln)
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sampleDate stamps test files: output must not depend on the clock.
var sampleDate = time.Date(1976, 11, 8, 0, 0, 0, 0, time.UTC)

// rezip rewrites an EPUB: edit may change or drop (nil) a file; first
// and stored control the mimetype entry.
type rezipOpts struct {
	edit          func(name string, data []byte) []byte
	compressMime  bool
	mimetypeLast  bool
	mimeTimestamp bool              // gives the mimetype entry an extra field
	extra         map[string]string // files to add at the end
}

func rezip(t testing.TB, data []byte, o rezipOpts) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	type entry struct {
		name string
		data []byte
		raw  *zip.File // unchanged: copied without recompressing
	}
	var entries []entry
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if _, err := b.ReadFrom(rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
		d := b.Bytes()
		if o.edit != nil {
			d = o.edit(zf.Name, d)
		}
		switch {
		case d == nil:
		case zf.Name != "mimetype" && bytes.Equal(d, b.Bytes()):
			entries = append(entries, entry{name: zf.Name, raw: zf})
		default:
			entries = append(entries, entry{name: zf.Name, data: d})
		}
	}
	if o.mimetypeLast && len(entries) > 0 && entries[0].name == "mimetype" {
		entries = append(entries[1:], entries[0])
	}
	for _, name := range sortedNames(o.extra) {
		entries = append(entries, entry{name: name, data: []byte(o.extra[name])})
	}
	for _, e := range entries {
		if e.raw != nil {
			if err := zw.Copy(e.raw); err != nil {
				t.Fatal(err)
			}
			continue
		}
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: sampleDate}
		if e.name == "mimetype" {
			if !o.mimeTimestamp {
				h.Modified = time.Time{} // a timestamp would add an extra field
			}
			if !o.compressMime {
				h.Method = zip.Store
			}
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sortedNames(m map[string]string) []string {
	var names []string
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// replaceIn returns an edit replacing old by new (n times, -1 all) in the
// named file.
func replaceIn(file, old, new string, n int) func(string, []byte) []byte {
	return func(name string, data []byte) []byte {
		if name != file {
			return data
		}
		return bytes.Replace(data, []byte(old), []byte(new), n)
	}
}

// has reports whether r has a finding of severity s whose message holds
// every part.
func has(r Result, s Severity, parts ...string) bool {
	for _, f := range r.Findings {
		if f.Severity != s {
			continue
		}
		text := f.Where + ": " + f.Message
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(text, p)
		}
		if ok {
			return true
		}
	}
	return false
}

func report(r Result) string {
	var b strings.Builder
	r.WriteText(&b)
	return b.String()
}

var bg = context.Background()

// TestSamplePopups holds every note of the sample to each reader's pop-up
// rule (see popup.go and the README): target type, order, length and the
// place of the back-link.
func TestSamplePopups(t *testing.T) {
	epubData, _ := sampleFiles(t)
	notes, err := NotePopups(epubData)
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 115 {
		t.Fatalf("%d notes with references, want the sample's 115", len(notes))
	}
	rules := []struct {
		name string
		ok   func(PopupNote) bool
	}{
		{"typed footnote (Kobo, Apple Books, KOReader)", func(p PopupNote) bool { return p.Typed }},
		{"an aside, kept out of the text (Apple Books)", func(p PopupNote) bool { return p.Aside && p.InText }},
		{"referenced by noteref links (Apple Books)", func(p PopupNote) bool { return p.RefsTyped }},
		{"after its references (Kobo, KOReader)", func(p PopupNote) bool { return p.After }},
		{"9 to 5,000 characters (Kobo)", func(p PopupNote) bool { return p.Chars >= 9 && p.Chars <= 5000 }},
		{"back-link first (Kindle)", func(p PopupNote) bool { return p.Backlink && p.BacklinkFirst }},
		{"not in a heading (KOReader)", func(p PopupNote) bool { return !p.InHeading }},
	}
	for _, r := range rules {
		t.Run(r.name, func(t *testing.T) {
			for _, p := range notes {
				if !r.ok(p) {
					t.Errorf("%s (%s): %+v", p.ID, p.Where, p)
				}
			}
		})
	}
	// and folio check finds nothing to say about them
	res := EPUB(bg, epubData, Options{})
	for _, f := range res.Findings {
		if strings.Contains(f.Message, "pop-up") {
			t.Errorf("folio check: %s: %s", f.Where, f.Message)
		}
	}
}
