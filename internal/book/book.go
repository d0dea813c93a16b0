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
	// Modified is the edition's timestamp (dcterms:modified, PDF dates);
	// it comes from SOURCE_DATE_EPOCH or the metadata, never the clock, so
	// builds are reproducible.
	Modified time.Time `json:"modified" yaml:"-"`
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
	Blocks   []Block     `json:"blocks"`
	Notes    []Note      `json:"notes,omitempty"`
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
	Quote      BlockKind = "quote"      // set-off quotation
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
}

// InlineKind says what an inline run is.
type InlineKind string

const (
	Text      InlineKind = "text"
	Emphasis  InlineKind = "em"
	NoteRef   InlineKind = "noteref"   // Note is the index into Chapter.Notes
	PageBreak InlineKind = "pagebreak" // a source page starts here; Page is its printed number
	LineBreak InlineKind = "br"        // a forced line break (signatures, addresses)
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
		n += len(r.Text)
	}
	b := make([]byte, 0, n)
	for _, r := range in {
		switch r.Kind {
		case Text, Emphasis:
			b = append(b, r.Text...)
		case LineBreak:
			b = append(b, ' ')
		}
	}
	return string(b)
}

// TitleText is the chapter title as plain text.
func (c *Chapter) TitleText() string { return PlainText(c.Title) }
