// Package outfile writes output files atomically: into a temporary file
// beside the destination, renamed into place only when complete, so that
// a failed or interrupted build never leaves a half-written file.
package outfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// ErrAborted is returned by writes that Abort stopped.
var ErrAborted = errors.New("interrupted: the file was not written")

// The temporary files being written now, so that Abort can remove them:
// on Ctrl-C the process exits without waiting for the renderers.
var (
	mu      sync.Mutex
	live    = map[string]bool{}
	aborted bool
)

// Write creates path with what fn writes.
func Write(path string, fn func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create the output folder %s: %w", dir, err)
	}
	mu.Lock()
	if aborted {
		mu.Unlock()
		return ErrAborted
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		mu.Unlock()
		return fmt.Errorf("cannot write in %s: %w", dir, err)
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
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	// The rename happens under the lock: Abort comes either before it
	// (no file) or after it (the whole file), never in between.
	mu.Lock()
	defer mu.Unlock()
	if aborted {
		return ErrAborted
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("cannot move %s into place: %w", path, err)
	}
	return nil
}

// Abort removes every file being written and makes all further writes
// fail with ErrAborted. It returns how many unfinished files it removed.
// Finished files stay: each is complete.
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
	return n
}
