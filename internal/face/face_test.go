package face

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"

	"folio/fonts"
)

// styles are the embedded Gentium Book Plus files; the [4] columns of the
// tables below follow this order.
var styles = []struct {
	name string
	data []byte
}{
	{"Regular", fonts.Regular}, {"Italic", fonts.Italic},
	{"Bold", fonts.Bold}, {"BoldItalic", fonts.BoldItalic},
}

// Real lines of the sample book (hoxha-works-19-ocr.txt), with the sum of
// their kerning in font units per style, read with HarfBuzz 6.0.0:
// hb-shape --script=Latn --language=en, total advance with
// --features=-liga minus total with --features=-liga,-kern (the glyphs
// were checked to be the cmap glyphs of the runes, one per rune).
var excerpts = []struct {
	text string
	kern [4]int
}{
	{"PUBLISHER’S PREFACE", [4]int{-181, -162, -181, -162}},
	{"Party of Labor of Albania, Volume 19 of Enver Hoxha’s Works", [4]int{-291, -210, -291, -210}},
	{"demonstrated with startling clarity. Under these circumstances it", [4]int{-283, -221, -283, -221}},
	{"“take the fortress from within.” For this purpose it worked on Liri", [4]int{-474, -419, -474, -419}},
	{"Belishova and Koço Tashko and recruited them to its service. The", [4]int{-234, -178, -234, -178}},
	{"tacked Stalin in his infamous “secret” speech, and forced through", [4]int{-196, -178, -196, -178}},
	{"which he plotted a “coup d’etat against the Communist Party of", [4]int{-31, -27, -31, -27}},
	{"the purity of Marxism-Leninism [....]. ", [4]int{0, 0, 0, 0}},
	{"difficulties and with the most diverse pressures and provocations.", [4]int{-224, -195, -224, -195}},
}

func loadFam(t testing.TB) *Family {
	t.Helper()
	fam, err := LoadFamily()
	if err != nil {
		t.Fatal(err)
	}
	return fam
}

// faces are the four styles in the order of styles.
func faces(t testing.TB) [4]*Face {
	fam := loadFam(t)
	return [4]*Face{fam.Regular, fam.Italic, fam.Bold, fam.BoldItalic}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// units converts font units of Gentium (2048 per em) to thousandths of an
// em without rounding; the result is exact in float64.
func units(u int) float64 { return float64(u) * 1000 / 2048 }

// The numbers below were read independently with fontTools 4.38
// (/usr/bin/python3: TTFont(...)["head"].unitsPerEm, ["hhea"].ascent and
// .descent, ["OS/2"] v4 sCapHeight and sxHeight, ["hmtx"][glyph][0] via
// getBestCmap()). Advances are in font units; the face must report them as
// fpdf does, math.Round(units·1000/2048).
func TestGentiumMetrics(t *testing.T) {
	fs := faces(t)
	for i, tc := range []struct {
		name string
		adv  map[rune]int // hmtx advance in font units
	}{
		{"GentiumBookPlus", map[rune]int{'A': 1242, 'V': 1341, 'T': 1148, 'o': 1045, '.': 497, '’': 490, 'f': 657, ' ': 451, '\uFB01': 1232, '\uFB03': 1888, '\u0301': 0}},
		{"GentiumBookPlus-Italic", map[rune]int{'A': 1163, 'V': 1225, 'T': 1081, 'o': 879, '.': 433, '’': 433, 'f': 592, ' ': 410, '\uFB01': 1120, '\uFB03': 1708, '\u0301': 0}},
		{"GentiumBookPlus-Bold", map[rune]int{'A': 1309, 'V': 1371, 'T': 1208, 'o': 1090, '.': 579, '’': 551, 'f': 715, ' ': 451, '\uFB01': 1350, '\uFB03': 2065, '\u0301': 0}},
		{"GentiumBookPlus-BoldItalic", map[rune]int{'A': 1210, 'V': 1256, 'T': 1123, 'o': 924, '.': 500, '’': 500, 'f': 689, ' ': 410, '\uFB01': 1292, '\uFB03': 1967, '\u0301': 0}},
	} {
		f := fs[i]
		if f.Name != tc.name {
			t.Errorf("Name = %q, want %q", f.Name, tc.name)
		}
		// All four styles share the vertical metrics.
		for _, m := range []struct {
			what      string
			got, want float64
		}{
			{"units per em", float64(f.UnitsPerEm()), 2048},
			{"ascent (hhea 2250)", f.Ascent(), units(2250)},
			{"descent (hhea -750)", f.Descent(), units(-750)},
			{"cap height (OS/2 1260)", f.CapHeight(), units(1260)},
			{"x-height (OS/2 930)", f.XHeight(), units(930)},
			{"advance of a missing rune (.notdef 1400 units)", f.Advance('\u4E00'), math.Round(units(1400))},
			{"advance outside the BMP", f.Advance('\U0001F600'), math.Round(units(1400))},
		} {
			if m.got != m.want {
				t.Errorf("%s: %s = %v, want %v", f.Name, m.what, m.got, m.want)
			}
		}
		for r, u := range tc.adv {
			if got, want := f.Advance(r), math.Round(units(u)); got != want {
				t.Errorf("%s: Advance(%U) = %v, want %v (%d units)", f.Name, r, got, want, u)
			}
		}
		for _, r := range []rune{'A', 'ç', '’', '“', '\uFB01'} {
			if !f.Has(r) {
				t.Errorf("%s: Has(%q) = false", f.Name, r)
			}
		}
		for _, r := range []rune{'\u4E00', '\U0001F600', 0, 0xFFFF, -1} {
			if f.Has(r) {
				t.Errorf("%s: Has(%U) = true", f.Name, r)
			}
		}
	}
}

// Gentium Book Plus 6.101 maps all five f-ligatures of U+FB00–U+FB04 in
// every style (fontTools getBestCmap), so the typesetter may ligate them.
func TestGentiumLigatures(t *testing.T) {
	want := map[string]rune{"ff": 0xFB00, "fi": 0xFB01, "fl": 0xFB02, "ffi": 0xFB03, "ffl": 0xFB04}
	for _, f := range faces(t) {
		got := f.Ligatures()
		if len(got) != len(want) {
			t.Errorf("%s: Ligatures() = %v, want %v", f.Name, got, want)
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: Ligatures()[%q] = %U, want %U", f.Name, k, got[k], v)
			}
		}
		got["ff"] = 'x' // a copy: must not reach the face
		if f.Ligatures()["ff"] != 0xFB00 {
			t.Errorf("%s: Ligatures() shares its map", f.Name)
		}
	}
}

