package cover

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"slices"
	"strings"
	"testing"

	"folio/internal/book"

	"golang.org/x/image/vector"
)

var hoxha = []book.Contributor{{Name: "Enver Hoxha", FileAs: "Hoxha, Enver", Role: "aut"}}

func decode(t *testing.T, b []byte) *image.RGBA {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("cover is not a PNG: %v", err)
	}
	if s := img.Bounds().Size(); s.X != Width || s.Y != Height {
		t.Fatalf("cover is %v, want %dx%d", s, Width, Height)
	}
	rgba, ok := img.(*image.RGBA)
	if !ok {
		// png decodes opaque RGBA as *image.RGBA; anything else is a change
		// in the encoder worth knowing about.
		t.Fatalf("decoded as %T", img)
	}
	return rgba
}

// inkIn counts pixels in r that differ from the paper colour.
func inkIn(img *image.RGBA, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := img.RGBAAt(x, y)
			if c.R != paper.R || c.G != paper.G || c.B != paper.B {
				n++
			}
		}
	}
	return n
}

// clearRows counts the rows from y, stepping by dir, in which the text
// column has no ink.
func clearRows(img *image.RGBA, y, dir int) int {
	n := 0
	for ; y > 0 && y < Height && inkIn(img, image.Rect(Margin, y, Width-Margin, y+1)) == 0; y += dir {
		n++
	}
	return n
}

// ruleClearance is the least room between a rule and any text.
const ruleClearance = 16

func TestGenerate(t *testing.T) {
	tests := []struct {
		name string
		m    book.Meta
	}{
		{"sample", book.Meta{Title: "Works, Volume 19", Subtitle: "Extracts, June–December 1960", Authors: hoxha}},
		{"no author, no subtitle", book.Meta{Title: "Radiogram to Comrade Hysni Kapo in Bucharest"}},
		{"long title", book.Meta{
			Title:    "The Central Committee Is the Leadership of the Party Which Always Judges Fairly, Wisely, Calmly and, When Necessary, Severely, Too: Conversations, Speeches, Radiograms and Letters of the Period June to December 1960 Collected in One Volume",
			Subtitle: "From the Conversation with Koço Tashko, Member of the Central Auditing Commission, and Liri Belishova, Member of the Political Bureau of the CC of the PLA, at the Offices of the Central Committee in Tirana",
			Authors:  []book.Contributor{{Name: "Enver Hoxha"}, {Name: "Hysni Kapo"}, {Name: "Mehmet Shehu"}, {Name: "Ramiz Alia"}}}},
		{"one unbreakable word", book.Meta{Title: strings.Repeat("Marxism-Leninism", 6), Authors: hoxha}},
		// Hostile lengths: cut into lines and ended with an ellipsis, in
		// time linear in the length (once 120 s for the first).
		{"10,000 characters without a space", book.Meta{Title: strings.Repeat("W", 10_000), Authors: hoxha}},
		{"2 MB of words", book.Meta{Title: strings.Repeat("Works ", 350_000), Subtitle: strings.Repeat("x", 100_000), Authors: []book.Contributor{{Name: strings.Repeat("Enver", 20_000)}}}},
	}
	// The paper area between the bands' rules, and its side margins.
	top, bottom := BandHeight+34, Height-BandHeight-34
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Generate(tc.m)
			if err != nil {
				t.Fatal(err)
			}
			img := decode(t, b)
			if n := inkIn(img, image.Rect(0, top, Margin, bottom)); n > 0 {
				t.Errorf("%d text pixels in the left margin", n)
			}
			if n := inkIn(img, image.Rect(Width-Margin, top, Width, bottom)); n > 0 {
				t.Errorf("%d text pixels in the right margin", n)
			}
			// Text must stay clear of the bands' rules.
			if n := inkIn(img, image.Rect(0, top, Width, top+20)) + inkIn(img, image.Rect(0, bottom-20, Width, bottom)); n > 0 {
				t.Errorf("%d text pixels next to the bands", n)
			}
			if n := inkIn(img, image.Rect(Margin, top, Width-Margin, bottom)); n < 5000 {
				t.Errorf("only %d text pixels: the title was not drawn", n)
			}
			// The stack stands a little above the middle, two parts of the
			// spare paper above it to three below, as on a title page.
			above, below := clearRows(img, top+1, 1), clearRows(img, bottom-1, -1)
			if d := 3*above - 2*below; d < -10 || d > 10 {
				t.Errorf("%dpx of paper above the text and %dpx below, want 2:3", above, below)
			}
			// The short rules between blocks keep clear of the text.
			_, rules, err := render(tc.m)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rules {
				ry := r.y
				above := image.Rect(Width/2-120, ry-2-ruleClearance, Width/2+120, ry-2)
				below := image.Rect(Width/2-120, ry+2, Width/2+120, ry+2+ruleClearance)
				if n := inkIn(img, above) + inkIn(img, below); n > 0 {
					t.Errorf("text comes within %dpx of the rule at row %d (%d pixels)", ruleClearance, ry, n)
				}
				// A rule is set midway between the baseline above it and
				// the ink below, not between the fonts' nominal ascent and
				// descent.
				up, down := ry-2-r.baseline, clearRows(img, ry+2, 1)
				if d := up - down; d < -2 || d > 2 {
					t.Errorf("rule at row %d is %dpx below the baseline above it and %dpx above the ink below", ry, up, down)
				}
			}
			again, err := Generate(tc.m)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, again) {
				t.Error("two covers of the same metadata differ")
			}
		})
	}
}

func TestGenerateDiffers(t *testing.T) {
	a, err := Generate(book.Meta{Title: "Works, Volume 19", Authors: hoxha})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(book.Meta{Title: "Works, Volume 20", Authors: hoxha})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, b) {
		t.Error("covers of different titles are the same")
	}
}

