package meta

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"folio/internal/book"
)

func write(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadSample(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	m, err := Load("../../assets/samples/hoxha-works-19-ocr.txt.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := Defaults(&m, "hoxha-works-19-ocr.txt"); err != nil {
		t.Fatal(err)
	}
	if m.Title != "Works, Volume 19" || m.Subtitle != "Extracts, June–December 1960" {
		t.Errorf("title %q subtitle %q", m.Title, m.Subtitle)
	}
	if len(m.Authors) != 1 || m.Authors[0] != (book.Contributor{Name: "Enver Hoxha", FileAs: "Hoxha, Enver", Role: "aut"}) {
		t.Errorf("authors %+v", m.Authors)
	}
	if m.Language != "en" || m.Date != "1976" || len(m.Subjects) < 3 || m.Rights == "" || m.Source == "" || m.Description == "" {
		t.Errorf("incomplete: %+v", m)
	}
	if strings.Contains(strings.ToLower(m.Rights), "public domain") && !strings.Contains(m.Rights, "no claim") {
		t.Errorf("rights must not claim public domain: %q", m.Rights)
	}
	if !strings.HasPrefix(m.Identifier, "urn:uuid:") {
		t.Errorf("identifier %q", m.Identifier)
	}
	if want := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC); !m.Modified.Equal(want) {
		t.Errorf("modified %v, want %v", m.Modified, want)
	}
}

