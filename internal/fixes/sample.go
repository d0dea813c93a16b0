package fixes

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/internal/book"
	"folio/internal/normalize"
	"folio/internal/report"
	"folio/internal/source"
)

// Suggestion is the fix that would overturn one decision of the report.
type Suggestion struct {
	// Fix is one fix as a line of the fixes file, a YAML list item
	// ("- {line: 721, join: previous}"); "" when no fix of the text
	// applies (the decision is about the metadata, or a fix's own).
	Fix string
	// Why says what the fix does ("to run the paragraph on across the
	// page break"), or what to do instead when there is no fix.
	Why string
	// Alt are other fixes for the same decision, each "what it does: the
	// fix" ("to join the word: - {line: 8834, hyphen: join}").
	Alt []string
}

// FixFor is the fix (one YAML list item, as the fixes file takes it) that
// would overturn decision d, or "" when no fix of the text does. lines
// are the source lines (line n is lines[n-1]; nil when not at hand): with
// them a replacement is found on the very line that holds the word;
// without, the fix marks the decision checked instead. b is the model as
// built (nil when not at hand): with it a marker without its note is
// paired with the note that stands without its marker. The proofing page
// shows it beside each item (a copy button).
func FixFor(d report.Decision, lines []string, b *book.Book) string {
	return Suggest(d, lines, b).Fix
}

// Suggest is the fix that would overturn d, with what it does and the
// alternatives (see FixFor).
func Suggest(d report.Decision, lines []string, b *book.Book) Suggestion {
	line := max(d.Line, 1)
	checked := Suggestion{Fix: flow("line", line, "checked", d.Stage+"/"+d.Kind), Why: "if it is right as it is: marks it checked"}
	switch d.Stage + "/" + d.Kind {
	case "hyphen/join":
		first, word := hyphenParts(d.Text)
		s := Suggestion{Fix: flow("line", line, "hyphen", "keep", "word", word), Why: "to keep the hyphen"}
		if first != "" {
			s.Why = fmt.Sprintf("to keep the hyphen (%q)", first+strings.TrimPrefix(word, strings.TrimSuffix(first, "-")))
		}
		return s
	case "hyphen/keep":
		first, word := hyphenParts(d.Text)
		join := Suggestion{Fix: flow("line", line, "hyphen", "join", "word", word), Why: fmt.Sprintf("to join the word (%q)", strings.Replace(word, "-", "", 1))}
		if strings.Contains(d.Evidence, "full stop") && strings.HasSuffix(first, "-") && onLineOnce(lines, line, first, true) {
			stop := strings.TrimSuffix(first, "-") + "."
			next := strings.TrimPrefix(word, first)
			return Suggestion{Fix: flow("line", line, "old", first, "new", stop), Why: fmt.Sprintf("to read %q (the ‘-’ a misread full stop)", stop+" "+next),
				Alt: []string{join.Why + ": " + join.Fix}}
		}
		return join
	case "clean/end-paragraph":
		join := Suggestion{Fix: flow("line", line, "join", "previous"), Why: "to run the paragraph on across the page break"}
		if b != nil && !runningText(b, line) {
			// A signature, a heading, a letter's parts: joining them to
			// the text is seldom what is meant.
			s := checked
			s.Alt = []string{join.Why + ": " + join.Fix}
			return s
		}
		return join
	case "clean/join-paragraph":
		return Suggestion{Fix: flow("line", line, "split", "true"), Why: "to start a new paragraph at this line"}
	case "structure/chapter", "structure/section", "structure/front-matter":
		return Suggestion{Fix: flow("line", line, "heading", "none"), Why: "if it is no heading: its text joins the text before it",
			Alt: []string{"if it is right: " + checked.Fix}}
	case "structure/untitled", "structure/title":
		title := ""
		if b != nil {
			for _, ch := range b.Chapters {
				if ch.Line == line {
					title = strings.TrimSpace(ch.TitleText())
				}
			}
		}
		if title == "" {
			return checked
		}
		return Suggestion{Fix: flow("line", line, "heading", "chapter", "title", title), Why: "to give the chapter its title (write the book's own in title:)",
			Alt: []string{"if it is right: " + checked.Fix}}
	case "notes/paired", "notes/paired-loose":
		ctx, label := pairedParts(d.Text)
		if label == "" {
			return checked
		}
		text := label
		if d.Kind == "paired-loose" {
			if r, _ := utf8.DecodeLastRuneInString(ctx); r != utf8.RuneError && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				text = string(r)
			}
		}
		args := []any{"line", line, "marker", label, "note", "none"}
		if text != label {
			args = append(args, "text", text)
		}
		return Suggestion{Fix: flow(args...), Why: fmt.Sprintf("if %q is no note marker: the text reads %q again", ctx, text),
			Alt: []string{"if it is right: " + checked.Fix}}
	case "notes/marker-unpaired":
		ctx := quoted(d.Text)
		label := trailingLabel(ctx)
		if label != "" && b != nil {
			if nl := freeNote(b, label, line); nl > 0 {
				return Suggestion{Fix: flow("line", line, "note", label, "note_line", nl), Why: fmt.Sprintf("to make %q the marker of note %s (line %d), which stands without one", ctx, label, nl),
					Alt: []string{"if it is right: " + checked.Fix}}
			}
		}
		s := checked
		s.Why = "if the digits are the text's own: marks it checked"
		if label != "" && onLineOnce(lines, line, ctx, false) {
			s.Alt = []string{"to drop the digits: " + flow("line", line, "old", ctx, "new", strings.TrimSuffix(ctx, label))}
		}
		return s
	case "notes/body-unpaired":
		s := checked
		s.Why = "if the note is to stand without a marker (it is set as text): marks it checked"
		if label := noteLabel(d.Text); label != "" {
			s.Alt = []string{fmt.Sprintf("to anchor it, find its marker in the text and add: %s", flow("line", "LINE", "note", label, "note_line", line))}
		}
		return s
	case "meta/none":
		return Suggestion{Why: "give the book's data in BOOK.yaml beside BOOK.txt (see the README's Metadata)"}
	}
	if d.Stage == Stage || d.Stage == "meta" || d.Stage == "cover" {
		return Suggestion{Why: "not a decision about the text: correct the file it names"}
	}
	if d.Stage == "typo" {
		if s, ok := typoFix(d, lines); ok {
			s.Alt = append(s.Alt, "if it is right as printed: "+checked.Fix)
			return s
		}
	}
	return checked
}

