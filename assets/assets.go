// Package assets holds the data files folio ships with: the sample book and
// its metadata, TeX's hyphenation patterns, the English word list and the
// EPUB style sheet. They are embedded so that a built binary needs nothing
// beside it.
package assets

import "embed"

//go:embed samples hyphen words epub
var FS embed.FS

// SamplePath is the bundled reference book, used when no input is given.
const SamplePath = "samples/hoxha-works-19-ocr.txt"

// SampleMetaPath is the metadata of the bundled sample.
const SampleMetaPath = "samples/hoxha-works-19-ocr.txt.yaml"

// HyphenTeX is TeX's own hyphen.tex (Liang's US English patterns and the
// exception list), committed unmodified as its licence requires.
const HyphenTeX = "hyphen/hyphen.tex"

// WordList is Debian's wamerican (SCOWL) list, one word a line.
const WordList = "words/american-english"

// EPUBStyle is the EPUB edition's style sheet.
const EPUBStyle = "epub/book.css"

// Sample returns the bundled sample book's text.
func Sample() []byte {
	b, err := FS.ReadFile(SamplePath)
	if err != nil {
		panic("assets: sample missing from the build: " + err.Error())
	}
	return b
}
