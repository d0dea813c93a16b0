// Package words answers questions about the bundled English word list
// (assets.WordList, Debian's wamerican): is a word listed, is it an
// ordinary word or a name, is it listed in capitals. The list is parsed
// once per process, on first use, into one table shared by every caller.
package words

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"folio/assets"
)

// Flags say how the list spells the entries that lower-case to one key.
type Flags uint8

const (
	// Lower: an entry starting in lower case ("cheese"): an ordinary word.
	Lower Flags = 1 << iota
	// Capital: an entry starting with a capital ("Paris", "NATO"): a name.
	Capital
	// AllCaps: an entry written wholly in capitals ("NATO", "US").
	AllCaps
	// Possessive: the key plus "'s" is an entry ("Kinko's"). Possessive
	// entries set only this flag, on their stem, so that Lower and Capital
	// describe the base forms alone.
	Possessive
)

var (
	once sync.Once
	list *table
)

// load parses the list on first use.
func load() *table {
	once.Do(func() {
		b, err := assets.FS.ReadFile(assets.WordList)
		if err != nil {
			// The list is embedded at build time; without it every lookup
			// simply finds nothing.
			b = nil
		}
		list = parse(b)
	})
	return list
}

// table is an open-addressing hash set over the lower-cased list. A Go map
// of 75,000 string keys takes longer to build than the rest of the cleaning
// stage; this takes one allocation beside the list, 1 MB of slots. Each
// slot packs an entry: the key's offset in text (bits 32–63), its length
// (24–31), a hash tag (8–23) and its Flags (0–7); 0 is empty.
type table struct {
	text  []byte // the list, lower-cased in place; keys are spans of it
	slots []uint64
}

const maxKey = 255 // longest key a slot can hold; the list's is under 30

func hash[S string | []byte](s S) uint64 {
	h := uint64(14695981039346656037) // FNV-1a
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h ^ h>>29
}

// find returns the slot holding key, or the empty slot where it belongs.
func find[S string | []byte](t *table, key S, h uint64) int {
	mask := uint64(len(t.slots) - 1)
	want := uint64(len(key))<<24 | (h>>48)<<8
	for i := h & mask; ; i = (i + 1) & mask {
		e := t.slots[i]
		if e == 0 {
			return int(i)
		}
		if e&0xffffff00 == want {
			off := e >> 32
			if string(t.text[off:off+uint64(len(key))]) == string(key) {
				return int(i)
			}
		}
	}
}

// add ors f into the flags of text[off:end].
func (t *table) add(off, end int, f Flags) {
	key := t.text[off:end]
	if len(key) == 0 || len(key) > maxKey {
		return
	}
	h := hash(key)
	i := find(t, key, h)
	if t.slots[i] == 0 {
		t.slots[i] = uint64(off)<<32 | uint64(len(key))<<24 | (h>>48)<<8
	}
	t.slots[i] |= uint64(f)
}

func (t *table) lookup(key string) Flags {
	if key == "" || len(key) > maxKey {
		return 0
	}
	return Flags(t.slots[find(t, key, hash(key))] & 0xff)
}

// parse builds the table from list, one word a line, lower-casing list in
// place: the keys are spans of it, so there is no allocation per word.
func parse(list []byte) *table {
	lines := bytes.Count(list, []byte{'\n'}) + 1
	size := 1
	// Never full, so a probe always ends; the real list (104,334 lines,
	// 73,701 keys) fills 56%.
	for size <= lines {
		size *= 2
	}
	t := &table{text: list, slots: make([]uint64, size)}
	for start, n := 0, len(list); start < n; {
		end := bytes.IndexByte(t.text[start:n], '\n')
		if end < 0 {
			end = n
		} else {
			end += start
		}
		t.addLine(start, end)
		start = end + 1
	}
	return t
}

// addLine enters the word text[start:end], lower-casing it.
func (t *table) addLine(start, end int) {
	line := t.text[start:end]
	if len(line) == 0 || len(bytes.TrimSpace(line)) != len(line) {
		return // the list has no blanks; skip rather than mis-key
	}
	// The flags come from the line as listed, before lower-casing.
	poss := bytes.HasSuffix(line, []byte("'s"))
	f := Possessive
	var caps string // a non-ASCII word in capitals, to check below
	if !poss {
		f = Lower
		if r, _ := utf8.DecodeRune(line); unicode.IsUpper(r) {
			f = Capital
			if upperBytes(line) {
				f |= AllCaps
				if !isASCII(string(line)) {
					caps = string(line)
				}
			}
		}
	}
	off, lend := t.lower(start, end)
	if caps != "" && string(bytes.ToUpper(t.text[off:lend])) != caps {
		f &^= AllCaps // Caps could not tell it from another spelling
	}
	if poss {
		lend -= 2 // the flag goes on the stem
	}
	t.add(off, lend, f)
}

func upperBytes(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if !unicode.IsUpper(r) {
			return false
		}
		b = b[n:]
	}
	return true
}

// lower lower-cases line text[start:end] and returns where its lower-case
// form is: in place when lower-casing keeps its length, as it does for
// every line of wamerican, else appended to text.
func (t *table) lower(start, end int) (off, lend int) {
	line := t.text[start:end]
	ascii := true
	for i, c := range line {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			line[i] = c + 'a' - 'A'
		}
	}
	if ascii {
		return start, end
	}
	lw := bytes.ToLower(line) // rare: 256 lines with accents
	if len(lw) == len(line) {
		copy(line, lw)
		return start, end
	}
	off = len(t.text)
	t.text = append(t.text, lw...)
	return off, len(t.text)
}

func allUpper(s string) bool {
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return s != ""
}

// Lookup returns the flags of key, a lower-case word; 0 if unlisted.
func Lookup(key string) Flags { return load().lookup(key) }

// Known reports whether some entry, possessives included, lower-cases to
// key: "cheese", "paris", "kinko's".
func Known(key string) bool {
	t := load()
	if t.lookup(key)&(Lower|Capital) != 0 {
		return true
	}
	stem, ok := strings.CutSuffix(key, "'s")
	return ok && t.lookup(stem)&Possessive != 0
}

// Caps reports whether w, a word in capitals, is an entry exactly as
// written: "US" and "NATO" are, "CHEESE" is not.
func Caps(w string) bool {
	if !allUpper(w) {
		return false
	}
	var buf [64]byte
	var key []byte
	if isASCII(w) {
		key = buf[:0]
		for i := 0; i < len(w); i++ {
			key = append(key, w[i]+'a'-'A') // allUpper: only A–Z here
		}
	} else {
		lw := strings.ToLower(w)
		if strings.ToUpper(lw) != w {
			return false // no listed capitals spell it ("K" Kelvin sign)
		}
		key = []byte(lw)
	}
	return load().lookup(string(key))&AllCaps != 0
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
