package face

import (
	"testing"
)

func TestSmallCaps(t *testing.T) {
	fam, err := LoadFamily()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []*Face{fam.Regular, fam.Italic, fam.Bold, fam.BoldItalic} {
		// the private codes must be free in the family's own map
		for c := rune(puaBase); c < puaEnd; c++ {
			if f.glyph[c] != 0 {
				t.Fatalf("%s maps %U itself: the small capitals' private codes clash", f.Name, c)
			}
		}
		if !f.HasSmallCaps() {
			t.Fatalf("%s: no smcp/c2sc small capitals found", f.Name)
		}
		for _, r := range "abcdefghijklmnopqrstuvwxyzàéçšë" {
			lo, ok1 := f.SmallCap(r, false)
			up, ok2 := f.SmallCap([]rune(string(r))[0]-'a'+'A', true)
			if r > 'z' {
				up, ok2 = lo, ok1
			}
			if !ok1 || !ok2 {
				t.Errorf("%s: no small capital for %q", f.Name, r)
				continue
			}
			// a small capital is its own glyph, smaller than the capital,
			// and c2sc of the capital is smcp of the lower case
			if f.glyphOf(lo) == f.glyphOf(r) || f.Advance(lo) == 0 {
				t.Errorf("%s: %q's small capital is glyph %d", f.Name, r, f.glyphOf(lo))
			}
			if r <= 'z' && f.glyphOf(lo) != f.glyphOf(up) {
				t.Errorf("%s: smcp(%q) = glyph %d but c2sc = %d", f.Name, r, f.glyphOf(lo), f.glyphOf(up))
			}
			if l, ok := SmallCapLetter(lo); !ok || l != r {
				t.Errorf("SmallCapLetter(%U) = %q, want %q", lo, l, r)
			}
		}
		if _, ok := f.SmallCap('€', false); ok {
			t.Errorf("%s: a small capital for €", f.Name)
		}
	}
}

// TestEmbedData: the embedding copy parses as a font, maps every
// character as the original does and the private codes to the small
// capitals, with the same advances and kerning.
func TestEmbedData(t *testing.T) {
	fam, _ := LoadFamily()
	f := fam.Regular
	emb, err := Parse("embed", f.EmbedData())
	if err != nil {
		t.Fatal(err)
	}
	for c := 1; c < 0xFFFF; c++ {
		if want := f.glyphOf(rune(c)); emb.glyph[c] != want {
			t.Fatalf("%U: glyph %d in the embedding copy, %d in the face", c, emb.glyph[c], want)
		}
	}
	if emb.KernPairs() != f.KernPairs() || emb.Width("AVAToffice") != f.Width("AVAToffice") {
		t.Error("the embedding copy kerns differently")
	}
	if sum := checksum(f.EmbedData()); sum != 0xB1B0AFBA {
		t.Errorf("file checksum %08x, want B1B0AFBA", sum)
	}
}
