package epub

import (
	"archive/zip"
	"bytes"
	"folio/internal/book"
	"folio/internal/cover"
	"folio/internal/epub/epubtest"
	"image"
	"image/color"
	"image/png"
	"io"
	"strings"
	"testing"
)

func tinyPNG(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 16, 24))
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	img.Set(1, 1, color.RGBA{200, 30, 30, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sampleCover is the cover the CLI would generate for the sample.
func sampleCover(t testing.TB) []byte {
	png, err := cover.Generate(sampleMeta(t))
	if err != nil {
		t.Fatal(err)
	}
	return png
}

func TestWriteSample(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
	}{
		{"plain", Options{}},
		{"fonts and cover", Options{EmbedFonts: true, CoverImage: sampleCover(t), CoverMediaType: "image/png"}},
		{"whole fonts", Options{EmbedFonts: true, FullFonts: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel() // EPUBCheck's start-up is most of the time
			var data []byte
			if tc.opt.FullFonts {
				// the same markup as "fonts and cover", other font files:
				// folio check's structure and font checks suffice
				var out bytes.Buffer
				if err := Write(&out, sampleBook(t), tc.opt); err != nil {
					t.Fatal(err)
				}
				data = out.Bytes()
				epubtest.Structure(t, data, sampleBook(t))
			} else {
				data = buildAndCheck(t, sampleBook(t), tc.opt)
			}
			_, files := epubtest.Unzip(t, data)
			css := string(files["OEBPS/css/book.css"])
			// @charset counts only as the very first rule
			if !strings.HasPrefix(css, "@charset \"utf-8\";\n") {
				t.Errorf("the style sheet does not open with @charset: %.60q", css)
			}
			family := map[bool]string{false: "Folio Book Text", true: "Gentium Book Plus"}[tc.opt.FullFonts]
			if tc.opt.EmbedFonts != strings.Contains(css, `font-family: "`+family+`";`) {
				t.Errorf("embedded fonts %v, but the style sheet's @font-face rules say otherwise", tc.opt.EmbedFonts)
			}
			copyright := string(files["OEBPS/copyright.xhtml"])
			if tc.opt.EmbedFonts && !tc.opt.FullFonts && !strings.Contains(copyright, "a subset of Gentium Book Plus (renamed Folio Book Text") {
				t.Error("the colophon does not say the fonts are renamed subsets")
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	opt := Options{EmbedFonts: true, CoverImage: tinyPNG(t), CoverMediaType: "image/png"}
	var a, b bytes.Buffer
	if err := Write(&a, sampleBook(t), opt); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, sampleBook(t), opt); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two builds of the same book differ")
	}
}

// edgeBook has what an edited or half-cleaned book may hold: repeated
// chapter and section ids, an id that is not a valid XML name, markup
// characters and stray control characters in the text, a note referenced
// twice, a note with no paragraphs, an unreferenced note, deep headings,
// a page break in a title and a book with no subtitle, authors or source.
func edgeBook(t testing.TB) *book.Book {
	m := book.Meta{Title: "Radiograms & Letters <1960>", Language: "en", Identifier: "urn:uuid:0b5ad3c2-7d0f-5e1a-9a53-000000000001"}
	return &book.Book{Meta: m, Chapters: []book.Chapter{
		{ID: "ch01", Title: []book.Inline{txt("To Comrade Hysni Kapo")}, Date: "June 1960", DateISO: "1960-06",
			Blocks: []book.Block{
				{Kind: book.Heading, Level: 2, ID: "s1", Inlines: []book.Inline{txt("First & “Second”")}},
				p(txt("Text with a form feed\f and a bell\a, <tags> & \"quotes\"."), ref(0), txt(" again"), ref(0)),
				{Kind: book.Heading, Level: 4, ID: "s1", Inlines: []book.Inline{txt("Deeper")}},
				p(txt("More."), ref(1)),
			},
			Notes: []book.Note{note("n1", "1", "A note."), {ID: "n2", Label: "2"}, note("n3", "3", "Never referenced.")}},
		{ID: "ch01", Kind: book.Document, Title: []book.Inline{pb("7"), txt("Same Id Again")}, Date: "1960", DateISO: "1960",
			Blocks: []book.Block{
				{Kind: book.Heading, Level: 2, ID: "s1", Inlines: []book.Inline{txt("Repeated section id")}},
				p(txt("Body."), pb("7"), pb("")),
			}},
		{ID: "9 bad id!", Kind: book.Document, Title: []book.Inline{txt("Odd Id")}, Place: "Tirana", Time: "11:30 hrs.",
			Blocks: []book.Block{p(txt("Only text."))},
			Notes:  []book.Note{note("n1", "1", "A note id used in another chapter.")}},
	}}
}

func TestWriteEdgeCases(t *testing.T) {
	t.Parallel()
	b := edgeBook(t)
	b.Chapters[2].Blocks[0].Inlines = append(b.Chapters[2].Blocks[0].Inlines, ref(0))
	buildAndCheck(t, b, Options{})
}

func TestValidDatetime(t *testing.T) {
	tests := map[string]bool{
		"1960-06-21": true, "1960-06": true, "1960": true,
		"1960-13": false, "1960-02-30": false, "1960-6-21": false, "June 1960": false, "": false, "0000": false,
	}
	for in, want := range tests {
		if got := validDatetime(in); got != want {
			t.Errorf("validDatetime(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	good := func() *book.Book { return edgeBook(t) }
	tests := []struct {
		name string
		edit func(*book.Book, *Options)
		want string
	}{
		{"no title", func(b *book.Book, _ *Options) { b.Meta.Title = " " }, "no title"},
		{"no identifier", func(b *book.Book, _ *Options) { b.Meta.Identifier = "" }, "no identifier"},
		{"no language", func(b *book.Book, _ *Options) { b.Meta.Language = "" }, "no language"},
		{"no chapters", func(b *book.Book, _ *Options) { b.Chapters = nil }, "no chapters"},
		{"untitled chapter", func(b *book.Book, _ *Options) { b.Chapters[1].Title = []book.Inline{pb("3")} }, "has no title"},
		{"note out of range", func(b *book.Book, _ *Options) {
			b.Chapters[1].Blocks[1].Inlines = append(b.Chapters[1].Blocks[1].Inlines, ref(4))
		}, "note reference to note 4, but the chapter has 0 notes"},
		{"unknown block", func(b *book.Book, _ *Options) { b.Chapters[0].Blocks[0].Kind = "marquee" }, `unknown block kind "marquee"`},
		{"unknown inline", func(b *book.Book, _ *Options) { b.Chapters[0].Blocks[1].Inlines[0].Kind = "blink" }, `unknown inline kind "blink"`},
		{"unknown chapter kind", func(b *book.Book, _ *Options) { b.Chapters[0].Kind = "colophon" }, `unknown kind "colophon"`},
		{"cover type", func(_ *book.Book, o *Options) { o.CoverImage, o.CoverMediaType = []byte("x"), "image/webp" }, "not an EPUB core image type"},
		{"cover without type", func(_ *book.Book, o *Options) { o.CoverImage = []byte("x") }, "needs both"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, opt := good(), Options{}
			tc.edit(b, &opt)
			var out bytes.Buffer
			err := Write(&out, b, opt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
	if err := Write(io.Discard, nil, Options{}); err == nil {
		t.Error("nil book: no error")
	}
}

// TestChapterMarkup pins the markup of each block kind, which EPUBCheck
// cannot judge: the semantics readers and assistive technology rely on.
func TestChapterMarkup(t *testing.T) {
	var out bytes.Buffer
	if err := Write(&out, sampleBook(t), Options{}); err != nil {
		t.Fatal(err)
	}
	_, files := epubtest.Unzip(t, out.Bytes())
	tests := []struct{ file, want string }{
		{"OEBPS/preface.xhtml", `<section id="preface" epub:type="preface" role="doc-preface">`},
		{"OEBPS/foreword.xhtml", `<section id="foreword" epub:type="foreword" role="doc-foreword">`},
		{"OEBPS/foreword.xhtml", `<p class="subtitle" role="doc-subtitle">In Albanian</p>`},
		{"OEBPS/ch01.xhtml", `<h1>Radiogram to Comrade Hysni Kapo in Bucharest<a class="noteref" epub:type="noteref" role="doc-noteref" id="ref-ch01-n1" href="#ch01-n1">1</a></h1>`},
		{"OEBPS/ch01.xhtml", `<p class="dateline"><time datetime="1960-06-21">June 21, 1960</time><br/>11:30 hrs.</p>`},
		{"OEBPS/ch01.xhtml", `<p class="notice">Strictly Personal</p>`},
		{"OEBPS/ch01.xhtml", `<p class="first"><span epub:type="pagebreak" role="doc-pagebreak" id="page-1" aria-label="1"/>From your radiograms`},
		{"OEBPS/ch01.xhtml", `<p class="closing" epub:type="z3998:valediction">Affectionately yours,</p>`},
		{"OEBPS/ch01.xhtml", `<p class="signature" epub:type="z3998:signature">Enver</p>`},
		{"OEBPS/ch01.xhtml", `<p class="source">Published for the first time`},
		{"OEBPS/ch01.xhtml", `<aside epub:type="footnote" role="doc-footnote" id="ch01-n1">` + "\n" + `<p><a class="note-label" href="#ref-ch01-n1" role="doc-backlink" aria-label="Back to note reference 1">1</a> On June 2, 1960`},
		{"OEBPS/ch01.xhtml", `Soviet leaders to attack the People’s Republic of China.</p>` + "\n</aside>"},
		{"OEBPS/ch02.xhtml", `<h2 id="ch02-after-reading">After Reading the Radiogram</h2>`},
		{"OEBPS/ch02.xhtml", `<h3 id="ch02-unity">On Unity &amp; Discipline &lt;of the Party&gt;</h3>`},
		{"OEBPS/ch03.xhtml", `<p class="salutation" epub:type="z3998:salutation">Dear Comrade Hysni,</p>` + "\n" + `<p class="first">We received`},
		{"OEBPS/ch03.xhtml", `<ol class="labelled">` + "\n" + `<li><span class="label">I.</span> Call Andropov`},
		{"OEBPS/ch03.xhtml", "<blockquote>\n<p>The times are gone"},
		{"OEBPS/ch03.xhtml", `<p class="signature" epub:type="z3998:signature">First Secretary of the CC of the PLA<br/>Enver Hoxha</p>`},
		{"OEBPS/ch03.xhtml", `<p class="ps">P.S. To any attempt`},
		{"OEBPS/ch03.xhtml", `id="page-3-2" aria-label="3"`},
		{"OEBPS/ch04.xhtml", `<p class="speech"><span class="speaker">Comrade Enver Hoxha:</span> I received your letter`},
		{"OEBPS/ch04.xhtml", `<p class="speech"><span class="speaker">Koço Tashko:</span> I wanted to speak with you, <em>personally</em>.</p>`},
		{"OEBPS/ch04.xhtml", `<ul class="labelled">` + "\n" + `<li><span class="label">—</span> first`},
		{"OEBPS/titlepage.xhtml", `<h1 class="book-title">Works, Volume 19</h1>`},
		{"OEBPS/titlepage.xhtml", `<p class="book-contributor">Introduction by Jack Shulman</p>`},
		{"OEBPS/copyright.xhtml", `Typeset with folio.`},
		{"OEBPS/css/book.css", "@charset \"utf-8\";\n/* folio"},
		{"OEBPS/nav.xhtml", `<li><a href="ch02.xhtml">Always Follow a Correct Line</a>` + "\n  <ol>\n  <li><a href=\"ch02.xhtml#ch02-after-reading\">After Reading the Radiogram</a>\n    <ol>"},
		{"OEBPS/nav.xhtml", `<li><a epub:type="bodymatter" href="ch01.xhtml">`},
	}
	for _, tc := range tests {
		if !strings.Contains(string(files[tc.file]), tc.want) {
			t.Errorf("%s lacks %s", tc.file, tc.want)
		}
	}
	// Between printed pages 3 and 4 an unnumbered page has no number to
	// take: it gets no marker rather than one the page list cannot name.
	if strings.Contains(string(files["OEBPS/ch04.xhtml"]), "unnumbered") {
		t.Error("ch04.xhtml has a marker for the unnumbered page")
	}
}

func BenchmarkWrite(b *testing.B) {
	bk := syntheticBook(b)
	words := 0
	for _, ch := range bk.Chapters {
		for _, bl := range ch.Blocks {
			words += len(strings.Fields(book.PlainText(bl.Inlines)))
		}
	}
	for _, bc := range []struct {
		name string
		opt  Options
	}{
		{"text", Options{}},
		{"fonts", Options{EmbedFonts: true}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var out bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				out.Reset()
				if err := Write(&out, bk, bc.opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(words), "words")
			b.ReportMetric(float64(out.Len()), "epub-bytes")
		})
	}
}

// TestEPUBCheckCatches makes sure the conformance check can fail: a
// publication with a dangling link must draw an EPUBCheck error.
func TestEPUBCheckCatches(t *testing.T) {
	var good bytes.Buffer
	if err := Write(&good, edgeBook(t), Options{}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(good.Bytes()), int64(good.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var bad bytes.Buffer
	zw := zip.NewWriter(&bad)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "OEBPS/nav.xhtml" {
			data = bytes.Replace(data, []byte(`href="ch01.xhtml"`), []byte(`href="missing.xhtml"`), 1)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: f.Method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	problems := epubtest.Problems(t, bad.Bytes())
	found := false
	for _, p := range problems {
		found = found || strings.Contains(p, "missing.xhtml")
	}
	if !found {
		t.Errorf("EPUBCheck did not report the dangling link; it said %q", problems)
	}
}
