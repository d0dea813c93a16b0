// Package pdf writes folio's print edition: it asks package typeset for
// positioned lines and draws them with fpdf, embedding and subsetting
// Gentium Book Plus. Page size equals the trim (no bleed, no crop marks), as KDP,
// IngramSpark and Lulu want for an interior file.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"folio/internal/book"
	"folio/internal/face"
	"folio/internal/hyphen"
	"folio/internal/printer"
	"folio/internal/typeset"
)

// Trim is a finished page size.
type Trim = typeset.Trim

// Stats describes the typeset book: pages, overfull lines, widows and
// orphans (always 0 unless a page could not be built otherwise), notes.
type Stats = typeset.Stats

// CharUse is a character the book font could not set, with its count and
// chapters (Stats.Missing, Stats.Dropped).
type CharUse = typeset.CharUse

// Options configures Write.
type Options struct {
	Trim string // "6x9" (default), "5.5x8.5", "5x8", "a5"
	// NoHyphenation turns discretionary hyphens off.
	NoHyphenation bool
	// Printer is the print service the interior is made for (package
	// printer: "kdp", "ingramspark", "lulu"; "" or "none" for a reading
	// PDF). It sets the gutter table, whether the file carries bookmarks
	// (KDP refuses them), PDF/X (IngramSpark), a blank last page.
	Printer string
	// Bleed makes the pages larger than the trim by the printer's bleed
	// on the outside, top and bottom edges (all four for Lulu), with
	// TrimBox and BleedBox, for books whose art runs off the page.
	Bleed bool
	// ChaptersOpen overrides the metadata's chapters_open ("recto",
	// "any"); "" keeps it (or lets the typesetter choose).
	ChaptersOpen string
}

// ParseTrim returns the named trim or an error listing the valid ones.
func ParseTrim(s string) (Trim, error) { return typeset.ParseTrim(s) }

// faces registers each face as its own fpdf family. fpdf names an embedded
// font "utf8"+family and gives it no subset tag, although it does subset;
// the family names are chosen so that the final name, with a tag, has the
// same length and can be patched in place without moving any object
// (pdffonts and preflight checkers look for the "ABCDEF+" tag).
var faces = [4]struct{ family, name string }{
	typeset.Regular:    fontName("FOLIOA+GentiumBookPlus", "regular"),
	typeset.Italic:     fontName("FOLIOB+GentiumBookPlus-Italic", "italic"),
	typeset.Bold:       fontName("FOLIOC+GentiumBookPlus-Bold", "bold"),
	typeset.BoldItalic: fontName("FOLIOD+GentiumBookPlus-BoldItalic", "bolditalic"),
}

// fontName pads an fpdf family name so that "utf8"+family is as long as the
// tagged PostScript name that replaces it.
func fontName(name, style string) struct{ family, name string } {
	f := "folio" + style
	for len(f) < len(name)-len("utf8") {
		f += "x"
	}
	return struct{ family, name string }{f, name}
}

// Write typesets b and writes the PDF to w. The output depends only on b
// and opt: dates come from b.Meta, never the clock.
func Write(w io.Writer, b *book.Book, opt Options) (Stats, error) {
	doc, err := Layout(b, opt)
	if err != nil {
		return Stats{}, err
	}
	ro, err := renderFor(opt)
	if err != nil {
		return doc.Stats, err
	}
	if err := render(w, b, doc, ro); err != nil {
		return doc.Stats, err
	}
	return doc.Stats, nil
}

// Layout typesets b without writing, for tests and statistics.
func Layout(b *book.Book, opt Options) (*typeset.Doc, error) {
	tr, err := ParseTrim(opt.Trim)
	if err != nil {
		return nil, err
	}
	fam, err := face.LoadFamily()
	if err != nil {
		return nil, fmt.Errorf("pdf: loading the book fonts: %w", err)
	}
	prof, err := printer.Get(opt.Printer)
	if err != nil {
		return nil, err
	}
	o := typeset.Options{Trim: tr, Fonts: typeset.Fonts{fam.Regular, fam.Italic, fam.Bold, fam.BoldItalic},
		Inside:    func(pages int) float64 { return prof.InsideMargin(pages) * printer.Inch },
		BlankLast: prof.BlankLast, ChaptersOpen: opt.ChaptersOpen}
	if !opt.NoHyphenation {
		o.Hyphenator = hyphen.Default()
	}
	return typeset.Layout(b, o)
}

// renderOpts is what render needs of the options: the printer's rules
// and the bleed in points.
type renderOpts struct {
	prof  printer.Profile
	bleed float64
	cmyk  bool // the pages are in process colour (a cover), not gray
}

