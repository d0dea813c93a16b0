// Package fonts embeds the book family (Charis SIL, SIL Open Font Licence
// 1.1; see OFL.txt) so that the PDF and the EPUB can carry it.
package fonts

import _ "embed"

var (
	//go:embed CharisSIL-Regular.ttf
	Regular []byte
	//go:embed CharisSIL-Italic.ttf
	Italic []byte
	//go:embed CharisSIL-Bold.ttf
	Bold []byte
	//go:embed CharisSIL-BoldItalic.ttf
	BoldItalic []byte
	//go:embed OFL.txt
	Licence []byte
)

// Family is the name the renderers use for the embedded family.
const Family = "Charis SIL"
