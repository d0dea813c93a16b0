package face

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// errShort marks a read past the end of a table; parsers turn it into an
// error that names the font and the table.
var errShort = errors.New("offset past the end of the data")

// reader reads big-endian font data with bounds checks. The first failed
// read sets err and every later read returns 0, so a parser can read a whole
// record and check err once instead of after every field.
type reader struct {
	b   []byte
	err error
}

func (r *reader) u16(off int) uint16 {
	if r.err != nil {
		return 0
	}
	if off < 0 || off+2 > len(r.b) {
		r.err = errShort
		return 0
	}
	return binary.BigEndian.Uint16(r.b[off:])
}

func (r *reader) i16(off int) int16 { return int16(r.u16(off)) }

func (r *reader) u32(off int) uint32 {
	if r.err != nil {
		return 0
	}
	if off < 0 || off+4 > len(r.b) {
		r.err = errShort
		return 0
	}
	return binary.BigEndian.Uint32(r.b[off:])
}

// Magic numbers of the font containers folio may be handed.
const (
	magicTrueType = 0x00010000
	magicApple    = 0x74727565 // "true": old Mac TrueType, which fpdf accepts
	magicOTTO     = 0x4F54544F // "OTTO": CFF outlines
	magicTTC      = 0x74746366 // "ttcf"
	magicWOFF     = 0x774F4646 // "wOFF"
	magicWOFF2    = 0x774F4632 // "wOF2"
	magicType1    = 0x74797031 // "typ1"
)

// tableDir maps table tags to their bytes.
type tableDir map[string][]byte

// readTables checks the container format and slices out every table. The
// error messages are written for the person who chose the font file.
func readTables(name string, data []byte) (tableDir, error) {
	r := &reader{b: data}
	magic := r.u32(0)
	numTables := int(r.u16(4))
	if r.err != nil {
		return nil, fmt.Errorf("font %s is not a font file: only %d bytes; use a TrueType (.ttf) file", name, len(data))
	}
	switch magic {
	case magicTrueType, magicApple:
	case magicOTTO:
		return nil, fmt.Errorf("font %s is CFF-based OpenType (.otf); folio needs TrueType outlines (.ttf): use the TrueType build of the font", name)
	case magicTTC:
		return nil, fmt.Errorf("font %s is a TrueType collection (.ttc); folio needs a single font: extract the face you want into its own .ttf", name)
	case magicWOFF, magicWOFF2:
		return nil, fmt.Errorf("font %s is a compressed web font (WOFF); folio needs an uncompressed TrueType file (.ttf): use the desktop .ttf of the font", name)
	case magicType1:
		return nil, fmt.Errorf("font %s is a PostScript Type 1 font; folio needs TrueType outlines (.ttf)", name)
	default:
		return nil, fmt.Errorf("font %s is not a TrueType font (unknown header %08x); folio needs a .ttf file", name, magic)
	}
	if numTables == 0 {
		return nil, fmt.Errorf("font %s is corrupt: its table directory is empty", name)
	}
	if 12+16*numTables > len(data) {
		return nil, fmt.Errorf("font %s is truncated: its table directory needs %d bytes but the file has %d; get an intact copy of the font", name, 12+16*numTables, len(data))
	}
	dir := make(tableDir, numTables)
	for i := range numTables {
		rec := 12 + 16*i
		tag := r.u32(rec)
		off := int64(r.u32(rec + 8))
		size := int64(r.u32(rec + 12))
		t := string([]byte{byte(tag >> 24), byte(tag >> 16), byte(tag >> 8), byte(tag)})
		if off+size > int64(len(data)) {
			return nil, fmt.Errorf("font %s is truncated or corrupt: table %q ends at byte %d but the file has %d bytes; get an intact copy of the font", name, t, off+size, len(data))
		}
		dir[t] = data[off : off+size]
	}
	if _, ok := dir["CFF "]; ok {
		return nil, fmt.Errorf("font %s is CFF-based OpenType (.otf); folio needs TrueType outlines (.ttf): use the TrueType build of the font", name)
	}
	// fpdf reads all of these without checking that they exist.
	var missing []string
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "cmap", "name", "post", "OS/2", "loca", "glyf"} {
		if _, ok := dir[t]; !ok {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("font %s lacks the tables %q that PDF embedding needs; use a complete TrueType font", name, missing)
	}
	return dir, nil
}
