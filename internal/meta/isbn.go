package meta

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"folio/internal/book"
)

// isbnRanges is the International ISBN Agency's table of registration
// groups and registrant ranges, which says where the hyphens of an ISBN
// go (see the file's header for where it comes from).
//
//go:embed isbn-ranges.tsv
var isbnRanges string

// isbnGroup is one registration group: its digits after the EAN prefix
// ("9780" for 978-0) and the registrant ranges of that group.
type isbnGroup struct {
	prefix string // EAN prefix and group digits, e.g. "9780"
	eanLen int    // 3
	ranges []isbnRange
}

type isbnRange struct{ lo, hi string } // same length: the registrant's

var (
	isbnOnce   sync.Once
	isbnGroups map[string]*isbnGroup // by prefix
	isbnMaxLen int
)

func loadISBNRanges() {
	isbnGroups = map[string]*isbnGroup{}
	for _, line := range strings.Split(isbnRanges, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			continue
		}
		ean, grp, ok := strings.Cut(f[0], "-")
		if !ok {
			continue
		}
		g := &isbnGroup{prefix: ean + grp, eanLen: len(ean)}
		for _, r := range strings.Fields(f[2]) {
			lo, hi, ok := strings.Cut(r, "-")
			if ok && len(lo) == len(hi) {
				g.ranges = append(g.ranges, isbnRange{lo, hi})
			}
		}
		isbnGroups[g.prefix] = g
		isbnMaxLen = max(isbnMaxLen, len(g.prefix))
	}
}

// HyphenateISBN writes a valid ISBN (10 or 13 digits, hyphens and spaces
// allowed) with its parts separated by hyphens as the ISBN agencies print
// it: 978-0-14-044913-6. ok is false, and the digits are returned
// unhyphenated, when the ISBN is not valid or its group or registrant
// range is not in the agency's table (a range assigned after the table
// was made).
func HyphenateISBN(s string) (string, bool) {
	d, err := NormalizeISBN(s)
	if err != nil {
		return s, false
	}
	isbnOnce.Do(loadISBNRanges)
	full := d
	if len(d) == 10 {
		full = "978" + d
	}
	for n := isbnMaxLen; n > 3; n-- {
		g := isbnGroups[full[:n]]
		if g == nil {
			continue
		}
		rest := full[n : len(full)-1]
		for _, r := range g.ranges {
			l := len(r.lo)
			if l >= len(rest) || rest[:l] < r.lo || rest[:l] > r.hi {
				continue
			}
			parts := []string{full[:g.eanLen], full[g.eanLen:n], rest[:l], rest[l:], full[len(full)-1:]}
			if len(d) == 10 {
				parts = parts[1:]
			}
			return strings.Join(parts, "-"), true
		}
		return d, false // the group is known, the registrant range is not
	}
	return d, false
}

// ISBNLine is how an edition prints its ISBN: "ISBN 978-0-14-044913-6",
// with the format for the copyright page of a book that names both
// ("ISBN 978-… (EPUB)"); "" when there is none.
func ISBNLine(isbn, format string) string {
	if isbn == "" {
		return ""
	}
	h, _ := HyphenateISBN(isbn)
	if format != "" {
		return fmt.Sprintf("ISBN %s (%s)", h, format)
	}
	return "ISBN " + h
}

// Warnings are what a publisher should know about the metadata after
// Defaults, for the build summary.
func Warnings(m book.Meta) []string {
	var out []string
	if m.ISBNEPUB != "" && m.ISBNEPUB == m.ISBNPrint {
		h, _ := HyphenateISBN(m.ISBNEPUB)
		out = append(out, fmt.Sprintf("one ISBN (%s) serves both the EPUB and the paperback: stores and ISBN agencies want a separate ISBN for each format; give isbn_epub: and isbn_print: in the metadata", h))
	}
	for _, x := range []struct{ name, isbn string }{{"isbn_epub", m.ISBNEPUB}, {"isbn_print", m.ISBNPrint}} {
		if x.isbn == "" {
			continue
		}
		if _, ok := HyphenateISBN(x.isbn); !ok {
			out = append(out, fmt.Sprintf("%s %s: its registrant range is not in folio's table of ISBN ranges, so it is printed without hyphens; check the number with your ISBN agency", x.name, x.isbn))
		}
	}
	return out
}
