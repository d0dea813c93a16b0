// Package userfile is the one way folio reads a file a user gave it (a
// book's text, its metadata, its cover, a file to check): opened without
// blocking, refused unless it is a regular file (a FIFO, a device or a
// folder is never read), and read through a limit that fits its kind, so
// that no input can hang folio or exhaust its memory.
package userfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Kind is what a file is for, with the most folio reads of it.
type Kind struct {
	What  string // "text", "metadata file", "cover image"…, for messages
	Limit int64  // bytes
	// TooLarge says what the limit is and what to do with a larger file.
	TooLarge string
	// Give says what to give folio instead of a FIFO, a device or a folder.
	Give string
}

// The kinds folio reads. Each limit is far above what the kind ever
// needs, and low enough that reading it costs no more than a build.
var (
	// Text is a book's text layer (the limit is source.MaxBytes's).
	Text = Kind{"text", 16 << 20, "folio takes at most 16 MB of text (about 7,500 printed pages, six times the longest book print services print): split the text into volumes, one file each, and build them one at a time", "give folio the book's text as a file (BOOK.txt)"}
	// Metadata is a book's YAML file: a few kilobytes of bibliographic data.
	Metadata = Kind{"metadata file", 1 << 20, "folio takes metadata files of at most 1 MB (a book's title, authors and the like take a few kilobytes): is it the right file?", "give folio the metadata as a file (BOOK.yaml)"}
	// Cover is a cover image: KDP takes e-book covers of at most 50 MB.
	Cover = Kind{"cover image", 50 << 20, "folio takes cover images of at most 50 MB, as stores do: save it as a JPEG of about 1600 × 2560 pixels", "give the cover as a JPEG or PNG file"}
	// EPUB and PDF are files given to folio check: KDP takes EPUBs and
	// print interiors of at most 650 MB.
	EPUB = Kind{"EPUB", 650 << 20, "folio checks EPUBs of at most 650 MB, the most stores take: compress or scale down its images", "give folio check the EPUB file itself"}
	PDF  = Kind{"PDF", 650 << 20, "folio checks PDFs of at most 650 MB, the most print services take: compress or downsample its images", "give folio check the PDF file itself"}
	// Book is a file given to folio check before its kind is known.
	Book = Kind{"file", 650 << 20, "folio checks EPUBs and PDFs of at most 650 MB, the most stores and print services take", "give folio check the EPUB or PDF file itself"}
)

// Error is a refusal: which file, and why, with what to do.
type Error struct {
	Path string
	Msg  string
	Err  error // the underlying error, if any
}

func (e *Error) Error() string { return e.Path + ": " + e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// ErrTooLarge is matched (errors.Is) by a refusal for size.
var ErrTooLarge = errors.New("file over the limit of its kind")

// ErrNotRegular is matched by a refusal of a FIFO, a device, a socket
// or a folder.
var ErrNotRegular = errors.New("not a regular file")

// Read reads the file at path as kind k.
func Read(path string, k Kind) ([]byte, error) {
	f, err := Open(path, k)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadAll(f, path, k)
}

// Open opens path for reading and checks, on the open file (so that the
// file cannot be swapped between the check and the read), that it is a
// regular file within k's limit. The open does not block: a FIFO with no
// writer would otherwise hang folio before any check could run.
func Open(path string, k Kind) (*os.File, error) {
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, &Error{Path: path, Msg: "cannot read the " + k.What + ": " + reason(err), Err: err}
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, &Error{Path: path, Msg: "cannot read the " + k.What + ": " + reason(err), Err: err}
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, &Error{Path: path, Msg: fmt.Sprintf("is %s, not a regular file: %s", Describe(st.Mode()), k.Give), Err: ErrNotRegular}
	}
	if st.Size() > k.Limit {
		f.Close()
		return nil, tooLarge(path, k, st.Size())
	}
	if err := setBlocking(f); err != nil {
		f.Close()
		return nil, &Error{Path: path, Msg: "cannot read the " + k.What + ": " + reason(err), Err: err}
	}
	return f, nil
}

// ReadAll reads an opened file through k's limit: a file that grows
// while it is read stops at the limit instead of being read on.
func ReadAll(f *os.File, path string, k Kind) ([]byte, error) {
	size := int64(0)
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	buf := make([]byte, 0, min(size, k.Limit)+1)
	for {
		if int64(len(buf)) > k.Limit {
			return nil, tooLarge(path, k, int64(len(buf)))
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &Error{Path: path, Msg: "cannot read the " + k.What + ": " + reason(err), Err: err}
		}
	}
	if int64(len(buf)) > k.Limit {
		return nil, tooLarge(path, k, int64(len(buf)))
	}
	return buf, nil
}

func tooLarge(path string, k Kind, size int64) error {
	is := Size(size)
	if is == Size(k.Limit) {
		is = "over " + is
	}
	return &Error{Path: path, Msg: "is " + is + ": " + k.TooLarge, Err: ErrTooLarge}
}

// Size formats a byte count for a message: "16 MB", "1.5 GB", "300 KB".
func Size(n int64) string {
	switch {
	case n >= 1<<30:
		return trim(float64(n)/(1<<30)) + " GB"
	case n >= 1<<20:
		return trim(float64(n)/(1<<20)) + " MB"
	case n >= 1<<10:
		return trim(float64(n)/(1<<10)) + " KB"
	}
	return fmt.Sprintf("%d bytes", n)
}

func trim(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s
}

// Describe names a file mode that is not a regular file.
func Describe(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeIrregular != 0:
		return "a special file"
	}
	return "not a regular file"
}

// reason is what an open or read error means, without the path that the
// refusal names already.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}
