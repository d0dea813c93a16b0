package check

import (
	"bufio"
	"bytes"
	"compress/lzw"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// MaxObjects is how many objects a checked PDF may hold. A printed book
// of 800 pages with pictures has tens of thousands; pdfcpu keeps each in
// memory, so millions would sink the checker.
const MaxObjects = 1_000_000

// damage finds what makes a PDF damaged in a way lenient readers repair
// silently but print services' preflight refuses: a file cut short (no
// %%EOF at its end) or a cross-reference offset that points nowhere.
func damage(data []byte, f *findings) {
	tail := data[max(0, len(data)-1024):]
	if !bytes.Contains(tail, []byte("%%EOF")) {
		f.add(Error, "", "the file does not end with %%%%EOF: it is truncated (cut short in a download or a copy) or damaged; export or download it again")
	}
	i := bytes.LastIndex(data[max(0, len(data)-4096):], []byte("startxref"))
	if i < 0 {
		f.add(Error, "", "no startxref at the end of the file: readers cannot find its objects without rebuilding the file, and print services refuse it; export it again")
		return
	}
	rest := data[max(0, len(data)-4096)+i+len("startxref"):]
	m := startxrefRe.FindSubmatch(rest)
	off, err := int64(0), error(nil)
	if m != nil {
		off, err = strconv.ParseInt(string(m[1]), 10, 64)
	}
	if m == nil || err != nil || off <= 0 || off >= int64(len(data)) || !xrefAt(data[off:]) {
		at := "unreadable"
		if m != nil {
			at = string(m[1])
		}
		f.add(Error, "", "the cross-reference offset (startxref %s) does not lead to the cross-reference table: the file is damaged; readers rebuild it silently, print services' preflight refuses it; export it again", at)
	}
}

var (
	startxrefRe = regexp.MustCompile(`^\s*(\d{1,19})`)
	xrefObjRe   = regexp.MustCompile(`^\s*\d+\s+\d+\s+obj\b`)
)

// xrefAt reports whether a cross-reference table or stream starts here.
func xrefAt(b []byte) bool {
	b = b[:min(len(b), 64)]
	return bytes.HasPrefix(bytes.TrimLeft(b, " \t\r\n\f\x00"), []byte("xref")) || xrefObjRe.Match(b)
}

var (
	streamKw   = []byte("stream")
	filterRe   = regexp.MustCompile(`/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)`)
	filterName = regexp.MustCompile(`/([A-Za-z0-9]+)`)
	objStmRe   = regexp.MustCompile(`/Type\s*/ObjStm\b`)
	objStmN    = regexp.MustCompile(`/N\s+(\d{1,12})\b`)
	objKw      = regexp.MustCompile(`\d+\s+\d+\s+obj\b`)
)

// pdfBudget spends a PDF's streams from the budget before pdfcpu reads
// it: pdfcpu decodes every stream and keeps it, so a few megabytes of
// flate bombs would take gigabytes. Each stream's filters are undone to
// nowhere, counting the bytes; objects (those of object streams too)
// are counted against MaxObjects.
func (b *budget) pdfBudget(data []byte, maxObjects int) error {
	objects := len(objKw.FindAllIndex(data, maxObjects+1))
	for i := 0; ; {
		j := bytes.Index(data[i:], streamKw)
		if j < 0 {
			break
		}
		at := i + j
		i = at + len(streamKw)
		if at >= 3 && string(data[at-3:at]) == "end" {
			continue // endstream
		}
		start := i
		switch {
		case bytes.HasPrefix(data[start:], []byte("\r\n")):
			start += 2
		case start < len(data) && (data[start] == '\n' || data[start] == '\r'):
			start++
		default:
			continue // not the keyword
		}
		dict := data[max(0, at-4096):at]
		if k := bytes.LastIndex(dict, []byte("obj")); k >= 0 {
			dict = dict[k:]
		}
		if objStmRe.Match(dict) {
			if m := objStmN.FindSubmatch(dict); m != nil {
				n, _ := strconv.Atoi(string(m[1]))
				objects += n
			}
		}
		if objects > maxObjects {
			return fmt.Errorf("%w: it holds more than %d objects", errBudget, maxObjects)
		}
		var filters []string
		if m := filterRe.FindSubmatch(dict); m != nil {
			for _, n := range filterName.FindAllSubmatch(m[1], -1) {
				filters = append(filters, string(n[1]))
			}
		}
		n, err := decodedSize(data[start:], filters, b.bytes+1)
		b.bytes -= n
		if err == nil && b.bytes < 0 {
			return fmt.Errorf("%w: its streams decompress to more than %s", errBudget, b.size())
		}
	}
	if objects > maxObjects {
		return fmt.Errorf("%w: it holds more than %d objects", errBudget, maxObjects)
	}
	return nil
}

// decodedSize undoes the expanding filters of a stream (Flate, LZW,
// RunLength) to nowhere, at most limit bytes, and returns the size.
// Other filters shrink their input or are images pdfcpu leaves encoded:
// their input is counted.
func decodedSize(raw []byte, filters []string, limit int64) (int64, error) {
	var r io.Reader = bytes.NewReader(raw)
	expands := false
	for _, f := range filters {
		switch f {
		case "FlateDecode", "Fl":
			z, err := zlib.NewReader(r)
			if err != nil {
				return 0, err
			}
			r, expands = z, true
		case "LZWDecode", "LZW":
			r, expands = lzw.NewReader(bufio.NewReader(r), lzw.MSB, 8), true
		case "RunLengthDecode", "RL":
			r, expands = &runLength{r: bufio.NewReader(r)}, true
		case "DCTDecode", "DCT", "JPXDecode", "CCITTFaxDecode", "CCF", "JBIG2Decode":
			return 0, nil // an image: pdfcpu does not decode it
		}
	}
	if !expands {
		return 0, nil // the raw bytes are in the file already
	}
	// A damaged stream ends the count where it breaks; pdfcpu reports it.
	n, _ := io.Copy(io.Discard, io.LimitReader(r, limit))
	return n, nil
}

// runLength is the RunLengthDecode filter, as a reader.
type runLength struct {
	r    *bufio.Reader
	run  int  // bytes left in the current run
	lit  bool // literal run (else a repeated byte)
	b    byte
	done bool
}

func (d *runLength) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if d.run == 0 {
			if d.done {
				break
			}
			c, err := d.r.ReadByte()
			if err != nil || c == 128 {
				d.done = true
				break
			}
			if c < 128 {
				d.run, d.lit = int(c)+1, true
			} else {
				b, err := d.r.ReadByte()
				if err != nil {
					d.done = true
					break
				}
				d.run, d.lit, d.b = 257-int(c), false, b
			}
		}
		if d.lit {
			c, err := d.r.ReadByte()
			if err != nil {
				d.done, d.run = true, 0
				break
			}
			p[n] = c
		} else {
			p[n] = d.b
		}
		n++
		d.run--
	}
	if n == 0 && d.done {
		return 0, io.EOF
	}
	return n, nil
}
