// Package book is folio's book model: the one tree that the cleaning stages
// build and that every renderer reads. It is plain data (it round-trips
// through JSON) and carries everything a renderer needs, so that an edition
// can be corrected by hand and rendered again without the source text.
package book

import "time"

// Book is a whole edition.
type Book struct {
	Meta     Meta      `json:"meta"`
	Chapters []Chapter `json:"chapters"`
	// SourcePages is how many pages the source text had.
	SourcePages int `json:"source_pages"`
	// Provenance says where the text came from and what folio learnt of
	// its conventions (the book profile), for the report and the editor.
	Provenance Provenance `json:"provenance"`
}

// Provenance records where an edition's text came from.
type Provenance struct {
	Source string `json:"source,omitempty"` // the input's name
	// Format is what the input was: "text" (a text layer: OCR or
	// pdftotext output) or "markdown" (a clean master).
	Format string `json:"format,omitempty"`
	// Profile is the book profile: each convention the text layer was
	// found to follow, with its evidence.
	Profile []Convention `json:"profile,omitempty"`
	// MetaFrom names what filled the metadata: the YAML file, the
	// Markdown front matter, the title page of the source ("source title
	// page"), or nothing.
	MetaFrom []string `json:"meta_from,omitempty"`
	// Fixes names the editor's corrections file applied to the text
	// (BOOK.fixes.yaml), "" when none was.
	Fixes string `json:"fixes,omitempty"`
}

// Convention is one learnt choice of the book profile: how pages are
// separated, where the folio sits, how notes are labelled…
type Convention struct {
	Aspect     string  `json:"aspect"`   // "pages", "folio", "running-heads", "foot-separator", "note-labels", "note-scope", "paragraphs"…
	Value      string  `json:"value"`    // "form-feed", "top, outer margin", "superscript digits"…
	Evidence   string  `json:"evidence"` // what it rests on: counts and examples
	Confidence float64 `json:"confidence"`
	// Fit is the share of pages (or notes, or paragraphs) the choice
	// explains, 0–1; 0 when it does not apply.
	Fit float64 `json:"fit,omitempty"`
}

// Meta is the bibliographic data of the edition.
type Meta struct {
	Title        string        `json:"title" yaml:"title"`
	Subtitle     string        `json:"subtitle,omitempty" yaml:"subtitle"`
	Authors      []Contributor `json:"authors,omitempty" yaml:"authors"`
	Contributors []Contributor `json:"contributors,omitempty" yaml:"contributors"` // translators, editors
	Publisher    string        `json:"publisher,omitempty" yaml:"publisher"`
	Date         string        `json:"date,omitempty" yaml:"date"` // publication date, YYYY or YYYY-MM-DD
	Language     string        `json:"language" yaml:"language"`   // BCP 47, e.g. "en"
	Identifier   string        `json:"identifier,omitempty" yaml:"identifier"`
	ISBN         string        `json:"isbn,omitempty" yaml:"isbn"`
	Rights       string        `json:"rights,omitempty" yaml:"rights"`
	Description  string        `json:"description,omitempty" yaml:"description"`
	Subjects     []string      `json:"subjects,omitempty" yaml:"subjects"`
	Cover        string        `json:"cover,omitempty" yaml:"cover"`   // image path, relative to the metadata file
	Source       string        `json:"source,omitempty" yaml:"source"` // what the text was made from
	// Output names the output files (OUTPUT.epub, OUTPUT.pdf…) in place of
	// the input's name: a plain file name, never a path.
	Output string `json:"output,omitempty" yaml:"output"`
	// ShortTitle is the book's title for the running heads of versos
	// when the title is too long for them.
	ShortTitle string `json:"short_title,omitempty" yaml:"short_title"`
	// Printer is the print service the PDF is made for: "kdp",
	// "ingramspark", "lulu" or "none" (a reading PDF); Paper its stock
	// ("white", "cream", "color"), for the spine width.
	Printer string `json:"printer,omitempty" yaml:"printer"`
	Paper   string `json:"paper,omitempty" yaml:"paper"`
	// ChaptersOpen is where chapters open in print: "recto", "any", or ""
	// for the typesetter to choose from the chapters' lengths.
	ChaptersOpen string `json:"chapters_open,omitempty" yaml:"chapters_open"`
	// Modified is the edition's timestamp (dcterms:modified, PDF dates);
	// it comes from SOURCE_DATE_EPOCH or the metadata, never the clock, so
	// builds are reproducible.
	Modified time.Time `json:"modified" yaml:"-"`
	// ModifiedFrom says where Modified came from: "SOURCE_DATE_EPOCH",
	// "modified" (the metadata's modified:), "date" (the publication date,
	// a year or a month made a timestamp) or "" (folio's fixed epoch).
	// Only the first two are a date an edition may print as its own.
	ModifiedFrom string `json:"modified_from,omitempty" yaml:"-"`
	// ISBNEPUB and ISBNPrint are the ISBNs of the e-book and of the
	// paperback: stores want one per format. The plain ISBN fills either
	// when it is not given (meta.Defaults; meta.Warnings says so).
	ISBNEPUB  string `json:"isbn_epub,omitempty" yaml:"isbn_epub"`
	ISBNPrint string `json:"isbn_print,omitempty" yaml:"isbn_print"`
}

