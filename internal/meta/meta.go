// Package meta reads an edition's bibliographic metadata from a YAML file
// and fills what the file leaves blank, so that every renderer gets a
// complete, reproducible book.Meta.
package meta

import (
	"bytes"
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"folio/internal/book"
	"folio/internal/printer"
	"folio/internal/userfile"

	"go.yaml.in/yaml/v3"
)

// maxEpoch is the last second of the year 9999.
const maxEpoch = 253402300799

// FixedEpoch is the timestamp of an edition that gives no date at all. It is
// a constant, not the clock, so that two builds give the same bytes.
var FixedEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Load reads a metadata file. Keys are those of book.Meta's yaml tags, plus
// "author" (one name) and "modified" (the edition's timestamp). Unknown keys
// are errors, so that a typo does not silently drop a field. A relative
// cover path is resolved against the file's folder, must exist, and must
// stay inside that folder (see LoadWith).
func Load(path string) (book.Meta, error) { return LoadWith(path, Options{}) }

// Options says how far a metadata file is trusted.
type Options struct {
	// AllowOutside lets the cover path leave the metadata file's folder
	// (an absolute path, ../, a link to elsewhere). Metadata comes with
	// books from anywhere: without it, a file outside the book's folder
	// never ends up in an edition.
	AllowOutside bool
}

// LoadWith is Load with options. The file is read as userfile.Metadata:
// a regular file of at most 1 MB (a FIFO or a device is refused at once).
func LoadWith(path string, opt Options) (book.Meta, error) {
	src, err := userfile.Read(path, userfile.Metadata)
	if err != nil {
		return book.Meta{}, fmt.Errorf("metadata %w", err)
	}
	m, err := Parse(src, path)
	if err != nil {
		return m, err
	}
	if m.Cover != "" {
		p, err := coverPath(path, m.Cover, opt.AllowOutside)
		if err != nil {
			return book.Meta{}, fmt.Errorf("metadata %s: %w", path, err)
		}
		m.Cover = p
	}
	return m, nil
}

// Parse reads metadata from its bytes; name is the file's name, for
// messages. A cover path is left as written (Load resolves it).
func Parse(src []byte, name string) (book.Meta, error) {
	var m book.Meta
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		return m, fmt.Errorf("metadata %s: not valid YAML: %v", name, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return m, fmt.Errorf("metadata %s: the file is empty; give at least a title", name)
	}
	// A second document (after a line "---") would be silently ignored:
	// the edition would lack whatever it holds.
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err != nil:
		return m, fmt.Errorf("metadata %s: not valid YAML: %v", name, err)
	default:
		line := next.Line
		if len(next.Content) > 0 {
			line = next.Content[0].Line - 1 // the --- above it
		}
		return m, fmt.Errorf("metadata %s:%d: a second YAML document (after a line ---); a metadata file holds one: merge the two, or remove the ---", name, max(line, 1))
	}
	root := deref(doc.Content[0])
	if root.Kind != yaml.MappingNode {
		return m, fmt.Errorf("metadata %s:%d: expected a mapping of keys (title: …, author: …)", name, root.Line)
	}
	p := parser{path: name}
	p.mapping(root, &m)
	if p.err != nil {
		return book.Meta{}, p.err
	}
	if m.Paper != "" {
		prof, _ := printer.Get(m.Printer) // checked in mapping
		if _, err := prof.Paper(m.Paper); err != nil {
			return book.Meta{}, fmt.Errorf("metadata %s: paper: %v", name, err)
		}
	}
	return m, nil
}

// deref follows an alias (*name) to the node its anchor (&name) marks.
// YAML allows aliases anywhere a value goes; folio reads a value the same
// whether it is written out or aliased. Chains are short in any real
// file; a loop or a very long chain ends as the null value.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode; i++ {
		if i == 16 || n.Alias == nil {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: n.Line}
		}
		n = n.Alias
	}
	return n
}

// parser walks the YAML tree and keeps the first error, with its line.
type parser struct {
	path string
	err  error
}

func (p *parser) fail(n *yaml.Node, format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf("metadata %s:%d: %s", p.path, n.Line, fmt.Sprintf(format, args...))
	}
}

// knownKeys lists the accepted top-level keys, for the error message.
const knownKeys = "title, subtitle, author, authors, contributors, publisher, date, modified, language, identifier, isbn, isbn_epub, isbn_print, rights, description, subjects, cover, source, output, short_title, printer, paper, chapters_open"