// flow writes a fix as a one-line YAML flow mapping: keys and values in
// pairs, strings quoted.
func flow(kv ...any) string {
	var b strings.Builder
	b.WriteString("- {")
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(kv[i].(string) + ": ")
		switch v := kv[i+1].(type) {
		case int:
			b.WriteString(strconv.Itoa(v))
		case string:
			if v == "true" || v == "none" || v == "previous" || v == "next" || v == "keep" || v == "join" || v == "chapter" || v == "LINE" {
				b.WriteString(v)
			} else {
				b.WriteString(yamlQuote(v))
			}
		}
	}
	b.WriteString("}")
	return b.String()
}

// yamlQuote is a YAML double-quoted scalar (Go's escapes are YAML's).
func yamlQuote(s string) string { return strconv.Quote(s) }

// hyphenParts reads "compli-|cated → complicated": the first part with
// its hyphen, and the word as the build made it.
func hyphenParts(t string) (first, word string) {
	left, right, ok := strings.Cut(t, " → ")
	if !ok {
		return "", ""
	}
	first, _, _ = strings.Cut(left, "|")
	if i := strings.LastIndexAny(first, " —–"); i >= 0 {
		_, n := utf8.DecodeRuneInString(first[i:])
		first = first[i+n:]
	}
	if i := strings.IndexAny(right, " "); i >= 0 {
		right = right[:i]
	}
	// The word after the last dash of a compound ("enemy—imperialism").
	if i := strings.LastIndex(right, "—"); i >= 0 {
		right = right[i+len("—"):]
	}
	return first, right
}

// quoted is the first Go-quoted string of a report text.
func quoted(t string) string {
	i := strings.IndexByte(t, '"')
	if i < 0 {
		return ""
	}
	q, err := strconv.QuotedPrefix(t[i:])
	if err != nil {
		return ""
	}
	s, _ := strconv.Unquote(q)
	return s
}

