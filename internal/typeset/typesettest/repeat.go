package typesettest

import (
	"strconv"

	"folio/internal/book"
)

// Repeat returns b with its chapters repeated n times, for benchmarks
// that show how a stage grows with the length of a book. The copies get
// their own chapter, heading and note ids ("-r2", "-r3"…), so that a
// renderer that needs unique ids (the EPUB) takes the book as it is.
func Repeat(b *book.Book, n int) *book.Book {
	out := *b
	out.Chapters = make([]book.Chapter, 0, n*len(b.Chapters))
	for k := 1; k <= n; k++ {
		suffix := ""
		if k > 1 {
			suffix = "-r" + strconv.Itoa(k)
		}
		for _, ch := range b.Chapters {
			c := ch
			c.ID += suffix
			c.Blocks = append([]book.Block(nil), ch.Blocks...)
			for i := range c.Blocks {
				if c.Blocks[i].ID != "" {
					c.Blocks[i].ID += suffix
				}
			}
			c.Notes = append([]book.Note(nil), ch.Notes...)
			for i := range c.Notes {
				c.Notes[i].ID += suffix
			}
			out.Chapters = append(out.Chapters, c)
		}
	}
	out.SourcePages = n * b.SourcePages
	return &out
}