func TestGenerateNoTitle(t *testing.T) {
	if _, err := Generate(book.Meta{Authors: hoxha}); err == nil || !strings.Contains(err.Error(), "no title") {
		t.Errorf("error %v, want one about the missing title", err)
	}
}

// BenchmarkCoverSample is the sample's cover (its metadata's title,
// subtitle and author), drawn and encoded as folio build makes it. A
// cover does not grow with the book.
func BenchmarkCoverSample(b *testing.B) {
	m := book.Meta{Title: "Works, Volume 19", Subtitle: "Extracts, June–December 1960", Authors: hoxha}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Generate(m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCoverLongTitle: a title of 10,000 characters without a
// space, which the layout cuts into lines.
func BenchmarkCoverLongTitle(b *testing.B) {
	m := book.Meta{Title: strings.Repeat("W", 10_000), Authors: hoxha}
	for b.Loop() {
		if _, _, err := plan(m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCoverSampleDraw is the drawing alone, without the PNG.
func BenchmarkCoverSampleDraw(b *testing.B) {
	m := book.Meta{Title: "Works, Volume 19", Subtitle: "Extracts, June–December 1960", Authors: hoxha}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := paint(m); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAuthorLines checks that a list of authors breaks between names,
// with no separator left at a line's end or start, and inside a name only
// when one name is wider than the measure.
func TestAuthorLines(t *testing.T) {
	if err := loadFonts(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		names []string
		want  []string
	}{
		{[]string{"Enver Hoxha"}, []string{"ENVER HOXHA"}},
		{[]string{"Enver Hoxha", "Hysni Kapo", "Mehmet Shehu", "Ramiz Alia"},
			[]string{"ENVER HOXHA · HYSNI KAPO", "MEHMET SHEHU · RAMIZ ALIA"}},
		{[]string{"Institute of Marxist-Leninist Studies at the Central Committee of the Party of Labour of Albania"},
			[]string{"INSTITUTE OF MARXIST-LENINIST STUDIES AT THE CENTRAL", "COMMITTEE OF THE PARTY OF LABOUR OF ALBANIA"}},
	}
	for _, tc := range tests {
		b := layout(names(tc.names), Width-2*Margin, authorStyle)
		if !slices.Equal(b.lines, tc.want) {
			t.Errorf("%q set as %q, want %q", tc.names, b.lines, tc.want)
		}
	}
}

// TestGenerateKeepsPixels: the PNG, however it is deflated, holds the
// drawn image pixel for pixel (opaque, so as RGB).
func TestGenerateKeepsPixels(t *testing.T) {
	for _, m := range []book.Meta{
		{Title: "Works, Volume 19", Subtitle: "Extracts, June–December 1960", Authors: hoxha},
		{Title: "Selected Works"},
	} {
		data, err := Generate(m)
		if err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := render(m)
		if err != nil {
			t.Fatal(err)
		}
		if got.Bounds() != want.Bounds() {
			t.Fatalf("%q: PNG is %v, the drawing %v", m.Title, got.Bounds(), want.Bounds())
		}
		diff := 0
		for y := 0; y < Height; y++ {
			for x := 0; x < Width; x++ {
				r1, g1, b1, a1 := got.At(x, y).RGBA()
				r2, g2, b2, a2 := want.At(x, y).RGBA()
				if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
					diff++
				}
			}
		}
		if diff > 0 {
			t.Errorf("%q: %d pixels of the PNG differ from the drawing", m.Title, diff)
		}
	}
}

// drawWhole draws the cover as it was drawn before the canvas: paper
// and bands over the whole 16 MB image, then every mark in order.
func drawWhole(t *testing.T, m book.Meta) *image.RGBA {
	t.Helper()
	marks, _, err := plan(m)
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewRGBA(image.Rect(0, 0, Width, Height))
	fill := func(r image.Rectangle, c color.Color) {
		draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
	}
	fill(img.Bounds(), paper)
	fill(image.Rect(0, 0, Width, BandHeight), band)
	fill(image.Rect(0, BandHeight+28, Width, BandHeight+34), band)
	fill(image.Rect(0, Height-BandHeight, Width, Height), band)
	fill(image.Rect(0, Height-BandHeight-34, Width, Height-BandHeight-28), band)
	var z vector.Rasterizer
	for _, mk := range marks {
		if mk.b == nil {
			fill(mk.rule, band)
			continue
		}
		if err := drawLine(img, &z, mk.b, mk.b.lines[mk.line], mk.b.boxes[mk.line], mk.x, mk.y); err != nil {
			t.Fatal(err)
		}
	}
	return img
}

// TestCanvasIsWhole: drawing only the text rows, on their background,
// gives the image that drawing the whole cover gave, for covers whose
// title lines overlap, without author or subtitle, and cut short.
func TestCanvasIsWhole(t *testing.T) {
	long := strings.Repeat("The Struggle Against Modern Revisionism ", 12)
	for _, m := range []book.Meta{
		{Title: "Works, Volume 19", Subtitle: "Extracts, June–December 1960", Authors: hoxha},
		{Title: "Selected Works"},
		{Title: "Reflections on the Middle East, Albania and the Soviet Union", Authors: append(hoxha, book.Contributor{Name: "Ramiz Alia"})},
		{Title: long, Subtitle: long, Authors: hoxha},
	} {
		got, _, err := render(m)
		if err != nil {
			t.Fatal(err)
		}
		if want := drawWhole(t, m); !bytes.Equal(got.Pix, want.Pix) {
			t.Errorf("%.40q: the canvas differs from the whole drawing", m.Title)
		}
	}
}
