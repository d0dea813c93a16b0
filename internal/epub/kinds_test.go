package epub

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"

	"folio/internal/book"
	"folio/internal/epub/epubtest"
)

// TestKinds writes the hand-made book with every kind of the model and
// checks it as every other book (folio check, the navigation, EPUBCheck
// 0/0), then the markup of each kind.
func TestKinds(t *testing.T) {
	t.Parallel()
	data := buildAndCheck(t, kindsBook(t), Options{})
	names, files := epubtest.Unzip(t, data)
	tests := []struct{ file, want string }{
		// front matter: the source's imprint, dedication and epigraph in the
		// reading order, with their types; the source's title page and
		// contents left out
		{"OEBPS/imprint.xhtml", `<section id="imprint" epub:type="copyright-page" aria-label="Copyright">`},
		{"OEBPS/dedication.xhtml", `<section id="dedication" class="dedication" epub:type="dedication" role="doc-dedication" aria-label="Dedication">`},
		{"OEBPS/motto.xhtml", `<blockquote class="epigraph" epub:type="epigraph" role="doc-epigraph">` + "\n" + `<div class="verse" epub:type="z3998:verse">`},
		{"OEBPS/motto.xhtml", `<span class="line i1">Brought death into the World, and all our woe,</span><br/>`},
		{"OEBPS/motto.xhtml", `<p class="attribution">Milton, <em>Paradise Lost</em></p>`},
		{"OEBPS/intro.xhtml", `<body epub:type="frontmatter">`},
		{"OEBPS/intro.xhtml", `epub:type="introduction" role="doc-introduction"`},
		{"OEBPS/intro.xhtml", `The author of the <strong>Table Talk</strong> says of it:<span epub:type="pagebreak" role="doc-pagebreak" id="page-vi" aria-label="vi"/> nothing.`},
		// parts and labelled chapters
		{"OEBPS/part1.xhtml", `<section id="part1" class="part" epub:type="part" role="doc-part">` + "\n" + `<h1><span class="chapter-label">Part I</span> The Age of the Antonines</h1>`},
		{"OEBPS/ch1.xhtml", `<h1><span class="chapter-label">Chapter I</span> The Extent and Military Force of the Empire<a class="noteref"`},
		{"OEBPS/ch2.xhtml", `<h1>Chapter II</h1>`},
		// a heading one level too deep is set one level below the h1
		{"OEBPS/ch1.xhtml", `<h2 id="ch1-frontiers">The Frontiers</h2>`},
		{"OEBPS/ch1.xhtml", `<span class="smallcaps">Augustus</span>`},
		{"OEBPS/ch1.xhtml", "<blockquote>\n<p>Their distant voices seemed to fill the air.</p>\n<p>Such was the state of the Roman world.</p>\n<p class=\"attribution\">— Tacitus, <em>Annals</em></p>\n</blockquote>"},
		{"OEBPS/ch1.xhtml", "<div class=\"verse\" epub:type=\"z3998:verse\">\n<p class=\"stanza\">\n<span class=\"line\">In Xanadu did Kubla Khan</span><br/>\n<span class=\"line i2\">A stately pleasure-dome decree:</span><br/>\n</p>\n<p class=\"stanza\">"},
		{"OEBPS/ch1.xhtml", `<span class="line i12">Through caverns measureless to man</span><br/>`},
		{"OEBPS/ch1.xhtml", "<table class=\"data\">\n<thead>\n<tr><th scope=\"col\">Province</th><th scope=\"col\" class=\"right\">Legions</th></tr>\n</thead>\n<tbody>\n<tr><td>Britain</td><td class=\"right\">3</td></tr>"},
		{"OEBPS/ch1.xhtml", `<hr class="scene-break"/>`},
		{"OEBPS/ch1.xhtml", `<figure class="illustration">` + "\n" + `<figcaption><span class="illustration-label">Illustration</span>: A map of the Roman Empire under Trajan</figcaption>`},
		{"OEBPS/ch1.xhtml", `<div class="note" epub:type="footnote" role="doc-footnote" id="ch1-n3">` + "\n" + `<p><span class="note-label">2</span> A note the text does not call`},
		{"OEBPS/notes.xhtml", `<div class="note" epub:type="endnote" id="en1">`},
		{"OEBPS/ch2.xhtml", "<pre class=\"table\">Legion      Station        Men\nII Augusta  Isca           6,000</pre>"},
		// back matter
		{"OEBPS/app.xhtml", `<body epub:type="backmatter">`},
		{"OEBPS/app.xhtml", `epub:prefix="z3998: http://www.daisy.org/z3998/2012/vocab/structure/#"`},
		{"OEBPS/app.xhtml", `epub:type="appendix" role="doc-appendix"`},
		{"OEBPS/biblio.xhtml", `epub:type="bibliography" role="doc-bibliography"`},
		{"OEBPS/gloss.xhtml", `epub:type="glossary" role="doc-glossary"`},
		{"OEBPS/notes.xhtml", `epub:type="endnotes" role="doc-endnotes"`},
		// the index: nested entries, page numbers linked to the markers of
		// the source pages; a page the book lacks stays text
		{"OEBPS/index.xhtml", `<li epub:type="index-entry">Augustus, <a class="pageref" epub:type="index-locator" href="ch1.xhtml#page-1">1</a>, <a class="pageref" epub:type="index-locator" href="ch1.xhtml#page-3">3</a>` + "\n" + `<ul class="index" epub:type="index-entry-list">` + "\n" + `<li epub:type="index-entry">his moderation, <a class="pageref" epub:type="index-locator" href="ch1.xhtml#page-2">2</a>`},
		{"OEBPS/index.xhtml", `<li epub:type="index-entry">Britain, <a class="pageref" epub:type="index-locator" href="ch1.xhtml#page-2">2</a>, 99</li>`},
		{"OEBPS/index.xhtml", `href="intro.xhtml#page-v">v</a>`},
		// navigation: parts a level above their chapters, back matter back
		// at the top; landmarks for the back matter
		{"OEBPS/nav.xhtml", "<li><a href=\"part1.xhtml\">Part I: The Age of the Antonines</a>\n  <ol>\n  <li><a href=\"ch1.xhtml\">Chapter I: The Extent and Military Force of the Empire</a>\n    <ol>\n    <li><a href=\"ch1.xhtml#ch1-frontiers\">The Frontiers</a></li>"},
		{"OEBPS/nav.xhtml", "<li><a href=\"part2.xhtml\">Part II: The Decline</a>\n  <ol>\n  <li><a href=\"ch2.xhtml\">Chapter II</a></li>\n  </ol>\n</li>\n<li><a href=\"app.xhtml\">Letters of Beethoven</a></li>"},
		{"OEBPS/nav.xhtml", `<li><a epub:type="index" href="index.xhtml">Index</a></li>`},
		{"OEBPS/nav.xhtml", `<li><a epub:type="bodymatter" href="part1.xhtml">Start of Content</a></li>`},
		{"OEBPS/toc.ncx", `<meta name="dtb:depth" content="3"/>`},
		// the copyright page names each format's ISBN, hyphenated
		{"OEBPS/copyright.xhtml", `<p>ISBN 978-0-306-40615-7 (EPUB)</p>` + "\n" + `<p>ISBN 978-1-4920-6766-5 (paperback)</p>`},
	}
	for _, tc := range tests {
		if !strings.Contains(string(files[tc.file]), tc.want) {
			t.Errorf("%s lacks\n%s", tc.file, tc.want)
		}
	}
	for _, n := range names {
		if strings.Contains(n, "title.xhtml") || strings.Contains(n, "contents.xhtml") {
			t.Errorf("%s: the source's title page and contents must be left out", n)
		}
	}
	nav := string(files["OEBPS/nav.xhtml"])
	for _, leftOut := range []string{"dedication.xhtml", "motto.xhtml", "imprint.xhtml"} {
		if strings.Contains(nav, `<li><a href="`+leftOut+`">`) {
			t.Errorf("the contents list the untitled %s", leftOut)
		}
	}
	// The page list: i and iii were on the left-out pages; vi, printed
	// without its number, lies between v and vii.
	if !strings.Contains(nav, `<li><a href="intro.xhtml#page-vi">vi</a></li>`) {
		t.Error("the unnumbered page between v and vii is not in the page list as vi")
	}
	opf := string(files["OEBPS/content.opf"])
	if strings.Contains(opf, "conformsTo") || !strings.Contains(opf, "It makes no WCAG conformance claim: it has 1 table kept as printed") {
		t.Errorf("a book with a table kept as printed claims conformance, or does not say why not:\n%s", opf)
	}
}

