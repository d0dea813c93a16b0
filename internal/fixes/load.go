package fixes

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"folio/internal/userfile"
)

// File is the kind of file a fixes file is: a few kilobytes of corrections
// (a book with a fix on every line would take a few megabytes).
var File = userfile.Kind{What: "fixes file", Limit: 4 << 20,
	TooLarge: "folio takes fixes files of at most 4 MB (a fix on every page of a long book takes a few hundred kilobytes): is it the right file?",
	Give:     "give the fixes as a file (BOOK.fixes.yaml)"}

// Names are the names a book's fixes file may have beside BOOK.txt:
// BOOK.fixes.yaml (.yml too) or BOOK.txt.fixes.yaml.
func Names(input string) []string {
	stem := strings.TrimSuffix(input, filepath.Ext(input))
	return []string{stem + ".fixes.yaml", stem + ".fixes.yml", input + ".fixes.yaml", input + ".fixes.yml"}
}

// Find returns the fixes file beside the input, or "" when there is none;
// two are an error (which holds the editor's corrections?).
func Find(input string) (string, error) {
	var found []string
	for _, p := range Names(input) {
		if _, err := os.Lstat(p); err == nil && !sameAsAny(found, p) {
			found = append(found, p)
		}
	}
	switch len(found) {
	case 0:
		return "", nil
	case 1:
		return found[0], nil
	}
	return "", fmt.Errorf("%s has %d fixes files (%s): keep one, so that folio knows which holds the corrections", input, len(found), strings.Join(found, ", "))
}

func sameAsAny(list []string, p string) bool {
	st, err := os.Stat(p)
	if err != nil {
		return false
	}
	for _, q := range list {
		if o, err := os.Stat(q); err == nil && os.SameFile(st, o) {
			return true
		}
	}
	return false
}

// Load reads the fixes file at path for the book whose text is in the
// folder dir. It is read as a user's file (a regular file of at most 4
// MB; a FIFO or a device is refused at once) and must lie in dir once
// links are followed, unless allowOutside: corrections come with books
// from anywhere, and a fixes file decides what the edition says.
func Load(path, dir string, allowOutside bool) (*Set, error) {
	if !allowOutside {
		if err := inside(path, dir); err != nil {
			return nil, err
		}
	}
	src, err := userfile.Read(path, File)
	if err != nil {
		return nil, fmt.Errorf("fixes %w", err)
	}
	return Parse(src, path)
}

// inside refuses a path that leaves dir, by its name or through a link.
// The message is the same whether or not anything is there.
func inside(path, dir string) error {
	outside := fmt.Errorf("fixes file %s is outside the book's folder %s: keep BOOK.fixes.yaml beside BOOK.txt, or build with --allow-outside to read it from where it is", path, dir)
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return fmt.Errorf("cannot resolve the book's folder %s: %w", dir, err)
	}
	absDir, err := filepath.Abs(realDir)
	if err != nil {
		return err
	}
	absPath, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	// By name first: nothing outside is looked at.
	lexDir, _ := filepath.Abs(dir)
	if !within(absPath, lexDir) && !within(absPath, absDir) {
		return outside
	}
	real, err := filepath.EvalSymlinks(absPath)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if _, lerr := os.Lstat(absPath); lerr == nil {
				return outside // a link that leads nowhere inside
			}
			return fmt.Errorf("fixes %s: no such file", path)
		}
		return fmt.Errorf("fixes %s: %w", path, err)
	}
	if !within(real, absDir) {
		return outside
	}
	return nil
}

func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && filepath.IsLocal(rel)
}
