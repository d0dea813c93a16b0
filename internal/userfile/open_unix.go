//go:build unix

package userfile

import (
	"os"
	"syscall"
)

// openNonBlocking opens with O_NONBLOCK: opening a FIFO for reading
// otherwise waits for a writer, forever.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// setBlocking clears O_NONBLOCK again once the file is known to be a
// regular file (where it has no effect; cleared all the same, so that
// reads behave as on any file).
func setBlocking(f *os.File) error {
	return syscall.SetNonblock(int(f.Fd()), false)
}
