package fontsubset

import (
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"folio/fonts"
	"folio/internal/face"
)

// excerpt is real text of the sample, with its curly quotes, dashes,
// ligature sequences (fi, ffi, fl), small figures and accented names.
const excerpt = `In June 1960, Khrushchev organized the Bucharest meeting at which he plotted a “coup d’etat” against the Communist Party of China — “the Chinese comrades are not upholding”! Koço Tashko; Ramiz Alia; the ﬁrst efficient ﬂow, difficult; 1957, 81 parties, 11:30 hrs. P.S. Æra [....] ½ §3 ↑`

var faces = []struct {
	name string
	data []byte
}{
	{"Regular", fonts.Regular}, {"Italic", fonts.Italic}, {"Bold", fonts.Bold}, {"BoldItalic", fonts.BoldItalic},
}

// TestSubsetCoverage: each subset parses (x/image/font/sfnt and folio's
// own face reader), maps every character of the text to a glyph with the
// original's advance and outline, keeps every kerning pair between them,
// is renamed, and is a fraction of the original's size.
func TestSubsetCoverage(t *testing.T) {
	runes := []rune(excerpt)
	for _, fc := range faces {
		t.Run(fc.name, func(t *testing.T) {
			res, err := Subset(fc.data, runes, Options{Family: "Folio Book Text"})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Missing) != 0 {
				t.Errorf("missing %q", string(res.Missing))
			}
			if len(res.Font)*10 > len(fc.data) {
				t.Errorf("subset is %d bytes, %d%% of the font's %d", len(res.Font), 100*len(res.Font)/len(fc.data), len(fc.data))
			}
			orig, err := sfnt.Parse(fc.data)
			if err != nil {
				t.Fatal(err)
			}
			sub, err := sfnt.Parse(res.Font)
			if err != nil {
				t.Fatalf("the subset does not parse: %v", err)
			}
			var bo, bs sfnt.Buffer
			ppem := fixed.I(1000)
			for _, r := range runes {
				go1, _ := orig.GlyphIndex(&bo, r)
				gs, err := sub.GlyphIndex(&bs, r)
				if err != nil || gs == 0 {
					t.Errorf("%q (%U) has no glyph in the subset (%v)", r, r, err)
					continue
				}
				ao, _ := orig.GlyphAdvance(&bo, go1, ppem, font.HintingNone)
				as, err := sub.GlyphAdvance(&bs, gs, ppem, font.HintingNone)
				if err != nil || ao != as {
					t.Errorf("%q: advance %v, original %v (%v)", r, as, ao, err)
				}
				so, _ := orig.LoadGlyph(&bo, go1, ppem, nil)
				ss, err := sub.LoadGlyph(&bs, gs, ppem, nil)
				if err != nil || len(so) != len(ss) {
					t.Errorf("%q: outline of %d segments, original %d (%v)", r, len(ss), len(so), err)
				}
			}
			if n, _ := sub.Name(&bs, sfnt.NameIDFamily); n != "Folio Book Text" {
				t.Errorf("family %q, want the new name", n)
			}
			if c, _ := sub.Name(&bs, sfnt.NameIDCopyright); !strings.Contains(c, "SIL") {
				t.Errorf("copyright %q: the original's notice must stay", c)
			}
			if l, _ := sub.Name(&bs, sfnt.NameIDLicense); !strings.Contains(l, "Open Font License") {
				t.Errorf("licence %q: the OFL must stay", l)
			}

			// Kerning: every pair of the text's characters kerns as in the
			// original, read by folio's GPOS reader.
			fo, err := face.Parse(fc.name, fc.data)
			if err != nil {
				t.Fatal(err)
			}
			fs, err := face.Parse(fc.name+" subset", res.Font)
			if err != nil {
				t.Fatalf("face cannot read the subset: %v", err)
			}
			pairs, kerned := 0, 0
			uniq := map[rune]bool{}
			for _, r := range runes {
				uniq[r] = true
			}
			for a := range uniq {
				for b := range uniq {
					pairs++
					if k := fo.Kern(a, b); k != 0 {
						kerned++
						if fs.Kern(a, b) != k {
							t.Errorf("kern %q%q = %v, original %v", a, b, fs.Kern(a, b), k)
						}
					} else if fs.Kern(a, b) != 0 {
						t.Errorf("kern %q%q = %v, original 0", a, b, fs.Kern(a, b))
					}
				}
			}
			if kerned == 0 {
				t.Errorf("no kerned pair among %d: the test text proves nothing", pairs)
			}
			t.Logf("%s: %d of %d glyphs, %d bytes (%.1f%%), %d of %d pairs kerned", fc.name, res.Glyphs, res.Original, len(res.Font), 100*float64(len(res.Font))/float64(len(fc.data)), kerned, pairs)
		})
	}
}

// BenchmarkSubset is one face cut down to the sample's characters, as an
// EPUB build does four times.
func BenchmarkSubset(b *testing.B) {
	runes := []rune(excerpt + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Subset(fonts.Regular, runes, Options{Family: "Folio Book Text"}); err != nil {
			b.Fatal(err)
		}
	}
}
