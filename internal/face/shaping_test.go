package face

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"folio/assets"

	"github.com/go-text/typesetting/di"
	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// The evaluation of go-text/typesetting's HarfBuzz shaper against the
// face's own tables (issue 14, README "Shaping"): on every distinct word
// of the sample, in all four faces, the kerning HarfBuzz applies (its
// advances with 'kern' on minus with it off) must equal the face's GPOS
// pair kerning, and its 'liga' must give the face's ligatures.

func sampleWords() []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range strings.Fields(string(assets.Sample())) {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

type hbFace struct {
	face *gofont.Face
	sh   shaping.HarfbuzzShaper
}

func newHB(t testing.TB, data []byte) *hbFace {
	fc, err := gofont.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return &hbFace{face: fc}
}

// shape returns the glyphs and advances (1/1000 em) of w.
func (h *hbFace) shape(w string, features ...shaping.FontFeature) ([]uint16, float64) {
	txt := []rune(w)
	out := h.sh.Shape(shaping.Input{Text: txt, RunEnd: len(txt), Direction: di.DirectionLTR, Face: h.face,
		Size: fixed.I(1000), Script: language.Latin, Language: language.NewLanguage("en"), FontFeatures: features})
	gs := make([]uint16, len(out.Glyphs))
	adv := 0.0
	for i, g := range out.Glyphs {
		gs[i] = uint16(g.GlyphID)
		adv += float64(g.XAdvance) / 64
	}
	return gs, adv
}

func TestHarfBuzzAgrees(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole sample's vocabulary: skipped with -short")
	}
	words := sampleWords()
	noKern := shaping.FontFeature{Tag: ot.MustNewTag("kern"), Value: 0}
	for i, tc := range styles {
		f := faces(t)[i]
		hb := newHB(t, tc.data)
		kernDiff, ligDiff := 0, 0
		for _, w := range words {
			gs, with := hb.shape(w)
			_, without := hb.shape(w, noKern)
			lw := f.Ligate(w)
			if d := math.Abs((with - without) - (f.Width(lw) - f.WidthNoKern(lw))); d > 0.05 {
				kernDiff++
				if kernDiff <= 3 {
					t.Errorf("%s: %q kerned %.2f by HarfBuzz, %.2f by the face", tc.name, w, with-without, f.Width(lw)-f.WidthNoKern(lw))
				}
			}
			var ours []uint16
			for _, r := range lw {
				ours = append(ours, f.glyphOf(r))
			}
			if !slicesEqual(gs, ours) {
				// HarfBuzz's 'liga' picks the font's ligature glyphs (f_i),
				// the face the presentation forms' (U+FB01): the same
				// drawing, so they must at least have the same advance
				ligDiff++
				var adv float64
				for _, g := range gs {
					adv += f.adv[g]
				}
				if len(gs) != len(ours) || adv != f.WidthNoKern(lw) {
					t.Errorf("%s: %q shaped as glyphs %v (advance %v) by HarfBuzz, %v (%v) by the face", tc.name, w, gs, adv, ours, f.WidthNoKern(lw))
				}
			}
		}
		t.Logf("%s: %d words, %d kerned differently, %d with other glyphs", tc.name, len(words), kernDiff, ligDiff)
	}
}

func slicesEqual(a, b []uint16) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// The speed of measuring a word: the face's tables against shaping it.
func BenchmarkWidthSampleWords(b *testing.B) {
	f := loadFam(b).Regular
	words := sampleWords()
	b.ResetTimer()
	for b.Loop() {
		for _, w := range words {
			f.Width(f.Ligate(w))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}

func BenchmarkHarfBuzzSampleWords(b *testing.B) {
	hb := newHB(b, styles[0].data)
	words := sampleWords()
	b.ResetTimer()
	for b.Loop() {
		for _, w := range words {
			hb.shape(w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}
