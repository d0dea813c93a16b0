package outfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// In an output folder, folio keeps the record of the files it wrote
// (ManifestName, kept) and, while a run writes, a lock (LockName,
// removed at the end).
const (
	ManifestName = ".folio"
	LockName     = ".folio.lock"
)

// ErrLocked is matched by the error of a folder another run holds.
var ErrLocked = errors.New("another folio run is writing into the folder")

// ErrExists is matched by the refusal to replace a file.
var ErrExists = errors.New("the output would replace a file folio did not write")

// Folder is an output folder as one run writes into it.
type Folder struct {
	Dir string
	// Overwrite lets outputs replace files folio did not write; never an
	// input of the run.
	Overwrite bool

	mu      sync.Mutex
	save    sync.Mutex // one save of the record at a time
	opened  bool
	openErr error
	lock    *os.File
	made    map[string]record
	inputs  []protected
	swept   int
}

type protected struct {
	path string
	info fs.FileInfo
}

// record identifies a file as folio left it: if any of these changed,
// someone else has written it since.
type record struct {
	size, mtime int64
	ino         uint64
}

func recordOf(st fs.FileInfo) record {
	return record{size: st.Size(), mtime: st.ModTime().UnixNano(), ino: inode(st)}
}

// NewFolder is the output folder dir, not yet opened.
func NewFolder(dir string, overwrite bool) *Folder {
	return &Folder{Dir: dir, Overwrite: overwrite}
}

// Hold takes the folder's lock now if the folder exists, so that a run
// into a folder another run is writing fails before doing any work. A
// folder that does not exist yet is made, and locked, by the first write.
func (f *Folder) Hold() error {
	if st, err := os.Stat(f.Dir); err != nil || !st.IsDir() {
		return nil
	}
	return f.open()
}

// Protect names files no output may replace: the run's inputs (texts,
// metadata, covers). Paths that do not exist are ignored.
func (f *Folder) Protect(paths ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil {
			f.inputs = append(f.inputs, protected{p, st})
		}
	}
}

// Swept is how many temporaries of earlier, killed runs opening the
// folder removed.
func (f *Folder) Swept() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.swept
}

// Write writes the file name (a plain name) in the folder, atomically,
// unless it would replace an input of the run, or a file folio did not
// write (see Overwrite).
func (f *Folder) Write(name string, fn func(w io.Writer) error) error {
	if err := f.open(); err != nil {
		return err
	}
	path := filepath.Join(f.Dir, name)
	check := func() error { return f.mayReplace(name, path) }
	if err := check(); err != nil {
		return err // before the work of making the file
	}
	st, err := write(path, fn, check)
	if err != nil {
		return err
	}
	return f.record(name, st)
}

// Check says whether every one of names may be written now: a book
// checks all its outputs before writing the first, so that it never
// leaves some written and one refused.
func (f *Folder) Check(names ...string) error {
	if err := f.open(); err != nil {
		return err
	}
	for _, n := range names {
		if err := f.mayReplace(n, filepath.Join(f.Dir, n)); err != nil {
			return err
		}
	}
	return nil
}

// mayReplace says whether the file at path may be replaced by output name.
func (f *Folder) mayReplace(name, path string) error {
	st, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, in := range f.inputs {
		if os.SameFile(st, in.info) {
			return fmt.Errorf("%w: %s is %s, an input of this run; folio never writes over its inputs: give --out another folder (or rename the book with output: in its metadata)", ErrExists, path, in.path)
		}
	}
	if st.IsDir() {
		return fmt.Errorf("%w: %s is a folder; move it away or give --out another folder", ErrExists, path)
	}
	if r, ok := f.made[name]; ok && r == recordOf(st) {
		return nil
	}
	if f.Overwrite {
		return nil
	}
	return fmt.Errorf("%w: %s exists and was not written by folio (or was changed since); move it away or give --out another folder (--overwrite replaces such files, never an input)", ErrExists, path)
}