func (p *parser) mapping(root *yaml.Node, m *book.Meta) {
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := deref(root.Content[i]), deref(root.Content[i+1])
		key := k.Value
		if seen[key] {
			p.fail(k, "key %q is given twice", key)
			return
		}
		seen[key] = true
		switch key {
		case "title":
			m.Title = p.str(k, v)
		case "subtitle":
			m.Subtitle = p.str(k, v)
		case "publisher":
			m.Publisher = p.str(k, v)
		case "date":
			m.Date = p.str(k, v)
			if m.Date != "" {
				if _, err := parseDate(m.Date); err != nil {
					p.fail(v, "date %q: %v", m.Date, err)
				}
			}
		case "modified":
			s := p.str(k, v)
			t, err := parseDate(s)
			if err != nil {
				p.fail(v, "modified %q: %v", s, err)
			}
			m.Modified, m.ModifiedFrom = t, "modified"
		case "language":
			m.Language = p.str(k, v)
		case "identifier":
			m.Identifier = p.str(k, v)
		case "isbn":
			m.ISBN = p.str(k, v)
		case "isbn_epub":
			m.ISBNEPUB = p.str(k, v)
		case "isbn_print":
			m.ISBNPrint = p.str(k, v)
		case "rights":
			m.Rights = p.str(k, v)
		case "description":
			m.Description = p.str(k, v)
		case "cover":
			m.Cover = p.str(k, v)
		case "source":
			m.Source = p.str(k, v)
		case "output":
			m.Output = p.str(k, v)
			if err := CheckOutputName(m.Output); err != nil {
				p.fail(v, "%v", err)
			}
		case "short_title":
			m.ShortTitle = p.str(k, v)
		case "printer":
			m.Printer = p.str(k, v)
			if _, err := printer.Get(m.Printer); err != nil {
				p.fail(v, "%v", err)
			}
		case "paper":
			m.Paper = strings.ToLower(p.str(k, v))
		case "chapters_open":
			m.ChaptersOpen = strings.ToLower(p.str(k, v))
			if m.ChaptersOpen != "recto" && m.ChaptersOpen != "any" && m.ChaptersOpen != "" {
				p.fail(v, "chapters_open %q: use recto (every chapter opens on a right-hand page) or any (on the next page)", m.ChaptersOpen)
			}
		case "subjects":
			m.Subjects = p.strs(k, v)
		case "author":
			if seen["authors"] {
				p.fail(k, "give either author: or authors:, not both")
			}
			m.Authors = append(m.Authors, book.Contributor{Name: p.str(k, v), Role: "aut"})
		case "authors":
			if seen["author"] {
				p.fail(k, "give either author: or authors:, not both")
			}
			m.Authors = append(m.Authors, p.people(k, v, "aut")...)
		case "contributors":
			m.Contributors = append(m.Contributors, p.people(k, v, "")...)
		case "<<":
			p.fail(k, "merge keys (<<) are not read in metadata: write the keys out")
		default:
			p.fail(k, "unknown key %q; known keys are %s", key, knownKeys)
		}
	}
}

func (p *parser) str(k, v *yaml.Node) string {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		if v.Tag == "!!null" {
			return ""
		}
		p.fail(v, "%s must be a single value, not a list or mapping", k.Value)
		return ""
	}
	return strings.TrimSpace(v.Value)
}