// Pair kerning of the GPOS 'kern' feature (script latn, default language:
// lookup 7, a PairPos format 1 subtable then a format 2 one, XAdvance
// only), in font units per style. Each value was read twice, independently,
// and both agreed: with HarfBuzz 6.0.0 (hb-shape --script=Latn
// --language=en, advance sum with --features=-liga minus with
// --features=-liga,-kern) and with fontTools 4.38 by applying the PairPos
// subtables of that lookup to the glyph pair, first matching subtable
// wins. Kern is not rounded: it is units·1000/2048, exact in float64, so
// the test compares with ==.
func TestGentiumKern(t *testing.T) {
	fs := faces(t)
	for _, tc := range []struct {
		pair string
		kern [4]int
	}{
		{"AV", [4]int{-160, -162, -160, -162}},
		{"VA", [4]int{-201, -170, -201, -170}},
		{"AT", [4]int{-100, -90, -100, -90}},
		{"Av", [4]int{-100, -90, -100, -90}},
		{"To", [4]int{-80, -72, -80, -72}},
		{"Ta", [4]int{-80, -72, -80, -72}},
		{"Te", [4]int{-80, -72, -80, -72}},
		{"Yo", [4]int{-121, -129, -121, -129}},
		{"Wa", [4]int{-80, -49, -80, -49}},
		{"LT", [4]int{-129, -125, -129, -125}},
		{"L’", [4]int{-201, -180, -201, -180}},
		{"P.", [4]int{-201, -180, -201, -180}},
		{"F.", [4]int{-201, -180, -201, -180}},
		{"y.", [4]int{-201, -121, -201, -121}},
		{"r,", [4]int{-150, -180, -150, -180}},
		{"“A", [4]int{-201, -180, -201, -180}},
		{"f”", [4]int{219, 209, 219, 240}}, // positive: the f's hook clears the quote
		{"’s", [4]int{0, 0, 0, 0}},         // Hoxha’s: not kerned
		{"ab", [4]int{0, 0, 0, 0}},
		{"oo", [4]int{0, 0, 0, 0}},
		{"A\u4E00", [4]int{0, 0, 0, 0}}, // missing rune: .notdef is not kerned
	} {
		r := []rune(tc.pair)
		for i, f := range fs {
			want := units(tc.kern[i])
			if got := f.Kern(r[0], r[1]); got != want {
				t.Errorf("%s: Kern(%q) = %v, want %v (%d units)", f.Name, tc.pair, got, want, tc.kern[i])
			}
			if got, w := f.Width(tc.pair), f.Advance(r[0])+f.Advance(r[1])+want; got != w {
				t.Errorf("%s: Width(%q) = %v, want %v", f.Name, tc.pair, got, w)
			}
		}
	}
	// Nonzero pairs per style, as counted by the same fontTools walk over
	// every covered first glyph and every glyph of the font; a full dump of
	// the pairs agreed with it value for value.
	for i, want := range [4]int{3337, 3285, 3337, 3285} {
		if got := fs[i].KernPairs(); got != want {
			t.Errorf("%s: KernPairs() = %d, want %d", fs[i].Name, got, want)
		}
	}
}

