package face

import (
	"sync"

	"folio/fonts"
)

// Family is the four styles of the book face.
type Family struct {
	Regular, Italic, Bold, BoldItalic *Face
}

// Style picks a face by weight and slant.
func (fam *Family) Style(bold, italic bool) *Face {
	switch {
	case bold && italic:
		return fam.BoldItalic
	case bold:
		return fam.Bold
	case italic:
		return fam.Italic
	}
	return fam.Regular
}

var (
	familyOnce sync.Once
	family     *Family
	familyErr  error
)

// LoadFamily parses the embedded book family (Gentium Book Plus) once; later calls
// return the same faces (or the same error).
func LoadFamily() (*Family, error) {
	familyOnce.Do(func() {
		fam := &Family{}
		for _, s := range []struct {
			dst  **Face
			name string
			data []byte
		}{
			{&fam.Regular, fonts.Files[0], fonts.Regular},
			{&fam.Italic, fonts.Files[1], fonts.Italic},
			{&fam.Bold, fonts.Files[2], fonts.Bold},
			{&fam.BoldItalic, fonts.Files[3], fonts.BoldItalic},
		} {
			f, err := Parse(s.name, s.data)
			if err != nil {
				familyErr = err
				return
			}
			*s.dst = f
		}
		family = fam
	})
	return family, familyErr
}
