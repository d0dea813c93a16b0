// Package checktest makes hostile files for the tests of folio check:
// zip bombs, EPUBs of millions of elements, PDFs of flate bombs, files
// cut short or with a broken cross-reference offset. Each is made in
// well under a second, however much it unpacks to.
package checktest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/zlib"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
)

// repeat is a reader of n bytes of pattern, repeated.
type repeat struct {
	pattern []byte
	n, off  int64
}

func (r *repeat) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	k := 0
	for k < len(p) && r.n > 0 {
		c := copy(p[k:min(len(p), k+int(min(r.n, int64(len(r.pattern)))))], r.pattern[r.off%int64(len(r.pattern)):])
		k += c
		r.n -= int64(c)
		r.off += int64(c)
	}
	return k, nil
}

// deflated is n bytes of pattern, deflated (raw DEFLATE, as zip stores
// it), with the CRC-32 of the bytes.
func deflated(pattern []byte, n int64) ([]byte, uint32) {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestSpeed)
	h := crc32.NewIEEE()
	io.Copy(io.MultiWriter(w, h), &repeat{pattern: pattern, n: n})
	w.Close()
	return b.Bytes(), h.Sum32()
}

// file is one entry of an EPUB being made: stored text, or raw deflated
// bytes.
type file struct {
	name string
	text string
	raw  []byte
	crc  uint32
	size int64
}

func epub(files []file) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range files {
		if f.raw == nil {
			h := &zip.FileHeader{Name: f.name, Method: zip.Store}
			if f.name != "mimetype" {
				h.Method = zip.Deflate
			}
			w, _ := zw.CreateHeader(h)
			io.WriteString(w, f.text)
			continue
		}
		w, _ := zw.CreateRaw(&zip.FileHeader{Name: f.name, Method: zip.Deflate, CRC32: f.crc,
			CompressedSize64: uint64(len(f.raw)), UncompressedSize64: uint64(f.size)})
		w.Write(f.raw)
	}
	zw.Close()
	return b.Bytes()
}

// base is a minimal sound EPUB 3 with one chapter; body is the chapter's
// body, and extra files follow the book's.
func base(body string, extra ...file) []file { return baseWith(body, "", extra...) }

// baseWith is base with more manifest items.
func baseWith(body, items string, extra ...file) []file {
	opf := `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id" xml:lang="en">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:0b5c3f0e-8a53-4f0b-9d0e-6a3f1c2b7d10</dc:identifier><dc:title>Hostile</dc:title><dc:language>en</dc:language><dc:creator>Folio</dc:creator><meta property="dcterms:modified">2024-01-01T00:00:00Z</meta></metadata>
<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="ch" href="ch.xhtml" media-type="application/xhtml+xml"/>` + items + `</manifest>
<spine><itemref idref="ch"/></spine></package>`
	const nav = `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="en" lang="en"><head><title>Contents</title></head><body><nav epub:type="toc"><ol><li><a href="ch.xhtml">Chapter</a></li></ol></nav></body></html>`
	files := []file{
		{name: "mimetype", text: "application/epub+zip"},
		{name: "META-INF/container.xml", text: `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`},
		{name: "OEBPS/content.opf", text: opf},
		{name: "OEBPS/nav.xhtml", text: nav},
	}
	if body != "" {
		files = append(files, file{name: "OEBPS/ch.xhtml", text: chapterHead + body + chapterTail})
	}
	return append(files, extra...)
}

const (
	chapterHead = `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en"><head><title>Chapter</title></head><body>`
	chapterTail = `</body></html>`
)

// EPUB is a small sound EPUB, for comparison.
func EPUB() []byte { return epub(base("<p>A chapter.</p>")) }

// ElementBomb is an EPUB whose chapter holds n empty paragraphs
// (<p>a</p>): 25 million make 200 MB, deflated to about 1 MB.
func ElementBomb(n int) []byte {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestSpeed)
	h := crc32.NewIEEE()
	mw := io.MultiWriter(w, h)
	io.WriteString(mw, chapterHead)
	io.Copy(mw, &repeat{pattern: []byte("<p>a</p>"), n: int64(n) * 8})
	io.WriteString(mw, chapterTail)
	w.Close()
	crc := h.Sum32()
	size := int64(len(chapterHead)+len(chapterTail)) + int64(n)*8
	return epub(base("", file{name: "OEBPS/ch.xhtml", raw: b.Bytes(), crc: crc, size: size}))
}

