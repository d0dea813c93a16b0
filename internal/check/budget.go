package check

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The budget of one checked file: what it may unpack to (zip entries,
// PDF streams) and how many XML elements its documents may hold. A file
// made to exhaust the checker (a zip or flate bomb, a document of
// millions of empty elements) fails when it reaches either, in bounded
// time and memory; no real book comes near them (the sample unpacks to
// 5 MB, 10,000 elements).
const (
	MaxBytes    = 512 << 20
	MaxElements = 5_000_000
)

// budget is what is left of a file's budget.
type budget struct {
	bytes, maxBytes       int64
	elements, maxElements int
}

func newBudget(opt Options) *budget {
	b := &budget{maxBytes: MaxBytes, maxElements: MaxElements}
	if opt.MaxBytes > 0 {
		b.maxBytes = opt.MaxBytes
	}
	if opt.MaxElements > 0 {
		b.maxElements = opt.MaxElements
	}
	b.bytes, b.elements = b.maxBytes, b.maxElements
	return b
}

// size is the byte budget for messages: "512 MB".
func (b *budget) size() string {
	if b.maxBytes >= 1<<20 {
		return fmt.Sprintf("%d MB", b.maxBytes>>20)
	}
	return fmt.Sprintf("%d bytes", b.maxBytes)
}

// errBudget is the end of a budget.
var errBudget = errors.New("over the checker's budget")

// headSize is how much of every zip entry is kept to sniff it.
const headSize = 512

// headWriter keeps the first headSize bytes written to it, or, with
// keep, up to keepSize (more is dropped: the entry lied about its size).
type headWriter struct {
	head []byte
	keep bool
}

func (w *headWriter) Write(p []byte) (int, error) {
	limit := headSize
	if w.keep {
		limit = keepSize + 1
	}
	if n := limit - len(w.head); n > 0 {
		w.head = append(w.head, p[:min(n, len(p))]...)
	}
	return len(p), nil
}

// verify unpacks a zip entry to nowhere, which checks its checksum, and
// spends its size from the budget; it returns the entry's first bytes
// (all of them for an entry of at most keepSize, which is then not
// unpacked again) and its size.
func (b *budget) verify(zf *zip.File) ([]byte, int64, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, 0, err
	}
	defer rc.Close()
	h := headWriter{keep: zf.UncompressedSize64 <= keepSize}
	n, err := io.Copy(&h, io.LimitReader(rc, b.bytes+1))
	b.bytes -= n
	if b.bytes < 0 {
		return nil, n, errBudget
	}
	return h.head, n, err
}

// keepSize is the largest entry verify keeps whole: the documents of a
// book are small, and unpacking each twice cost more than checking it.
const keepSize = 256 << 10

// read unpacks an entry verified to be size bytes (its header's size is
// the archive's word, not to be trusted with an allocation).
func read(zf *zip.File, size int64) ([]byte, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	buf := bytes.NewBuffer(make([]byte, 0, size+1))
	if _, err := io.Copy(buf, io.LimitReader(rc, size+1)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// countElements counts the start tags of an XML document, roughly and
// fast ("<" then a name's first character), so that a document of more
// elements than the budget holds is refused before it is parsed.
func countElements(data []byte) int {
	n := 0
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 || i+j+1 >= len(data) {
			return n
		}
		i += j + 1
		if c := data[i]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || c >= 0x80 {
			n++
		}
	}
}

// spendElements takes a document's elements from the budget.
func (b *budget) spendElements(data []byte) error {
	n := countElements(data)
	if n > b.elements {
		return fmt.Errorf("%w: the book's documents hold more than %d elements", errBudget, b.maxElements)
	}
	b.elements -= n
	return nil
}

// unsafeName says what is wrong with a zip entry's name that, unpacked,
// could land outside the folder it is unpacked into; "" for a safe name.
func unsafeName(name string) string {
	switch {
	case strings.HasPrefix(name, "/"):
		return "is an absolute path"
	case len(name) >= 2 && name[1] == ':' && (name[0]|0x20 >= 'a' && name[0]|0x20 <= 'z'):
		return "names a Windows drive"
	case strings.Contains(name, `\`):
		return "holds a backslash (a Windows path separator)"
	case strings.ContainsRune(name, 0):
		return "holds a NUL byte"
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return "climbs out of the archive with .."
		}
	}
	return ""
}