// Contributor is a person with a role (MARC relator: "aut", "trl", "edt").
type Contributor struct {
	Name   string `json:"name" yaml:"name"`
	FileAs string `json:"file_as,omitempty" yaml:"file_as"` // "Hoxha, Enver"
	Role   string `json:"role,omitempty" yaml:"role"`
}

// ChapterKind says what part of the book a chapter is.
type ChapterKind string

const (
	Preface  ChapterKind = "preface"  // publisher's or editor's preface
	Foreword ChapterKind = "foreword" // foreword, introduction, extracts of one
	Document ChapterKind = "chapter"  // a document of the body: letter, speech, report…

	// A part ("BOOK ONE", "PART I") groups the chapters that follow it,
	// up to the next part; it holds its title and, at most, a few
	// blocks of its own (an epigraph, an argument).
	Part ChapterKind = "part"

	// Front matter of the source, recognised rather than set as text.
	// The title page and the contents page are kept for the record: the
	// editions make their own (renderers set them as such, out of the
	// reading order).
	TitlePage     ChapterKind = "titlepage"     // the source's title page
	HalfTitle     ChapterKind = "halftitle"     // the source's half-title
	Copyright     ChapterKind = "copyright"     // the source's copyright or imprint page
	Dedication    ChapterKind = "dedication"    // "To my mother"
	EpigraphPage  ChapterKind = "epigraph"      // a book's opening quotation, on its own page
	Contents      ChapterKind = "contents"      // the source's contents page
	Illustrations ChapterKind = "illustrations" // list of illustrations
	Introduction  ChapterKind = "introduction"

	// Back matter.
	Afterword    ChapterKind = "afterword"
	Appendix     ChapterKind = "appendix"
	Bibliography ChapterKind = "bibliography"
	Glossary     ChapterKind = "glossary"
	Index        ChapterKind = "index"    // its blocks are IndexEntry blocks
	Endnotes     ChapterKind = "endnotes" // a NOTES section whose notes were all moved to their markers; kept only when some stayed unpaired
)

// Chapter is one document of the book.
type Chapter struct {
	ID       string      `json:"id"` // stable, file-name safe: "ch01"
	Kind     ChapterKind `json:"kind"`
	Title    []Inline    `json:"title"`              // title case; may hold a note reference
	Subtitle []Inline    `json:"subtitle,omitempty"` // e.g. "(From the speech at …)", without the parentheses
	Place    string      `json:"place,omitempty"`    // "Moscow"
	Date     string      `json:"date,omitempty"`     // as printed: "June 21, 1960"
	DateISO  string      `json:"date_iso,omitempty"` // "1960-06-21", "1960-06", "1960" or ""
	Time     string      `json:"time,omitempty"`     // "11:30 hrs."
	// Label is the chapter's printed number as a label, kept apart from
	// the title: "Chapter I", "Book One", "Letter 228", "III". "" when
	// the heading has none.
	Label string `json:"label,omitempty"`
	// ShortTitle is for running heads where the title is too long.
	ShortTitle string  `json:"short_title,omitempty"`
	Blocks     []Block `json:"blocks"`
	Notes      []Note  `json:"notes,omitempty"`
	// StartPage is the printed number of the source page the chapter opens
	// on ("" when the source page had no number).
	StartPage string `json:"start_page,omitempty"`
	Line      int    `json:"line"` // source line of the title
}

// BlockKind says what a block is.
type BlockKind string

const (
	Para       BlockKind = "p"
	Heading    BlockKind = "heading"    // a section inside a document; Level 2+
	Salutation BlockKind = "salutation" // "Dear Comrades,"
	Closing    BlockKind = "closing"    // "Fraternal greetings,"
	Signature  BlockKind = "signature"  // "Enver Hoxha"; a title above it is a LineBreak-separated line
	Postscript BlockKind = "postscript" // "P.S. …"
	SourceNote BlockKind = "source"     // "Published for the first time in …"
	Speech     BlockKind = "speech"     // a turn in a conversation; Speaker holds the label
	ListItem   BlockKind = "item"       // Label holds "1)", "a)", "—"
	Notice     BlockKind = "notice"     // "STRICTLY PERSONAL", "(Excerpt)"
	Dateline   BlockKind = "dateline"   // a place/date line inside the text: "Tirana, June 21, 1960"
	Quote      BlockKind = "quote"      // set-off (block) quotation: one paragraph of it; consecutive ones make one quotation
	Verse      BlockKind = "verse"      // verse: Lines hold the lines with their indents; an empty line is a stanza gap
	Table      BlockKind = "table"      // Rows hold the cells; with Pre, Lines hold the table as printed (columns not recovered)
	SceneBreak BlockKind = "break"      // a scene break (* * *, a rule, an ornament): no text
	Figure     BlockKind = "figure"     // an illustration placeholder: Inlines hold its caption
	Epigraph   BlockKind = "epigraph"   // a quotation at a chapter's head: Inlines, or Lines when it is verse; Attribution its source
	IndexEntry BlockKind = "index"      // an entry of an index: Level 1 main, 2+ sub-entries; PageRef inlines link to the source pages
)

