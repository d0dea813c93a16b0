// Package epub writes a book.Book as a reflowable EPUB 3 publication: its
// own packager on archive/zip, with fixed timestamps and a fixed file order
// so that the same book always gives the same bytes.
package epub

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"folio/assets"
	"folio/internal/book"
	"sync/atomic"
)

// Options are the choices of one EPUB build.
type Options struct {
	// EmbedFonts adds the book family (fonts.Family) to the publication
	// and to the style sheet, subset to the glyphs the book uses.
	EmbedFonts bool
	// FullFonts embeds the whole faces instead of subsets.
	FullFonts bool
	// Kepub makes a Kobo kepub (see kepub.go): sentence spans and wrapper
	// divs in every content document; write it as BOOK.kepub.epub.
	Kepub bool
	// CoverImage is the cover picture; none when empty.
	CoverImage []byte
	// CoverMediaType is its type: image/png, image/jpeg, image/gif or
	// image/svg+xml.
	CoverMediaType string
}

const (
	cssPath = "css/book.css"
	oebps   = "OEBPS/"
)

var coverExt = map[string]string{
	"image/png":     "png",
	"image/jpeg":    "jpg",
	"image/gif":     "gif",
	"image/svg+xml": "svg",
}

// item is one file of the publication, in manifest order.
type item struct {
	id, href, mediaType, properties string
	data                            []byte
	spine                           bool
	compress                        bool
}

