package epub

import (
	"bytes"
	"testing"

	"folio/internal/book"
	"folio/internal/epub/epubtest"
)

// buildAndCheck writes b as an EPUB and runs every check of epubtest on
// it: the archive layout, the package document, each content document's
// links, the navigation and EPUBCheck.
func buildAndCheck(t *testing.T, b *book.Book, opt Options) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := Write(&out, b, opt); err != nil {
		t.Fatalf("Write: %v", err)
	}
	data := out.Bytes()
	epubtest.Structure(t, data, b)
	epubtest.Conformance(t, data)
	return data
}
