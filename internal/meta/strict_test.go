package meta

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"folio/internal/book"
)

// TestLoadRefusesNonFiles: a FIFO, a device or an oversized file given as
// metadata is refused at once, saying what it is.
func TestLoadRefusesNonFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "book.txt.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	big := write(t, dir, "big.yaml", "title: "+strings.Repeat("x", 2<<20)+"\n")
	for path, want := range map[string]string{
		fifo:        "is a named pipe (FIFO), not a regular file",
		"/dev/zero": "is a character device, not a regular file",
		big:         "is 2 MB: folio takes metadata files of at most 1 MB",
	} {
		_, err := Load(path)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), "metadata "+path) {
			t.Errorf("%s: %v, want %q", path, err, want)
		}
	}
}

// TestYAMLStrict: aliases are read like the values they stand for; a
// second document, a key given twice inside an entry and a merge key are
// refused with the line.
func TestYAMLStrict(t *testing.T) {
	dir := t.TempDir()
	m, err := Load(write(t, dir, "alias.yaml", "publisher: &pub Naim Frashëri\nsource: *pub\nauthors:\n  - &a {name: Enver Hoxha, file_as: \"Hoxha, Enver\"}\ncontributors: [*a]\nsubjects: [&s History, *s]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Source != "Naim Frashëri" || len(m.Contributors) != 1 || m.Contributors[0].FileAs != "Hoxha, Enver" || len(m.Subjects) != 2 || m.Subjects[1] != "History" {
		t.Errorf("aliases not followed: %+v", m)
	}
	for name, c := range map[string]struct{ yaml, want string }{
		"second document":    {"title: A\n---\ntitle: B\n", "m.yaml:2: a second YAML document"},
		"duplicate in entry": {"authors:\n  - name: A\n    name: B\n", `m.yaml:3: key "name" is given twice in this entry of authors`},
		"duplicate at top":   {"title: A\ntitle: B\n", `m.yaml:2: key "title" is given twice`},
		"merge key":          {"base: &b {title: A}\n<<: *b\n", "m.yaml:1: unknown key \"base\""},
		"merge key alone":    {"<<: {title: A}\n", "merge keys (<<) are not read"},
		"laughs": {"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nsubjects: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
			`unknown key "a"`},
		"nested laughs": {"subjects: &b [[x, x], [x, x]]\n", "subjects: each entry must be a string"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Load(write(t, dir, "m.yaml", c.yaml))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

// TestCoverConfined: a cover path that leaves the metadata file's folder
// (../, absolute, a link to elsewhere) is refused with one message,
// whether or not the file exists; --allow-outside takes it; links that
// stay inside are followed.
func TestCoverConfined(t *testing.T) {
	root := t.TempDir()
	book := filepath.Join(root, "book")
	os.MkdirAll(filepath.Join(book, "img"), 0o755)
	write(t, book, "img/cover.png", "png")
	write(t, root, "secret.png", "secret")
	os.Symlink(filepath.Join(root, "secret.png"), filepath.Join(book, "out.png"))
	os.Symlink(filepath.Join(root, "missing.png"), filepath.Join(book, "out-missing.png"))
	os.Symlink(root, filepath.Join(book, "up"))
	os.Symlink("img/cover.png", filepath.Join(book, "in.png"))
	os.Symlink(filepath.Join(book, "img"), filepath.Join(book, "pictures"))
	os.Symlink("loop", filepath.Join(book, "loop"))

	outside := []string{"../secret.png", "../missing.png", filepath.Join(root, "secret.png"), "/etc/passwd", "/nonexistent",
		"out.png", "out-missing.png", "up/secret.png", "up/missing.png", "img/../../secret.png", "loop"}
	for _, c := range outside {
		p := write(t, book, "m.yaml", "title: T\ncover: "+c+"\n")
		_, err := Load(p)
		if err == nil || !strings.Contains(err.Error(), "leaves the book's folder") || !strings.Contains(err.Error(), "--allow-outside") {
			t.Errorf("cover %s: %v", c, err)
		}
	}
	for _, c := range []string{"img/cover.png", "in.png", "pictures/cover.png", "img/../img/cover.png"} {
		p := write(t, book, "m.yaml", "title: T\ncover: "+c+"\n")
		m, err := Load(p)
		if err != nil || m.Cover != filepath.Join(book, c) {
			t.Errorf("cover %s: %q, %v", c, m.Cover, err)
		}
	}
	p := write(t, book, "m.yaml", "title: T\ncover: img/none.png\n")
	if _, err := Load(p); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("missing cover inside: %v", err)
	}
	p = write(t, book, "m.yaml", "title: T\ncover: ../secret.png\n")
	if m, err := LoadWith(p, Options{AllowOutside: true}); err != nil || m.Cover != filepath.Join(root, "secret.png") {
		t.Errorf("--allow-outside: %q, %v", m.Cover, err)
	}
}

// TestCheckFields: overlong fields, control characters, line breaks in a
// one-line field and a language that injects lines are refused, naming
// the field; a description keeps its paragraphs.
func TestCheckFields(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	for name, c := range map[string]struct {
		m    book.Meta
		want string
	}{
		"long title":      {book.Meta{Title: strings.Repeat("A", 10_000)}, "title is 10000 characters long; folio takes at most 500"},
		"escape in title": {book.Meta{Title: "Red \x1b[31mAlert"}, "title holds the control or unreadable character U+001B"},
		"newline":         {book.Meta{Title: "Two\nLines"}, "title holds a line break"},
		"language inject": {book.Meta{Title: "T", Language: "en\ntitle: x"}, "language holds a line break"},
		"bad language":    {book.Meta{Title: "T", Language: "english; rm"}, "not a BCP 47 language tag"},
		"long name":       {book.Meta{Title: "T", Authors: []book.Contributor{{Name: strings.Repeat("n", 300)}}}, "authors name is 300 characters long"},
		"many people":     {book.Meta{Title: "T", Authors: make([]book.Contributor, 101)}, "101 authors and contributors"},
	} {
		t.Run(name, func(t *testing.T) {
			m := c.m
			if err := Defaults(&m, "x.txt"); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
	m := book.Meta{Title: "T", Description: "First paragraph.\n\nSecond, with a\ttab."}
	if err := Defaults(&m, "x.txt"); err != nil || !strings.Contains(m.Description, "\n\n") {
		t.Errorf("description: %q, %v", m.Description, err)
	}
}

// TestCurl: straight quotes in metadata are curled as in the text; codes
// are left alone.
func TestCurl(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	m := book.Meta{Title: `The "Red" Years`, Subtitle: "Tom's Letters -- 1920...1925", Authors: []book.Contributor{{Name: "Flann O'Brien", FileAs: "O'Brien, Flann"}},
		Description: `He said "no."` + "\n\n" + `'Twas so.`, Language: "en", ISBN: "978-0-306-40615-7", Subjects: []string{`"Irish" fiction`}}
	if err := Defaults(&m, "x.txt"); err != nil {
		t.Fatal(err)
	}
	for got, want := range map[string]string{
		m.Title: "The “Red” Years", m.Subtitle: "Tom’s Letters—1920…1925", m.Authors[0].Name: "Flann O’Brien",
		m.Authors[0].FileAs: "O’Brien, Flann", m.Description: "He said “no.”\n\n’Twas so.", m.Subjects[0]: "“Irish” fiction",
		m.ISBN: "9780306406157",
	} {
		if got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
}

// TestSourceDateEpochRange: a negative value or one past the year 9999
// is refused (EPUB dates have four-digit years); the ends are taken.
func TestSourceDateEpochRange(t *testing.T) {
	for env, ok := range map[string]bool{"0": true, "253402300799": true, "-1": false, "253402300800": false, "99999999999999": false} {
		t.Setenv("SOURCE_DATE_EPOCH", env)
		m := book.Meta{Title: "T"}
		err := Defaults(&m, "x.txt")
		if ok != (err == nil) || !ok && !strings.Contains(err.Error(), "out of range") {
			t.Errorf("SOURCE_DATE_EPOCH=%s: %v", env, err)
		}
		if ok && m.Modified.Year() > 9999 {
			t.Errorf("SOURCE_DATE_EPOCH=%s: %v", env, m.Modified)
		}
	}
}
