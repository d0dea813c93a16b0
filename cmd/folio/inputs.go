package main

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"folio/assets"
	"folio/internal/book"
	"folio/internal/fixes"
	"folio/internal/meta"
	"folio/internal/outfile"
)

// input is one book to make: where its text and metadata are, and the
// name its outputs get. err, when set, is why it cannot be made; the
// other books are still made.
type input struct {
	path     string // as the user gave it (or found in a folder)
	embedded bool   // the bundled sample, read from the binary
	metaPath string // the metadata file read, or ""
	meta     book.Meta
	// fixes are the editor's corrections (BOOK.fixes.yaml), read from
	// fixesPath; nil when there are none.
	fixes     *fixes.Set
	fixesPath string
	slug      string          // output file stem
	out       *outfile.Folder // where its outputs go
	err       error
}

// gatherInputs turns the command's arguments into books: files as given,
// folders searched for .txt files, the bundled sample when there are none.
// Problems with one argument are that book's error, not the run's; notes
// are what the walk left out and why, for the log.
func gatherInputs(args []string, metaPath, out string) (ins []input, notes []string, err error) {
	if metaPath != "" && len(args) > 1 {
		return nil, nil, fmt.Errorf("--meta names one book's metadata, but %d inputs were given: put each book's metadata beside it as BOOK.yaml (or BOOK.txt.yaml)", len(args))
	}
	if len(args) == 0 {
		in := input{path: filepath.FromSlash("assets/" + assets.SamplePath)}
		if _, err := os.Stat(in.path); err != nil {
			// Not run from the repository: use the embedded copy.
			in.path, in.embedded = filepath.Base(assets.SamplePath), true
		}
		ins = append(ins, in)
	}
	seen := map[string]bool{}
	add := func(p string) {
		key, err := filepath.Abs(p)
		if err != nil {
			key = p
		}
		if !seen[key] {
			seen[key] = true
			ins = append(ins, input{path: p})
		}
	}
	for _, a := range args {
		st, err := os.Stat(a)
		switch {
		case err != nil:
			ins = append(ins, input{path: a, err: fmt.Errorf("cannot read %s: %w", a, unwrapPath(err))})
		case st.IsDir():
			found, skipped, err := textFiles(a, out)
			notes = append(notes, skipped...)
			if err != nil {
				ins = append(ins, input{path: a, err: err})
			}
			for _, f := range found {
				add(f)
			}
		default:
			add(a)
		}
	}
	return ins, notes, nil
}

// textFiles lists the .txt files in a folder and its subfolders, in
// name order. It leaves out hidden files and folders, the output folder
// out, and folio's own outputs: the files an output folder's record
// lists and the names folio gives its reports (a .txt that only looks
// like one is left out with a note). A link to a .txt file is followed;
// a link to a folder is not (a note says so).
func textFiles(dir, out string) (found, notes []string, err error) {
	outInfo, _ := os.Stat(out)
	made := map[string]bool{} // folio's outputs, by path
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != dir && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != dir && outInfo != nil {
				if st, err := os.Stat(p); err == nil && os.SameFile(st, outInfo) {
					return filepath.SkipDir // this run's output folder
				}
			}
			for n := range outfile.Recorded(p) {
				made[filepath.Join(p, n)] = true
			}
			return nil
		}
		txt := strings.EqualFold(filepath.Ext(name), ".txt")
		if d.Type()&fs.ModeSymlink != 0 {
			st, err := os.Stat(p)
			switch {
			case err == nil && st.IsDir():
				notes = append(notes, fmt.Sprintf("%s left out: a link to a folder, which folio does not follow; give the folder itself", p))
				return nil
			case !txt:
				return nil
			case err != nil:
				notes = append(notes, fmt.Sprintf("%s left out: a link to nothing (%v)", p, unwrapPath(err)))
				return nil
			}
		}
		if !txt || made[p] {
			return nil
		}
		if strings.HasSuffix(strings.ToLower(name), ".report.txt") {
			if !isReport(p) {
				notes = append(notes, fmt.Sprintf("%s left out: folio names its review reports so (BOOK.report.txt); rename it to build it", p))
			}
			return nil
		}
		// Files, links to files, and anything else named .txt (a FIFO, a
		// device): reading it says what is wrong with it.
		found = append(found, p)
		return nil
	})
	if err != nil {
		return nil, notes, fmt.Errorf("cannot read the folder %s: %w", dir, unwrapPath(err))
	}
	if len(found) == 0 {
		return nil, notes, fmt.Errorf("the folder %s holds no .txt files: folio builds books from their text (.txt)", dir)
	}
	return found, notes, nil
}

// isReport reports whether the file at p is a review report folio wrote.
func isReport(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	line, _ := bufio.NewReader(f).ReadString('\n')
	return strings.HasPrefix(line, "folio review report: ")
}

