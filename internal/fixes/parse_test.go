package fixes

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"folio/internal/report"
)

// TestParse: each kind of fix as an editor writes it, and the errors a
// careless one gets, each naming the fix (its index and line in the
// file), what is wrong and what to do.
func TestParse(t *testing.T) {
	good := `# corrections
- {line: 8834, old: "way-", new: "way."}
- old: "Khruschev"
  new: "Khrushchev"
  count: 3
- {old: '\bIhe\b', new: "the", count: 2, regexp: true}
- {line: 181, heading: chapter, title: "Extracts from the Foreword"}
- {line: 7, heading: section, to: 8}
- {line: 181, heading: none}
- {line: 721, join: previous}
- {line: 720, join: next}
- {line: 9, split: true}
- {line: 3, to: 5, verse: true}
- {line: 318, note: "5", marker: "5", note_line: 330}
- {line: 362, marker: "2", note: none, text: "'"}
- {line: 6155, hyphen: keep, word: "halfhearted"}
- {line: 6170, checked: typo/suspicious-doubled}
`
	set, err := Parse([]byte(good), "book.fixes.yaml")
	if err != nil {
		t.Fatal(err)
	}
	kinds := []Kind{ReplaceLine, ReplaceAll, ReplaceAll, Heading, Heading, NotHeading, Join, Join, Split, Verse, Note, NotNote, Hyphen, Checked}
	if len(set.Fixes) != len(kinds) {
		t.Fatalf("%d fixes, want %d", len(set.Fixes), len(kinds))
	}
	for i, f := range set.Fixes {
		if f.Kind != kinds[i] || f.Index != i+1 {
			t.Errorf("fix %d: %s (index %d), want %s", i+1, f.Kind, f.Index, kinds[i])
		}
	}
	if f := set.Fixes[1]; f.Old != "Khruschev" || f.Count != 3 || f.At != 3 {
		t.Errorf("the block-style fix: %+v", f)
	}
	if f := set.Fixes[10]; f.Label != "5" || f.NoteLine != 330 {
		t.Errorf("the note fix: %+v", f)
	}
	for _, empty := range []string{"", "# only comments\n# - {line: 1, split: true}\n", "~\n"} {
		if set, err := Parse([]byte(empty), "x"); err != nil || len(set.Fixes) != 0 {
			t.Errorf("%q: %v, %d fixes", empty, err, len(set.Fixes))
		}
	}
	bad := []struct{ src, want string }{
		{"title: x\n", "expected a list of fixes"},
		{"- {line: 1, split: true}\n- {line: 2, join: sideways}\n", "x:2: fix 2: join: \"sideways\": use next"},
		{"- {line: 1, old: a}\n", "new: is missing"},
		{"- {old: a, new: b}\n", "give line: N to replace on that source line, or count: N"},
		{"- {line: 0, split: true}\n", "line: \"0\": give a whole number from 1 up"},
		{"- {line: x, split: true}\n", "line: \"x\""},
		{"- {line: 1, split: true, colour: red}\n", "unknown key \"colour\" for a split fix"},
		{"- {line: 1, line: 2, split: true}\n", "key \"line\" is given twice"},
		{"- {split: true}\n", "needs line:"},
		{"- {line: 1, heading: title}\n", "use chapter, part, section, or none"},
		{"- {line: 5, to: 3, verse: true}\n", "to: 3 is before line: 5"},
		{"- {line: 5, verse: true}\n", "needs to:"},
		{"- {line: 5, hyphen: maybe}\n", "use keep"},
		{"- {line: 5, checked: doubled}\n", "stage and kind"},
		{"- {line: 5, old: \"a\\nb\", new: \"ab\"}\n", "spans 1 line ends and new: 0"},
		{"- {old: \"a\\nb\", new: \"ab\", count: 1}\n", "may not hold a line end"},
		{"- {old: '(', new: x, count: 1, regexp: true}\n", "not a valid regular expression"},
		{"- {old: 'x*', new: y, count: 1, regexp: true}\n", "matches the empty text"},
		{"- {old: a, new: b, count: 1, regexp: perhaps}\n", "regexp: \"perhaps\": write true or false"},
		{"- {line: 1, split: true}\n---\n- {line: 2, split: true}\n", "a second YAML document"},
		{"- [1, 2]\n", "expected a mapping"},
		{"- {line: [1], split: true}\n", "must be a single value"},
		{"- {line: 1, note: \"\"}\n", "note: is empty"},
		{"- {line: 1, note: none}\n", "marker: is missing"},
		{"- {line: 1, old: \"\", new: x}\n", "old: is empty"},
		{"- {line: 1, old: \"a\\0\", new: x}\n", "NUL"},
		{"\xff\xfe- x\n", "not UTF-8"},
		{"- {line: 1, split: true\n", "not valid YAML"},
	}
	for _, c := range bad {
		_, err := Parse([]byte(c.src), "x")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want one saying %q", c.src, err, c.want)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "fixes x") {
			t.Errorf("%q: the error %q does not name the file", c.src, err)
		}
	}
}

