// Package typesettest builds books for the typesetting tests from real
// excerpts of the bundled sample (Enver Hoxha, Works vol. 19): letters,
// speeches, conversations, source notes and footnotes as the OCR has them.
// It is a rough reader, good enough for fixtures; the real cleaning is
// folio's pipeline.
package typesettest

import (
	"regexp"
	"strings"
	"time"
	"unicode"

	"folio/assets"
	"folio/internal/book"
)

var (
	noteStart = regexp.MustCompile(`^(\d{1,2}) +[A-Z“(]`)
	marker    = regexp.MustCompile(`([a-z\.,;:”’)\]])(\d{1,2})\b`)
	dateLine  = regexp.MustCompile(`^(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}$`)
	speaker   = regexp.MustCompile(`^([A-Z][A-Z .’]+[A-Z]): (.*)$`)
)

// Sample returns the sample as a book of at most maxChapters documents
// (0: all of them).
func Sample(maxChapters int) *book.Book {
	b := &book.Book{Meta: book.Meta{
		Title:     "Works, Volume 19",
		Subtitle:  "June–December 1960",
		Authors:   []book.Contributor{{Name: "Enver Hoxha", Role: "aut"}},
		Publisher: "Gamma Publishing Company",
		Language:  "en",
		Rights:    "Public domain.",
		Source:    "OCR text of the 1976 edition.",
		Modified:  time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
	}}
	blocks := paragraphs(string(sampleText()))
	var ch *book.Chapter
	var lastNote *book.Note
	titleOpen := false
	for _, p := range blocks {
		switch {
		case isCaps(p):
			if titleOpen && ch != nil {
				ch.Title[0].Text += " " + titleCase(p)
				continue
			}
			if maxChapters > 0 && len(b.Chapters) == maxChapters {
				return finish(b)
			}
			b.Chapters = append(b.Chapters, book.Chapter{ID: "ch", Kind: book.Document, Title: []book.Inline{{Kind: book.Text, Text: titleCase(p)}}})
			ch = &b.Chapters[len(b.Chapters)-1]
			titleOpen, lastNote = true, nil
			continue
		case ch == nil:
			continue
		case titleOpen && dateLine.MatchString(p):
			ch.Date = p
			continue
		case titleOpen && strings.HasPrefix(p, "(") && strings.HasSuffix(p, ")") && len(p) < 200:
			ch.Subtitle = []book.Inline{{Kind: book.Text, Text: strings.Trim(p, "()")}}
			continue
		}
		titleOpen = false
		if m := noteStart.FindStringSubmatch(p); m != nil && len(p) < 1500 {
			ch.Notes = append(ch.Notes, book.Note{ID: "n", Label: m[1], Paras: [][]book.Inline{{{Kind: book.Text, Text: strings.TrimSpace(p[len(m[1]):])}}}})
			lastNote = &ch.Notes[len(ch.Notes)-1]
			continue
		}
		if unicode.IsLower(firstRune(p)) {
			// the OCR leaves blank lines where a paragraph runs on to the next page
			var in *[]book.Inline
			if lastNote != nil {
				in = &lastNote.Paras[len(lastNote.Paras)-1]
			} else if n := len(ch.Blocks); n > 0 {
				in = &ch.Blocks[n-1].Inlines
			}
			if in != nil {
				r := &(*in)[len(*in)-1]
				if strings.HasSuffix(r.Text, "-") {
					r.Text += p
				} else {
					r.Text += " " + p
				}
				continue
			}
		}
		lastNote = nil
		blk := book.Block{Kind: book.Para}
		switch {
		case strings.HasPrefix(p, "Published for the first time"):
			blk.Kind = book.SourceNote
		case strings.HasPrefix(p, "Dear ") && strings.HasSuffix(p, ","):
			blk.Kind = book.Salutation
		case p == "STRICTLY PERSONAL" || p == "RADIOGRAM" || p == "(Excerpt)":
			blk.Kind = book.Notice
		case speaker.MatchString(p):
			m := speaker.FindStringSubmatch(p)
			blk.Kind, blk.Speaker, p = book.Speech, titleCase(m[1]), m[2]
		case strings.HasPrefix(p, "With Marxist-Leninist greetings") || strings.HasPrefix(p, "With comradely greetings"):
			blk.Kind = book.Closing
		case len(p) < 40 && (strings.HasPrefix(p, "ENVER HOXHA") || strings.HasPrefix(p, "Enver Hoxha")):
			blk.Kind = book.Signature
		}
		blk.Inlines = []book.Inline{{Kind: book.Text, Text: p}}
		ch.Blocks = append(ch.Blocks, blk)
	}
	return finish(b)
}