// record notes that folio wrote name, and saves the record. Saves go one
// at a time, each of all that is recorded when it starts, so the last
// one holds every file.
func (f *Folder) record(name string, st fs.FileInfo) error {
	f.mu.Lock()
	f.made[name] = recordOf(st)
	f.mu.Unlock()
	f.save.Lock()
	defer f.save.Unlock()
	f.mu.Lock()
	var b bytes.Buffer
	b.WriteString("# folio: the files folio wrote in this folder (name, size, modification time, inode).\n# folio replaces only these (and only while they are as it left them). Do not edit.\n")
	names := make([]string, 0, len(f.made))
	for n := range f.made {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		r := f.made[n]
		fmt.Fprintf(&b, "%s\t%d\t%d\t%d\n", strconv.Quote(n), r.size, r.mtime, r.ino)
	}
	f.mu.Unlock()
	_, err := write(filepath.Join(f.Dir, ManifestName), func(w io.Writer) error { _, err := w.Write(b.Bytes()); return err }, nil)
	return err
}

// Release gives the folder up: the lock is removed.
func (f *Folder) Release() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.lock == nil {
		return
	}
	p := f.lock.Name()
	os.Remove(p)
	f.lock.Close()
	f.lock = nil
	locksMu.Lock()
	delete(locks, p)
	locksMu.Unlock()
}

var locksMu sync.Mutex

// open creates and locks the folder, reads the record and sweeps stale
// temporaries, once; its error is every later write's.
func (f *Folder) open() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.opened {
		return f.openErr
	}
	f.opened = true
	f.openErr = f.openLocked()
	return f.openErr
}

func (f *Folder) openLocked() error {
	if err := os.MkdirAll(f.Dir, 0o777); err != nil {
		return fmt.Errorf("cannot create the output folder %s: %w", f.Dir, unwrapPath(err))
	}
	lp := filepath.Join(f.Dir, LockName)
	l, err := os.OpenFile(lp, os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		return fmt.Errorf("cannot write in the output folder %s: %w", f.Dir, unwrapPath(err))
	}
	if err := lockFile(l); err != nil {
		holder, _ := io.ReadAll(io.LimitReader(l, 64))
		l.Close()
		who := ""
		if pid := strings.TrimSpace(string(holder)); pid != "" {
			who = " (process " + pid + ")"
		}
		return fmt.Errorf("%w %s%s: wait for it to finish, or give --out another folder", ErrLocked, f.Dir, who)
	}
	l.Truncate(0)
	fmt.Fprintf(l, "%d\n", os.Getpid())
	f.lock = l
	locksMu.Lock()
	locks[lp] = true
	locksMu.Unlock()
	f.made = readManifest(filepath.Join(f.Dir, ManifestName))
	// Under the lock no other run writes here: any temporary of folio's
	// is a killed run's.
	if entries, err := os.ReadDir(f.Dir); err == nil {
		for _, e := range entries {
			if e.Type().IsRegular() && isTemp(e.Name()) && os.Remove(filepath.Join(f.Dir, e.Name())) == nil {
				f.swept++
			}
		}
	}
	return nil
}

// readManifest reads the record of the files folio wrote, keeping those
// still there; a missing or damaged record is empty (folio then replaces
// nothing it finds without --overwrite).
func readManifest(path string) map[string]record {
	made := map[string]record{}
	data, err := os.ReadFile(path)
	if err != nil || len(data) > 16<<20 {
		return made
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			continue
		}
		name, err := strconv.Unquote(f[0])
		if err != nil || name != filepath.Base(name) {
			continue
		}
		var r record
		var e1, e2, e3 error
		r.size, e1 = strconv.ParseInt(f[1], 10, 64)
		r.mtime, e2 = strconv.ParseInt(f[2], 10, 64)
		r.ino, e3 = strconv.ParseUint(f[3], 10, 64)
		if e1 != nil || e2 != nil || e3 != nil {
			continue
		}
		if _, err := os.Lstat(filepath.Join(filepath.Dir(path), name)); err == nil {
			made[name] = r
		}
	}
	return made
}

// Recorded lists the files the record in dir says folio wrote there (and
// that are still there): folio's outputs, which a walk for books skips.
func Recorded(dir string) map[string]bool {
	if _, err := os.Lstat(filepath.Join(dir, ManifestName)); err != nil {
		return nil
	}
	names := map[string]bool{}
	for n := range readManifest(filepath.Join(dir, ManifestName)) {
		names[n] = true
	}
	return names
}
