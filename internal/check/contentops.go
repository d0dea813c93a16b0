package check

import (
	"bytes"
	"errors"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// contentOp is one operator of a content stream with its operands as
// written ("0", "/F1", "(text)", "[…]").
type contentOp struct {
	name string
	args []string
}

// maxOps bounds what one page's content may hold before the checker gives
// up on it (a page of a book has some thousands).
const maxOps = 2_000_000

// pageOps decodes a page's content streams and splits them into
// operators.
func (p *pdfCheck) pageOps(pg *page) ([]contentOp, error) {
	o, err := p.ctx.Dereference(pg.dict["Contents"])
	if err != nil || o == nil {
		return nil, err
	}
	streams := []types.Object{o}
	if arr, ok := o.(types.Array); ok {
		streams = arr
	}
	var all []byte
	for _, s := range streams {
		sd, _, err := p.ctx.DereferenceStreamDict(s)
		if err != nil {
			return nil, err
		}
		if sd == nil {
			continue
		}
		if err := sd.DecodeWithLimit(p.ctx.Limits.MaxDecodeBytes); err != nil {
			return nil, err
		}
		all = append(all, sd.Content...)
		all = append(all, '\n')
	}
	return parseOps(all)
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

// parseOps tokenises a content stream: operands pile up until an
// operator takes them; strings, arrays and dictionaries are one operand
// each; an inline image's data is skipped.
func parseOps(b []byte) ([]contentOp, error) {
	var ops []contentOp
	var args []string
	i := 0
	for i < len(b) {
		c := b[i]
		switch {
		case isWhite(c):
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '(':
			j, err := skipString(b, i)
			if err != nil {
				return ops, err
			}
			args = append(args, string(b[i:j]))
			i = j
		case c == '<' && i+1 < len(b) && b[i+1] == '<', c == '[':
			j, err := skipNested(b, i)
			if err != nil {
				return ops, err
			}
			args = append(args, string(b[i:j]))
			i = j
		case c == '<':
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				return ops, errors.New("unterminated hex string")
			}
			args = append(args, string(b[i:i+j+1]))
			i += j + 1
		case c == '/':
			j := i + 1
			for j < len(b) && !isWhite(b[j]) && !isDelim(b[j]) {
				j++
			}
			args = append(args, string(b[i:j]))
			i = j
		default:
			j := i
			for j < len(b) && !isWhite(b[j]) && !isDelim(b[j]) {
				j++
			}
			if j == i {
				i++ // a stray delimiter
				continue
			}
			tok := string(b[i:j])
			i = j
			if (tok[0] >= '0' && tok[0] <= '9') || tok[0] == '-' || tok[0] == '+' || tok[0] == '.' || tok == "true" || tok == "false" || tok == "null" {
				args = append(args, tok)
				continue
			}
			ops = append(ops, contentOp{name: tok, args: args})
			args = nil
			if tok == "ID" {
				// inline image data runs to a whitespace-delimited EI
				k := i
				for k+2 < len(b) && !(isWhite(b[k]) && b[k+1] == 'E' && b[k+2] == 'I' && (k+3 == len(b) || isWhite(b[k+3]))) {
					k++
				}
				i = k + 3
			}
			if len(ops) > maxOps {
				return ops, errors.New("too many operators")
			}
		}
	}
	return ops, nil
}

// skipString returns the index after the literal string at b[i].
func skipString(b []byte, i int) (int, error) {
	depth := 0
	for j := i; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j + 1, nil
			}
		}
	}
	return len(b), errors.New("unterminated string")
}

// skipNested returns the index after the array or dictionary at b[i].
func skipNested(b []byte, i int) (int, error) {
	depth := 0
	for j := i; j < len(b); j++ {
		switch {
		case b[j] == '(':
			k, err := skipString(b, j)
			if err != nil {
				return k, err
			}
			j = k - 1
		case b[j] == '[' || b[j] == '<' && j+1 < len(b) && b[j+1] == '<':
			depth++
			if b[j] == '<' {
				j++
			}
		case b[j] == ']' || b[j] == '>' && j+1 < len(b) && b[j+1] == '>':
			depth--
			if b[j] == '>' {
				j++
			}
			if depth == 0 {
				return j + 1, nil
			}
		}
	}
	return len(b), errors.New("unterminated array or dictionary")
}