// TestSpeakers: speaker labels in other books' styles keep their own stop.
func TestSpeakers(t *testing.T) {
	b := kindsBook(t)
	ch := &b.Chapters[len(b.Chapters)-2] // the index: any chapter will do
	ch.Kind, ch.Title = "chapter", []book.Inline{txt("Hamlet, Act III")}
	ch.Blocks = []book.Block{
		{Kind: book.Speech, Speaker: "Hamlet.", Inlines: []book.Inline{txt("To be, or not to be, that is the question.")}},
		{Kind: book.Speech, Speaker: "Mr. Smith:", Inlines: []book.Inline{txt("I was not there.")}},
		{Kind: book.Speech, Speaker: "Q.", Inlines: []book.Inline{txt("Where were you?")}},
		{Kind: book.Speech, Speaker: "Ophelia", Inlines: []book.Inline{txt("Good my lord.")}},
	}
	var out bytes.Buffer
	if err := Write(&out, b, Options{}); err != nil {
		t.Fatal(err)
	}
	epubtest.Structure(t, out.Bytes(), b) // EPUBCheck has seen this markup in TestKinds
	_, files := epubtest.Unzip(t, out.Bytes())
	doc := string(files["OEBPS/index.xhtml"])
	for _, want := range []string{`<span class="speaker">Hamlet.</span> To be`, `<span class="speaker">Mr. Smith:</span> I was`, `<span class="speaker">Q.</span> Where`, `<span class="speaker">Ophelia:</span> Good`} {
		if !strings.Contains(doc, want) {
			t.Errorf("lacks %s", want)
		}
	}
}