var (
	pairedRe  = regexp.MustCompile(`→ note (\S+)`)
	noteRe    = regexp.MustCompile(`^note (\S+) has no marker`)
	probablyR = regexp.MustCompile(`is probably “([^”]+)”`)
	mayBeRe   = regexp.MustCompile(`\(([^()]+)\)$`)
)

func pairedParts(t string) (ctx, label string) {
	if m := pairedRe.FindStringSubmatch(t); m != nil {
		return quoted(t), m[1]
	}
	return "", ""
}

func noteLabel(t string) string {
	if m := noteRe.FindStringSubmatch(t); m != nil {
		return m[1]
	}
	return ""
}

// trailingLabel is the marker glued to the end of a word: digits or a
// note symbol.
func trailingLabel(ctx string) string {
	ctx = strings.TrimRightFunc(ctx, func(r rune) bool { return strings.ContainsRune(".,;:!?)]’”'\"", r) })
	i := len(ctx)
	for i > 0 && ctx[i-1] >= '0' && ctx[i-1] <= '9' {
		i--
	}
	if i < len(ctx) && i > 0 {
		return ctx[i:]
	}
	if r, n := utf8.DecodeLastRuneInString(ctx); n > 0 && strings.ContainsRune("*†‡§‖¶", r) {
		return string(r)
	}
	return ""
}

