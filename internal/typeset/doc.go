// Package typeset lays a book out in pages: it breaks paragraphs into
// justified lines (Knuth–Plass), places them on a baseline grid, puts
// footnotes at the foot of the page that carries their marker, and adds
// front matter, contents and running heads. It knows nothing of PDF: its
// output is positioned text runs and rules that a writer only has to draw.
//
// Decisions, for the record:
//
//   - Grid: body 10.5/14 pt on 6×9 (10/13 on smaller trims), notes 8.5/11
//     (8/10.5) on their own grid, bottom-aligned under a short rule.
//     Everything in the body (headings, spaces, the chapter title block,
//     source notes) takes whole grid lines.
//   - Widows, orphans, a hyphen at the foot of a page, a heading parted
//     from what follows: the page runs short instead (TeX's
//     \raggedbottom); facing pages may differ by a line. Before that,
//     the page builder sets a paragraph of the page again (without the
//     offending hyphen, or a line shorter or longer, TeX's \looseness)
//     if that fills the page. A letter's ending (closing, signature,
//     source note) is held with the last line of its text only while that
//     costs the page fewer than three lines. Stats counts pages run short
//     (ShortPages) and the faults themselves, which stay 0 unless a page
//     cannot be built any other way.
//   - Footnotes: whole on the marker's page when they fit with the lines
//     held to the marker's; else split, with at least two lines on the
//     marker's page, two left to continue when possible, never a hyphen
//     ending the first part, and nothing more of the body joins that page
//     (TeX's split insertion). The rest opens the next page's foot, under
//     a full-measure rule.
//   - Chapters open with a sink of a fifth of the text block and no
//     running head or folio, on rectos (a blank verso added when needed)
//     or on the next page: chapters_open, else chosen (chaptersOpen).
//     Parts and the first document of the body always open on rectos.
//   - Front matter: half-title, blank, title page, copyright page,
//     contents, then the book's leading preface and foreword (chapters of
//     Kind Preface and Foreword, each opening on a recto), padded to an
//     even count so that body page 1, the first document, is a recto.
//     Front-matter pages are counted in roman numerals and show them on
//     all but display pages (Chicago: no folio on those); the body counts
//     in arabic from 1. The contents is laid out after the body, so its
//     numbers are the real ones.
//   - Margins mirror: the gutter is KDP's minimum for the final page
//     count. The book is set with the gutter its estimated length needs
//     and set again (narrower measure) if it came out longer.
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
	// A cover's colour: Fills are drawn first, then Image, then the
	// rules and runs; Color fields index Palette from 1 (0 is black).
	Fills   []Fill
	Image   *Image
	Palette []CMYK
}

// CMYK is a process colour, each ink 0–1.
type CMYK [4]float64

// Fill is a filled rectangle (a cover's bands, the barcode area).
type Fill struct {
	X, Y, W, H float64
	Color      int
}

// Image is a picture placed in a rectangle, cropped to it: the user's
// cover image on the front panel. Data is the file (JPEG or PNG).
type Image struct {
	X, Y, W, H float64
	Data       []byte
}

// Run is text set in one face and size with no kerning inside it; the
// typesetter splits words at kerns and places each piece itself, so that
// kerning and justification are exact whatever the writer does.
type Run struct {
	X, Y  float64
	Style Style
	Size  float64
	Text  string
	// Track is extra space after every character, in points (PDF's
	// character spacing, Tc): letterspaced capitals.
	Track float64
	// Color indexes the page's Palette from 1; 0 is black.
	Color int
	// Rotate turns the run a quarter clockwise about its start, to read
	// down a spine: X, Y is still its baseline's start.
	Rotate bool
}

// Rule is a horizontal line (the footnote rule).
type Rule struct {
	X1, X2, Y, Width float64
	Color            int // as Run.Color
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
	Loose          int // justified body lines stretched past their glue's stretch (badness over 100)
	// Missing are the characters the book font cannot show, in rune
	// order: they print as the face's empty .notdef box (those above
	// U+FFFF, which the PDF writer cannot carry, as U+FFFD). A publisher
	// must see these before printing.
	Missing []CharUse
	// Dropped are U+FFFD replacement characters (and invalid UTF-8) of
	// the source, unreadable text that is left out.
	Dropped []CharUse
	// Substituted counts characters the font lacks that were set as an
	// equal one it has (U+2010 hyphen as '-', no-break space as space).
	Substituted int
	// ChaptersOpen is where chapters opened ("recto", "any") and why.
	ChaptersOpen, ChaptersOpenWhy string
}