// fpdfFont loads data into fpdf at 1000 pt, where GetStringWidth (in
// points) is the width in thousandths of an em, exactly.
func fpdfFont(t testing.TB, data []byte) *fpdf.Fpdf {
	t.Helper()
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("F", "", data)
	pdf.SetFont("F", "", 1000)
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
	return pdf
}

// Every BMP rune, one at a time, and real lines must measure what fpdf
// measures, or lines would overrun in the PDF. Width adds the kerning of
// each consecutive pair of runes, and nothing else.
func TestAdvancesMatchFPDF(t *testing.T) {
	lines := []string{"office affluent", "\uFB03\uFB04", "Koço ĉ ŝ ǆ ſ", "WAVE To Ta Yo “P.”"}
	for _, e := range excerpts {
		lines = append(lines, e.text)
	}
	for _, tc := range styles {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse(tc.name, tc.data)
			if err != nil {
				t.Fatal(err)
			}
			// what the PDF embeds: the file with the small capitals mapped
			pdf := fpdfFont(t, f.EmbedData())
			bad := 0
			for r := rune(1); r < 0xFFFF; r++ {
				if r >= 0xD800 && r <= 0xDFFF {
					continue // not encodable in a Go string
				}
				want := float64(pdf.GetStringSymbolWidth(string(r)))
				if got := f.Advance(r); got != want && bad < 10 {
					bad++
					t.Errorf("Advance(%U) = %v, fpdf %v", r, got, want)
				}
			}
			for _, s := range lines {
				want := pdf.GetStringWidth(s)
				if got := f.WidthNoKern(s); got != want {
					t.Errorf("WidthNoKern(%q) = %v, fpdf GetStringWidth %v", s, got, want)
				}
				kern, rs := 0.0, []rune(s)
				for i := 1; i < len(rs); i++ {
					kern += f.Kern(rs[i-1], rs[i])
				}
				if got := f.Width(s); got != want+kern {
					t.Errorf("Width(%q) = %v, want fpdf %v + kerning %v", s, got, want, kern)
				}
			}
		})
	}
}

// The kerning of whole lines, pinned from HarfBuzz (see excerpts).
func TestExcerptKerning(t *testing.T) {
	for i, f := range faces(t) {
		for _, e := range excerpts {
			if got, want := f.Width(e.text)-f.WidthNoKern(e.text), units(e.kern[i]); got != want {
				t.Errorf("%s: kerning of %q = %v, want %v (%d units)", f.Name, e.text, got, want, e.kern[i])
			}
		}
	}
}

// hbGlyph is one glyph of hb-shape --output-format=json --no-glyph-names.
type hbGlyph struct {
	G  int `json:"g"`
	Ax int `json:"ax"`
}

func hbShape(t *testing.T, font, text, features string) []hbGlyph {
	t.Helper()
	out, err := exec.Command("hb-shape", "--script=Latn", "--language=en", "--output-format=json",
		"--no-glyph-names", "--features="+features, font, text).Output()
	if err != nil {
		t.Fatalf("hb-shape %q: %v", text, err)
	}
	var gs []hbGlyph
	if err := json.Unmarshal(out, &gs); err != nil {
		t.Fatalf("hb-shape %q: %v", text, err)
	}
	return gs
}