// ZipBomb is a sound EPUB with entries more files, each size bytes of
// zeros, deflated once and stored entries times.
func ZipBomb(entries int, size int64) []byte {
	raw, crc := deflated([]byte{0}, size)
	var extra []file
	for i := range entries {
		extra = append(extra, file{name: fmt.Sprintf("OEBPS/filler-%02d.bin", i), raw: raw, crc: crc, size: size})
	}
	return epub(base("<p>A chapter.</p>", extra...))
}

// WithCover is a sound EPUB whose cover image (manifest property
// cover-image) is img, of the media type its bytes say.
func WithCover(img []byte, mediaType string) []byte {
	name := "cover." + strings.TrimPrefix(mediaType, "image/")
	if name == "cover.jpeg" {
		name = "cover.jpg"
	}
	item := `<item id="cover" href="` + name + `" media-type="` + mediaType + `" properties="cover-image"/>`
	return epub(baseWith("<p>A chapter.</p>", item, file{name: "OEBPS/" + name, text: string(img)}))
}

// UnsafeNames is a sound EPUB with entries whose names would unpack
// outside the folder: ../../x, /abs, C:\x.
func UnsafeNames() []byte {
	return epub(base("<p>A chapter.</p>", file{name: "../../evil.txt", text: "x"}, file{name: "/etc/evil", text: "x"}, file{name: `C:\evil.txt`, text: "x"}))
}

// PDF is a minimal sound PDF of one 6 × 9 in page whose content is
// content (a stream, deflated when deflate), with more streams objects
// after it, each of streamBytes zeros deflated. Offsets are right.
func PDF(content string, streams int, streamBytes int64) []byte {
	return pdf(content, streams, streamBytes, "")
}

// PDFTitled is PDF with an Info dictionary whose /Title is title
// (escape sequences and all; characters of the BMP).
func PDFTitled(title string) []byte { return pdf("BT ET", 0, 0, title) }

func pdf(content string, streams int, streamBytes int64, title string) []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(body string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), body)
	}
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 432 648] /TrimBox [0 0 432 648] /Contents 4 0 R /Resources << >> >>")
	obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+1, content))
	if streams > 0 {
		var z bytes.Buffer
		zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
		io.Copy(zw, &repeat{pattern: []byte{0}, n: streamBytes})
		zw.Close()
		for range streams {
			offs = append(offs, b.Len())
			fmt.Fprintf(&b, "%d 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n", len(offs), z.Len())
			b.Write(z.Bytes())
			b.WriteString("\nendstream\nendobj\n")
		}
	}
	info := ""
	if title != "" {
		// UTF-16BE, as PDF text strings that are not PDFDocEncoding are:
		// any character, control characters too, reaches the reader.
		hex := "FEFF"
		for _, r := range title {
			hex += fmt.Sprintf("%04X", r)
		}
		obj("<< /Title <" + hex + "> /Author (Folio) >>")
		info = fmt.Sprintf(" /Info %d 0 R", len(offs))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, info, xref)
	return b.Bytes()
}

// Truncated is data without its last n bytes.
func Truncated(data []byte, n int) []byte { return data[:len(data)-n] }

// BrokenXref is a PDF whose startxref offset is off by a few bytes (the
// same number of digits, so every other offset holds).
func BrokenXref(data []byte) []byte {
	s := string(data)
	i := strings.LastIndex(s, "startxref\n")
	j := i + len("startxref\n")
	k := j + strings.IndexByte(s[j:], '\n')
	num := s[j:k]
	bad := []byte(num)
	bad[len(bad)-1] = '0' + (bad[len(bad)-1]-'0'+3)%10
	return []byte(s[:j] + string(bad) + s[k:])
}