func (p *parser) strs(k, v *yaml.Node) []string {
	if v.Kind == yaml.ScalarNode {
		if s := p.str(k, v); s != "" {
			return []string{s}
		}
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		p.fail(v, "%s must be a list of strings", k.Value)
		return nil
	}
	var out []string
	for _, it := range v.Content {
		it = deref(it)
		if it.Kind != yaml.ScalarNode {
			p.fail(it, "%s: each entry must be a string", k.Value)
			return nil
		}
		if s := strings.TrimSpace(it.Value); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// people reads a list whose entries are a name or {name, file_as, role}.
func (p *parser) people(k, v *yaml.Node, role string) []book.Contributor {
	items := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		items = v.Content
	}
	var out []book.Contributor
	for _, it := range items {
		it = deref(it)
		c := book.Contributor{Role: role}
		switch it.Kind {
		case yaml.ScalarNode:
			c.Name = strings.TrimSpace(it.Value)
		case yaml.MappingNode:
			seen := map[string]bool{}
			for i := 0; i+1 < len(it.Content); i += 2 {
				fk, fv := deref(it.Content[i]), deref(it.Content[i+1])
				if seen[fk.Value] {
					p.fail(fk, "key %q is given twice in this entry of %s", fk.Value, k.Value)
				}
				seen[fk.Value] = true
				switch fk.Value {
				case "name":
					c.Name = p.str(fk, fv)
				case "file_as":
					c.FileAs = p.str(fk, fv)
				case "role":
					c.Role = p.str(fk, fv)
				default:
					p.fail(fk, "unknown key %q in %s; use name, file_as, role", fk.Value, k.Value)
				}
			}
		default:
			p.fail(it, "%s: each entry must be a name or a mapping {name, file_as, role}", k.Value)
			continue
		}
		if c.Name == "" {
			p.fail(it, "%s: an entry has no name", k.Value)
			continue
		}
		if c.Role == "" {
			c.Role = "ctb"
		}
		out = append(out, c)
	}
	return out
}

// parseDate accepts the forms a metadata file uses: YYYY, YYYY-MM,
// YYYY-MM-DD and RFC 3339.
func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, errors.New("use YYYY, YYYY-MM, YYYY-MM-DD or 2006-01-02T15:04:05Z")
}

// Defaults fills what the metadata left blank: language "en", a title from
// the input file name, the author role, the ISBN of each format (the plain
// isbn: stands in for an isbn_epub: or isbn_print: not given; Warnings
// says so), a stable identifier (urn:isbn from the EPUB's ISBN, else a
// name-based urn:uuid) and the Modified timestamp (SOURCE_DATE_EPOCH, else
// modified:, else the date, else FixedEpoch), with ModifiedFrom saying
// which. Straight quotes are curled first (Curl) and the fields checked
// (Check), so that metadata from flags gets the same treatment as a
// file's. It returns an error for a field Check refuses, an ISBN with a
// wrong checksum or a malformed or out-of-range SOURCE_DATE_EPOCH.
func Defaults(m *book.Meta, inputName string) error {
	Curl(m)
	if err := Check(m); err != nil {
		return err
	}
	if m.Language == "" {
		m.Language = "en"
	}
	if m.Title == "" {
		m.Title = titleFromName(inputName)
	}
	for i := range m.Authors {
		if m.Authors[i].Role == "" {
			m.Authors[i].Role = "aut"
		}
	}
	for _, f := range []struct {
		key string
		v   *string
	}{{"isbn", &m.ISBN}, {"isbn_epub", &m.ISBNEPUB}, {"isbn_print", &m.ISBNPrint}} {
		if *f.v == "" {
			continue
		}
		isbn, err := NormalizeISBN(*f.v)
		if err != nil {
			if f.key != "isbn" {
				err = fmt.Errorf("%s: %w", f.key, err)
			}
			return err
		}
		*f.v = isbn
	}
	if m.ISBNEPUB == "" {
		m.ISBNEPUB = m.ISBN
	}
	if m.ISBNPrint == "" {
		m.ISBNPrint = m.ISBN
	}
	if m.Identifier == "" && m.ISBNEPUB != "" {
		m.Identifier = "urn:isbn:" + m.ISBNEPUB
	}
	if m.Identifier == "" {
		m.Identifier = "urn:uuid:" + nameUUID(m)
	}
	if env, ok := os.LookupEnv("SOURCE_DATE_EPOCH"); ok && env != "" {
		sec, err := strconv.ParseInt(strings.TrimSpace(env), 10, 64)
		if err != nil {
			return fmt.Errorf("SOURCE_DATE_EPOCH=%q is not an integer number of seconds since 1970; set it to e.g. $(git log -1 --format=%%ct) or unset it", env)
		}
		// EPUB dates have four-digit years (dcterms:modified), and the
		// reproducible-builds specification asks for a non-negative value.
		if sec < 0 || sec > maxEpoch {
			return fmt.Errorf("SOURCE_DATE_EPOCH=%q is out of range: it must be a number of seconds between 0 (1970) and %d (the end of 9999); set it to e.g. $(git log -1 --format=%%ct) or unset it", env, maxEpoch)
		}
		m.Modified, m.ModifiedFrom = time.Unix(sec, 0).UTC(), "SOURCE_DATE_EPOCH"
		return nil
	}
	if !m.Modified.IsZero() {
		// set by modified: (Parse says so), or by an earlier Defaults
		m.Modified = m.Modified.UTC()
		return nil
	}
	if t, err := parseDate(m.Date); m.Date != "" && err == nil {
		m.Modified, m.ModifiedFrom = t, "date"
		return nil
	}
	m.Modified, m.ModifiedFrom = FixedEpoch, ""
	return nil
}