// metaFiles are the names a book's metadata may have beside its text:
// BOOK.txt.yaml or BOOK.yaml (.yml too).
func metaFiles(path string) []string {
	stem := strings.TrimSuffix(path, filepath.Ext(path))
	return []string{path + ".yaml", path + ".yml", stem + ".yaml", stem + ".yml"}
}

// loadMeta reads the book's metadata: --meta, else BOOK.txt.yaml or
// BOOK.yaml beside it, else only what the defaults make of the file
// name. Two candidate files for one book are an error (which one holds
// the truth?).
func (in *input) loadMeta(metaPath string, opt meta.Options) error {
	in.metaPath = metaPath
	if in.embedded && in.metaPath == "" {
		data, err := assets.FS.ReadFile(assets.SampleMetaPath)
		if err != nil {
			return err
		}
		m, err := meta.Parse(data, "(bundled) "+filepath.Base(assets.SampleMetaPath))
		if err != nil {
			return err
		}
		in.meta, in.metaPath = m, "(bundled) "+filepath.Base(assets.SampleMetaPath)
		return meta.Defaults(&in.meta, in.path)
	}
	if in.metaPath == "" {
		var found []string
		for _, p := range metaFiles(in.path) {
			if _, err := os.Lstat(p); err == nil && !seenPath(found, p) {
				found = append(found, p)
			}
		}
		switch len(found) {
		case 0:
		case 1:
			in.metaPath = found[0]
		default:
			return fmt.Errorf("%s has %d metadata files (%s): keep one, so that folio knows which holds the book's data", in.path, len(found), strings.Join(found, ", "))
		}
	}
	if in.metaPath != "" {
		m, err := meta.LoadWith(in.metaPath, opt)
		if err != nil {
			return err
		}
		in.meta = m
	}
	return meta.Defaults(&in.meta, in.path)
}

// seenPath reports whether p names the same file as one of list (a
// case-insensitive file system finds BOOK.yaml as book.yaml).
func seenPath(list []string, p string) bool {
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

// metaName is the metadata file for the summary: its path, or "none".
func (in *input) metaName() string {
	if in.metaPath == "" {
		return "none"
	}
	return in.metaPath
}

// maxName is the longest file name (bytes) the common file systems take.
const maxName = 255

// outputExts are the name endings of a book's outputs, the longest first.
var outputExts = []string{".report.json", ".kepub.epub", ".report.txt", ".cover.pdf", ".book.json", ".epub", ".pdf", ".md"}

// nameOutputs gives each book the stem of its output files: the
// metadata's output name, else the input's name. Two books in different
// folders with the same file name are told apart by their folder; a name
// still taken is that book's error, so no book overwrites another's files.
func nameOutputs(ins []input, longest string) {
	stem := func(p string) string {
		base := filepath.Base(p)
		return strings.TrimSuffix(base, filepath.Ext(base))
	}
	count := map[string]int{}
	for i := range ins {
		in := &ins[i]
		in.slug = in.meta.Output
		if in.slug == "" {
			in.slug = stem(in.path)
		}
		count[strings.ToLower(in.slug)]++
	}
	taken := map[string]string{}
	for i := range ins {
		in := &ins[i]
		if in.meta.Output == "" && count[strings.ToLower(in.slug)] > 1 {
			if dir := filepath.Base(filepath.Dir(in.path)); dir != "." && dir != string(filepath.Separator) {
				in.slug = dir + "-" + in.slug
			}
		}
		if in.err != nil {
			continue
		}
		if in.slug == "" || in.slug == "." || in.slug == ".." {
			// A file named ".txt" or "..txt"; metadata names were checked.
			in.err = fmt.Errorf("cannot name the outputs after %s: rename the file, or give an output: name in its metadata", in.path)
			continue
		}
		if n := len(in.slug) + len(longest); n > maxName {
			// Found now, before any file is written, rather than on the
			// last output.
			in.err = fmt.Errorf("its outputs would be named %s%s, %d bytes long, and file systems take %d: rename the file, or give a shorter output: name in its metadata", clip(in.slug, 40), longest, n, maxName)
			continue
		}
		key := strings.ToLower(in.slug) // case-insensitive file systems
		if other, ok := taken[key]; ok {
			in.err = fmt.Errorf("its outputs would be named %s, like those of %s: rename one of the files, or give one an output: name in its metadata", in.slug, other)
			continue
		}
		taken[key] = in.path
	}
}

// protect names every file the run reads, so that no output replaces one.
func protect(f *outfile.Folder, ins []input) {
	for _, in := range ins {
		if in.embedded {
			continue
		}
		paths := append([]string{in.path}, metaFiles(in.path)...)
		paths = append(paths, fixes.Names(in.path)...)
		if in.fixesPath != "" {
			paths = append(paths, in.fixesPath)
		}
		if in.metaPath != "" {
			paths = append(paths, in.metaPath)
		}
		if in.meta.Cover != "" {
			paths = append(paths, in.meta.Cover)
		}
		f.Protect(paths...)
	}
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// unwrapPath drops the path an os error repeats.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
