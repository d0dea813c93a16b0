package epub

import (
	"embed"
	"fmt"
	"hash/crc32"
)

// The four faces are 3.4 MB; deflating them at the default level took
// most of an EPUB's writing time, for every build, always with the same
// result. So that result is made once, ahead of time, and embedded:
// fontdata/FILE.SIZE.CRC.deflate is the raw deflate stream, at the
// default level, of the font file FILE of that size and CRC-32 — what
// deflateAll would make. A face that matches no such file (the fonts
// changed and the files were not made again) is deflated at run time as
// before, and the archive comes out the same. TestFontData checks the
// files and says how to make them again:
//
//	go test ./internal/epub -run TestFontData -update
//
//go:embed fontdata
var fontData embed.FS

// deflatedFont returns the deflated form of a font file made ahead of
// time, or nil when there is none for these bytes.
func deflatedFont(file string, data []byte) []byte {
	b, err := fontData.ReadFile(fontDataName(file, data))
	if err != nil {
		return nil
	}
	return b
}

func fontDataName(file string, data []byte) string {
	return fmt.Sprintf("fontdata/%s.%d.%08x.deflate", file, len(data), crc32.ChecksumIEEE(data))
}
