package pdf

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
)

// fpdf compresses every page's content stream with a fresh zlib writer,
// and allocating that writer costs more than the compression itself: on a
// 300-page book it was a third of Write's time. So fpdf writes the pages
// uncompressed and finish deflates them here with one reused writer,
// then rebuilds the cross-reference table. The page contents themselves
// come from a contentWriter, in place of fpdf's (see content.go). It
// relies on fpdf's plain layout: a classic xref table, each page object
// naming its content stream ("/Contents n 0 R") just before that stream,
// and streams written as "<</Length n>>\nstream\n…\nendstream".

// fpdfFile is fpdf's output with its cross-reference table read.
type fpdfFile struct {
	in        []byte
	offs      []int // offset of each object; index 0 unused
	trailerAt int
}

func parseFpdf(in []byte) (*fpdfFile, error) {
	offs, at, err := xrefOffsets(in)
	if err != nil {
		return nil, err
	}
	return &fpdfFile{in: in, offs: offs, trailerAt: at}, nil
}

// object returns the text of object n up to its "endobj".
func (f *fpdfFile) object(n int) []byte {
	if n <= 0 || n >= len(f.offs) {
		return nil
	}
	obj := f.in[f.offs[n]:f.trailerAt]
	if e := bytes.Index(obj, []byte("endobj")); e >= 0 {
		obj = obj[:e]
	}
	return obj
}

// fontIDs maps each font's BaseFont name (as fpdf wrote it) to the
// resource name the pages select it by, without the "/F": it is a hash
// fpdf computes and does not export. fpdf writes the resource dictionary
// as object 2.
func (f *fpdfFile) fontIDs() (map[string]string, error) {
	ids, _, err := f.fonts()
	return ids, err
}

// fonts is fontIDs and, for each BaseFont name, the font's object number.
func (f *fpdfFile) fonts() (map[string]string, map[string]int, error) {
	res := f.object(2)
	i := bytes.Index(res, []byte("/Font <<"))
	if i < 0 {
		return nil, nil, errors.New("pdf: fpdf wrote no font resources")
	}
	res = res[i+len("/Font <<"):]
	if e := bytes.Index(res, []byte(">>")); e >= 0 {
		res = res[:e]
	}
	ids := map[string]string{}
	objs := map[string]int{}
	fs := bytes.Fields(res)
	for k := 0; k < len(fs); k += 4 {
		if k+3 >= len(fs) || !bytes.HasPrefix(fs[k], []byte("/F")) || string(fs[k+2]) != "0" || string(fs[k+3]) != "R" {
			return nil, nil, errors.New("pdf: unexpected font resources from fpdf")
		}
		name, ref := fs[k], fs[k+1]
		n, err := strconv.Atoi(string(ref))
		if err != nil {
			return nil, nil, errors.New("pdf: unexpected font resources from fpdf")
		}
		font := f.object(n)
		b := bytes.Index(font, []byte("/BaseFont /"))
		if b < 0 {
			return nil, nil, fmt.Errorf("pdf: font object %d has no BaseFont", n)
		}
		base := bytes.Fields(font[b+len("/BaseFont /"):])
		if len(base) == 0 {
			return nil, nil, fmt.Errorf("pdf: font object %d has no BaseFont", n)
		}
		ids[string(base[0])] = string(name[2:])
		objs[string(base[0])] = n
	}
	return ids, objs, nil
}

// piece is an object of fpdf's file as finish writes it again.
type piece struct {
	n          int
	start, end int // the object in fpdf's file
	// a stream: where its data lies in the object; page is the page whose
	// content it is, or -1
	stream     bool
	dataStart  int
	dataEnd    int
	page       int
	headLength int // length of "n 0 obj\n"
	pageObj    int // the page whose page object this is, or -1
}

// edits are the changes finish makes to fpdf's file besides the page
// contents: streams whose data is replaced (the ToUnicode maps), objects
// replaced whole (the catalog, the document information), objects added
// after fpdf's (numbered from len(offs): an output intent and its
// profile), and entries added to the trailer (the file identifier).
type edits struct {
	streams map[int][]byte // object number → new stream data
	objects map[int][]byte // object number → its new dictionary, "<<…>>"
	added   [][]byte       // new objects' bodies: a dictionary, or a dictionary and "stream…endstream"
	trailer string         // entries added to the trailer dictionary
	// pageExtra, when set, gives entries added to page k's dictionary
	// (its TrimBox and BleedBox)
	pageExtra func(k int) []byte
}

