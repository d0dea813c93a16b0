// Package outfile writes output files atomically: into a temporary file
// beside the destination, renamed into place only when complete, so that
// a failed or interrupted build never leaves a half-written file. A
// Folder adds what a whole run needs: a lock, so that two runs never mix
// their outputs in one folder; a record of the files folio wrote there,
// so that an output never replaces a file folio did not write (nor any
// input of the run); and the sweep of temporaries a killed run left.
package outfile

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// ErrAborted is returned by writes that Abort stopped.
var ErrAborted = errors.New("interrupted: the file was not written")

// The temporary files being written now, so that Abort can remove them:
// on Ctrl-C the process exits without waiting for the renderers.
var (
	mu      sync.Mutex
	live    = map[string]bool{}
	locks   = map[string]bool{} // lock files of the folders held
	aborted bool
)

// tempPrefix and tempSuffix name folio's temporary files: short, so that
// an output whose name nearly fills the file system's limit can still be
// written, and recognisable, so that the stale ones can be swept.
const (
	tempPrefix = ".folio-"
	tempSuffix = ".tmp"
)

// Write creates path with what fn writes.
func Write(path string, fn func(w io.Writer) error) error {
	_, err := write(path, fn, nil)
	return err
}

// write writes path through a temporary file; check, if not nil, runs
// under the lock just before the rename (to refuse replacing a file).
// It returns the written file's information.
func write(path string, fn func(w io.Writer) error, check func() error) (st fs.FileInfo, err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, fmt.Errorf("cannot create the output folder %s: %w", dir, unwrapPath(err))
	}
	mu.Lock()
	if aborted {
		mu.Unlock()
		return nil, ErrAborted
	}
	f, err := createTemp(dir)
	if err != nil {
		mu.Unlock()
		return nil, fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	tmp := f.Name()
	live[tmp] = true
	mu.Unlock()
	defer func() {
		mu.Lock()
		delete(live, tmp)
		mu.Unlock()
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err = fn(bw); err != nil {
		return nil, err
	}
	if err = bw.Flush(); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	// The mode a new file gets from the user's umask (CreateTemp makes
	// it private).
	if err = f.Chmod(0o666 &^ umask); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err = f.Close(); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	// The rename happens under the lock: Abort comes either before it
	// (no file) or after it (the whole file), never in between.
	mu.Lock()
	defer mu.Unlock()
	if aborted {
		return nil, ErrAborted
	}
	if check != nil {
		if err = check(); err != nil {
			return nil, err
		}
	}
	if err = os.Rename(tmp, path); err != nil {
		return nil, fmt.Errorf("cannot move %s into place: %w", path, unwrapPath(err))
	}
	st, err = os.Lstat(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read back %s: %w", path, unwrapPath(err))
	}
	return st, nil
}

// createTemp makes a new temporary file in dir, named tempPrefix, 16 hex
// digits and tempSuffix.
func createTemp(dir string) (*os.File, error) {
	var b [8]byte
	for range 100 {
		rand.Read(b[:])
		f, err := os.OpenFile(filepath.Join(dir, tempPrefix+hex.EncodeToString(b[:])+tempSuffix), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, errors.New("no free temporary name")
}

// Abort removes every file being written and makes all further writes
// fail with ErrAborted. It returns how many unfinished files it removed.
// Finished files stay: each is complete. Folders held are released.
func Abort() int {
	mu.Lock()
	defer mu.Unlock()
	aborted = true
	n := 0
	for tmp := range live {
		if os.Remove(tmp) == nil {
			n++
		}
	}
	locksMu.Lock()
	for l := range locks {
		os.Remove(l)
	}
	locksMu.Unlock()
	return n
}

// unwrapPath drops the path an os error repeats (the temporary name
// means nothing to the user; the message names the output).
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// isTemp reports whether name is one of folio's temporary files: today's
// (.folio-….tmp) or those of earlier versions (.NAME.DIGITS.tmp, NAME an
// output of folio's).
func isTemp(name string) bool {
	if !strings.HasPrefix(name, ".") || !strings.HasSuffix(name, tempSuffix) {
		return false
	}
	if strings.HasPrefix(name, tempPrefix) {
		return true
	}
	base := strings.TrimSuffix(name[1:], tempSuffix)
	i := strings.LastIndexByte(base, '.')
	if i < 0 || i == len(base)-1 || strings.Trim(base[i+1:], "0123456789") != "" {
		return false
	}
	for _, ext := range []string{".epub", ".pdf", ".md", ".json", ".txt"} {
		if strings.HasSuffix(base[:i], ext) {
			return true
		}
	}
	return false
}
