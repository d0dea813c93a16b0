//go:build unix

package outfile

import (
	"io/fs"
	"os"
	"syscall"
)

// lockFile takes an exclusive lock on f without waiting; the system
// drops it when the process ends, however it ends.
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// inode is the file's inode number.
func inode(st fs.FileInfo) uint64 {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(s.Ino)
	}
	return 0
}
