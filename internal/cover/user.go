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
