package pdf

import (
	"bytes"
	"crypto/md5"
	"fmt"
	"strconv"

	"folio/assets"
	"folio/internal/book"
	"folio/internal/typeset"
)

// PDFX1a is the conformance folio writes for printers that ask for
// PDF/X (IngramSpark): ISO 15930-1's PDF/X-1a:2001, on PDF 1.3, which
// fpdf writes. What it requires of the file and how folio meets it:
//
//   - fonts embedded (fpdf embeds subsets), no transparency, no RGB: the
//     pages are DeviceGray (fpdf's "0.000 g"), text 100 % black;
//   - a TrimBox on every page (and a BleedBox within the MediaBox when
//     the pages bleed);
//   - an OutputIntent of subtype GTS_PDFX naming the printing condition,
//     with its ICC profile: a gray output profile (assets/icc), since the
//     interior is black ink only;
//   - the document information's Title, CreationDate, ModDate, Trapped
//     (False: folio does not trap) and GTS_PDFXVersion and
//     GTS_PDFXConformance; a file identifier (/ID) in the trailer;
//   - no encryption, annotations, embedded files or JavaScript: the
//     catalog keeps only the pages, the opening view and the outline.
const (
	PDFX1a        = "PDF/X-1a:2001"
	pdfxVersion   = "PDF/X-1:2001"
	outputCondID  = "Custom"
	outputCond    = "Black ink only (grayscale) on uncoated book paper"
	outputIntInfo = "Gray output profile (Gray.icc of Debian icc-profiles-free, class set to output): black text and rules at 100 % K"
)

// editDocument sets what finish changes besides the page contents: the
// page boxes, the catalog (no empty name tree; an output intent for
// PDF/X), the document information (PDF/X keys) and a file identifier.
func (sk *skeleton) editDocument(b *book.Book, doc *typeset.Doc, ro renderOpts) error {
	file := sk.file
	tr := file.in[file.trailerAt:]
	root, info := objectRef(tr, "/Root"), objectRef(tr, "/Info")
	if root == 0 || info == 0 {
		return fmt.Errorf("pdf: fpdf's trailer names no catalog or information")
	}
	pdfx := ro.prof.PDFX == PDFX1a
	mw, mh := ro.mediaSize(doc.Trim)
	sk.ed.pageExtra = func(k int) []byte {
		x, y := ro.trimX(k), ro.bleed
		s := fmt.Sprintf("/TrimBox [%s %s %s %s]\n", fix2(x), fix2(y), fix2(x+doc.Trim.W), fix2(y+doc.Trim.H))
		if ro.bleed > 0 {
			s += fmt.Sprintf("/BleedBox [0 0 %s %s]\n", fix2(mw), fix2(mh))
		}
		return []byte(s)
	}

	// the catalog, without fpdf's empty EmbeddedFiles name tree
	cat := dictOf(file.object(root))
	if cat == nil {
		return fmt.Errorf("pdf: fpdf's catalog (object %d) is not a dictionary", root)
	}
	if i := bytes.Index(cat, []byte("/Names <<")); i >= 0 {
		cat = cat[:i]
	} else {
		cat = cat[:len(cat)-2]
	}
	cat = bytes.Clone(cat)
	if pdfx {
		// /Lang is a PDF 1.4 key; PDF/X-1a:2001 is PDF 1.3
		if i := bytes.Index(cat, []byte("/Lang (")); i >= 0 {
			if e := bytes.IndexByte(cat[i:], '\n'); e >= 0 {
				cat = append(cat[:i], cat[i+e+1:]...)
			}
		}
		n := len(file.offs) // the first object number after fpdf's
		cat = fmt.Appendf(cat, "/OutputIntents [%d 0 R]\n", n)
		if ro.cmyk {
			// a cover in process colour: the registered SWOP condition
			// (CGATS TR 001), which PDF/X-1a lets name its
			// characterisation without embedding a profile
			sk.ed.added = append(sk.ed.added, []byte("<<\n/Type /OutputIntent\n/S /GTS_PDFX\n/OutputConditionIdentifier (CGATS TR 001)\n/OutputCondition (SWOP \\(Publication\\) Grade 5 Paper)\n/RegistryName (http://www.color.org)\n/Info (CGATS TR 001, SWOP)\n>>"))
		} else {
			sk.ed.added = append(sk.ed.added,
				fmt.Appendf(nil, "<<\n/Type /OutputIntent\n/S /GTS_PDFX\n/OutputConditionIdentifier (%s)\n/OutputCondition (%s)\n/Info (%s)\n/RegistryName (http://www.color.org)\n/DestOutputProfile %d 0 R\n>>",
					outputCondID, outputCond, outputIntInfo, n+1),
				append(fmt.Appendf(nil, "<</N 1 /Length %d>>\nstream\n", len(assets.GrayICC)), append(bytes.Clone(assets.GrayICC), "\nendstream"...)...),
			)
		}
	}
	sk.ed.objects[root] = append(cat, ">>"...)

	if pdfx {
		inf := dictOf(file.object(info))
		if inf == nil {
			return fmt.Errorf("pdf: fpdf's document information (object %d) is not a dictionary", info)
		}
		inf = bytes.Clone(inf[:len(inf)-2])
		inf = fmt.Appendf(inf, "/Trapped /False\n/GTS_PDFXVersion (%s)\n/GTS_PDFXConformance (%s)\n>>", pdfxVersion, PDFX1a)
		sk.ed.objects[info] = inf
	}
	// a file identifier from what identifies the edition, not the clock
	h := md5.Sum([]byte(b.Meta.Identifier + "\x00" + b.Meta.Title + "\x00" + editionTime(b.Meta).String() + "\x00" + strconv.Itoa(len(doc.Pages))))
	sk.ed.trailer = fmt.Sprintf("/ID [<%x> <%x>]\n", h, h)
	return nil
}

// fix2 formats a coordinate as fpdf does (%.2f).
func fix2(v float64) string { return string(appendFixed2(nil, v)) }