// Live check against HarfBuzz, the shaper browsers and LibreOffice use:
// the kerning Width adds to each line is what HarfBuzz's kern feature
// adds, with ligatures off so that the glyphs are the cmap glyphs.
func TestKerningMatchesHarfBuzz(t *testing.T) {
	if _, err := exec.LookPath("hb-shape"); err != nil {
		t.Skip("hb-shape (HarfBuzz) is not installed; apt-get install libharfbuzz-bin to run this check")
	}
	dir := t.TempDir()
	lines := []string{"AVATAR", "To Ta Te Yo Wa", "LT P. r, f” ’s", "“A”"}
	for _, e := range excerpts {
		lines = append(lines, e.text)
	}
	for _, tc := range styles {
		font := filepath.Join(dir, tc.name+".ttf")
		if err := os.WriteFile(font, tc.data, 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := Parse(tc.name, tc.data)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range lines {
			on, off := hbShape(t, font, s, "-liga"), hbShape(t, font, s, "-liga,-kern")
			rs := []rune(s)
			if len(on) != len(rs) || len(off) != len(rs) {
				t.Fatalf("%s: hb-shape gave %d and %d glyphs for the %d runes of %q", tc.name, len(on), len(off), len(rs), s)
			}
			delta := 0
			for i, r := range rs {
				if on[i].G != int(f.glyphOf(r)) || off[i].G != on[i].G {
					t.Fatalf("%s: hb-shape glyph %d for %q in %q, cmap glyph %d", tc.name, on[i].G, r, s, f.glyphOf(r))
				}
				delta += on[i].Ax - off[i].Ax
			}
			if got, want := f.Width(s)-f.WidthNoKern(s), units(delta); got != want {
				t.Errorf("%s: kerning of %q = %v, HarfBuzz %v (%d units)", tc.name, s, got, want, delta)
			}
		}
	}
}

// Our format 4 reader must agree with x/image's cmap for the whole BMP.
func TestCmapMatchesSFNT(t *testing.T) {
	f := loadFam(t).Regular
	sf, err := sfnt.Parse(fonts.Regular)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	for r := rune(1); r < 0xFFFF; r++ {
		g, err := sf.GlyphIndex(&b, r)
		if err != nil {
			t.Fatal(err)
		}
		// the font's own map (glyphOf adds the small capitals' codes)
		if uint16(g) != f.glyph[r] {
			t.Fatalf("glyph of %U: ours %d, sfnt %d", r, f.glyph[r], g)
		}
	}
}

func loadFixture(t testing.TB, file string) *Face {
	t.Helper()
	data, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(file, data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Kerning fixtures: Charis SIL subsets with kerning added by
// testdata/make_fixtures.py. Expected values in font units were read
// independently with HarfBuzz 6.0 (hb-shape --features=±kern).
func TestKern(t *testing.T) {
	for _, tc := range []struct {
		file  string
		pairs string
		units float64
	}{
		{"kern-gpos.ttf", "AV", -100}, // -80 (format 1) + -20 (second lookup, Extension)
		{"kern-gpos.ttf", "To", 0},    // a zero format 1 pair shadows the class pair
		{"kern-gpos.ttf", "Ta", -100}, // format 2 class pair
		{"kern-gpos.ttf", "Te", -100},
		{"kern-gpos.ttf", "Yo", -100},
		{"kern-gpos.ttf", "LT", -120}, // XPlacement precedes XAdvance in the record
		{"kern-gpos.ttf", "We", -30},  // W's value; the record's +10 for e is not read (HarfBuzz adds it to e's advance)
		{"kern-gpos.ttf", "Va", -45},  // format 2 inside Extension
		{"kern-gpos.ttf", "Wo", -45},
		{"kern-gpos.ttf", "Wa", -45},
		{"kern-gpos.ttf", "TV", 0}, // second glyph in class 0
		{"kern-gpos.ttf", "ab", 0},
		{"kern-gpos.ttf", "VA", 0},
		{"kern-table.ttf", "AV", -90},
		{"kern-table.ttf", "To", -110},
		{"kern-table.ttf", "LT", -130},
		{"kern-table.ttf", "ab", 0},
	} {
		f := loadFixture(t, tc.file)
		r := []rune(tc.pairs)
		want := tc.units * 1000 / 2048
		if got := f.Kern(r[0], r[1]); !near(got, want) {
			t.Errorf("%s: Kern(%q) = %v, want %v (%v units)", tc.file, tc.pairs, got, want, tc.units)
		}
		if got, w := f.Width(tc.pairs), f.Advance(r[0])+f.Advance(r[1])+want; !near(got, w) {
			t.Errorf("%s: Width(%q) = %v, want %v", tc.file, tc.pairs, got, w)
		}
	}
	// Pair counts: GPOS AV LT We Ta Te Yo Ya Ye Va Vo Wa Wo (T o is zero);
	// kern table AV To LT.
	for file, want := range map[string]int{"kern-gpos.ttf": 12, "kern-table.ttf": 3} {
		if got := loadFixture(t, file).KernPairs(); got != want {
			t.Errorf("%s: KernPairs() = %d, want %d", file, got, want)
		}
	}
	f := loadFixture(t, "kern-gpos.ttf")
	if got, want := f.Width("WAVe"), f.WidthNoKern("WAVe")+(-100)*1000.0/2048; !near(got, want) {
		t.Errorf("Width(WAVe) = %v, want %v", got, want)
	}
}

// Handcrafted Coverage and ClassDef tables in both formats.
func TestCoverageAndClassDef(t *testing.T) {
	u16s := func(v ...uint16) []byte {
		b := make([]byte, 2*len(v))
		for i, x := range v {
			binary.BigEndian.PutUint16(b[2*i:], x)
		}
		return b
	}
	cov1, err := coverage(&reader{b: u16s(1, 3, 5, 9, 12)}, 0, 30)
	if err != nil || len(cov1) != 3 || cov1[2] != (covered{12, 2}) {
		t.Errorf("coverage format 1 = %v, %v", cov1, err)
	}
	cov2, err := coverage(&reader{b: u16s(2, 2, 10, 12, 0, 20, 20, 3)}, 0, 30)
	if err != nil || len(cov2) != 4 || cov2[1] != (covered{11, 1}) || cov2[3] != (covered{20, 3}) {
		t.Errorf("coverage format 2 = %v, %v", cov2, err)
	}
	cd1, err := classDef(&reader{b: u16s(1, 4, 3, 7, 0, 2)}, 0, 8)
	if err != nil || cd1[4] != 7 || cd1[5] != 0 || cd1[6] != 2 || cd1[7] != 0 {
		t.Errorf("class def format 1 = %v, %v", cd1, err)
	}
	cd2, err := classDef(&reader{b: u16s(2, 1, 2, 3, 5)}, 0, 8)
	if err != nil || cd2[1] != 0 || cd2[2] != 5 || cd2[3] != 5 || cd2[4] != 0 {
		t.Errorf("class def format 2 = %v, %v", cd2, err)
	}
	bads := [][]byte{
		u16s(3, 0),                     // unknown format
		u16s(2, 5, 1),                  // cut short
		u16s(2, 1, 9, 2, 0),            // reversed range
		u16s(2, 2, 0, 20, 1, 0, 20, 2), // overlapping ranges
	}
	for _, bad := range bads {
		if _, err := coverage(&reader{b: bad}, 0, 30); err == nil {
			t.Errorf("coverage(% x) succeeded", bad)
		}
		if _, err := classDef(&reader{b: bad}, 0, 8); err == nil {
			t.Errorf("classDef(% x) succeeded", bad)
		}
	}
}

// A tiny GPOS whose 1000 subtables share one pair set of 65535 records
// describes 65 million pairs; it must be refused, not expanded.
func TestGPOSWorkLimit(t *testing.T) {
	u16s := func(v ...uint16) []byte {
		b := make([]byte, 2*len(v))
		for i, x := range v {
			binary.BigEndian.PutUint16(b[2*i:], x)
		}
		return b
	}
	const nSub = 1000
	var g []byte
	g = append(g, u16s(1, 0, 10, 30, 44)...)              // header
	g = append(g, u16s(1, 0x4446, 0x4C54, 8, 4, 0)...)    // ScriptList: DFLT
	g = append(g, u16s(0, 0xFFFF, 1, 0)...)               // default LangSys: feature 0
	g = append(g, u16s(1, 0x6B65, 0x726E, 8, 0, 1, 0)...) // FeatureList: kern → lookup 0
	g = append(g, u16s(1, 4, 2, 0, nSub)...)              // LookupList, Lookup type 2
	sub := uint16(6 + 2*nSub)
	for range nSub {
		g = append(g, u16s(sub)...)
	}
	g = append(g, u16s(1, 12, 4, 0, 1, 18, 1, 1, 1)...) // PairPos 1, Coverage {glyph 1}
	g = append(g, u16s(0xFFFF)...)                      // PairSet
	for range 0xFFFF {
		g = append(g, u16s(2, 0xFFF6)...)
	}
	_, err := gposKern(g, 10)
	if err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("gposKern = %v, want a too-large error", err)
	}
}

// Fonts with a version 0 or 1 OS/2 table have no cap or x height; they
// are read from the outlines of H and x instead. Gentium Book Plus Italic
// is used because its x (glyf yMax 936, fontTools 4.38) rises above the
// OS/2 x-height (930), so the test sees which source was read; its H has
// yMax 1260.
func TestHeightsFromOutlines(t *testing.T) {
	for _, tc := range []struct {
		what       string
		os2Version uint16
		cap, x     int // font units
	}{
		{"OS/2 version 1: outlines", 1, 1260, 936},
		{"OS/2 version 0: outlines", 0, 1260, 936},
		{"OS/2 version 4: the table", 4, 1260, 930},
	} {
		data := bytes.Clone(fonts.Italic)
		binary.BigEndian.PutUint16(data[tableOffset(t, data, "OS/2"):], tc.os2Version)
		f, err := Parse("old-os2.ttf", data)
		if err != nil {
			t.Fatal(err)
		}
		if f.CapHeight() != units(tc.cap) || f.XHeight() != units(tc.x) {
			t.Errorf("%s: cap height %v, x-height %v; want %v, %v", tc.what, f.CapHeight(), f.XHeight(), units(tc.cap), units(tc.x))
		}
	}
}

func tableOffset(t *testing.T, data []byte, tag string) int {
	t.Helper()
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := range n {
		rec := 12 + 16*i
		if string(data[rec:rec+4]) == tag {
			return int(binary.BigEndian.Uint32(data[rec+8:]))
		}
	}
	t.Fatalf("no table %q", tag)
	return 0
}

// withTableTag returns a copy of the Regular font with a table renamed.
func withTableTag(t *testing.T, from, to string) []byte {
	data := bytes.Clone(fonts.Regular)
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := range n {
		rec := 12 + 16*i
		if string(data[rec:rec+4]) == from {
			copy(data[rec:], to)
			return data
		}
	}
	t.Fatalf("no table %q", from)
	return nil
}

func withFSType(t *testing.T, fsType uint16) []byte {
	data := bytes.Clone(fonts.Regular)
	binary.BigEndian.PutUint16(data[tableOffset(t, data, "OS/2")+8:], fsType)
	return data
}

func TestParseRejects(t *testing.T) {
	header := func(magic string) []byte {
		return append([]byte(magic), make([]byte, 200)...)
	}
	reg := fonts.Regular
	for _, tc := range []struct {
		what string
		data []byte
		want string
	}{
		{"nothing", nil, "not a font file"},
		{"three bytes", []byte("OTT"), "not a font file"},
		{"CFF OpenType", header("OTTO"), "CFF-based OpenType (.otf); folio needs TrueType outlines (.ttf): use the TrueType build"},
		{"CFF table in a TrueType header", withTableTag(t, "glyf", "CFF "), "CFF-based OpenType"},
		{"WOFF", header("wOFF"), "compressed web font (WOFF)"},
		{"WOFF2", header("wOF2"), "compressed web font (WOFF)"},
		{"collection", header("ttcf"), "TrueType collection (.ttc)"},
		{"Type 1", header("typ1"), "PostScript Type 1"},
		{"garbage", []byte(strings.Repeat("folio ", 40)), "not a TrueType font"},
		{"PDF text", []byte("%PDF-1.7\n"), "not a TrueType font"},
		{"cut in the header", reg[:10], "truncated: its table directory"},
		{"cut in the directory", reg[:40], "truncated: its table directory"},
		{"cut after the directory", reg[:2000], "truncated or corrupt: table"},
		{"last bytes missing", reg[:len(reg)-100], "truncated or corrupt"},
		{"no post table", withTableTag(t, "post", "xost"), `lacks the tables ["post"]`},
		{"restricted licence", withFSType(t, 0x0002), "restricted licence"},
		{"no subsetting", withFSType(t, 0x0100), "forbids subsetting"},
		{"bitmap only", withFSType(t, 0x0200), "only bitmap embedding"},
	} {
		f, err := Parse("test.ttf", tc.data)
		if err == nil {
			t.Errorf("%s: Parse succeeded (%s)", tc.what, f.Name)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "test.ttf") {
			t.Errorf("%s: error %q, want it to name test.ttf and say %q", tc.what, err, tc.want)
		}
	}
	// Licences that allow embedding (print & preview, editable, or both
	// with the restricted bit, where the least restrictive wins) are fine.
	for _, fsType := range []uint16{0x0004, 0x0008, 0x0006} {
		if _, err := Parse("test.ttf", withFSType(t, fsType)); err != nil {
			t.Errorf("fsType %#04x: %v", fsType, err)
		}
	}
}

// Damaged fonts must give errors, never panics.
func TestParseDamaged(t *testing.T) {
	data, err := os.ReadFile("testdata/kern-gpos.ttf")
	if err != nil {
		t.Fatal(err)
	}
	for cut := 0; cut < len(data); cut += 97 {
		if _, err := Parse("cut.ttf", data[:cut]); err == nil {
			t.Errorf("font cut at %d bytes parsed", cut)
		}
	}
	for i := 12; i < len(data); i += 13 {
		d := bytes.Clone(data)
		d[i] ^= 0xFF
		Parse("flipped.ttf", d) // may succeed; must not panic
	}
	// Several bytes at once, spread deterministically over the file.
	for i := range 3000 {
		d := bytes.Clone(data)
		for j := range 4 {
			p := (i*7919 + j*104729) % len(d)
			d[p] = byte(i + j*85)
		}
		Parse("damaged.ttf", d)
	}
}

func FuzzParse(f *testing.F) {
	for _, file := range []string{"kern-gpos.ttf", "kern-table.ttf"} {
		data, err := os.ReadFile("testdata/" + file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		face, err := Parse("fuzz.ttf", data)
		if err == nil {
			face.Width("office AV To")
		}
	})
}

func TestLigate(t *testing.T) {
	f := loadFam(t).Regular
	for _, tc := range []struct{ in, want string }{
		{"difficulties and with the most diverse", "di\uFB03culties and with the most diverse"},
		{"the official opinion of our", "the o\uFB03cial opinion of our"},
		{"did not fail to act", "did not fail to act"},
		{"efforts to revise the line of", "e\uFB00orts to revise the line of"},
		{"final conflict", "\uFB01nal con\uFB02ict"},
		{"affluent", "a\uFB04uent"},
		{"fffi", "\uFB00\uFB01"},
		{"Koço Tashko", "Koço Tashko"},
		{"", ""},
	} {
		if got := f.Ligate(tc.in); got != tc.want {
			t.Errorf("Ligate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { f.Ligate("Koço Tashko and recruited them") }); n != 0 {
		t.Errorf("Ligate without f allocates %v times", n)
	}
}

func TestLoadFamilyOnce(t *testing.T) {
	a, b := loadFam(t), loadFam(t)
	if a != b || a.Regular != b.Regular {
		t.Error("LoadFamily parsed the fonts twice")
	}
	for _, tc := range []struct {
		bold, italic bool
		want         *Face
	}{
		{false, false, a.Regular}, {false, true, a.Italic},
		{true, false, a.Bold}, {true, true, a.BoldItalic},
	} {
		if got := a.Style(tc.bold, tc.italic); got != tc.want {
			t.Errorf("Style(%v, %v) = %s", tc.bold, tc.italic, got.Name)
		}
	}
}

// A ten-word line of the sample book.
const benchLine = "Belishova and Koço Tashko and recruited them to its service."

func BenchmarkWidth(b *testing.B) {
	f := loadFam(b).Regular
	b.ReportAllocs()
	for b.Loop() {
		f.Width(benchLine)
	}
}

func BenchmarkWidthKerned(b *testing.B) {
	f := loadFam(b).Regular
	b.ReportAllocs()
	for b.Loop() {
		f.Width("WAVe To Ta Yo LT " + benchLine)
	}
}

func BenchmarkLigate(b *testing.B) {
	f := loadFam(b).Regular
	b.ReportAllocs()
	for b.Loop() {
		f.Ligate("difficulties and with the most diverse pressures and provocations.")
	}
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("Regular", fonts.Regular); err != nil {
			b.Fatal(err)
		}
	}
}
