package face

import (
	"bytes"
	"sync"

	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// True small capitals are glyphs with no character of their own: the
// font reaches them through its GSUB 'smcp' (lower case → small capital)
// and 'c2sc' (capital → small capital) features. The PDF writer and the
// typesetter deal in characters, so each small capital gets a private
// code: a Private Use Area character that this face maps to the glyph,
// the same code in every face of the family, computed from the letter
// and its case (SmallCapCode). The PDF's ToUnicode map turns each code
// back into its letter, so that the text copies and searches as written.
//
// The GSUB tables are read with go-text/typesetting's parser (a
// maintained OpenType implementation), once per face, when small
// capitals are first asked for.

// The private codes: two per letter (lower, upper) for U+0040–U+024F and
// U+1E00–U+1EFF, in U+E000–U+E7FF, which the book family leaves unused
// (its own private characters start at U+F130; a test holds it to that).
const (
	puaBase  = 0xE000
	puaExt   = 0xE500 // Latin Extended Additional
	puaEnd   = 0xE700
	latinLo  = 0x0040
	latinHi  = 0x0250
	extLo    = 0x1E00
	extHi    = 0x1F00
	upperBit = 1
)

// SmallCapCode is the private code of r's small capital (upper: from a
// capital, 'c2sc'; else from a lower-case letter, 'smcp'); 0 for a rune
// outside the covered ranges.
func SmallCapCode(r rune, upper bool) rune {
	var c rune
	switch {
	case r >= latinLo && r < latinHi:
		c = puaBase + 2*(r-latinLo)
	case r >= extLo && r < extHi:
		c = puaExt + 2*(r-extLo)
	default:
		return 0
	}
	if upper {
		c += upperBit
	}
	return c
}

// SmallCapLetter is the letter a private code stands for, and whether
// the code is one; the inverse of SmallCapCode.
func SmallCapLetter(c rune) (rune, bool) {
	switch {
	case c >= puaBase && c < puaBase+2*(latinHi-latinLo):
		return latinLo + (c-puaBase)/2, true
	case c >= puaExt && c < puaEnd:
		return extLo + (c-puaExt)/2, true
	}
	return 0, false
}

// smallCaps is a face's private codes, filled once.
type smallCaps struct {
	once  sync.Once
	glyph map[rune]uint16 // private code → small-capital glyph
	err   error
}

// SmallCap returns the private code that sets r as a true small capital
// in this face: 'c2sc' for a capital, 'smcp' for a lower-case letter (and
// for caseless marks the features cover). ok is false when the face has
// none for r (or no such features): the caller fakes it.
func (f *Face) SmallCap(r rune, upper bool) (rune, bool) {
	f.loadSmallCaps()
	c := SmallCapCode(r, upper)
	if c == 0 {
		return 0, false
	}
	_, ok := f.sc.glyph[c]
	return c, ok
}

// HasSmallCaps reports whether the face has true small capitals at all.
func (f *Face) HasSmallCaps() bool {
	f.loadSmallCaps()
	return len(f.sc.glyph) > 0
}

func (f *Face) loadSmallCaps() {
	f.sc.once.Do(func() {
		f.sc.glyph = map[rune]uint16{}
		if f.data == nil {
			return
		}
		ld, err := ot.NewLoader(bytes.NewReader(f.data))
		if err != nil {
			f.sc.err = err
			return
		}
		font, err := gofont.NewFont(ld)
		if err != nil {
			f.sc.err = err
			return
		}
		for _, feat := range []struct {
			tag   string
			upper bool
		}{{"smcp", false}, {"c2sc", true}} {
			subst := singleSubst(&font.GSUB, ot.MustNewTag(feat.tag))
			if len(subst) == 0 {
				continue
			}
			for _, rng := range [][2]rune{{latinLo, latinHi}, {extLo, extHi}} {
				for r := rng[0]; r < rng[1]; r++ {
					g := f.glyphOf(r)
					if g == 0 {
						continue
					}
					if sg, ok := subst[g]; ok && int(sg) < len(f.adv) {
						f.sc.glyph[SmallCapCode(r, feat.upper)] = sg
					}
				}
			}
		}
	})
}

// singleSubst collects the single substitutions of a feature (script
// latn, else DFLT, default language system), first lookup first.
func singleSubst(gsub *gofont.GSUB, tag ot.Tag) map[uint16]uint16 {
	si := gsub.FindScript(ot.MustNewTag("latn"))
	if si < 0 {
		si = gsub.FindScript(ot.MustNewTag("DFLT"))
	}
	if si < 0 || gsub.Scripts[si].DefaultLangSys == nil {
		return nil
	}
	out := map[uint16]uint16{}
	for _, fi := range gsub.Scripts[si].DefaultLangSys.FeatureIndices {
		if int(fi) >= len(gsub.Features) || gsub.Features[fi].Tag != tag {
			continue
		}
		for _, li := range gsub.Features[fi].LookupListIndices {
			if int(li) >= len(gsub.Lookups) {
				continue
			}
			for _, st := range gsub.Lookups[li].Subtables {
				ss, ok := st.(tables.SingleSubs)
				if !ok {
					continue
				}
				addSingle(out, ss)
			}
		}
	}
	return out
}

// addSingle adds one single-substitution subtable's pairs, keeping
// earlier ones (the first subtable that covers a glyph wins).
func addSingle(out map[uint16]uint16, ss tables.SingleSubs) {
	add := func(g, s uint16) {
		if _, seen := out[g]; !seen {
			out[g] = s
		}
	}
	switch d := ss.Data.(type) {
	case tables.SingleSubstData1:
		for _, g := range coverageGlyphs(d.Coverage) {
			add(g, uint16(int(g)+int(d.DeltaGlyphID)))
		}
	case tables.SingleSubstData2:
		for i, g := range coverageGlyphs(d.Coverage) {
			if i < len(d.SubstituteGlyphIDs) {
				add(g, uint16(d.SubstituteGlyphIDs[i]))
			}
		}
	}
}

// coverageGlyphs lists a coverage table's glyphs in coverage order.
func coverageGlyphs(c tables.Coverage) []uint16 {
	var out []uint16
	switch cv := c.(type) {
	case tables.Coverage1:
		for _, g := range cv.Glyphs {
			out = append(out, uint16(g))
		}
	case tables.Coverage2:
		for _, r := range cv.Ranges {
			for g := int(r.StartGlyphID); g <= int(r.EndGlyphID); g++ {
				out = append(out, uint16(g))
			}
		}
	}
	return out
}
