package markdown

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	"folio/internal/book"
)

func TestWrite(t *testing.T) {
	txt := func(s string) book.Inline { return book.Inline{Kind: book.Text, Text: s} }
	b := &book.Book{Meta: book.Meta{Title: "Works", Language: "en", Authors: []book.Contributor{{Name: "A. Author"}}},
		Chapters: []book.Chapter{{ID: "ch01", Kind: book.Document,
			Title: []book.Inline{txt("Radiogram"), {Kind: book.NoteRef, Note: 0}},
			Date:  "June 21, 1960", Time: "11:30 hrs.",
			Blocks: []book.Block{
				{Kind: book.Salutation, Inlines: []book.Inline{txt("Comrade Hysni,")}},
				{Kind: book.Para, Inlines: []book.Inline{txt("Be very careful."), {Kind: book.PageBreak, Page: "2"}, txt(" Keep us up to date.")}},
				{Kind: book.Speech, Speaker: "N.S. Khrushchev", Inlines: []book.Inline{txt("Yes.")}},
				{Kind: book.ListItem, Label: "1)", Inlines: []book.Inline{txt("one")}},
				{Kind: book.Signature, Inlines: []book.Inline{txt("For the CC"), {Kind: book.LineBreak}, txt("Enver")}},
			},
			Notes: []book.Note{{ID: "ch01-n1", Label: "1", Paras: [][]book.Inline{{txt("First.")}, {txt("Second.")}}}},
		}}}
	var buf bytes.Buffer
	if err := Write(&buf, b); err != nil {
		t.Fatal(err)
	}
	want := `---
title: "Works"
author: "A. Author"
lang: "en"
---

# Radiogram[^ch01-n1] {#ch01 .chapter}

*June 21, 1960, 11:30 hrs.*

::: salutation
Comrade Hysni,
:::

Be very careful.<!-- p. 2 --> Keep us up to date.

**N.S. Khrushchev:** Yes.

1) one

::: signature
For the CC\
Enver
:::

[^ch01-n1]: First.

    Second.

`
	if got := buf.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestEscape: the book's text is text: HTML, Markdown markup and entities
// in it are escaped, an opening that would make a heading or a list does
// not, and no metadata value can add keys to the front matter.
func TestEscape(t *testing.T) {
	txt := func(s string) []book.Inline { return []book.Inline{{Kind: book.Text, Text: s}} }
	b := &book.Book{Meta: book.Meta{Title: "T\"itle\n---\nx: y", Language: "en\nauthor: Mallory"},
		Chapters: []book.Chapter{{ID: "ch01", Kind: book.Document, Title: txt("# One {#evil}"), Place: "<b>Tirana</b>",
			Blocks: []book.Block{
				{Kind: book.Para, Inlines: txt(`<script>alert("x")</script> and <b>bold</b>`)},
				{Kind: book.Para, Inlines: txt("*not emphasis* _nor this_ [a](http://x) `code` &amp; &#38; AT&T $5 ~x~ ^y^ a|b \\ back")},
				{Kind: book.Para, Inlines: append(txt("1. Not a list"), book.Inline{Kind: book.PageBreak, Page: "3 -->x"})},
				{Kind: book.Para, Inlines: txt("- nor this, > nor that")},
				{Kind: book.Para, Inlines: txt("> quoted?")},
			}}}}
	var buf bytes.Buffer
	if err := Write(&buf, b); err != nil {
		t.Fatal(err)
	}
	want := `---
title: "T\"itle\n---\nx: y"
lang: "en\nauthor: Mallory"
---

# \# One \{#evil\} {#ch01 .chapter}

*\<b\>Tirana\</b\>*

\<script\>alert("x")\</script\> and \<b\>bold\</b\>

\*not emphasis\* \_nor this\_ \[a\](http://x) \` + "`" + `code\` + "`" + ` \&amp; \&#38; AT&T \$5 \~x\~ \^y\^ a\|b \\ back

1\. Not a list<!-- p. 3 x -->

\- nor this, \> nor that

\> quoted?

`
	if got := buf.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestEscapePandoc: Pandoc reads the escaped text back as the text, with
// no HTML element, emphasis, link or code in it, and the front matter
// as the metadata. Skips when pandoc is missing.
func TestEscapePandoc(t *testing.T) {
	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		t.Skip("pandoc not installed (Debian package pandoc): skipping the read-back")
	}
	text := `<script>alert(1)</script> <b>bold</b> *not* _em_ [a](http://x) ` + "`c`" + ` &amp; $5 ~x~ ^y^ a|b \ end`
	b := &book.Book{Meta: book.Meta{Title: "T\nx: y", Language: "en\nauthor: Mallory"},
		Chapters: []book.Chapter{{ID: "ch01", Kind: book.Document, Title: []book.Inline{{Kind: book.Text, Text: "# One"}},
			Blocks: []book.Block{{Kind: book.Para, Inlines: []book.Inline{{Kind: book.Text, Text: text}}}, {Kind: book.Para, Inlines: []book.Inline{{Kind: book.Text, Text: "1. Not a list"}}}}}}}
	var buf bytes.Buffer
	if err := Write(&buf, b); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(pandoc, "-f", "markdown", "-t", "json")
	cmd.Stdin = &buf
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Meta   map[string]any `json:"meta"`
		Blocks []struct {
			T string `json:"t"`
			C any    `json:"c"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if _, ok := doc.Meta["author"]; ok || len(doc.Meta) != 2 {
		t.Errorf("the front matter gained keys: %v", doc.Meta)
	}
	var kinds []string
	for _, bl := range doc.Blocks {
		kinds = append(kinds, bl.T)
	}
	if strings.Join(kinds, " ") != "Header Para Para" {
		t.Errorf("blocks %v, want a heading and two paragraphs", kinds)
	}
	for _, bad := range []string{`"RawInline"`, `"Emph"`, `"Link"`, `"Code"`, `"Math"`, `"Subscript"`, `"Superscript"`, `"Strikeout"`, `"RawBlock"`} {
		if strings.Contains(string(out), bad) {
			t.Errorf("pandoc read %s from the text:\n%s", bad, out)
		}
	}
	plain := exec.Command(pandoc, "-f", "markdown", "-t", "plain", "--wrap=none")
	buf.Reset()
	Write(&buf, b)
	plain.Stdin = &buf
	got, err := plain.Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), text) || !strings.Contains(string(got), "1. Not a list") {
		t.Errorf("the text did not read back as written:\n%s", got)
	}
}
