// Package markdown writes the book model as Markdown (Pandoc flavour:
// footnotes as [^id], attributes on headings), the readable form an
// editor checks and, later, corrects.
package markdown

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"folio/internal/book"
)

// Write renders b to w. Page breaks of the source appear as HTML comments
// (<!-- p. 63 -->) so the text can be checked against the scan.
func Write(w io.Writer, b *book.Book) error {
	bw := bufio.NewWriter(w)
	if b.Meta.Title != "" {
		fmt.Fprintf(bw, "---\ntitle: %q\n", b.Meta.Title)
		for _, a := range b.Meta.Authors {
			fmt.Fprintf(bw, "author: %q\n", a.Name)
		}
		fmt.Fprintf(bw, "lang: %s\n---\n\n", b.Meta.Language)
	}
	for i := range b.Chapters {
		writeChapter(bw, &b.Chapters[i])
	}
	return bw.Flush()
}

func writeChapter(w *bufio.Writer, ch *book.Chapter) {
	fmt.Fprintf(w, "# %s {#%s .%s}\n\n", inl(ch, ch.Title), ch.ID, ch.Kind)
	if len(ch.Subtitle) > 0 {
		fmt.Fprintf(w, "*(%s)*\n\n", inl(ch, ch.Subtitle))
	}
	var dl []string
	for _, s := range []string{ch.Place, ch.Date, ch.Time} {
		if s != "" {
			dl = append(dl, s)
		}
	}
	if len(dl) > 0 {
		fmt.Fprintf(w, "*%s*\n\n", strings.Join(dl, ", "))
	}
	for i := 0; i < len(ch.Blocks); i++ {
		bl := &ch.Blocks[i]
		text := inl(ch, bl.Inlines)
		switch bl.Kind {
		case book.Heading:
			fmt.Fprintf(w, "## %s {#%s}\n\n", text, bl.ID)
		case book.Speech:
			fmt.Fprintf(w, "**%s:** %s\n\n", bl.Speaker, text)
		case book.ListItem:
			fmt.Fprintf(w, "%s %s\n", listLabel(bl.Label), text)
			if i+1 >= len(ch.Blocks) || ch.Blocks[i+1].Kind != book.ListItem {
				w.WriteString("\n")
			}
		case book.Signature:
			fmt.Fprintf(w, "::: signature\n%s\n:::\n\n", strings.ReplaceAll(text, "\\\n", "\\\n"))
		case book.Para:
			fmt.Fprintf(w, "%s\n\n", text)
		default:
			fmt.Fprintf(w, "::: %s\n%s\n:::\n\n", bl.Kind, text)
		}
	}
	for _, n := range ch.Notes {
		for i, p := range n.Paras {
			if i == 0 {
				fmt.Fprintf(w, "[^%s]: %s\n", n.ID, inl(ch, p))
			} else {
				fmt.Fprintf(w, "\n    %s\n", inl(ch, p))
			}
		}
		w.WriteString("\n")
	}
}

// listLabel keeps the book's own labels: "1)" is a valid Markdown list
// marker; others are escaped so they print as written.
func listLabel(l string) string {
	if l == "" {
		return "-"
	}
	return l
}

func inl(ch *book.Chapter, in []book.Inline) string {
	var b strings.Builder
	for _, r := range in {
		switch r.Kind {
		case book.Text:
			b.WriteString(r.Text)
		case book.Emphasis:
			b.WriteString("*" + r.Text + "*")
		case book.NoteRef:
			if r.Note < len(ch.Notes) {
				b.WriteString("[^" + ch.Notes[r.Note].ID + "]")
			}
		case book.PageBreak:
			b.WriteString("<!-- p. " + r.Page + " -->")
		case book.LineBreak:
			b.WriteString("\\\n")
		}
	}
	return strings.TrimSpace(b.String())
}