// finish writes the file to w with every page's content stream replaced
// by what content appends for page k (0-based, in page order) and every
// stream deflated; a nil content keeps fpdf's own (for the tests). The
// file is checked whole before the first byte goes out, so that nothing
// is written when fpdf's output is not as expected.
func (f *fpdfFile) finish(w io.Writer, pages int, content func(dst []byte, k int) []byte) error {
	return f.finishEdited(w, pages, content, nil)
}

func (f *fpdfFile) finishEdited(w io.Writer, pages int, content func(dst []byte, k int) []byte, ed *edits) error {
	if ed == nil {
		ed = &edits{}
	}
	in, offs, trailerAt := f.in, f.offs, f.trailerAt
	// objects in file order (fpdf writes the page tree root last)
	order := make([]int, 0, len(offs)-1)
	for n := 1; n < len(offs); n++ {
		order = append(order, n)
	}
	slices.SortFunc(order, func(a, b int) int { return offs[a] - offs[b] })
	// contentOf is the page whose content object n is (-1: none yet)
	contentOf := make([]int, len(offs))
	for i := range contentOf {
		contentOf[i] = -1
	}
	page := 0
	plan := make([]piece, 0, len(order))
	const mid = ">>\nstream\n"
	for k, n := range order {
		start := offs[n]
		end := trailerAt
		if k+1 < len(order) {
			end = offs[order[k+1]]
		}
		if start <= 0 || end <= start || end > len(in) {
			return fmt.Errorf("pdf: object %d has a bad offset", n)
		}
		obj := in[start:end]
		pageObj := -1
		if c, ok := contentsRef(obj, n); ok {
			if c <= 0 || c >= len(offs) || page >= pages {
				return fmt.Errorf("pdf: page object %d: unexpected contents from fpdf", n)
			}
			contentOf[c] = page
			pageObj = page
			page++
		}
		pc := piece{n: n, start: start, end: end, page: contentOf[n], pageObj: pageObj}
		head := strconv.Itoa(n) + " 0 obj\n<</Length "
		if !bytes.HasPrefix(obj, []byte(head)) {
			if pc.page >= 0 {
				return fmt.Errorf("pdf: content stream %d is not where fpdf puts it", n)
			}
			plan = append(plan, pc)
			continue
		}
		rest := obj[len(head):]
		i := bytes.IndexByte(rest, '>')
		length, err := strconv.Atoi(string(rest[:max(i, 0)]))
		if i < 0 || err != nil || !bytes.HasPrefix(rest[i:], []byte(mid)) || i+len(mid)+length > len(rest) {
			if pc.page >= 0 {
				return fmt.Errorf("pdf: content stream %d is not as fpdf writes it", n)
			}
			plan = append(plan, pc)
			continue
		}
		pc.stream = true
		pc.headLength = len(head) - len("<</Length ")
		pc.dataStart = start + len(head) + i + len(mid)
		pc.dataEnd = pc.dataStart + length
		plan = append(plan, pc)
	}
	if page != pages {
		return fmt.Errorf("pdf: fpdf wrote %d pages, the layout has %d", page, pages)
	}
	// the trailer dictionary is kept; only startxref moves
	tr := in[trailerAt:]
	t := bytes.Index(tr, []byte("trailer"))
	s := bytes.LastIndex(tr, []byte("startxref"))
	if t < 0 || s < t {
		return errors.New("pdf: fpdf wrote no trailer")
	}

	deflated, err := f.deflate(plan, content, ed.streams)
	if err != nil {
		return err
	}
	out := &countingWriter{w: bufio.NewWriterSize(w, 1<<16)}
	out.Write(in[:offs[order[0]]]) // the header
	newOffs := make([]int, len(offs))
	var num []byte
	for i, pc := range plan {
		newOffs[pc.n] = out.n
		if obj, ok := ed.objects[pc.n]; ok {
			num = strconv.AppendInt(num[:0], int64(pc.n), 10)
			num = append(num, " 0 obj\n"...)
			num = append(num, obj...)
			num = append(num, "\nendobj\n"...)
			out.Write(num)
			continue
		}
		if !pc.stream {
			if pc.pageObj >= 0 && ed.pageExtra != nil {
				// after "n 0 obj\n<</Type /Page\n"
				at := pc.start + len(strconv.Itoa(pc.n)) + len(" 0 obj\n<</Type /Page\n")
				out.Write(in[pc.start:at])
				out.Write(ed.pageExtra(pc.pageObj))
				out.Write(in[at:pc.end])
				continue
			}
			out.Write(in[pc.start:pc.end])
			continue
		}
		z := deflated[i]
		out.Write(in[pc.start : pc.start+pc.headLength])
		num = append(num[:0], "<</Filter /FlateDecode /Length "...)
		num = strconv.AppendInt(num, int64(len(z)), 10)
		num = append(num, mid...)
		out.Write(num)
		out.Write(z)
		out.Write(in[pc.dataEnd:pc.end])
	}
	size := len(offs)
	for _, obj := range ed.added {
		newOffs = append(newOffs, out.n)
		num = strconv.AppendInt(num[:0], int64(size), 10)
		num = append(num, " 0 obj\n"...)
		out.Write(num)
		out.Write(obj)
		out.Write([]byte("\nendobj\n"))
		size++
	}
	xref := out.n
	num = append(num[:0], "xref\n0 "...)
	num = strconv.AppendInt(num, int64(size), 10)
	num = append(num, "\n0000000000 65535 f \n"...)
	for n := 1; n < size; n++ {
		num = fmt.Appendf(num, "%010d 00000 n \n", newOffs[n])
	}
	trailer := tr[t:s]
	if len(ed.added) > 0 || ed.trailer != "" {
		trailer = editTrailer(trailer, size, ed.trailer)
	}
	num = append(num, trailer...)
	num = append(num, "startxref\n"...)
	num = strconv.AppendInt(num, int64(xref), 10)
	num = append(num, "\n%%EOF\n"...)
	out.Write(num)
	if out.err != nil {
		return fmt.Errorf("pdf: writing: %w", out.err)
	}
	if err := out.w.Flush(); err != nil {
		return fmt.Errorf("pdf: writing: %w", err)
	}
	return nil
}

