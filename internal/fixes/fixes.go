// Package fixes holds an editor's corrections of a book kept as OCR text:
// BOOK.fixes.yaml, read at every build and applied where each kind of fix
// belongs — replacements on the source lines before cleaning, structural
// fixes (a heading here, not a heading, join, split, verse, a note's
// marker) on the book model after structure. Every fix is keyed by what it
// expects to find (the old text, the line, the word, the count): a fix the
// text no longer fits is refused and reported as a problem, never applied
// blindly and never silent.
package fixes

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Kind is what a fix does.
type Kind string

const (
	ReplaceLine Kind = "replace"     // old → new on one source line (or a few, when old spans line ends)
	ReplaceAll  Kind = "replace-all" // old → new everywhere, literal or regexp, the count expected
	Heading     Kind = "heading"     // a chapter, part or section heading here (optionally titled)
	NotHeading  Kind = "not-heading" // the heading here is text
	Join        Kind = "join"        // the paragraph here runs on into the next (or the previous into it)
	Split       Kind = "split"       // a new paragraph starts at this line
	Verse       Kind = "verse"       // lines a–b are verse
	Note        Kind = "note"        // the marker here refers to note N
	NotNote     Kind = "not-note"    // the marker here is text, not a note reference
	Hyphen      Kind = "hyphen"      // keep or join the line-end hyphen of this line
	Checked     Kind = "checked"     // the editor checked this decision: it is right as it is
)

// Fix is one correction, as the file gives it.
type Fix struct {
	Index int // 1-based position in the file
	At    int // line of the fix in the fixes file, for messages
	Kind  Kind

	Line int // the source line it is keyed by (every kind but ReplaceAll)
	To   int // the last source line: verse, a heading over several lines

	Old, New string // replacements; for Hyphen, Old is the word as the build made it ("" = any)
	Count    int    // ReplaceAll: the number of matches expected
	Regexp   bool   // ReplaceAll: Old is an RE2 regular expression

	Level string // Heading: "chapter", "part" or "section"
	Title string // Heading: the title, when the text's own is not it

	Dir string // Join: "next" or "previous"; Hyphen: "keep" or "join"

	Marker   string // Note, NotNote: the marker as printed ("5", "*"); "" = the note's label
	Label    string // Note: the label of the note it refers to
	NoteLine int    // Note: the source line of that note, when several have the label

	Decision string // Checked: "stage/kind" of the decision checked ("typo/suspicious-doubled")

	Text string // NotNote: what the text reads where the reference was (default: Marker)

	re *regexp.Regexp
}

// Set is a fixes file, read and checked.
type Set struct {
	Path  string // as given, for messages and the report
	Fixes []Fix
}

// Limits. A fixes file is a few kilobytes; a book with a fix on every
// page has a few thousand.
const (
	MaxFixes     = 100000
	MaxText      = 10000 // characters of an old or new text
	MaxRegexp    = 1000  // characters of a regular expression
	maxAliasHops = 16
)

// Where says where in the fixes file a fix is, for messages: "book.fixes.yaml:12: fix 3".
func (s *Set) Where(f Fix) string { return fmt.Sprintf("%s:%d: fix %d", s.Path, f.At, f.Index) }

// Parse reads a fixes file from its bytes; name is its path, for messages.
// An empty file (or one of comments only: the sample as written) holds no
// fixes.
func Parse(src []byte, name string) (*Set, error) {
	set := &Set{Path: name}
	if !utf8.Valid(src) {
		return nil, fmt.Errorf("fixes %s: not UTF-8 text: save it as UTF-8", name)
	}
	// YAML nested deeper than 10,000 levels is refused by the parser
	// itself, in milliseconds; aliases are followed a few hops at most.
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return set, nil
		}
		return nil, fmt.Errorf("fixes %s: not valid YAML: %v", name, err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err != nil:
		return nil, fmt.Errorf("fixes %s: not valid YAML: %v", name, err)
	default:
		return nil, fmt.Errorf("fixes %s:%d: a second YAML document (after a line ---); a fixes file holds one list: merge the two, or remove the ---", name, max(next.Line, 1))
	}
	if len(doc.Content) == 0 {
		return set, nil
	}
	root := deref(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return set, nil
	}
	if root.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("fixes %s:%d: expected a list of fixes, each on a line of its own starting with \"- \" (- {line: 12, old: \"oi\", new: \"of\"})", name, root.Line)
	}
	if len(root.Content) > MaxFixes {
		return nil, fmt.Errorf("fixes %s: %d fixes; folio takes at most %d in one file: is it the right file?", name, len(root.Content), MaxFixes)
	}
	for i, it := range root.Content {
		f, err := parseFix(deref(it), i+1)
		if err != nil {
			return nil, fmt.Errorf("fixes %s:%d: fix %d: %v", name, it.Line, i+1, err)
		}
		set.Fixes = append(set.Fixes, f)
	}
	return set, nil
}