// finish turns digits after words into note references where the chapter
// has a note with that label, and drops empty chapters.
func finish(b *book.Book) *book.Book {
	var out []book.Chapter
	for _, ch := range b.Chapters {
		if len(ch.Blocks) == 0 {
			continue
		}
		used := make([]bool, len(ch.Notes))
		for bi := range ch.Blocks {
			blk := &ch.Blocks[bi]
			if blk.Kind != book.Para && blk.Kind != book.Speech {
				continue
			}
			txt := blk.Inlines[0].Text
			var in []book.Inline
			last := 0
			for _, m := range marker.FindAllStringSubmatchIndex(txt, -1) {
				label := txt[m[4]:m[5]]
				n := -1
				for i, note := range ch.Notes {
					if !used[i] && note.Label == label {
						n = i
						break
					}
				}
				if n < 0 {
					continue
				}
				used[n] = true
				in = append(in, book.Inline{Kind: book.Text, Text: txt[last:m[4]]}, book.Inline{Kind: book.NoteRef, Note: n})
				last = m[5]
			}
			in = append(in, book.Inline{Kind: book.Text, Text: txt[last:]})
			blk.Inlines = in
		}
		for i := range ch.Notes {
			ch.Notes[i].ID = ch.ID
		}
		out = append(out, ch)
	}
	for i := range out {
		out[i].ID = "ch" + itoa(i+1)
	}
	b.Chapters = out
	return b
}

func itoa(i int) string {
	s := ""
	for {
		s = string(rune('0'+i%10)) + s
		i /= 10
		if i == 0 {
			return s
		}
	}
}

// paragraphs joins the OCR lines into blank-line separated paragraphs,
// joining words hyphenated at line ends.
func paragraphs(src string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			out = append(out, s)
		}
		cur.Reset()
	}
	for _, ln := range strings.Split(src, "\n") {
		ln = strings.TrimSpace(ln)
		if ln == "" {
			flush()
			continue
		}
		s := cur.String()
		switch {
		case strings.HasSuffix(s, "-") && len(s) > 1 && unicode.IsLower(lastRune(s[:len(s)-1])) && unicode.IsLower(firstRune(ln)):
			cur.Reset()
			cur.WriteString(s[:len(s)-1])
		case cur.Len() > 0 && !strings.HasSuffix(s, "-") && !strings.HasSuffix(s, "—"):
			cur.WriteByte(' ')
		}
		cur.WriteString(ln)
	}
	flush()
	return out
}

func isCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 8 && s != "STRICTLY PERSONAL" && s != "RADIOGRAM" && !strings.HasPrefix(s, "ENVER HOXHA")
}

var small = map[string]bool{"a": true, "an": true, "and": true, "the": true, "of": true, "to": true, "in": true, "on": true, "at": true, "for": true, "by": true, "with": true, "from": true, "but": true, "as": true, "is": true}

func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		if i > 0 && small[w] {
			continue
		}
		if len(w) <= 4 && (w == "cc" || w == "cpsu" || w == "pla" || w == "pra" || w == "cpc" || w == "ussr") {
			words[i] = strings.ToUpper(w)
			continue
		}
		r := []rune(w)
		k := 0
		if r[0] == '(' || r[0] == '“' {
			k = 1
		}
		if k < len(r) {
			r[k] = unicode.ToUpper(r[k])
		}
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

func sampleText() []byte { return assets.Sample() }