// Write renders b as an EPUB 3 publication to w. The book must have a
// title, an identifier and a language (meta.Defaults supplies them).
func Write(w io.Writer, b *book.Book, opt Options) error {
	if b == nil {
		return errors.New("epub: no book")
	}
	m := &b.Meta
	switch {
	case strings.TrimSpace(m.Title) == "":
		return errors.New("epub: the book has no title; give title: in the metadata file")
	case strings.TrimSpace(m.Identifier) == "":
		return errors.New("epub: the book has no identifier; run meta.Defaults to derive one")
	case strings.TrimSpace(m.Language) == "":
		return errors.New("epub: the book has no language; give language: (e.g. en) in the metadata file")
	case len(b.Chapters) == 0:
		return errors.New("epub: the book has no chapters; the cleaning found no text to publish")
	}
	if (len(opt.CoverImage) == 0) != (opt.CoverMediaType == "") {
		return errors.New("epub: a cover needs both the image bytes and its media type")
	}
	ext := ""
	if len(opt.CoverImage) > 0 {
		var ok bool
		if ext, ok = coverExt[opt.CoverMediaType]; !ok {
			return fmt.Errorf("epub: cover media type %q is not an EPUB core image type; use PNG, JPEG, GIF or SVG", opt.CoverMediaType)
		}
	}

	ids := idSet{}
	for _, reserved := range []string{"cover", "titlepage", "copyright", "nav", "toc", "landmarks", "page-list"} {
		ids[reserved] = true
	}
	// File names first: page references and the page list name files.
	files := map[string]bool{"cover": true, "titlepage": true, "copyright": true, "nav": true}
	var chs []*book.Chapter
	var names []string
	for i := range b.Chapters {
		ch := &b.Chapters[i]
		if !written(ch) {
			continue
		}
		name := idUnsafe.ReplaceAllString(ch.ID, "-")
		if name == "" || files[name] || !isLetter(name[0]) {
			name = fmt.Sprintf("ch%03d", i+1)
		}
		for files[name] {
			name += "x"
		}
		files[name] = true
		chs = append(chs, ch)
		names = append(names, name+".xhtml")
	}
	if len(chs) == 0 {
		return errors.New("epub: the book has only a source title page, contents or list of illustrations, which the EPUB makes its own; there is no text to publish")
	}
	pages := findPages(chs, names, ids)
	var docs []*chapterDoc
	inPart := false
	for i, ch := range chs {
		d, err := renderChapter(ch, names[i], m.Language, ids, pages)
		if err != nil {
			return fmt.Errorf("epub: %w", err)
		}
		// A part holds the chapters after it, up to the next part or the
		// back matter: they sit a level below it in the contents.
		switch k := kindOf(ch); {
		case k == book.Part:
			inPart = true
		case k.Matter() == "back":
			inPart = false
		case inPart && k.Matter() == "body":
			d.Depth = 1
		}
		docs = append(docs, d)
	}

	hasPages := false
	for _, d := range docs {
		hasPages = hasPages || len(d.Pages) > 0
	}
	pub := &publication{meta: m, prov: &b.Provenance, docs: docs, hasCover: ext != "", hasPages: hasPages, fonts: opt.EmbedFonts, subset: opt.EmbedFonts && !opt.FullFonts}
	nav, ncx := pub.nav(), pub.ncx()
	titlePage, copyright := pub.titlePage(), pub.copyrightPage()
	var coverPage []byte
	if ext != "" {
		coverPage = pub.coverPage("images/cover." + ext)
	}

	// The fonts: subsets holding the glyphs of every character the book
	// shows; the whole faces when a subset cannot be made (then the
	// colophon says so).
	var faces []fontFile
	if opt.EmbedFonts {
		if pub.subset {
			texts := [][]byte{nav, titlePage, copyright}
			for _, d := range docs {
				texts = append(texts, d.Body)
			}
			var err error
			if faces, err = subsetFonts(textRunes(texts)); err != nil {
				pub.subset = false
				copyright = pub.copyrightPage()
			}
		}
		if !pub.subset {
			faces = fullFonts()
		}
	}

	css, err := assets.FS.ReadFile(assets.EPUBStyle)
	if err != nil {
		return fmt.Errorf("epub: style sheet missing from the build: %w", err)
	}
	if opt.EmbedFonts {
		css = withFontFaces(css, faces)
	}

	var items []item
	items = append(items, item{id: "nav", href: "nav.xhtml", mediaType: "application/xhtml+xml", properties: "nav", data: nav, compress: true})
	items = append(items, item{id: "ncx", href: "toc.ncx", mediaType: "application/x-dtbncx+xml", data: ncx, compress: true})
	items = append(items, item{id: "css", href: cssPath, mediaType: "text/css", data: css, compress: true})
	for i, f := range faces {
		items = append(items, item{id: fmt.Sprintf("font%d", i+1), href: f.file, mediaType: "font/ttf", data: f.data, compress: true})
	}
	if ext != "" {
		items = append(items, item{id: "cover-image", href: "images/cover." + ext, mediaType: opt.CoverMediaType, properties: "cover-image", data: opt.CoverImage, compress: ext == "svg"})
		items = append(items, item{id: "cover", href: "cover.xhtml", mediaType: "application/xhtml+xml", data: coverPage, spine: true, compress: true})
	}
	items = append(items, item{id: "titlepage", href: "titlepage.xhtml", mediaType: "application/xhtml+xml", data: titlePage, spine: true, compress: true})
	items = append(items, item{id: "copyright", href: "copyright.xhtml", mediaType: "application/xhtml+xml", data: copyright, spine: true, compress: true})
	for _, d := range docs {
		items = append(items, item{id: "x-" + strings.TrimSuffix(d.File, ".xhtml"), href: d.File, mediaType: "application/xhtml+xml", data: d.Body, spine: true, compress: true})
	}
	if opt.Kepub {
		for i := range items {
			if items[i].mediaType == "application/xhtml+xml" && items[i].properties != "nav" {
				items[i].data = kepubDoc(items[i].data)
			}
		}
	}
	opf := pub.packageDoc(items)

	entries := []zipEntry{
		{name: "mimetype", data: []byte("application/epub+zip")},
		{name: "META-INF/container.xml", data: []byte(containerXML), compress: true, same: true},
		{name: oebps + "content.opf", data: opf, compress: true},
	}
	for _, it := range items {
		entries = append(entries, zipEntry{name: oebps + it.href, data: it.data, compress: it.compress, same: it.id == "css"})
	}
	for i := range entries {
		if b, ok := sameBodies.Load(string(entries[i].data)); entries[i].same && ok {
			entries[i].body, entries[i].compress = b.([]byte), false
		}
	}
	if err := deflateAll(entries); err != nil {
		return fmt.Errorf("epub: compressing: %w", err)
	}
	for _, e := range entries {
		if e.same && e.body != nil && sameCount.Add(1) <= 16 {
			sameBodies.Store(string(e.data), e.body)
		}
	}
	z := zipper{w: zip.NewWriter(w), when: zipTime(m.Modified)}
	for _, e := range entries {
		z.add(e)
	}
	if z.err != nil {
		return fmt.Errorf("epub: writing the archive: %w", z.err)
	}
	if err := z.w.Close(); err != nil {
		return fmt.Errorf("epub: writing the archive: %w", err)
	}
	return nil
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

const containerXML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
`

// withFontFaces puts the @font-face rules of the embedded fonts into the
// style sheet, after its @charset rule, which must come first to count;
// without them the reader's own font is used.
func withFontFaces(css []byte, faces []fontFile) []byte {
	var b bytes.Buffer
	rest := css
	if bytes.HasPrefix(css, []byte("@charset")) {
		if i := bytes.IndexByte(css, '\n'); i >= 0 {
			b.Write(css[:i+1])
			rest = css[i+1:]
		}
	}
	family := ""
	for _, f := range faces {
		family = f.family
		fmt.Fprintf(&b, "@font-face {\n  font-family: \"%s\";\n  font-weight: %s;\n  font-style: %s;\n  src: url(\"../%s\");\n}\n", f.family, f.weight, f.style, f.file)
	}
	fmt.Fprintf(&b, "body { font-family: \"%s\", serif; }\n\n", family)
	b.Write(rest)
	return b.Bytes()
}

// zipTime is the archive timestamp: the edition's, clamped to what the
// MS-DOS date fields can hold.
func zipTime(t time.Time) time.Time {
	lo := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	hi := time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	switch {
	case t.IsZero() || t.Before(lo):
		return lo
	case t.After(hi):
		return hi
	}
	return t.UTC()
}

// zipEntry is a file of the archive; body is its deflated form when that is
// smaller than data.
type zipEntry struct {
	name     string
	data     []byte
	compress bool
	body     []byte
	same     bool // the same in every book: deflated once (sameBodies)
}

// deflaters keeps deflate writers between books.
var deflaters sync.Pool

// sameBodies keeps the deflated form of the entries every book has alike
// (the container, the style sheet in its forms), by their text; a few
// (sameCount) suffice.
var (
	sameBodies sync.Map
	sameCount  atomic.Int32
)

// deflateAll compresses the entries that want it, on all cores (the
// embedded fonts are most of the work); each result goes back to its own
// zipEntry, so the archive is the same whatever the scheduling.
func deflateAll(es []zipEntry) error {
	work := make(chan int)
	errs := make(chan error, len(es))
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			// A deflater's state is a megabyte: they are kept for the
			// next book (a batch, a test) rather than made for each.
			fw, _ := deflaters.Get().(*flate.Writer)
			if fw == nil {
				var err error
				if fw, err = flate.NewWriter(&buf, flate.DefaultCompression); err != nil {
					errs <- err
					return
				}
			}
			defer deflaters.Put(fw)
			for i := range work {
				buf.Reset()
				fw.Reset(&buf)
				if _, err := fw.Write(es[i].data); err != nil {
					errs <- err
					continue
				}
				if err := fw.Close(); err != nil {
					errs <- err
					continue
				}
				if buf.Len() < len(es[i].data) {
					es[i].body = bytes.Clone(buf.Bytes())
				}
			}
		}()
	}
	// The largest first, so the fonts do not end up queued on one core.
	order := make([]int, 0, len(es))
	for i, e := range es {
		if e.compress {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return len(es[order[a]].data) > len(es[order[b]].data) })
	for _, i := range order {
		work <- i
	}
	close(work)
	wg.Wait()
	close(errs)
	return <-errs
}

// zipper writes entries with CreateRaw so that each local header already
// holds the sizes and CRC: no data descriptors and no extra fields (the
// OCF wants the mimetype zipEntry plain, and this keeps every zipEntry alike).
type zipper struct {
	w    *zip.Writer
	when time.Time
	err  error
}

func (z *zipper) add(e zipEntry) {
	if z.err != nil {
		return
	}
	h := &zip.FileHeader{
		Name:               e.name,
		Method:             zip.Store,
		CRC32:              crc32.ChecksumIEEE(e.data),
		UncompressedSize64: uint64(len(e.data)),
		CompressedSize64:   uint64(len(e.data)),
	}
	// The legacy MS-DOS fields, not Modified: Modified adds an extra field.
	h.ModifiedDate, h.ModifiedTime = dosTime(z.when)
	body := e.data
	if e.body != nil {
		h.Method = zip.Deflate
		body = e.body
		h.CompressedSize64 = uint64(len(body))
	}
	var fw io.Writer
	if fw, z.err = z.w.CreateRaw(h); z.err != nil {
		return
	}
	_, z.err = fw.Write(body)
}

func dosTime(t time.Time) (date, tm uint16) {
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	tm = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return
}