// deflate makes and deflates the streams of plan (by index in plan) on
// all cores: the page contents are some 6 MB on a 300-page book. Each
// stream is deflated on its own, by a writer Reset for it, which gives
// the bytes a new writer gives (TestDeflateReset), so that which core
// takes which stream does not matter.
func (f *fpdfFile) deflate(plan []piece, content func(dst []byte, k int) []byte, streams map[int][]byte) ([][]byte, error) {
	out := make([][]byte, len(plan))
	var next atomic.Int64
	errs := make([]error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for w := range errs {
		wg.Go(func() {
			var zbuf bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&zbuf, zlib.BestSpeed) // a valid level: no error
			var scratch []byte
			for {
				i := int(next.Add(1) - 1)
				if i >= len(plan) {
					return
				}
				pc := &plan[i]
				if !pc.stream {
					continue
				}
				data := f.in[pc.dataStart:pc.dataEnd]
				if d, ok := streams[pc.n]; ok {
					data = d
				}
				if pc.page >= 0 && content != nil {
					scratch = content(scratch[:0], pc.page)
					data = scratch
				}
				zbuf.Reset()
				zw.Reset(&zbuf)
				zw.Write(data)
				if err := zw.Close(); err != nil {
					errs[w] = fmt.Errorf("pdf: compressing a page: %w", err)
					return
				}
				out[i] = bytes.Clone(zbuf.Bytes())
			}
		})
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// countingWriter counts what it writes, for the cross-reference table,
// and keeps the first error.
type countingWriter struct {
	w   *bufio.Writer
	n   int
	err error
}

func (c *countingWriter) Write(p []byte) {
	if c.err != nil {
		return
	}
	k, err := c.w.Write(p)
	c.n += k
	c.err = err
}

// contentsRef returns the content stream of a page object.
func contentsRef(obj []byte, n int) (int, bool) {
	head := strconv.Itoa(n) + " 0 obj\n<</Type /Page\n"
	if !bytes.HasPrefix(obj, []byte(head)) {
		return 0, false
	}
	i := bytes.Index(obj, []byte("/Contents "))
	if i < 0 {
		return 0, true
	}
	f := bytes.Fields(obj[i+len("/Contents "):])
	if len(f) == 0 {
		return 0, true
	}
	c, err := strconv.Atoi(string(f[0]))
	if err != nil {
		return 0, true
	}
	return c, true
}

// xrefOffsets reads the classic cross-reference table: the offset of each
// object (index 0 unused) and where the table starts.
func xrefOffsets(in []byte) ([]int, int, error) {
	s := bytes.LastIndex(in, []byte("startxref"))
	if s < 0 {
		return nil, 0, errors.New("pdf: no startxref in fpdf's output")
	}
	f := bytes.Fields(in[s+len("startxref"):])
	if len(f) == 0 {
		return nil, 0, errors.New("pdf: empty startxref")
	}
	at, err := strconv.Atoi(string(f[0]))
	if err != nil || at <= 0 || at >= len(in) || !bytes.HasPrefix(in[at:], []byte("xref")) {
		return nil, 0, errors.New("pdf: startxref does not point at an xref table")
	}
	lines := bytes.Split(in[at:], []byte("\n"))
	if len(lines) < 3 {
		return nil, 0, errors.New("pdf: short xref table")
	}
	hdr := bytes.Fields(lines[1])
	if len(hdr) != 2 || string(hdr[0]) != "0" {
		return nil, 0, errors.New("pdf: unexpected xref subsection")
	}
	count, err := strconv.Atoi(string(hdr[1]))
	if err != nil || count < 2 || len(lines) < 2+count {
		return nil, 0, errors.New("pdf: bad xref size")
	}
	offs := make([]int, count)
	for n := 1; n < count; n++ {
		e := bytes.Fields(lines[2+n])
		if len(e) != 3 {
			return nil, 0, fmt.Errorf("pdf: bad xref entry %d", n)
		}
		if offs[n], err = strconv.Atoi(string(e[0])); err != nil || offs[n] <= 0 || offs[n] >= at {
			return nil, 0, fmt.Errorf("pdf: bad xref entry %d", n)
		}
	}
	return offs, at, nil
}

// editTrailer sets the trailer's /Size and adds entries before its end.
func editTrailer(tr []byte, size int, add string) []byte {
	out := make([]byte, 0, len(tr)+len(add)+16)
	i := bytes.Index(tr, []byte("/Size "))
	if i < 0 {
		return tr
	}
	out = append(out, tr[:i]...)
	out = append(out, "/Size "...)
	out = strconv.AppendInt(out, int64(size), 10)
	rest := tr[i+len("/Size "):]
	for len(rest) > 0 && rest[0] >= '0' && rest[0] <= '9' {
		rest = rest[1:]
	}
	e := bytes.LastIndex(rest, []byte(">>"))
	if e < 0 {
		return tr
	}
	out = append(out, rest[:e]...)
	out = append(out, add...)
	return append(out, rest[e:]...)
}

// objectRef reads "/Key n 0 R" from an object's text: n, or 0.
func objectRef(obj []byte, key string) int {
	i := bytes.Index(obj, []byte(key+" "))
	if i < 0 {
		return 0
	}
	f := bytes.Fields(obj[i+len(key)+1:])
	if len(f) < 3 || string(f[1]) != "0" || !bytes.HasPrefix(f[2], []byte("R")) {
		return 0
	}
	n, err := strconv.Atoi(string(f[0]))
	if err != nil {
		return 0
	}
	return n
}

// dictOf returns the dictionary text of an object, "<<…>>", or nil.
func dictOf(obj []byte) []byte {
	i := bytes.Index(obj, []byte("<<"))
	e := bytes.LastIndex(obj, []byte(">>"))
	if i < 0 || e < i {
		return nil
	}
	return obj[i : e+2]
}