// freeNote is the line of the note labelled label that nothing refers to
// nearest line, or 0.
func freeNote(b *book.Book, label string, line int) int {
	best, dist := 0, 1<<30
	for ci := range b.Chapters {
		ch := &b.Chapters[ci]
		refs := referenced(ch)
		for i, n := range ch.Notes {
			if n.Label != label || refs[i] {
				continue
			}
			if d := abs(n.Line - line); d < dist {
				best, dist = n.Line, d
			}
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// typoFix is the correction a suspicious word's flag proposes, on the
// line that holds the word.
func typoFix(d report.Decision, lines []string) (Suggestion, bool) {
	w := quoted(d.Text)
	if w == "" {
		return Suggestion{}, false
	}
	want := ""
	switch d.Kind {
	case "suspicious-ocr-word":
		if m := probablyR.FindStringSubmatch(d.Text); m != nil {
			want = m[1]
		}
	case "suspicious-ocr-letters":
		if m := mayBeRe.FindStringSubmatch(d.Text); m != nil {
			want = m[1]
		}
	case "suspicious-doubled":
		if f := strings.Fields(w); len(f) == 2 && f[0] == f[1] {
			want = f[0]
		}
	}
	if want == "" || want == w {
		return Suggestion{}, false
	}
	want = matchCase(want, w)
	// The flag gives the paragraph's first line: the word is on it or on
	// one of the lines after it.
	for n := max(d.Line, 1); n <= len(lines) && n < d.Line+400; n++ {
		if onLineOnce(lines, n, w, false) {
			return Suggestion{Fix: flow("line", n, "old", w, "new", want), Why: fmt.Sprintf("to read %q", want)}, true
		}
		if n > d.Line && strings.TrimSpace(lines[n-1]) == "" && n+1 <= len(lines) && strings.TrimSpace(lines[n]) == "" {
			break // two blank lines: past the paragraph
		}
	}
	return Suggestion{}, false
}

// matchCase gives want the case of the word it replaces.
func matchCase(want, was string) string {
	r, _ := utf8.DecodeRuneInString(was)
	w, n := utf8.DecodeRuneInString(want)
	if unicode.IsUpper(r) && !unicode.IsUpper(w) {
		if strings.ToUpper(was) == was && len(was) > 1 {
			return strings.ToUpper(want)
		}
		return string(unicode.ToUpper(w)) + want[n:]
	}
	return want
}

// onLineOnce: line n holds s exactly once (as a word of its own unless
// atEnd, where it ends the line), quotes read either way.
func onLineOnce(lines []string, n int, s string, atEnd bool) bool {
	if n < 1 || n > len(lines) || s == "" {
		return false
	}
	l := strings.TrimRight(lines[n-1], " \t")
	if atEnd {
		return strings.HasSuffix(l, s) && strings.Count(l, s) == 1
	}
	at, length, k := findFolded(l, s)
	if k != 1 {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(l[:at])
	after, _ := utf8.DecodeRuneInString(l[at+length:])
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	return !word(before) && !word(after)
}

// Text is the source lines as the fixes read them: decoded, normalised,
// the replacements of fx applied.
func Text(src []byte, name string, fx *Set) ([]string, error) {
	txt, err := source.Decode(name, src)
	if err != nil {
		return nil, err
	}
	lines := normalize.Lines(txt.Lines, normalize.Options{}).Lines
	return fx.Lines(lines, report.New(name)), nil
}

// Sample writes the fixes file an editor starts from: for each problem
// and uncertain decision of the report, the decision as a comment and the
// fix that would overturn it, commented out. Deleting the "# " before a
// fix's "- " makes it a fix of the file. input is the book's text file,
// for the instructions; fixesFile the file in use, if any.
func Sample(rep *report.Report, b *book.Book, lines []string, input, fixesFile string) []byte {
	var w strings.Builder
	stem := strings.TrimSuffix(input, ".txt")
	fmt.Fprintf(&w, "# Corrections for %s, proposed by folio clean from its review report.\n", input)
	fmt.Fprintf(&w, "# To use them: save this file as %s.fixes.yaml beside %s, delete the \"# \"\n", stem, input)
	w.WriteString("# before the \"- \" of each fix you want (one fix a line), and build. Every fix is\n")
	w.WriteString("# applied at every build and reported; one the text no longer fits is refused and\n")
	w.WriteString("# reported as a problem. Line numbers are the source text's, as the report gives them.\n")
	if fixesFile != "" {
		fmt.Fprintf(&w, "# This build applied %s already: what it settled is not listed again.\n", fixesFile)
	}
	section := ""
	seen := map[string]bool{}
	n := 0
	for _, d := range rep.Sorted() {
		if !d.Problem && d.Confidence >= report.Uncertain {
			break
		}
		s := "Problems"
		if !d.Problem {
			s = "To check (uncertain)"
		}
		sg := Suggest(d, lines, b)
		if d.Stage == Stage {
			sg = Suggestion{Why: "a fix of the file refused: correct it or remove it there"}
		}
		key := fmt.Sprintf("%d %s/%s %s", d.Line, d.Stage, d.Kind, sg.Fix)
		if seen[key] {
			continue
		}
		seen[key] = true
		if s != section {
			section = s
			fmt.Fprintf(&w, "\n# == %s\n", s)
		}
		page := ""
		if d.Page != "" {
			page = " p." + d.Page
		}
		fmt.Fprintf(&w, "\n# line %d%s [%s/%s %.2f] %s\n", d.Line, page, d.Stage, d.Kind, d.Confidence, oneLine(d.Text))
		if d.Evidence != "" {
			fmt.Fprintf(&w, "#   (%s)\n", oneLine(d.Evidence))
		}
		if sg.Fix == "" {
			fmt.Fprintf(&w, "#   %s\n", sg.Why)
			continue
		}
		fmt.Fprintf(&w, "#   %s:\n# %s\n", sg.Why, sg.Fix)
		for _, a := range sg.Alt {
			fmt.Fprintf(&w, "#   or, %s\n", a)
		}
		n++
	}
	if n == 0 {
		w.WriteString("\n# Nothing to check: no problem and no uncertain decision.\n")
	}
	return []byte(w.String())
}

func oneLine(s string) string {
	return strings.NewReplacer("\n", " ⏎ ", "\r", " ").Replace(s)
}

// runningText: line n starts a paragraph of text (or a quotation's) and
// so does the block before it.
func runningText(b *book.Book, n int) bool {
	for _, ch := range b.Chapters {
		for i := 1; i < len(ch.Blocks); i++ {
			if ch.Blocks[i].Line == n {
				k, p := ch.Blocks[i].Kind, ch.Blocks[i-1].Kind
				return (k == book.Para || k == book.Quote) && (p == book.Para || p == book.Quote) && ch.Blocks[i].Speaker == ""
			}
		}
	}
	return false
}