// EditionDate is the edition's date as a copyright page may print it: the
// day of SOURCE_DATE_EPOCH or of modified:, else the publication date as
// the metadata gives it (a year stays a year), else "" — never a date made
// up from a year or from folio's fixed epoch.
func EditionDate(m book.Meta) string {
	switch m.ModifiedFrom {
	case "SOURCE_DATE_EPOCH", "modified":
		if !m.Modified.IsZero() {
			return m.Modified.UTC().Format("2 January 2006")
		}
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if d, err := time.Parse(layout, m.Date); err == nil {
			switch layout {
			case "2006-01-02":
				return d.Format("2 January 2006")
			case "2006-01":
				return d.Format("January 2006")
			}
			return d.Format("2006")
		}
	}
	return m.Date
}

// titleFromName makes "hoxha-works_19.txt" into "Hoxha Works 19".
func titleFromName(name string) string {
	base := filepath.Base(name)
	for ext := filepath.Ext(base); ext != "" && ext != base; ext = filepath.Ext(base) {
		base = strings.TrimSuffix(base, ext)
	}
	words := strings.FieldsFunc(base, func(r rune) bool { return r == '-' || r == '_' || r == '.' || unicode.IsSpace(r) })
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	if len(words) == 0 {
		return "Untitled"
	}
	return strings.Join(words, " ")
}

// uuidNamespace is folio's own namespace for name-based (v5) UUIDs.
var uuidNamespace = [16]byte{0x6f, 0x6c, 0x69, 0x6f, 0x66, 0x6f, 0x6c, 0x69, 0x6f, 0x2d, 0x65, 0x70, 0x75, 0x62, 0x76, 0x35}

// nameUUID is an RFC 9562 version-5 UUID of title, authors and date, so
// that rebuilding the same edition keeps its identifier.
func nameUUID(m *book.Meta) string {
	h := sha1.New()
	h.Write(uuidNamespace[:])
	h.Write([]byte(m.Title))
	for _, a := range m.Authors {
		h.Write([]byte{0})
		h.Write([]byte(a.Name))
	}
	h.Write([]byte{0})
	h.Write([]byte(m.Date))
	s := h.Sum(nil)[:16]
	s[6] = s[6]&0x0f | 0x50
	s[8] = s[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", s[0:4], s[4:6], s[6:8], s[8:10], s[10:16])
}

// NormalizeISBN strips hyphens and spaces and checks the ISBN-10 or
// ISBN-13 check digit.
func NormalizeISBN(s string) (string, error) {
	var d []byte
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == '-' || r == ' ':
		case r >= '0' && r <= '9' || r == 'X':
			d = append(d, byte(r))
		default:
			return "", fmt.Errorf("isbn %q: unexpected character %q; an ISBN has 10 or 13 digits (hyphens allowed)", s, r)
		}
	}
	switch len(d) {
	case 10:
		sum := 0
		for i, c := range d {
			v := int(c - '0')
			if c == 'X' {
				if i != 9 {
					return "", fmt.Errorf("isbn %q: X may only be the last character of an ISBN-10", s)
				}
				v = 10
			}
			sum += (10 - i) * v
		}
		if sum%11 != 0 {
			return "", fmt.Errorf("isbn %q: the ISBN-10 check digit is wrong; check for a typo", s)
		}
	case 13:
		sum := 0
		for i, c := range d {
			if c == 'X' {
				return "", fmt.Errorf("isbn %q: an ISBN-13 has only digits", s)
			}
			w := 1
			if i%2 == 1 {
				w = 3
			}
			sum += w * int(c-'0')
		}
		if sum%10 != 0 {
			return "", fmt.Errorf("isbn %q: the ISBN-13 check digit is wrong; check for a typo", s)
		}
	default:
		return "", fmt.Errorf("isbn %q: has %d digits; an ISBN has 10 or 13", s, len(d))
	}
	return string(d), nil
}
