// Package typeset lays a book out in pages: it breaks paragraphs into
// justified lines (Knuth–Plass), places them on a baseline grid, puts
// footnotes at the foot of the page that carries their marker, and adds
// front matter, contents and running heads. It knows nothing of PDF: its
// output is positioned text runs and rules that a writer only has to draw.
package typeset

// Style is one face of the family.
type Style uint8

// The four faces of the book family.
const (
	Regular Style = iota
	Italic
	Bold
	BoldItalic
)

// Font is what the typesetter needs from a face; *face.Face provides it.
// Metrics are in 1/1000 em.
type Font interface {
	Has(r rune) bool
	Advance(r rune) float64
	Kern(a, b rune) float64
	Ascent() float64
	Descent() float64
	CapHeight() float64
	XHeight() float64
	Ligate(s string) string
}

// Fonts holds the family, indexed by Style.
type Fonts [4]Font

// Hyphenator gives the byte offsets where a word may break.
type Hyphenator interface {
	Points(word string) []int
}

// Doc is a laid-out book.
type Doc struct {
	Trim  Trim
	Pages []Page
	Stats Stats
	// Gutter is the inside margin used, in points.
	Gutter float64
}

// Page is one page. Coordinates are in points from the top-left corner of
// the trimmed page; a run's Y is its baseline.
type Page struct {
	Folio     string // printed page number, "" when the page shows none
	Runs      []Run
	Rules     []Rule
	Bookmarks []Bookmark
	Blank     bool
}

// Run is text set in one face and size with no kerning inside it; the
// typesetter splits words at kerns and places each piece itself, so that
// kerning and justification are exact whatever the writer does.
type Run struct {
	X, Y  float64
	Style Style
	Size  float64
	Text  string
}

// Rule is a horizontal line (the footnote rule).
type Rule struct {
	X1, X2, Y, Width float64
}

// Bookmark is an outline entry that points at a place on the page.
type Bookmark struct {
	Title string
	Level int
	Y     float64
}

// Stats describes the layout, for the build report and the tests.
type Stats struct {
	Pages          int // physical pages, including front matter and blanks
	FrontPages     int // pages before body page 1
	BlankPages     int
	Overfull       int // lines wider than the measure
	Widows         int // last line of a paragraph alone at a page top
	Orphans        int // first line of a paragraph alone at a page foot
	HyphenAtFoot   int // pages whose last line ends with a hyphen
	ShortPages     int // body pages run short to avoid a widow/orphan/hyphen
	NotesPlaced    int
	NotesContinued int // notes split over two or more pages
	NotesAway      int // notes whose first line is not on the page of the marker
	Hyphens        int // lines ending in a discretionary hyphen
	Lines          int // body lines
}
