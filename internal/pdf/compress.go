package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// fpdf compresses every page's content stream with a fresh zlib writer,
// and allocating that writer costs more than the compression itself: on a
// 300-page book it was a third of Write's time. So fpdf writes the pages
// uncompressed and recompress deflates them here with one reused writer,
// then rebuilds the cross-reference table. It relies on fpdf's plain
// layout: a classic xref table and page streams written as
// "<</Length n>>\nstream\n…\nendstream".
func recompress(in []byte) ([]byte, error) {
	offs, trailerAt, err := xrefOffsets(in)
	if err != nil {
		return nil, err
	}
	// objects in file order (fpdf writes the page tree root last)
	order := make([]int, 0, len(offs)-1)
	for n := 1; n < len(offs); n++ {
		order = append(order, n)
	}
	slices.SortFunc(order, func(a, b int) int { return offs[a] - offs[b] })
	out := make([]byte, 0, len(in)/3)
	out = append(out, in[:offs[order[0]]]...) // the header
	var zbuf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&zbuf, zlib.BestSpeed)
	newOffs := make([]int, len(offs))
	for k, n := range order {
		start := offs[n]
		end := trailerAt
		if k+1 < len(order) {
			end = offs[order[k+1]]
		}
		if start <= 0 || end <= start || end > len(in) {
			return nil, fmt.Errorf("pdf: object %d has a bad offset", n)
		}
		newOffs[n] = len(out)
		obj := in[start:end]
		head := []byte(strconv.Itoa(n) + " 0 obj\n<</Length ")
		if !bytes.HasPrefix(obj, head) {
			out = append(out, obj...)
			continue
		}
		rest := obj[len(head):]
		i := bytes.IndexByte(rest, '>')
		length, err := strconv.Atoi(string(rest[:max(i, 0)]))
		const mid = ">>\nstream\n"
		if i < 0 || err != nil || !bytes.HasPrefix(rest[i:], []byte(mid)) || i+len(mid)+length > len(rest) {
			out = append(out, obj...)
			continue
		}
		data := rest[i+len(mid) : i+len(mid)+length]
		zbuf.Reset()
		zw.Reset(&zbuf)
		zw.Write(data)
		if err := zw.Close(); err != nil {
			return nil, fmt.Errorf("pdf: compressing a page: %w", err)
		}
		out = append(out, head[:len(head)-len("<</Length ")]...)
		out = append(out, "<</Filter /FlateDecode /Length "...)
		out = strconv.AppendInt(out, int64(zbuf.Len()), 10)
		out = append(out, mid...)
		out = append(out, zbuf.Bytes()...)
		out = append(out, rest[i+len(mid)+length:]...)
	}
	xref := len(out)
	out = append(out, "xref\n0 "...)
	out = strconv.AppendInt(out, int64(len(offs)), 10)
	out = append(out, "\n0000000000 65535 f \n"...)
	for n := 1; n < len(offs); n++ {
		out = fmt.Appendf(out, "%010d 00000 n \n", newOffs[n])
	}
	// the trailer dictionary is kept; only startxref moves
	tr := in[trailerAt:]
	t := bytes.Index(tr, []byte("trailer"))
	s := bytes.LastIndex(tr, []byte("startxref"))
	if t < 0 || s < t {
		return nil, errors.New("pdf: fpdf wrote no trailer")
	}
	out = append(out, tr[t:s]...)
	out = append(out, "startxref\n"...)
	out = strconv.AppendInt(out, int64(xref), 10)
	out = append(out, "\n%%EOF\n"...)
	return out, nil
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
