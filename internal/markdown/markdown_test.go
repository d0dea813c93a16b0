package markdown

import (
	"bytes"
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
lang: en
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
