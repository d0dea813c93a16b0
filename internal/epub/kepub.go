package epub

import (
	"bytes"
	"strconv"
)

// A kepub is the EPUB Kobo's readers open with their own renderer (page
// turns, reading statistics, pop-up notes, a reading position to the
// sentence) when its name ends in .kepub.epub. Kobo's store makes one of
// every EPUB; kepubify and Calibre's Kobo driver make them the same way,
// and so does this: the body's content wrapped in div#book-columns >
// div#book-inner, and every sentence of the text in a
// span.koboSpan#kobo.P.S, P counting the paragraphs (a p, a list, a table
// or an image starts the next) and S the sentences in it. Preformatted
// text keeps its text as it is.

// kepubStyle is the style Kobo's own conversion adds, less its font size
// and link colour overrides (night mode and our style sheet need them
// left alone).
const kepubStyle = `<style type="text/css" class="kobostylehacks">div#book-inner { margin-top: 0; margin-bottom: 0; }</style>`

// kepubDoc adds Kobo's wrapper divs and sentence spans to one content
// document made by this package (well-formed, its markup known: no
// comments, CDATA or scripts).
func kepubDoc(doc []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(doc) + len(doc)/3)
	para, seg := 0, 0
	nextPara := false
	inBody, skip := false, 0 // skip: depth inside pre
	var stack []string       // open elements inside the body
	span := func(text []byte) {
		if nextPara {
			para, seg, nextPara = para+1, 0, false
		}
		seg++
		out.WriteString(`<span class="koboSpan" id="kobo.`)
		out.WriteString(strconv.Itoa(para))
		out.WriteByte('.')
		out.WriteString(strconv.Itoa(seg))
		out.WriteString(`">`)
		out.Write(text)
		out.WriteString("</span>")
	}
	for i := 0; i < len(doc); {
		if doc[i] == '<' {
			j := bytes.IndexByte(doc[i:], '>')
			if j < 0 {
				out.Write(doc[i:])
				break
			}
			tag := doc[i : i+j+1]
			i += j + 1
			name, closing, selfClosing := tagName(tag)
			switch {
			case name == "head" && closing:
				out.WriteString(kepubStyle + "\n")
				out.Write(tag)
				continue
			case name == "body" && !closing:
				out.Write(tag)
				out.WriteString(`<div id="book-columns"><div id="book-inner">`)
				inBody = true
				continue
			case name == "body" && closing:
				out.WriteString("</div></div>")
				out.Write(tag)
				inBody = false
				continue
			}
			if inBody && !closing {
				switch name {
				case "p", "ol", "ul", "table":
					nextPara = true
				case "pre":
					skip++
				case "img":
					para, seg, nextPara = para+1, 0, false
					seg++
					out.WriteString(`<span class="koboSpan" id="kobo.` + strconv.Itoa(para) + "." + strconv.Itoa(seg) + `">`)
					out.Write(tag)
					out.WriteString("</span>")
					continue
				}
				if !selfClosing {
					stack = append(stack, name)
				}
			}
			if inBody && closing && len(stack) > 0 {
				if stack[len(stack)-1] == "pre" {
					skip--
				}
				stack = stack[:len(stack)-1]
			}
			out.Write(tag)
			continue
		}
		j := bytes.IndexByte(doc[i:], '<')
		if j < 0 {
			j = len(doc) - i
		}
		text := doc[i : i+j]
		i += j
		if !inBody || skip > 0 || len(stack) == 0 {
			out.Write(text)
			continue
		}
		parent := stack[len(stack)-1]
		for _, s := range sentences(text) {
			if isSpace(s) && parent != "p" {
				out.Write(s)
				continue
			}
			span(s)
		}
	}
	return out.Bytes()
}

// tagName reads a tag's element name and whether it closes an element or
// is empty (<br/>).
func tagName(tag []byte) (name string, closing, selfClosing bool) {
	t := tag[1 : len(tag)-1]
	if len(t) > 0 && t[0] == '/' {
		closing, t = true, t[1:]
	}
	if len(t) > 0 && t[len(t)-1] == '/' {
		selfClosing, t = true, t[:len(t)-1]
	}
	end := bytes.IndexAny(t, " \t\n/")
	if end < 0 {
		end = len(t)
	}
	return string(t[:end]), closing, selfClosing
}

// sentences splits text after each sentence's end: a full stop, question
// or exclamation mark or colon, any closing quotes, and the space after
// it; nothing is lost.
func sentences(text []byte) [][]byte {
	var out [][]byte
	start := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '.', '!', '?', ':':
		default:
			continue
		}
		j := i + 1
		for j < len(text) {
			if text[j] == '\'' || text[j] == '"' {
				j++
				continue
			}
			if bytes.HasPrefix(text[j:], []byte("”")) || bytes.HasPrefix(text[j:], []byte("’")) || bytes.HasPrefix(text[j:], []byte("…")) {
				j += 3
				continue
			}
			break
		}
		k := j
		for k < len(text) && (text[k] == ' ' || text[k] == '\n' || text[k] == '\t') {
			k++
		}
		if k == j && k < len(text) {
			continue // "3.5", "11:30", "U.S.": no space, no sentence end
		}
		out = append(out, text[start:k])
		start, i = k, k-1
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

func isSpace(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\n' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}