// deref follows an alias (*name) to the node its anchor marks; a long
// chain or a loop ends as null.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode; i++ {
		if i == maxAliasHops || n.Alias == nil {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: n.Line}
		}
		n = n.Alias
	}
	return n
}

// keys each kind takes, for validation and messages.
var kindKeys = map[Kind][]string{
	ReplaceLine: {"line", "old", "new"},
	ReplaceAll:  {"old", "new", "count", "regexp"},
	Heading:     {"line", "to", "heading", "title"},
	NotHeading:  {"line", "heading"},
	Join:        {"line", "join"},
	Split:       {"line", "split"},
	Verse:       {"line", "to", "verse"},
	Note:        {"line", "note", "marker", "note_line"},
	NotNote:     {"line", "note", "marker", "text"},
	Hyphen:      {"line", "hyphen", "word"},
	Checked:     {"line", "checked"},
}

const kindsHelp = "a fix is one of: {line, old, new} (replace on a line); {old, new, count[, regexp]} (replace everywhere); {line, heading: chapter|part|section|none[, title, to]}; {line, join: next|previous}; {line, split: true}; {line, to, verse: true}; {line, note: N[, marker, note_line]}; {line, marker, note: none[, text]}; {line, hyphen: keep|join[, word]}; {line, checked: stage/kind}"

