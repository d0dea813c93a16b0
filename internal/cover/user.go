package cover

import (
	"fmt"

	"folio/internal/imagefile"
	"folio/internal/userfile"
)

// Load reads a user's cover image (a regular file of at most 50 MB),
// decodes it whole and makes it fit for an e-book (imagefile.Prepare):
// a damaged, oversized or non-image file is refused with the reason, a
// CMYK, 16-bit or transparent one converted, and Done says so.
func Load(path string) (imagefile.Fixed, error) {
	data, err := userfile.Read(path, userfile.Cover)
	if err != nil {
		return imagefile.Fixed{}, fmt.Errorf("cover %w", err)
	}
	f, err := imagefile.Prepare(data)
	if err != nil {
		return imagefile.Fixed{}, fmt.Errorf("cover %s %v", path, err)
	}
	return f, nil
}

// LoadPrint reads a user's cover image for a printed cover: read and
// decoded whole as Load does (a damaged or oversized file is refused
// with the reason), but returned as it is — a printer takes CMYK and
// 16-bit images, which an e-book's readers do not.
func LoadPrint(path string) ([]byte, error) {
	data, err := userfile.Read(path, userfile.Cover)
	if err != nil {
		return nil, fmt.Errorf("cover %w", err)
	}
	in, err := imagefile.Inspect(data)
	if err == nil {
		_, err = imagefile.Decode(data, in)
	}
	if err != nil {
		return nil, fmt.Errorf("cover %s %v", path, err)
	}
	return data, nil
}
