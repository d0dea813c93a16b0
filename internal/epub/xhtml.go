package epub

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"folio/internal/book"
)

// tocEntry is a heading the navigation documents list.
type tocEntry struct {
	ID    string // fragment; "" for the chapter itself
	Title string
	Level int // 1 for the chapter, 2+ for sections
	Order int // position in the chapter, for the NCX play order
}

// pageEntry is a printed page-number marker.
type pageEntry struct {
	ID    string
	Label string
	Order int
}

// chapterDoc is one rendered chapter and what the navigation needs of it.
type chapterDoc struct {
	File  string
	Kind  book.ChapterKind
	Title string // as the navigation lists it: label and title
	TOC   []tocEntry
	Pages []pageEntry
	Body  []byte
	// InTOC is false for an untitled dedication, epigraph or imprint page.
	InTOC bool
	// Depth is 1 for a chapter inside a part: its entries sit a level
	// below the part's in the contents.
	Depth int
	// PreTables counts tables kept as printed (columns not recovered):
	// their structure is not available to assistive technology.
	PreTables int
	// BareTables counts data tables without a header row.
	BareTables int
}

// idSet hands out XML ids that are unique in the whole book, because
// page-list and TOC links name a file and an id and an edited book may
// repeat an id.
type idSet map[string]bool

var idUnsafe = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)

// make returns want (made a valid NCName) or, if taken, want-2, want-3…
func (s idSet) make(want, fallback string) string {
	id := idUnsafe.ReplaceAllString(want, "-")
	id = strings.Trim(id, "-.")
	if id == "" {
		id = fallback
	}
	if c := id[0]; !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_') {
		id = "x" + id
	}
	if !s[id] {
		s[id] = true
		return id
	}
	for n := 2; ; n++ {
		c := id + "-" + strconv.Itoa(n)
		if !s[c] {
			s[c] = true
			return c
		}
	}
}

// esc writes text escaped for XML, dropping characters XML forbids
// (OCR text can carry stray control characters).
func esc(w *bytes.Buffer, s string) {
	for i := 0; i < len(s); {
		// plain text goes over in runs: a book is mostly that
		j := i
		for j < len(s) && plain[s[j]] {
			j++
		}
		w.WriteString(s[i:j])
		if i = j; i == len(s) {
			break
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '&':
			w.WriteString("&amp;")
		case r == '<':
			w.WriteString("&lt;")
		case r == '>':
			w.WriteString("&gt;")
		case r == '"':
			w.WriteString("&quot;")
		case r == utf8.RuneError && n == 1:
			// invalid UTF-8: drop
		case r == '\t' || r == '\n' || r == '\r':
			w.WriteByte(' ')
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
			// not allowed in XML 1.0
		default:
			w.WriteString(s[i : i+n]) // valid UTF-8: the rune's own bytes
		}
		i += n
	}
}

// plain marks the ASCII bytes esc copies as they are.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = true
	}
	for _, c := range "&<>\"" {
		t[c] = false
	}
	return t
}()

func escString(s string) string {
	var b bytes.Buffer
	esc(&b, s)
	return b.String()
}

// xhtmlHead opens an XHTML content document.
func xhtmlHead(w *bytes.Buffer, lang, title, bodyType string, z3998 bool) {
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<!DOCTYPE html>\n")
	w.WriteString(`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"`)
	if z3998 {
		// EPUBCheck 4 wants the DAISY structure vocabulary declared.
		w.WriteString(` epub:prefix="z3998: http://www.daisy.org/z3998/2012/vocab/structure/#"`)
	}
	w.WriteString(` lang="`)
	esc(w, lang)
	w.WriteString(`" xml:lang="`)
	esc(w, lang)
	w.WriteString("\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
	esc(w, title)
	w.WriteString("</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"" + cssPath + "\"/>\n</head>\n<body")
	if bodyType != "" {
		w.WriteString(` epub:type="` + bodyType + `"`)
	}
	w.WriteString(">\n")
}

func xhtmlFoot(w *bytes.Buffer) { w.WriteString("</body>\n</html>\n") }