// The NCX plays its entries in reading order without gaps, though the
// source's own dedication and copyright page, titled as the structure
// stage titles them, are left out of the contents: epubcheck rejects a
// sequence with gaps (as a memoir with all its front matter had).
func TestPlayOrderHasNoGaps(t *testing.T) {
	t.Parallel()
	b := &book.Book{Meta: sampleMeta(t), Chapters: []book.Chapter{
		{ID: "ded", Kind: book.Dedication, Title: []book.Inline{txt("Dedication")}, Blocks: []book.Block{p(pb("v"), txt("To my brother Tom."))}},
		{ID: "imp", Kind: book.Copyright, Title: []book.Inline{txt("Copyright")}, Blocks: []book.Block{p(pb("vi"), txt("First published in 1909."))}},
		{ID: "c1", Kind: book.Document, Title: []book.Inline{txt("The House by the Water")}, Blocks: []book.Block{p(pb("1"), txt("I was born in the mill-house.")), p(pb("2"), txt("Arden is not a village."))}},
	}}
	_, files := epubtest.Unzip(t, buildAndCheck(t, b, Options{}))
	ncx := string(files["OEBPS/toc.ncx"])
	var orders []int
	for _, part := range strings.Split(ncx, `playOrder="`)[1:] {
		n, err := strconv.Atoi(part[:strings.IndexByte(part, '"')])
		if err != nil {
			t.Fatal(err)
		}
		orders = append(orders, n)
	}
	slices.Sort(orders)
	for i, n := range orders {
		if n != i+1 {
			t.Fatalf("play orders %v: a gap before %d\n%s", orders, n, ncx)
		}
	}
	if len(orders) != 1+4 { // one chapter listed, four pages
		t.Errorf("%d entries played, want 5:\n%s", len(orders), ncx)
	}
}
