//go:build !unix

package userfile

import "os"

// Elsewhere opening does not block on special files.
func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }

func setBlocking(*os.File) error { return nil }