func parseFix(n *yaml.Node, index int) (Fix, error) {
	f := Fix{Index: index, At: n.Line}
	if n.Kind != yaml.MappingNode {
		return f, fmt.Errorf("expected a mapping of keys; %s", kindsHelp)
	}
	vals := map[string]*yaml.Node{}
	var order []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			return f, fmt.Errorf("a key must be a plain word (line, old, new…)")
		}
		if _, dup := vals[k.Value]; dup {
			return f, fmt.Errorf("key %q is given twice", k.Value)
		}
		if v.Kind != yaml.ScalarNode {
			return f, fmt.Errorf("%s must be a single value, not a list or mapping", k.Value)
		}
		vals[k.Value] = v
		order = append(order, k.Value)
	}
	has := func(k string) bool { _, ok := vals[k]; return ok }
	switch {
	case has("heading"):
		f.Kind, f.Level = Heading, vals["heading"].Value
		switch f.Level {
		case "chapter", "part", "section":
		case "none":
			f.Kind = NotHeading
		default:
			return f, fmt.Errorf("heading: %q: use chapter, part, section, or none (the heading here is text)", f.Level)
		}
	case has("join"):
		f.Kind, f.Dir = Join, vals["join"].Value
		if f.Dir != "next" && f.Dir != "previous" {
			return f, fmt.Errorf("join: %q: use next (this paragraph runs on into the next) or previous (the paragraph before runs on into this one)", f.Dir)
		}
	case has("split"):
		f.Kind = Split
		if v := vals["split"].Value; v != "true" {
			return f, fmt.Errorf("split: %q: write split: true (a new paragraph starts at this line)", v)
		}
	case has("verse"):
		f.Kind = Verse
		if v := vals["verse"].Value; v != "true" {
			return f, fmt.Errorf("verse: %q: write verse: true, with line: and to: for the verse's first and last lines", v)
		}
	case has("note") && vals["note"].Value == "none":
		f.Kind = NotNote
	case has("note"):
		f.Kind = Note
	case has("hyphen"):
		f.Kind, f.Dir = Hyphen, vals["hyphen"].Value
		if f.Dir != "keep" && f.Dir != "join" {
			return f, fmt.Errorf("hyphen: %q: use keep (the hyphen is the word's own: half-hearted) or join (a word broken at the line end: compli-cated)", f.Dir)
		}
	case has("checked"):
		f.Kind = Checked
	case has("old") && has("line"):
		f.Kind = ReplaceLine
	case has("old") && has("count"):
		f.Kind = ReplaceAll
	case has("old"):
		return f, fmt.Errorf("old: without line: or count: — give line: N to replace on that source line, or count: N to replace everywhere (N: how many times the text is found)")
	default:
		return f, fmt.Errorf("no kind of fix recognised (keys: %s); %s", strings.Join(order, ", "), kindsHelp)
	}
	allowed := kindKeys[f.Kind]
	for _, k := range order {
		if !contains(allowed, k) {
			return f, fmt.Errorf("unknown key %q for a %s fix; it takes %s", k, f.Kind, strings.Join(allowed, ", "))
		}
	}
	var err error
	num := func(k string) int {
		v, ok := vals[k]
		if !ok || err != nil {
			return 0
		}
		var x int
		if e := v.Decode(&x); e != nil || x < 1 {
			err = fmt.Errorf("%s: %q: give a whole number from 1 up", k, v.Value)
		}
		return x
	}
	str := func(k string) string {
		if v, ok := vals[k]; ok && err == nil {
			if v.Tag == "!!null" {
				return ""
			}
			if utf8.RuneCountInString(v.Value) > MaxText {
				err = fmt.Errorf("%s: %d characters; a fix's text is at most %d", k, utf8.RuneCountInString(v.Value), MaxText)
			}
			if strings.ContainsAny(v.Value, "\x00\r") {
				err = fmt.Errorf("%s: holds a NUL or carriage-return character; write the text as it reads", k)
			}
			return v.Value
		}
		return ""
	}
	if f.Kind != ReplaceAll {
		if !has("line") {
			return f, fmt.Errorf("a %s fix needs line: (the source line it applies to, as the report gives it)", f.Kind)
		}
		f.Line = num("line")
	}
	f.To = num("to")
	f.Old, f.New = str("old"), str("new")
	f.Title = str("title")
	f.Marker = str("marker")
	f.Text = str("text")
	f.NoteLine = num("note_line")
	if f.Kind == Hyphen {
		f.Old = str("word")
	}
	if f.Kind == Note {
		f.Label = str("note")
	}
	if f.Kind == Checked {
		f.Decision = str("checked")
	}
	if err != nil {
		return f, err
	}
	switch f.Kind {
	case ReplaceLine:
		if f.Old == "" {
			return f, fmt.Errorf("old: is empty; give the text the line holds now (it is checked at every build)")
		}
		if !has("new") {
			return f, fmt.Errorf("new: is missing; give the text that replaces old: (new: \"\" removes it)")
		}
		if strings.Count(f.Old, "\n") != strings.Count(f.New, "\n") {
			return f, fmt.Errorf("old: spans %d line ends and new: %d; they must span as many, so that the lines after keep their numbers", strings.Count(f.Old, "\n"), strings.Count(f.New, "\n"))
		}
	case ReplaceAll:
		if f.Old == "" {
			return f, fmt.Errorf("old: is empty; give the text to replace")
		}
		if !has("new") {
			return f, fmt.Errorf("new: is missing; give the text that replaces old: (new: \"\" removes it)")
		}
		if strings.Contains(f.Old, "\n") || strings.Contains(f.New, "\n") {
			return f, fmt.Errorf("a replacement everywhere works line by line: old: and new: may not hold a line end (use line: for a fix across a line end)")
		}
		f.Count = num("count")
		if err != nil {
			return f, err
		}
		if v, ok := vals["regexp"]; ok {
			if e := v.Decode(&f.Regexp); e != nil {
				return f, fmt.Errorf("regexp: %q: write true or false", v.Value)
			}
		}
		if f.Regexp {
			if n := utf8.RuneCountInString(f.Old); n > MaxRegexp {
				return f, fmt.Errorf("old: a regular expression of %d characters; folio takes at most %d", n, MaxRegexp)
			}
			re, e := regexp.Compile(f.Old)
			if e != nil {
				return f, fmt.Errorf("old: not a valid regular expression (RE2 syntax): %v", e)
			}
			if re.MatchString("") {
				return f, fmt.Errorf("old: the regular expression %q matches the empty text, so it would replace between every two characters: make it match at least one character", f.Old)
			}
			f.re = re
		}
	case Heading:
		if f.To != 0 && f.To < f.Line {
			return f, fmt.Errorf("to: %d is before line: %d; to: is the heading's last line", f.To, f.Line)
		}
		if f.To-f.Line > 20 {
			return f, fmt.Errorf("to: a heading of %d lines; a heading is at most 20 lines", f.To-f.Line+1)
		}
	case Verse:
		if !has("to") {
			return f, fmt.Errorf("a verse fix needs to: (its last line) as well as line: (its first)")
		}
		if f.To < f.Line {
			return f, fmt.Errorf("to: %d is before line: %d", f.To, f.Line)
		}
		if f.To-f.Line > 2000 {
			return f, fmt.Errorf("verse over %d lines; mark at most 2000 lines in one fix (a fix for each poem)", f.To-f.Line+1)
		}
	case Note:
		if f.Label == "" {
			return f, fmt.Errorf("note: is empty; give the label of the note the marker refers to (note: \"5\")")
		}
	case NotNote:
		if f.Marker == "" {
			return f, fmt.Errorf("marker: is missing; give the label of the note reference that is not one (marker: \"5\")")
		}
	case Checked:
		if !strings.Contains(f.Decision, "/") {
			return f, fmt.Errorf("checked: %q: give the decision's stage and kind as the report prints them (checked: typo/suspicious-doubled)", f.Decision)
		}
	}
	return f, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
