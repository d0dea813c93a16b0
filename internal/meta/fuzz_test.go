package meta

import (
	"strings"
	"testing"

	"folio/internal/book"
)

// FuzzParse feeds the metadata reader any bytes: it must never panic;
// an error names the file; metadata it takes, once completed by Defaults,
// passes Check again and stays the same when curled again (Curl is
// idempotent: a second build gives the same bytes).
//
//	go test ./internal/meta -run '^$' -fuzz '^FuzzParse$' -fuzztime 2m -fuzzminimizetime 0
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"title: \"Works, Volume 19\"\nsubtitle: Extracts\nauthors:\n  - {name: Enver Hoxha, file_as: \"Hoxha, Enver\"}\nlanguage: en\ndate: \"1976\"\n",
		"title: T\nauthor: O'Brien\nisbn: 978-0-306-40615-7\nsubjects: [a, b]\ncover: c.png\noutput: out\n",
		"publisher: &p X\nsource: *p\ncontributors: [{name: A, role: trl}]\nmodified: 2020-01-01T00:00:00Z\n",
		"title: A\n---\ntitle: B\n",
		"a: &a [x, x]\nb: [*a, *a]\n",
		"title: |\n  two\n  lines\ndescription: >\n  folded\n\n  text\n",
	} {
		f.Add([]byte(s))
	}
	f.Setenv("SOURCE_DATE_EPOCH", "")
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data, "m.yaml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "metadata m.yaml") {
				t.Errorf("error without the file's name: %v", err)
			}
			return
		}
		if err := Defaults(&m, "book.txt"); err != nil {
			return // a field Check refuses, a bad ISBN: refused with a reason
		}
		if err := Check(&m); err != nil {
			t.Errorf("metadata Defaults took fails Check: %v", err)
		}
		again := m
		again.Authors = append([]book.Contributor(nil), m.Authors...)
		Curl(&again)
		if again.Title != m.Title || again.Description != m.Description || again.Subtitle != m.Subtitle {
			t.Errorf("Curl is not idempotent: %q → %q", m.Title, again.Title)
		}
	})
}
