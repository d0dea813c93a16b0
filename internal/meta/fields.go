package meta

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/internal/book"
	"folio/internal/typo"
)

// Curl brings the metadata's prose to the form of the book's text:
// straight quotes curled (O'Brien → O’Brien, "Red" → “Red”), dashes and
// ellipses as typo.Normalize makes them. Codes (language, identifier,
// ISBN, dates, paths, roles) are left as they are.
func Curl(m *book.Meta) {
	for _, s := range []*string{&m.Title, &m.Subtitle, &m.ShortTitle, &m.Publisher, &m.Rights, &m.Source, &m.Description} {
		*s = curl(*s)
	}
	for _, list := range [][]book.Contributor{m.Authors, m.Contributors} {
		for i := range list {
			list[i].Name = curl(list[i].Name)
			list[i].FileAs = curl(list[i].FileAs)
		}
	}
	for i := range m.Subjects {
		m.Subjects[i] = curl(m.Subjects[i])
	}
}

// curl normalises each paragraph of s (a blank line between paragraphs
// of a description is kept).
func curl(s string) string {
	if !strings.ContainsAny(s, "\"'`-.\t") {
		return s
	}
	paras := strings.Split(s, "\n\n")
	for i, p := range paras {
		lines := strings.Split(p, "\n")
		for j, l := range lines {
			lines[j], _ = typo.Normalize(l)
		}
		paras[i] = strings.Join(lines, "\n")
	}
	return strings.Join(paras, "\n\n")
}

// Field limits, in characters. Each is well above any real book's (KDP
// takes 200 characters of title and subtitle together and 4,000 of
// description) and keeps every layout of the field — the cover, the
// title pages, the running heads — to a few lines.
const (
	maxTitle       = 500
	maxName        = 200
	maxLine        = 300    // publisher, identifier, a subject
	maxProse       = 5_000  // rights, source
	maxDescription = 20_000 // the store description
	maxPeople      = 100
	maxSubjects    = 100
)

var langTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$|^[ixIX]-[A-Za-z0-9-]{1,32}$`)

// Check refuses metadata no edition should carry: a field longer than
// its limit, control characters (escape sequences, NULs) in any field,
// a line break in a one-line field, a language that is no BCP 47 tag.
// Each error says which field, what is wrong and what to do.
func Check(m *book.Meta) error {
	type field struct {
		name, value string
		limit       int
		lines       bool // may hold line breaks
	}
	fields := []field{
		{"title", m.Title, maxTitle, false},
		{"subtitle", m.Subtitle, maxTitle, false},
		{"publisher", m.Publisher, maxLine, false},
		{"identifier", m.Identifier, maxLine, false},
		{"isbn", m.ISBN, 40, false},
		{"isbn_epub", m.ISBNEPUB, 40, false},
		{"isbn_print", m.ISBNPrint, 40, false},
		{"short_title", m.ShortTitle, maxName, false},
		{"printer", m.Printer, 40, false},
		{"paper", m.Paper, 40, false},
		{"chapters_open", m.ChaptersOpen, 40, false},
		{"date", m.Date, 40, false},
		{"language", m.Language, 40, false},
		{"rights", m.Rights, maxProse, true},
		{"source", m.Source, maxProse, true},
		{"description", m.Description, maxDescription, true},
		{"cover", m.Cover, 4096, false},
		{"output", m.Output, 200, false},
	}
	if n := len(m.Authors) + len(m.Contributors); n > maxPeople {
		return fmt.Errorf("metadata: %d authors and contributors; folio takes at most %d: list the main ones (stores show a few)", n, maxPeople)
	}
	if len(m.Subjects) > maxSubjects {
		return fmt.Errorf("metadata: %d subjects; folio takes at most %d (stores read 3 to 7): keep the main ones", len(m.Subjects), maxSubjects)
	}
	for _, list := range []struct {
		key    string
		people []book.Contributor
	}{{"authors", m.Authors}, {"contributors", m.Contributors}} {
		for _, c := range list.people {
			fields = append(fields, field{list.key + " name", c.Name, maxName, false}, field{list.key + " file_as", c.FileAs, maxName, false}, field{list.key + " role", c.Role, 20, false})
		}
	}
	for _, s := range m.Subjects {
		fields = append(fields, field{"subject", s, maxLine, false})
	}
	for _, f := range fields {
		if n := utf8.RuneCountInString(f.value); n > f.limit {
			return fmt.Errorf("metadata: %s is %d characters long; folio takes at most %d: shorten it%s", f.name, n, f.limit, longAdvice(f.name))
		}
		for _, r := range f.value {
			if r == '\n' && f.lines || r == '\t' {
				continue
			}
			if r == '\n' || r == '\r' {
				return fmt.Errorf("metadata: %s holds a line break; it is one line: write it on one line (YAML folds a value over lines only when quoted or after >)", f.name)
			}
			if unicode.IsControl(r) || r == utf8.RuneError {
				return fmt.Errorf("metadata: %s holds the control or unreadable character %U; remove it (a copy from a terminal or a damaged file?)", f.name, r)
			}
		}
	}
	if m.Language != "" && !langTag.MatchString(m.Language) {
		return fmt.Errorf("metadata: language %q is not a BCP 47 language tag; use a code such as en, en-GB or sq", m.Language)
	}
	return nil
}

func longAdvice(field string) string {
	switch field {
	case "title":
		return " (KDP takes 200 characters of title and subtitle together), and put the rest in subtitle: or description:"
	case "description":
		return " (stores show 4,000 characters at most)"
	}
	return ""
}

// coverPath resolves the cover: path of the metadata file at metaPath.
// Unless allowOutside, the image must lie inside the metadata file's
// folder once links are followed. A path that leaves it gets one answer
// whether or not anything is there, so that a metadata file cannot probe
// the disk through folio's messages.
func coverPath(metaPath, cover string, allowOutside bool) (string, error) {
	dir := filepath.Dir(metaPath)
	p := cover
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	if allowOutside {
		return p, nil
	}
	outside := fmt.Errorf("cover %q leaves the book's folder (%s): a cover path is relative to the metadata file and stays in its folder; copy the image into the folder, or build with --allow-outside to take it from where it is", cover, dir)
	if filepath.IsAbs(cover) || !filepath.IsLocal(cover) {
		return "", outside
	}
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", fmt.Errorf("cannot resolve the metadata file's folder %s: %w", dir, err)
	}
	switch found, err := confined(realDir, cover); {
	case err != nil:
		return "", outside
	case !found:
		return "", fmt.Errorf("cover image %s not found; fix the cover: path (it is relative to the metadata file) or remove it to get a generated cover", p)
	}
	return p, nil
}

// errOutside is confined's answer for a path that leaves the folder.
var errOutside = errors.New("outside the folder")

// confined follows rel from the folder dir (itself free of links) one
// name at a time, links included, and fails with errOutside as soon as
// the path would leave dir: nothing outside dir is ever looked at, so
// the answer tells nothing of what exists there. found is false when a
// name on the way does not exist (inside dir).
func confined(dir, rel string) (found bool, err error) {
	queue := strings.Split(filepath.ToSlash(rel), "/")
	cur := dir
	links := 0
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		switch c {
		case "", ".":
			continue
		case "..":
			if cur == dir {
				return false, errOutside
			}
			cur = filepath.Dir(cur)
			continue
		}
		next := filepath.Join(cur, c)
		fi, err := os.Lstat(next)
		if err != nil {
			return false, nil
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			cur = next
			continue
		}
		if links++; links > 40 {
			return false, errOutside // a loop of links
		}
		t, err := os.Readlink(next)
		if err != nil {
			return false, nil
		}
		if !filepath.IsAbs(t) {
			t = filepath.Join(cur, t)
		}
		r, err := filepath.Rel(dir, filepath.Clean(t))
		if err != nil || !filepath.IsLocal(r) && r != "." {
			return false, errOutside
		}
		cur = dir
		queue = append(strings.Split(filepath.ToSlash(r), "/"), queue...)
	}
	return true, nil
}
