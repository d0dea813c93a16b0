// Package markdown writes the book model as Markdown (Pandoc flavour:
// footnotes as [^id], attributes on headings), the readable form an
// editor checks and, later, corrects.
package markdown

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"folio/internal/book"
)

// Write renders b to w. Page breaks of the source appear as HTML comments
// (<!-- p. 63 -->) so the text can be checked against the scan.
func Write(w io.Writer, b *book.Book) error {
	bw := bufio.NewWriter(w)
	if b.Meta.Title != "" {
		fmt.Fprintf(bw, "---\ntitle: %s\n", yamlString(b.Meta.Title))
		for _, a := range b.Meta.Authors {
			fmt.Fprintf(bw, "author: %s\n", yamlString(a.Name))
		}
		// Every value quoted: a value holding a line break cannot add
		// keys to the front matter.
		fmt.Fprintf(bw, "lang: %s\n---\n\n", yamlString(b.Meta.Language))
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
			dl = append(dl, escape(s))
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
			fmt.Fprintf(w, "**%s:** %s\n\n", escape(bl.Speaker), text)
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
			b.WriteString(escape(r.Text))
		case book.Emphasis:
			b.WriteString("*" + escape(r.Text) + "*")
		case book.NoteRef:
			if r.Note < len(ch.Notes) {
				b.WriteString("[^" + ch.Notes[r.Note].ID + "]")
			}
		case book.PageBreak:
			// A page number is the printed folio; one that could close
			// the comment is not put in it.
			b.WriteString("<!-- p. " + strings.NewReplacer("--", "", ">", "").Replace(r.Page) + " -->")
		case book.LineBreak:
			b.WriteString("\\\n")
		}
	}
	return blockStart(strings.TrimSpace(b.String()))
}

// yamlString is s as a YAML double-quoted scalar: Go's quoting uses only
// escapes YAML has, once s is valid UTF-8 (a byte escape would read back
// as another character).
func yamlString(s string) string { return strconv.Quote(strings.ToValidUTF8(s, "\uFFFD")) }

// special are the characters Markdown (CommonMark and Pandoc's
// extensions) reads as markup anywhere in a line: each is escaped, so
// that text reads as the book printed it — "<script>" or "<b>" in a
// book is text, never HTML that a renderer would run or hide.
var special = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `{`, `\{`, `}`, `\}`, `~`, `\~`, `^`, `\^`, `$`, `\$`, `|`, `\|`,
)

// escape escapes a run of the book's text for Markdown; & only where it
// would start an entity (&amp;, &#38;).
func escape(s string) string {
	if !strings.ContainsAny(s, "\\`*_[]<>{}~^$|&") {
		return s
	}
	s = special.Replace(s)
	if strings.Contains(s, "&") {
		s = entity.ReplaceAllString(s, `\&$1`)
	}
	return s
}

var entity = regexp.MustCompile(`&(#?[A-Za-z0-9]+;)`)

// blockStart escapes what would make a paragraph's opening a heading, a
// quotation or a list: # > + - at the start, or a number and . or ).
func blockStart(s string) string {
	switch {
	case s == "":
		return s
	case strings.IndexByte("#+-=", s[0]) >= 0:
		return `\` + s
	}
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}
