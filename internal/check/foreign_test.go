package check

import (
	"archive/zip"
	"bytes"
	"testing"
	"time"
)

// buildZip packs files as an EPUB container: the mimetype first and
// stored when there is one, the rest in name order.
func buildZip(t testing.TB, files map[string]string) []byte {
	t.Helper()
	return packZip(t, files, zip.Deflate)
}

// storedZip is buildZip without compression, for speed.
func storedZip(t testing.TB, files map[string]string) []byte {
	t.Helper()
	return packZip(t, files, zip.Store)
}

func packZip(t testing.TB, files map[string]string, method uint16) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := sortedNames(files)
	if _, ok := files["mimetype"]; ok {
		rest := names[:0:0]
		for _, n := range names {
			if n != "mimetype" {
				rest = append(rest, n)
			}
		}
		names = append([]string{"mimetype"}, rest...)
	}
	for _, n := range names {
		h := &zip.FileHeader{Name: n, Method: method, Modified: sampleDate}
		if n == "mimetype" {
			h.Method = zip.Store
			h.Modified = time.Time{} // a timestamp would add an extra field
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[n]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// unzipFiles returns an archive's file names in order and contents.
func unzipFiles(t testing.TB, data []byte) ([]string, map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	files := map[string][]byte{}
	for _, zf := range zr.File {
		b, err := read(zf, int64(zf.UncompressedSize64))
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, zf.Name)
		files[zf.Name] = b
	}
	return names, files
}

const container = `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OPS/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`

// epub2Book is an EPUB 2 as older tools make it: an NCX, no navigation
// document, meta name= metadata, files in a Text/ folder, an ISBN.
var epub2Book = map[string]string{
	"mimetype":               "application/epub+zip",
	"META-INF/container.xml": container,
	"OPS/package.opf": `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="BookId">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:title>Works, Volume 19</dc:title>
    <dc:creator opf:role="aut" opf:file-as="Hoxha, Enver">Enver Hoxha</dc:creator>
    <dc:language>en</dc:language>
    <dc:identifier id="BookId" opf:scheme="ISBN">978-0-306-40615-7</dc:identifier>
    <meta name="cover" content="cover"/>
  </metadata>
  <manifest>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <item id="preface" href="Text/preface.xhtml" media-type="application/xhtml+xml"/>
    <item id="style" href="Styles/style.css" media-type="text/css"/>
  </manifest>
  <spine toc="ncx"><itemref idref="preface"/></spine>
</package>`,
	"OPS/toc.ncx": `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
  <head><meta name="dtb:uid" content="978-0-306-40615-7"/></head>
  <docTitle><text>Works, Volume 19</text></docTitle>
  <navMap>
    <navPoint id="np1" playOrder="1"><navLabel><text>Publisher’s Preface</text></navLabel><content src="Text/preface.xhtml#preface"/></navPoint>
  </navMap>
</ncx>`,
	"OPS/Styles/style.css": `body { font-family: serif; }`,
	"OPS/Text/preface.xhtml": `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en">
<head><title>Publisher’s Preface</title><link href="../Styles/style.css" rel="stylesheet" type="text/css"/></head>
<body>
<h1 id="preface">Publisher’s Preface</h1>
<p>On Nov. 8, 1975, the 34th anniversary of the founding of the Party of Labor of Albania, Volume 19 of Enver Hoxha’s Works was released to the public and distributed throughout Albania.</p>
<p>This volume, which covers the period from June to December 1960, was immediately hailed for its extraordinary political and ideological importance.</p>
</body>
</html>`,
}

// endnotesBook keeps its notes in a file of their own, as Standard Ebooks
// does: the marker links to an <li> endnote, whose backlink has no role.
var endnotesBook = map[string]string{
	"mimetype":               "application/epub+zip",
	"META-INF/container.xml": container,
	"OPS/package.opf": `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="en-GB">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:5a1e2c0d-9b3f-4e8a-a6d2-7c4b1e0f9a21</dc:identifier>
    <dc:title>Works, Volume 19</dc:title>
    <dc:creator>Enver Hoxha</dc:creator>
    <dc:language>en-GB</dc:language>
    <meta property="dcterms:modified">2024-05-01T10:20:30Z</meta>
    <meta property="schema:accessMode">textual</meta>
    <meta property="schema:accessModeSufficient">textual</meta>
    <meta property="schema:accessibilityFeature">structuralNavigation</meta>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary">Text with linked endnotes.</meta>
  </metadata>
  <manifest>
    <item id="toc" href="toc.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="chapter-1" href="text/chapter-1.xhtml" media-type="application/xhtml+xml"/>
    <item id="endnotes" href="text/endnotes.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine><itemref idref="chapter-1"/><itemref idref="endnotes"/></spine>
</package>`,
	"OPS/toc.xhtml": `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="en-GB" lang="en-GB">
<head><title>Table of Contents</title></head>
<body><nav id="toc" epub:type="toc"><h2>Table of Contents</h2><ol>
<li><a href="text/chapter-1.xhtml">Radiogram to Comrade Hysni Kapo in Bucharest</a></li>
<li><a href="text/endnotes.xhtml">Endnotes</a></li>
</ol></nav></body>
</html>`,
	"OPS/text/chapter-1.xhtml": `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="en-GB" lang="en-GB">
<head><title>Radiogram to Comrade Hysni Kapo in Bucharest</title></head>
<body><section id="chapter-1" epub:type="chapter">
<h2>Radiogram to Comrade Hysni Kapo in Bucharest<a href="endnotes.xhtml#note-1" id="noteref-1" epub:type="noteref">1</a></h2>
<p>From your radiograms we see that things are taking a wrong course; therefore the situation is very delicate.</p>
</section></body>
</html>`,
	"OPS/text/endnotes.xhtml": `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="en-GB" lang="en-GB">
<head><title>Endnotes</title></head>
<body><section id="endnotes" epub:type="backmatter endnotes"><h2>Endnotes</h2><ol>
<li id="note-1" epub:type="endnote"><p>On June 2, 1960, in a letter to the CC of the PLA, the CC of the CPSU proposed a meeting of representatives of the communist and workers’ Parties of the socialist camp. <a href="chapter-1.xhtml#noteref-1" epub:type="backlink">↩</a></p></li>
</ol></section></body>
</html>`,
}