func renderFor(opt Options) (renderOpts, error) {
	prof, err := printer.Get(opt.Printer)
	if err != nil {
		return renderOpts{}, err
	}
	ro := renderOpts{prof: prof}
	if opt.Bleed {
		ro.bleed = prof.Bleed * printer.Inch
	}
	return ro, nil
}

// skeleton is fpdf's file for a document, before finish: pages, outline,
// fonts subset to what the pages set, metadata.
type skeleton struct {
	file  *fpdfFile
	ids   [4]string
	lw    float64
	chars [4]runeSet
	used  [4]bool
	ed    *edits
}

// fontData is the font file of a style as the PDF embeds it: with the
// small capitals mapped (face.EmbedData).
func fontData(st typeset.Style) ([]byte, error) {
	fam, err := face.LoadFamily()
	if err != nil {
		return nil, err
	}
	return [4]*face.Face{fam.Regular, fam.Italic, fam.Bold, fam.BoldItalic}[st].EmbedData(), nil
}

// mediaSize is the page size with its bleed.
func (ro renderOpts) mediaSize(tr Trim) (w, h float64) {
	w, h = tr.W+ro.bleed, tr.H+2*ro.bleed
	if ro.prof.BleedInside {
		w += ro.bleed
	}
	return w, h
}

// trimX is where the trim starts on page k (0-based) of a bled page: the
// bleed is on the outside edge, the left of a verso.
func (ro renderOpts) trimX(k int) float64 {
	switch {
	case ro.bleed == 0:
		return 0
	case ro.prof.BleedInside:
		return ro.bleed // bleed on all four edges
	case k%2 == 0:
		return 0 // a recto bleeds on the right
	}
	return ro.bleed
}

