//go:build !unix

package outfile

import "io/fs"

var umask fs.FileMode = 0o022