// TestHostileFixes: fixes files made to hang or sink folio, or to reach
// outside the book's folder, are refused at once, each with what to do.
func TestHostileFixes(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	quick := func(what string, fn func() error, want string) {
		t.Helper()
		start := time.Now()
		err := fn()
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("%s: took %v", what, took)
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one saying %q", what, err, want)
		}
	}
	huge := write("huge.fixes.yaml", []byte(strings.Repeat("- {line: 1, split: true}\n", 200000)))
	quick("a 5 MB file", func() error { _, err := Load(huge, dir, false); return err }, "at most 4 MB")
	many := strings.Repeat("- {line: 1, split: true}\n", MaxFixes+1)
	quick("too many fixes", func() error { _, err := Parse([]byte(many), "x"); return err }, "at most 100000")
	for _, deep := range []string{strings.Repeat("[", 1<<20), strings.Repeat("- ", 1<<19) + "x", strings.Repeat("{a: ", 1<<18)} {
		quick("deep YAML", func() error { _, err := Parse([]byte(deep), "x"); return err }, "not valid YAML")
	}
	// a billion laughs: aliases are read as their values, each a few hops
	laughs := "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	quick("aliases", func() error { _, err := Parse([]byte(laughs), "x"); return err }, "expected a list")
	long := "- {line: 1, old: \"" + strings.Repeat("a", MaxText+1) + "\", new: b}\n"
	quick("a long text", func() error { _, err := Parse([]byte(long), "x"); return err }, "at most 10000")
	longRe := "- {old: '" + strings.Repeat("a", MaxRegexp+1) + "', new: b, count: 1, regexp: true}\n"
	quick("a long regexp", func() error { _, err := Parse([]byte(longRe), "x"); return err }, "at most 1000")

	// RE2 is linear: the expression that takes a backtracking engine
	// exponential time counts its matches in a blink; the count is bound by
	// the text, and what a replacement may add by folio's limit of text.
	lines := make([]string, 20000)
	for i := range lines {
		lines[i] = strings.Repeat("a", 60) + "!"
	}
	set, err := Parse([]byte("- {old: '(a*)*b', new: x, count: 0, regexp: true}\n"), "x")
	if err == nil || !strings.Contains(err.Error(), "count") {
		t.Errorf("count 0: %v", err)
	}
	set, err = Parse([]byte("- {old: '(a|aa)*!', new: x, count: 20000, regexp: true}\n- {old: 'a', new: '"+strings.Repeat("b", 2000)+"', count: 1200000}\n"), "x")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	rep := report.New("x")
	out := set.Lines(lines, rep)
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the replacements took %v", took)
	}
	if out[0] != "x" || rep.Counts["fixes applied"] != 1 || rep.Counts["fixes refused"] != 1 {
		t.Errorf("line 1 reads %q; %d applied, %d refused", clip(out[0], 20), rep.Counts["fixes applied"], rep.Counts["fixes refused"])
	}
	for _, d := range rep.Decisions {
		if d.Kind == "refused" && !strings.Contains(d.Text, "found 0 times") {
			t.Errorf("refused: %s", d.Text)
		}
	}
	grow, _ := Parse([]byte("- {old: 'a', regexp: true, new: '"+strings.Repeat("b", 2000)+"', count: 1200000}\n"), "x")
	rep = report.New("x")
	for i := range lines {
		lines[i] = strings.Repeat("a", 60)
	}
	grow.Lines(lines, rep)
	if rep.Counts["fixes refused"] != 1 || !strings.Contains(rep.Decisions[len(rep.Decisions)-1].Text, "grow past 16 MB") {
		t.Errorf("a replacement that makes 2.4 GB of text: %+v", rep.Decisions)
	}

	// Outside the book's folder: by its path, or through a link.
	book := filepath.Join(dir, "book")
	os.Mkdir(book, 0o755)
	outside := write("elsewhere.fixes.yaml", []byte("- {line: 1, split: true}\n"))
	link := filepath.Join(book, "book.fixes.yaml")
	os.Symlink(outside, link)
	for _, p := range []string{outside, filepath.Join(book, "..", "elsewhere.fixes.yaml"), link, filepath.Join(book, "nowhere.fixes.yaml")} {
		want := "outside the book's folder"
		if strings.HasSuffix(p, "nowhere.fixes.yaml") {
			want = "no such file"
		}
		quick(p, func() error { _, err := Load(p, book, false); return err }, want)
	}
	if set, err := Load(link, book, true); err != nil || len(set.Fixes) != 1 {
		t.Errorf("--allow-outside: %v", err)
	}
	inside := filepath.Join(book, "ok.fixes.yaml")
	os.WriteFile(inside, []byte("- {line: 1, split: true}\n"), 0o644)
	if _, err := Load(inside, book, false); err != nil {
		t.Errorf("a file in the folder: %v", err)
	}
	fifo := filepath.Join(book, "fifo.fixes.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err == nil {
		quick("a FIFO", func() error { _, err := Load(fifo, book, false); return err }, "not a regular file")
	}
	// Two fixes files for one book.
	os.WriteFile(filepath.Join(book, "b.fixes.yaml"), nil, 0o644)
	os.WriteFile(filepath.Join(book, "b.txt.fixes.yaml"), nil, 0o644)
	if _, err := Find(filepath.Join(book, "b.txt")); err == nil || !strings.Contains(err.Error(), "2 fixes files") {
		t.Errorf("two fixes files: %v", err)
	}
}

// TestFolded: a fix's old text copied from the report or the Markdown
// (curly quotes) matches the source's straight ones, and the match
// replaces what the line holds.
func TestFolded(t *testing.T) {
	set, _ := Parse([]byte("- {line: 1, old: \"Party’s “line”\", new: \"Party’s line\"}\n- {line: 2, old: \"ﬁrst\", new: \"first-ever\"}\n"), "x")
	rep := report.New("x")
	out := set.Lines([]string{`the Party's "line" was clear`, "the first time"}, rep)
	if out[0] != "the Party’s line was clear" || out[1] != "the first-ever time" {
		t.Errorf("got %q", out)
	}
}
