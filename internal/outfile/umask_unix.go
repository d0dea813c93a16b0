//go:build unix

package outfile

import (
	"io/fs"
	"syscall"
)

// umask is the process's file mode mask, read once before any goroutine
// could create a file (reading it means setting it).
var umask = func() fs.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return fs.FileMode(m)
}()
