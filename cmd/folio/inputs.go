package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"folio/assets"
	"folio/internal/book"
	"folio/internal/meta"
)

// input is one book to make: where its text and metadata are, and the
// name its outputs get. err, when set, is why it cannot be made; the
// other books are still made.
type input struct {
	path     string // as the user gave it (or found in a folder)
	embedded bool   // the bundled sample, read from the binary
	metaPath string // metadata file, or ""
	meta     book.Meta
	slug     string // output file stem
	err      error
}

// gatherInputs turns the command's arguments into books: files as given,
// folders searched for .txt files, the bundled sample when there are none.
// Problems with one argument are that book's error, not the run's.
func gatherInputs(args []string, metaPath string) ([]input, error) {
	if metaPath != "" && len(args) > 1 {
		return nil, fmt.Errorf("--meta names one book's metadata, but %d inputs were given: put each book's metadata beside it as BOOK.txt.yaml", len(args))
	}
	var ins []input
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
			ins = append(ins, input{path: a, err: fmt.Errorf("cannot read %s: %w", a, err)})
		case st.IsDir():
			found, err := textFiles(a)
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
	for i := range ins {
		if ins[i].err == nil {
			ins[i].err = ins[i].loadMeta(metaPath)
		}
	}
	nameOutputs(ins)
	return ins, nil
}

// textFiles lists the .txt files in a folder and its subfolders, in
// name order, leaving out hidden files and folders.
func textFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
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
		if d.Type().IsRegular() && strings.EqualFold(filepath.Ext(name), ".txt") {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cannot read the folder %s: %w", dir, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the folder %s holds no .txt files: folio builds books from their text (.txt)", dir)
	}
	return out, nil
}

// loadMeta reads the book's metadata: --meta, else INPUT.yaml beside it,
// else only what the defaults make of the file name.
func (in *input) loadMeta(metaPath string) error {
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
		in.meta = m
	} else {
		if in.metaPath == "" {
			if _, err := os.Stat(in.path + ".yaml"); err == nil {
				in.metaPath = in.path + ".yaml"
			}
		}
		if in.metaPath != "" {
			m, err := meta.Load(in.metaPath)
			if err != nil {
				return err
			}
			in.meta = m
		}
	}
	return meta.Defaults(&in.meta, in.path)
}

// nameOutputs gives each book the stem of its output files: the
// metadata's output name, else the input's name. Two books in different
// folders with the same file name are told apart by their folder; a name
// still taken is that book's error, so no book overwrites another's files.
func nameOutputs(ins []input) {
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
		if (in.slug == "" || in.slug == "." || in.slug == "..") && in.err == nil {
			// A file named ".txt" or "..txt"; metadata names were checked.
			in.err = fmt.Errorf("cannot name the outputs after %s: rename the file, or give an output: name in its metadata", in.path)
			continue
		}
		key := strings.ToLower(in.slug) // case-insensitive file systems
		if other, ok := taken[key]; ok && in.err == nil {
			in.err = fmt.Errorf("its outputs would be named %s, like those of %s: rename one of the files, or give one an output: name in its metadata", in.slug, other)
			continue
		}
		taken[key] = in.path
	}
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
