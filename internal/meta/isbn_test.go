package meta

import (
	"strings"
	"testing"
	"time"

	"folio/internal/book"
)

// TestHyphenateISBN: ISBNs as their publishers print them, from several
// registration groups and registrant lengths.
func TestHyphenateISBN(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"9780306406157", "978-0-306-40615-7", true},     // English, 3-digit registrant
		{"0306406152", "0-306-40615-2", true},            // the same as an ISBN-10
		{"978-1-4920-6766-5", "978-1-4920-6766-5", true}, // O'Reilly: English, 4-digit registrant
		{"9783161484100", "978-3-16-148410-0", true},     // German, 2-digit registrant
		{"2070408507", "2-07-040850-7", true},            // Gallimard, ISBN-10
		{"9782070408504", "978-2-07-040850-4", true},     // the same as an ISBN-13
		{"89 6626 126 4", "89-6626-126-4", true},         // Korea, 2-digit group
		{"080442957X", "0-8044-2957-X", true},            // check digit X
		{"9780306406158", "9780306406158", false},        // wrong check digit: left as given
		{"9790000000001", "9790000000001", false},        // 979-0 is for music (ISMN), not in the table
	}
	for _, tc := range tests {
		got, ok := HyphenateISBN(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("HyphenateISBN(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// TestISBNPerFormat: isbn_epub and isbn_print each name their format; the
// plain isbn stands in for either, with a warning when one number is left
// to serve both.
func TestISBNPerFormat(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	tests := []struct {
		name            string
		m               book.Meta
		epub, print, id string
		warn            string
	}{
		{"both given", book.Meta{ISBNEPUB: "978-0-306-40615-7", ISBNPrint: "978-1-4920-6766-5"}, "9780306406157", "9781492067665", "urn:isbn:9780306406157", ""},
		{"plain isbn for both", book.Meta{ISBN: "978-0-306-40615-7"}, "9780306406157", "9780306406157", "urn:isbn:9780306406157", "serves both the EPUB and the paperback"},
		{"plain isbn fills the print one", book.Meta{ISBN: "978-1-4920-6766-5", ISBNEPUB: "9780306406157"}, "9780306406157", "9781492067665", "urn:isbn:9780306406157", ""},
		{"print only", book.Meta{ISBNPrint: "9781492067665"}, "", "9781492067665", "urn:uuid:", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.m
			m.Title = "T"
			if err := Defaults(&m, "x.txt"); err != nil {
				t.Fatal(err)
			}
			if m.ISBNEPUB != tc.epub || m.ISBNPrint != tc.print || !strings.HasPrefix(m.Identifier, tc.id) {
				t.Errorf("epub %q print %q identifier %q; want %q %q %q…", m.ISBNEPUB, m.ISBNPrint, m.Identifier, tc.epub, tc.print, tc.id)
			}
			w := strings.Join(Warnings(m), "\n")
			if tc.warn == "" && w != "" || !strings.Contains(w, tc.warn) {
				t.Errorf("warnings %q, want %q", w, tc.warn)
			}
		})
	}
	m := book.Meta{Title: "T", ISBNPrint: "978-1-4920-6766-4"}
	if err := Defaults(&m, "x"); err == nil || !strings.Contains(err.Error(), "isbn_print") {
		t.Errorf("a bad isbn_print: error %v, want one naming isbn_print", err)
	}
}

// TestEditionDate: a copyright page prints a date the metadata or the
// build gives, never one made up from a year or from the fixed epoch.
func TestEditionDate(t *testing.T) {
	tests := []struct {
		name, yaml, env, want string
	}{
		{"a year stays a year", "title: T\ndate: \"1894\"\n", "", "1894"},
		{"a month stays a month", "title: T\ndate: \"1894-03\"\n", "", "March 1894"},
		{"modified: is a day", "title: T\ndate: \"1894\"\nmodified: 2026-11-28T00:00:00Z\n", "", "28 November 2026"},
		{"SOURCE_DATE_EPOCH is a day", "title: T\ndate: \"1894\"\n", "1700000000", "14 November 2023"},
		{"nothing: no line", "title: T\n", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("SOURCE_DATE_EPOCH", tc.env)
			m, err := Parse([]byte(tc.yaml), "m.yaml")
			if err != nil {
				t.Fatal(err)
			}
			if err := Defaults(&m, "x"); err != nil {
				t.Fatal(err)
			}
			// a second pass (the command line's overrides) keeps the source
			if err := Defaults(&m, "x"); err != nil {
				t.Fatal(err)
			}
			if got := EditionDate(m); got != tc.want {
				t.Errorf("EditionDate = %q (modified %v from %q), want %q", got, m.Modified, m.ModifiedFrom, tc.want)
			}
			if m.Modified.IsZero() || m.Modified.After(time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("Modified %v: the timestamp must still be set", m.Modified)
			}
		})
	}
}
