package check

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
)

// Namespaces the EPUB checks look at.
const (
	nsOPS   = "http://www.idpf.org/2007/ops"
	nsOPF   = "http://www.idpf.org/2007/opf"
	nsDC    = "http://purl.org/dc/elements/1.1/"
	nsXHTML = "http://www.w3.org/1999/xhtml"
)

// elem is an XML element with its source line, kept whole so that links
// can be followed between documents after all are read. It is kept small
// (a document may hold millions): the local name only, interned.
type elem struct {
	name    localName
	line    int32
	spaced  bool // white space stood before it (kept for text, not stored)
	attrs   []xml.Attr
	content []part // children and character data, in order
}

// localName is an element's name without its namespace, which no check
// needs (attributes keep theirs).
type localName struct{ Local string }

// part is a child element or a run of character data.
type part struct {
	el   *elem
	text string
}

// maxDepth bounds nesting: a damaged or hostile file must not exhaust
// the stack of the recursive walks below.
const maxDepth = 512

var errTooDeep = fmt.Errorf("elements nested more than %d deep", maxDepth)

// parseXML reads a well-formed XML document. The error names the line.
func parseXML(data []byte) (*elem, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		return nil, fmt.Errorf("declared encoding %q: EPUB content must be UTF-8", label)
	}
	var root *elem
	var stack []*elem
	names := map[string]string{} // one copy of each element name
	space := false               // white space since the last part
	for {
		line, _ := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, fmt.Errorf("line %d: %s", se.Line, se.Msg)
			}
			return nil, fmt.Errorf("line %d: %v", line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxDepth {
				return nil, fmt.Errorf("line %d: %w", line, errTooDeep)
			}
			name, ok := names[t.Name.Local]
			if !ok {
				name = t.Name.Local
				names[name] = name
			}
			e := &elem{name: localName{name}, line: int32(min(line, math.MaxInt32))}
			if len(t.Attr) > 0 {
				e.attrs = t.Copy().Attr
			}
			e.spaced, space = space, false
			if len(stack) == 0 {
				if root != nil {
					return nil, fmt.Errorf("line %d: a second root element <%s>", line, t.Name.Local)
				}
				root = e
			} else {
				p := stack[len(stack)-1]
				p.content = append(p.content, part{el: e})
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			space = false
		case xml.CharData:
			if len(stack) > 0 {
				if len(bytes.TrimSpace(t)) == 0 {
					// White space between elements: a flag on the next
					// one, rather than a part of its own.
					space = true
					continue
				}
				p := stack[len(stack)-1]
				text := string(t)
				if space {
					text = " " + text
				}
				space = false
				p.content = append(p.content, part{text: text})
			}
		}
	}
	if root == nil {
		return nil, errors.New("no root element (the file is empty or not XML)")
	}
	return root, nil
}

// attr returns the value of the attribute with this local name, in no
// namespace or any (href and xlink:href alike).
func (e *elem) attr(local string) string {
	for _, a := range e.attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// attrNS returns the attribute in namespace space; prefix is accepted
// too, for a document that uses epub: without declaring it.
func (e *elem) attrNS(space, prefix, local string) string {
	for _, a := range e.attrs {
		if a.Name.Local == local && (a.Name.Space == space || a.Name.Space == prefix) {
			return a.Value
		}
	}
	return ""
}

// epubType is the element's epub:type tokens.
func (e *elem) epubType() []string { return strings.Fields(e.attrNS(nsOPS, "epub", "type")) }

// is reports whether the element's epub:type names one of types or its
// role one of roles.
func (e *elem) is(types []string, roles []string) bool {
	for _, t := range e.epubType() {
		for _, k := range types {
			if t == k {
				return true
			}
		}
	}
	for _, r := range strings.Fields(e.attr("role")) {
		for _, k := range roles {
			if r == k {
				return true
			}
		}
	}
	return false
}

// walk visits e and its descendants in document order; f returns false to
// skip an element's children.
func (e *elem) walk(f func(*elem) bool) {
	if !f(e) {
		return
	}
	for _, p := range e.content {
		if p.el != nil {
			p.el.walk(f)
		}
	}
}

// text is the character data under e, in order, with runs of white space
// made single spaces.
func (e *elem) text() string {
	var b strings.Builder
	var rec func(*elem)
	rec = func(e *elem) {
		for _, p := range e.content {
			if p.el != nil {
				if p.el.spaced {
					b.WriteByte(' ')
				}
				rec(p.el)
			} else {
				b.WriteString(p.text)
			}
		}
	}
	rec(e)
	return strings.Join(strings.Fields(b.String()), " ")
}