func TestLoadForms(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "cover.png", "x")
	tests := []struct {
		name, yaml string
		check      func(t *testing.T, m book.Meta)
	}{
		{"single author string", "title: Works\nauthor: \"Enver Hoxha\"\n", func(t *testing.T, m book.Meta) {
			if len(m.Authors) != 1 || m.Authors[0].Name != "Enver Hoxha" || m.Authors[0].Role != "aut" {
				t.Errorf("%+v", m.Authors)
			}
		}},
		{"authors strings and maps", "authors:\n  - Enver Hoxha\n  - {name: Ramiz Alia, file_as: \"Alia, Ramiz\"}\ncontributors:\n  - {name: A. Translator, role: trl}\n", func(t *testing.T, m book.Meta) {
			if len(m.Authors) != 2 || m.Authors[1].FileAs != "Alia, Ramiz" || m.Authors[1].Role != "aut" {
				t.Errorf("%+v", m.Authors)
			}
			if len(m.Contributors) != 1 || m.Contributors[0].Role != "trl" {
				t.Errorf("%+v", m.Contributors)
			}
		}},
		{"cover relative to the file", "cover: cover.png\n", func(t *testing.T, m book.Meta) {
			if m.Cover != filepath.Join(dir, "cover.png") {
				t.Errorf("cover %q", m.Cover)
			}
		}},
		{"modified field", "modified: 1999-05-04T03:02:01Z\n", func(t *testing.T, m book.Meta) {
			if !m.Modified.Equal(time.Date(1999, 5, 4, 3, 2, 1, 0, time.UTC)) {
				t.Errorf("modified %v", m.Modified)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Load(write(t, dir, "m.yaml", tc.yaml))
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, m)
		})
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, yaml, want string }{
		{"unknown key", "title: X\nauthr: Y\n", `m.yaml:2: unknown key "authr"`},
		{"malformed", "title: [x\n", "not valid YAML"},
		{"missing cover", "cover: nothere.jpg\n", "cover image"},
		{"list for title", "title: [a, b]\n", "title must be a single value"},
		{"bad author key", "authors:\n  - {name: X, nmae: Y}\n", `unknown key "nmae" in authors`},
		{"bad date", "date: June 1976\n", `date "June 1976"`},
		{"both author forms", "author: X\nauthors: [Y]\n", "either author: or authors:"},
		{"not a mapping", "- a\n- b\n", "expected a mapping"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(write(t, dir, "m.yaml", tc.yaml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	m := book.Meta{}
	if err := Defaults(&m, "/in/hoxha-works_19.ocr.txt"); err != nil {
		t.Fatal(err)
	}
	if m.Title != "Hoxha Works 19" || m.Language != "en" {
		t.Errorf("title %q lang %q", m.Title, m.Language)
	}
	if !m.Modified.Equal(FixedEpoch) {
		t.Errorf("modified %v, want the fixed epoch", m.Modified)
	}
	// The identifier depends on title, authors and date only, and is a v5 UUID.
	m2 := book.Meta{Title: m.Title}
	if err := Defaults(&m2, "other.txt"); err != nil {
		t.Fatal(err)
	}
	if m.Identifier != m2.Identifier {
		t.Errorf("identifier not stable: %s vs %s", m.Identifier, m2.Identifier)
	}
	m3 := book.Meta{Title: m.Title, Authors: []book.Contributor{{Name: "Enver Hoxha"}}}
	if err := Defaults(&m3, "x"); err != nil {
		t.Fatal(err)
	}
	if m3.Identifier == m.Identifier || m3.Authors[0].Role != "aut" {
		t.Errorf("identifier ignores authors, or role not set: %+v", m3)
	}
	if u := strings.TrimPrefix(m.Identifier, "urn:uuid:"); len(u) != 36 || u[14] != '5' || !strings.ContainsRune("89ab", rune(u[19])) {
		t.Errorf("not a v5 UUID: %s", u)
	}
}

func TestModifiedPrecedence(t *testing.T) {
	dated := book.Meta{Title: "T", Date: "1976-06"}
	tests := []struct {
		name, env string
		m         book.Meta
		want      time.Time
		err       string
	}{
		{"env wins", "1700000000", book.Meta{Title: "T", Date: "1976", Modified: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}, time.Unix(1700000000, 0).UTC(), ""},
		{"modified field next", "", book.Meta{Title: "T", Date: "1976", Modified: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), ""},
		{"then date", "", dated, time.Date(1976, 6, 1, 0, 0, 0, 0, time.UTC), ""},
		{"bad env", "yesterday", dated, time.Time{}, "SOURCE_DATE_EPOCH"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("SOURCE_DATE_EPOCH", tc.env)
			m := tc.m
			err := Defaults(&m, "x.txt")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !m.Modified.Equal(tc.want) {
				t.Errorf("modified %v, want %v", m.Modified, tc.want)
			}
		})
	}
}

func TestISBN(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"978-0-306-40615-7", "9780306406157", ""},
		{"0-306-40615-2", "0306406152", ""},
		{"0-8044-2957-X", "080442957X", ""},
		{"978-0-306-40615-8", "", "check digit is wrong"},
		{"0-306-40615-3", "", "check digit is wrong"},
		{"12345", "", "has 5 digits"},
		{"978-0-306-4061a-7", "", "unexpected character"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			t.Setenv("SOURCE_DATE_EPOCH", "")
			m := book.Meta{Title: "T", ISBN: tc.in}
			err := Defaults(&m, "x")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if m.ISBN != tc.want || m.Identifier != "urn:isbn:"+tc.want {
				t.Errorf("isbn %q identifier %q", m.ISBN, m.Identifier)
			}
		})
	}
}

func TestPrintFields(t *testing.T) {
	for _, tc := range []struct {
		src, err string
		want     book.Meta
	}{
		{src: "title: T\nprinter: IngramSpark\npaper: creme\nchapters_open: Any\nshort_title: Works 19\n",
			want: book.Meta{Title: "T", Printer: "IngramSpark", Paper: "creme", ChaptersOpen: "any", ShortTitle: "Works 19"}},
		{src: "title: T\nprinter: blurb\n", err: "unknown printer"},
		{src: "title: T\nprinter: lulu\npaper: color\n", err: "Lulu offers no \"color\" paper"},
		{src: "title: T\nchapters_open: left\n", err: "use recto"},
	} {
		m, err := Parse([]byte(tc.src), "b.yaml")
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.src, err, tc.err)
			}
			continue
		}
		if err != nil || m.Printer != tc.want.Printer || m.Paper != tc.want.Paper || m.ChaptersOpen != tc.want.ChaptersOpen || m.ShortTitle != tc.want.ShortTitle {
			t.Errorf("%q: %+v, %v", tc.src, m, err)
		}
	}
}
