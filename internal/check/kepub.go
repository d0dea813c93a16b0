package check

import (
	"fmt"
	"regexp"
	"strings"
)

var koboSpanID = regexp.MustCompile(`^kobo\.[0-9]+\.[0-9]+$`)

// kepub checks a Kobo kepub (named .kepub.epub, or carrying Kobo's
// sentence spans): each content document of the reading order has its
// body wrapped in div#book-columns > div#book-inner, and its text in
// span.koboSpan elements with kobo.P.S ids, not nested — what Kobo's
// renderer keeps the reading position and highlights by.
func (e *epubCheck) kepub(named bool) {
	type docStat struct {
		path             string
		spans            int
		wrapped          bool
		loose, nested    int
		badID, firstLine int
	}
	var stats []docStat
	total := 0
	for _, it := range e.spine {
		d := e.docs[it.path]
		if d == nil || strings.Contains(" "+it.properties+" ", " nav ") || it.mediaType != "application/xhtml+xml" {
			continue
		}
		st := docStat{path: it.path}
		var body *elem
		d.root.walk(func(n *elem) bool {
			if n.name.Local == "body" {
				body = n
				return false
			}
			return true
		})
		if body == nil {
			continue
		}
		st.wrapped = onlyChild(body, "book-columns") != nil && onlyChild(onlyChild(body, "book-columns"), "book-inner") != nil
		var rec func(n *elem, inSpan bool, depth int)
		rec = func(n *elem, inSpan bool, depth int) {
			if depth > maxDepth {
				return
			}
			switch n.name.Local {
			case "pre", "script", "style":
				return
			}
			isSpan := n.name.Local == "span" && contains(strings.Fields(n.attr("class")), "koboSpan")
			if isSpan {
				st.spans++
				if inSpan {
					st.nested++
				}
				if !koboSpanID.MatchString(n.attr("id")) {
					st.badID++
					if st.firstLine == 0 {
						st.firstLine = int(n.line)
					}
				}
			}
			for _, p := range n.content {
				if p.el != nil {
					rec(p.el, inSpan || isSpan, depth+1)
				} else if !inSpan && !isSpan && strings.TrimSpace(p.text) != "" {
					st.loose++
					if st.firstLine == 0 {
						st.firstLine = int(n.line)
					}
				}
			}
		}
		rec(body, false, 0)
		total += st.spans
		stats = append(stats, st)
	}
	if !named && total == 0 {
		return
	}
	e.isKepub = true
	if total == 0 {
		e.f.add(Error, "", "the file is named .kepub.epub but has no Kobo sentence spans (span class=\"koboSpan\"): Kobo's renderer cannot keep the reading position; make it with folio build --format kepub or kepubify, or name it .epub")
		return
	}
	var unwrapped, loose, nested, bad []string
	for _, st := range stats {
		at := st.path
		if st.firstLine > 0 {
			at = fmt.Sprintf("%s:%d", st.path, st.firstLine)
		}
		if !st.wrapped {
			unwrapped = append(unwrapped, st.path)
		}
		if st.loose > 0 {
			loose = append(loose, at)
		}
		if st.nested > 0 {
			nested = append(nested, st.path)
		}
		if st.badID > 0 {
			bad = append(bad, at)
		}
	}
	report := func(list []string, format string) {
		if len(list) > 0 {
			e.f.add(Warning, list[0], format, plural(len(list), "document"))
		}
	}
	report(unwrapped, "%s of the kepub lack Kobo's wrapper (the body's content in div#book-columns > div#book-inner): Kobo lays out their columns and margins wrongly; convert the book again")
	report(loose, "%s of the kepub have text outside Kobo's sentence spans: readers cannot highlight it or keep their place in it; convert the book again")
	report(nested, "%s of the kepub have Kobo sentence spans inside one another, which Kobo's renderer mishandles; convert the book again")
	report(bad, "%s of the kepub have sentence spans whose ids are not kobo.PARAGRAPH.SENTENCE; convert the book again")
	e.kepubSpans = total
}

// onlyChild returns the single element child of n, when it is a div with
// that id and all else is white space; nil otherwise.
func onlyChild(n *elem, id string) *elem {
	if n == nil {
		return nil
	}
	var found *elem
	for _, p := range n.content {
		switch {
		case p.el != nil && found == nil && p.el.name.Local == "div" && p.el.attr("id") == id:
			found = p.el
		case p.el != nil, strings.TrimSpace(p.text) != "":
			return nil
		}
	}
	return found
}