// buildSkeleton makes fpdf's file. draw, when set, draws each page's
// runs and rules with fpdf (the tests' reference); otherwise every
// character is set once on the last page, whose content finish replaces,
// so that fpdf subsets the fonts to them.
func buildSkeleton(b *book.Book, doc *typeset.Doc, ro renderOpts, draw func(f *fpdf.Fpdf, pg *typeset.Page)) (*skeleton, error) {
	if len(doc.Pages) == 0 {
		return nil, errors.New("pdf: the layout has no pages")
	}
	tr := doc.Trim
	mw, mh := ro.mediaSize(tr)
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: mw, Ht: mh}, OrientationStr: "P"})
	f.SetCompression(false) // pages are deflated by finish; fonts always are
	f.SetCatalogSort(true)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetDisplayMode("fullpage", "TwoPageRight")
	sk := &skeleton{ed: &edits{streams: map[int][]byte{}, objects: map[int][]byte{}}}
	// only the faces in use: an unused one would be embedded empty
	sk.used[typeset.Regular] = true
	for i := range doc.Pages {
		for _, r := range doc.Pages[i].Runs {
			sk.used[r.Style] = true
			sk.chars[r.Style].addString(bmp(r.Text))
		}
	}
	for st := range sk.used {
		if sk.used[st] {
			data, err := fontData(typeset.Style(st))
			if err != nil {
				return nil, fmt.Errorf("pdf: loading the book fonts: %w", err)
			}
			f.AddUTF8FontFromBytes(faces[st].family, "", data)
		}
	}
	setInfo(f, b.Meta)

	sk.lw = f.GetLineWidth()
	f.SetFont(faces[typeset.Regular].family, "", 10)
	outline := !ro.prof.NoOutline
	for i := range doc.Pages {
		pg := &doc.Pages[i]
		f.AddPage()
		if pg.Blank {
			continue
		}
		if outline {
			for _, bm := range pg.Bookmarks {
				if draw != nil {
					f.SetFont(faces[typeset.Regular].family, "", 10)
				}
				f.Bookmark(bmp(bm.Title), bm.Level, bm.Y+ro.bleed)
			}
		}
		if draw != nil {
			draw(f, pg)
		}
	}
	if draw == nil {
		// fpdf subsets each font to the characters its Text calls set:
		// set them all once, on the last page, whose content is replaced
		for st := range sk.used {
			if sk.used[st] {
				f.SetFont(faces[st].family, "", 10)
				f.Text(0, 0, sk.chars[st].String())
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: building the file: %w", err)
	}
	in := buf.Bytes()
	// longest first: no name is a prefix of a longer one's replacement
	for _, st := range []typeset.Style{typeset.BoldItalic, typeset.Italic, typeset.Bold, typeset.Regular} {
		fc := faces[st]
		replaceSameLength(in, []byte("/utf8"+fc.family), []byte("/"+fc.name))
	}
	file, err := parseFpdf(in)
	if err != nil {
		return nil, err
	}
	sk.file = file
	names, objs, err := file.fonts()
	if err != nil {
		return nil, err
	}
	for st := range sk.used {
		if !sk.used[st] {
			continue
		}
		if sk.ids[st] = names[faces[st].name]; sk.ids[st] == "" {
			return nil, fmt.Errorf("pdf: fpdf did not embed %s", faces[st].name)
		}
		// the text layer: ligatures and small capitals read as letters
		if tu := objectRef(file.object(objs[faces[st].name]), "/ToUnicode"); tu > 0 {
			sk.ed.streams[tu] = toUnicode(&sk.chars[st])
		}
	}
	if err := sk.editDocument(b, doc, ro); err != nil {
		return nil, err
	}
	return sk, nil
}

// render draws a laid-out document: fpdf makes the file's skeleton (a
// page and its bookmarks for each page of doc, the fonts subset to the
// characters the pages set, the metadata), and the page contents come
// from a contentWriter (see content.go).
func render(w io.Writer, b *book.Book, doc *typeset.Doc, ro renderOpts) error {
	sk, err := buildSkeleton(b, doc, ro, nil)
	if err != nil {
		return err
	}
	_, mh := ro.mediaSize(doc.Trim)
	cw := newContentWriter(mh-ro.bleed, sk.lw, sk.ids)
	starts := cw.starts(doc.Pages)
	for k := range starts {
		starts[k].dx = ro.trimX(k)
	}
	return sk.file.finishEdited(w, len(doc.Pages), func(dst []byte, k int) []byte {
		cw := starts[k]
		return cw.page(dst, &doc.Pages[k])
	}, sk.ed)
}

// runeSet is a set of characters of the Basic Multilingual Plane.
type runeSet [0x10000 / 64]uint64

func (s *runeSet) addString(str string) {
	for _, r := range str {
		if r < 0x10000 {
			s[r/64] |= 1 << (r % 64)
		}
	}
}

// String returns the characters of the set in order.
func (s *runeSet) String() string {
	var b strings.Builder
	for i, w := range s {
		for w != 0 {
			k := bits.TrailingZeros64(w)
			b.WriteRune(rune(i*64 + k))
			w &^= 1 << k
		}
	}
	return b.String()
}

// replaceSameLength replaces every old in b with new, of the same length,
// in place: the file is megabytes and bytes.ReplaceAll would copy it.
func replaceSameLength(b, old, new []byte) {
	for i := 0; ; {
		k := bytes.Index(b[i:], old)
		if k < 0 {
			return
		}
		copy(b[i+k:], new)
		i += k + len(new)
	}
}

// bmp replaces characters above U+FFFF and invalid UTF-8 with U+FFFD:
// fpdf's width tables stop at U+FFFF and it panics past them, and its
// UTF-16 conversion reads past the end of a truncated sequence. typeset
// has already replaced (and reported) those of the text; this covers the
// metadata and a Doc made elsewhere.
func bmp(s string) string {
	astral := false
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xf0 { // the lead byte of a four-byte sequence
			astral = true
			break
		}
	}
	if !astral && utf8.ValidString(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r > 0xffff {
			return utf8.RuneError
		}
		return r
	}, s)
}

// editionTime is the date stamped into the PDF: Meta.Modified, else the
// publication date, else the Unix epoch, so that output never depends on
// the clock.
func editionTime(m book.Meta) time.Time {
	if !m.Modified.IsZero() {
		return m.Modified.UTC()
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if d, err := time.Parse(layout, m.Date); err == nil {
			return d
		}
	}
	return time.Unix(0, 0).UTC()
}

// setInfo writes the document information (title, author, subject,
// dates).
func setInfo(f *fpdf.Fpdf, m book.Meta) {
	f.SetTitle(bmp(m.Title), true)
	var authors []string
	for _, a := range m.Authors {
		authors = append(authors, a.Name)
	}
	f.SetAuthor(bmp(strings.Join(authors, "; ")), true)
	subject := m.Description
	if subject == "" {
		subject = m.Subtitle
	}
	if subject != "" {
		f.SetSubject(bmp(subject), true)
	}
	if len(m.Subjects) > 0 {
		f.SetKeywords(bmp(strings.Join(m.Subjects, "; ")), true)
	}
	f.SetCreator("folio", true)
	f.SetProducer("folio (fpdf)", true)
	if m.Language != "" {
		f.SetLang(m.Language)
	}
	date := editionTime(m)
	f.SetCreationDate(date)
	f.SetModificationDate(date)
}
