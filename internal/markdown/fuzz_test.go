package markdown

import (
	"bytes"
	"strings"
	"testing"

	"folio/internal/book"

	"go.yaml.in/yaml/v3"
)

// FuzzWrite writes a book of any text and metadata: the front matter
// always parses as YAML to exactly its keys and values (no value adds a
// key), and no text becomes markup: every "<" outside folio's page
// comments, every "*", "_", "[" and "`" is escaped.
//
//	go test ./internal/markdown -run '^$' -fuzz '^FuzzWrite$' -fuzztime 2m -fuzzminimizetime 0
func FuzzWrite(f *testing.F) {
	f.Add("Works, Volume 19", "en", "Be very careful. Let them know", "Enver Hoxha")
	f.Add("T\n---\nx: y", "en\nauthor: M", "<script>alert(1)</script> *a* _b_ [c](d) `e` &amp;", "# One")
	f.Add("\"quoted\" \\ back", "sq", "1. list? - dash > quote {#id} \x00 \u2028", "A \x1b[31m B")
	f.Fuzz(func(t *testing.T, title, lang, text, name string) {
		in := func(s string) []book.Inline { return []book.Inline{{Kind: book.Text, Text: s}} }
		b := &book.Book{Meta: book.Meta{Title: title, Language: lang, Authors: []book.Contributor{{Name: name}}},
			Chapters: []book.Chapter{{ID: "ch01", Kind: book.Document, Title: in(name), Place: text,
				Blocks: []book.Block{
					{Kind: book.Para, Inlines: append(in(text), book.Inline{Kind: book.PageBreak, Page: name}, book.Inline{Kind: book.Emphasis, Text: text})},
					{Kind: book.Speech, Speaker: name, Inlines: in(text)},
					{Kind: book.Heading, ID: "s1", Inlines: in(text)},
				}}}}
		var buf bytes.Buffer
		if err := Write(&buf, b); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if title != "" {
			rest, ok := strings.CutPrefix(out, "---\n")
			fm, body, ok2 := strings.Cut(rest, "\n---\n")
			if !ok || !ok2 {
				t.Fatalf("no front matter:\n%s", out)
			}
			var got map[string]string
			if err := yaml.Unmarshal([]byte(fm), &got); err != nil {
				t.Fatalf("front matter is not YAML (%v):\n%s", err, fm)
			}
			valid := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
			if len(got) != 3 || got["title"] != valid(title) || got["lang"] != valid(lang) || got["author"] != valid(name) {
				t.Fatalf("front matter %q, want title %q, author %q, lang %q", got, title, name, lang)
			}
			out = body
		}
		for i := 0; i < len(out); i++ {
			c := out[i]
			switch {
			case c == '\\':
				i++ // an escape and what it escapes
			case c == '<' && !strings.HasPrefix(out[i:], "<!-- p. "):
				t.Fatalf("an unescaped < at %d: %q", i, clipAround(out, i))
			case c == '<':
				end := strings.Index(out[i:], " -->")
				if end < 0 || strings.Contains(out[i+4:i+end], "--") {
					t.Fatalf("a page comment that does not close as written: %q", clipAround(out, i))
				}
				i += end
			case (c == '_' || c == '[' || c == '`') && !inOurs(out, i):
				t.Fatalf("an unescaped %c at %d: %q", c, i, clipAround(out, i))
			}
		}
	})
}

// inOurs reports whether position i opens a note reference [^id], the
// only markup with these characters the writer makes (ids hold none).
func inOurs(s string, i int) bool { return strings.HasPrefix(s[i:], "[^") }

func clipAround(s string, i int) string {
	return s[max(0, i-30):min(len(s), i+30)]
}
