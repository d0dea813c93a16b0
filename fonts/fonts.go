// Package fonts embeds the book family, Gentium Book Plus by SIL
// International (SIL Open Font Licence 1.1; see OFL.txt), so that the PDF
// and the EPUB can carry it. Gentium Book Plus was chosen over Charis SIL
// because it carries pair kerning in its GPOS table (Charis SIL 6.1 has
// none), and a book face needs kerning.
package fonts

import _ "embed"

var (
	//go:embed GentiumBookPlus-Regular.ttf
	Regular []byte
	//go:embed GentiumBookPlus-Italic.ttf
	Italic []byte
	//go:embed GentiumBookPlus-Bold.ttf
	Bold []byte
	//go:embed GentiumBookPlus-BoldItalic.ttf
	BoldItalic []byte
	//go:embed OFL.txt
	Licence []byte
)

// Family is the name the renderers use for the embedded family.
const Family = "Gentium Book Plus"

// Files are the font file names, in the order Regular, Italic, Bold,
// BoldItalic, for renderers that ship the fonts (EPUB).
var Files = [4]string{"GentiumBookPlus-Regular.ttf", "GentiumBookPlus-Italic.ttf", "GentiumBookPlus-Bold.ttf", "GentiumBookPlus-BoldItalic.ttf"}
