//go:build !unix

package outfile

import (
	"io/fs"
	"os"
)

// Elsewhere the lock is the file's existence only.
func lockFile(*os.File) error { return nil }

func inode(fs.FileInfo) uint64 { return 0 }