// Block is a paragraph-level element.
type Block struct {
	Kind    BlockKind `json:"kind"`
	Inlines []Inline  `json:"inlines"`
	Level   int       `json:"level,omitempty"`   // headings: 2 for a section
	ID      string    `json:"id,omitempty"`      // headings: anchor, unique in the book
	Speaker string    `json:"speaker,omitempty"` // speech: "Comrade Enver Hoxha", as the label reads in title case
	Label   string    `json:"label,omitempty"`   // list items: "1)"
	Line    int       `json:"line"`              // source line where the block starts
	// Lines are the lines of verse (and of a preformatted table or a
	// verse epigraph), each with its indent.
	Lines []VerseLine `json:"lines,omitempty"`
	// Rows are a table's rows of cells; the first is the header when
	// Header is set.
	Rows   [][]Cell `json:"rows,omitempty"`
	Header bool     `json:"header,omitempty"`
	// Pre: a table kept as printed, its columns aligned by spaces, in
	// Lines (a monospaced block): the columns could not be recovered.
	Pre bool `json:"pre,omitempty"`
	// Attribution is an epigraph's or a quotation's source line ("—Milton").
	Attribution []Inline `json:"attribution,omitempty"`
}

// VerseLine is one line of verse with its indent in ems (relative to the
// verse's own left edge; 0 for most lines). A line with no Inlines is a
// stanza gap.
type VerseLine struct {
	Indent  int      `json:"indent,omitempty"`
	Inlines []Inline `json:"inlines,omitempty"`
}

// Cell is one table cell.
type Cell struct {
	Inlines []Inline `json:"inlines,omitempty"`
	// Align: "", "left", "right", "center".
	Align string `json:"align,omitempty"`
}

// InlineKind says what an inline run is.
type InlineKind string

const (
	Text      InlineKind = "text"
	Emphasis  InlineKind = "em"
	Strong    InlineKind = "strong"
	SmallCaps InlineKind = "smallcaps" // text set in small capitals (Text holds it as it reads: "Enver Hoxha")
	NoteRef   InlineKind = "noteref"   // Note is the index into Chapter.Notes
	PageBreak InlineKind = "pagebreak" // a source page starts here; Page is its printed number
	LineBreak InlineKind = "br"        // a forced line break (signatures, addresses)
	PageRef   InlineKind = "pageref"   // a page number in an index or cross-reference: Page is the source page it names, Text as printed
)

// Inline is a run of text or a marker inside a block.
type Inline struct {
	Kind InlineKind `json:"kind"`
	Text string     `json:"text,omitempty"`
	Note int        `json:"note,omitempty"` // NoteRef: index into the chapter's Notes
	Page string     `json:"page,omitempty"` // PageBreak: printed page number, may be ""
}

// Note is a footnote of a chapter. Its marker is the NoteRef inline that
// points at it; the marker's printed digits are not in the text.
type Note struct {
	ID    string     `json:"id"`    // unique in the book: "ch03-n1"
	Label string     `json:"label"` // as printed: "1", "*"
	Paras [][]Inline `json:"paras"`
	Page  string     `json:"page,omitempty"` // printed page of the note's start
	Line  int        `json:"line"`
	// Continued is true when the note ran on to a later page's foot area.
	Continued bool `json:"continued,omitempty"`
}

// PlainText returns the text of inline runs, without markers.
func PlainText(in []Inline) string {
	n := 0
	for _, r := range in {
		n += len(r.Text) + 1
	}
	b := make([]byte, 0, n)
	for _, r := range in {
		switch r.Kind {
		case Text, Emphasis, Strong, SmallCaps, PageRef:
			b = append(b, r.Text...)
		case LineBreak:
			b = append(b, ' ')
		}
	}
	return string(b)
}

// TitleText is the chapter title as plain text.
func (c *Chapter) TitleText() string { return PlainText(c.Title) }

// Matter says where a chapter of this kind belongs in an edition: "front"
// (before the first chapter of the body), "body" or "back".
func (k ChapterKind) Matter() string {
	switch k {
	case Preface, Foreword, TitlePage, HalfTitle, Copyright, Dedication, EpigraphPage, Contents, Illustrations, Introduction:
		return "front"
	case Afterword, Appendix, Bibliography, Glossary, Index, Endnotes:
		return "back"
	}
	return "body"
}

// Replaced reports whether the editions set their own version of this
// kind of source page (title page, half-title, contents, list of
// illustrations): the source's is kept in the model for the record and
// the report, and left out of the reading order.
func (k ChapterKind) Replaced() bool {
	switch k {
	case TitlePage, HalfTitle, Contents, Illustrations:
		return true
	}
	return false
}

// Kinds lists every chapter kind, for readers of the model that check it.
var Kinds = []ChapterKind{Preface, Foreword, Document, Part, TitlePage, HalfTitle, Copyright, Dedication,
	EpigraphPage, Contents, Illustrations, Introduction, Afterword, Appendix, Bibliography, Glossary, Index, Endnotes}
