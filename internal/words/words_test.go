package words

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"folio/assets"
)

func TestLookup(t *testing.T) {
	for _, c := range []struct {
		key  string
		want Flags
	}{
		{"cheese", Lower | Possessive}, // "cheese", "cheese's"
		{"paris", Capital | Possessive},
		{"tirana", Capital | Possessive},
		{"nato", Capital | AllCaps | Possessive},
		{"us", Lower | Capital | AllCaps | Possessive}, // "us", "US", "US's"
		{"cc", Lower}, // "cc" only: "CC" is not listed
		{"ussr", Capital | AllCaps | Possessive},
		{"kinko", Possessive},                         // only "Kinko's" is listed
		{"zürich", Capital | Possessive},              // non-ASCII capitals lower-case too
		{"café", Lower | Possessive},                  //
		{"ii", Lower},                                 // "ii" the word, not "II"
		{"hoxha", 0},                                  // unlisted name
		{"tbe", 0},                                    // OCR misreading of "the"
		{"Paris", 0},                                  // keys are lower case
		{"albania's", 0},                              // possessives live on their stem
		{"", 0},                                       //
		{"marxist-leninist", 0},                       // compounds are not entries
		{"leninist", Capital | Possessive},            // listed as a name only
		{"civil", Lower},                              //
		{"mix", Lower | Possessive},                   //
		{"i", Lower | Capital | AllCaps | Possessive}, // "I" and "i"
	} {
		if got := Lookup(c.key); got != c.want {
			t.Errorf("Lookup(%q) = %04b, want %04b", c.key, got, c.want)
		}
	}
}

func TestKnown(t *testing.T) {
	for _, c := range []struct {
		key  string
		want bool
	}{
		{"cheese", true},
		{"paris", true},
		{"albania's", true},
		{"kinko's", true},
		{"kinko", false}, // the list has only the possessive
		{"café", true},
		{"hoxha", false},
		{"tbe", false},
		{"wliich", false},
		{"'s", false},
		{"", false},
	} {
		if got := Known(c.key); got != c.want {
			t.Errorf("Known(%q) = %v, want %v", c.key, got, c.want)
		}
	}
}

func TestCaps(t *testing.T) {
	for _, c := range []struct {
		w    string
		want bool
	}{
		{"US", true},
		{"NATO", true},
		{"USSR", true},
		{"UN", true},
		{"CHEESE", false}, // listed in lower case only
		{"PARIS", false},  // listed as "Paris"
		{"CC", false},     // listed as "cc"
		{"PLA", false},    // unlisted
		{"Us", false},     // not in capitals
		{"ZÜRICH", false},
		{"", false},
	} {
		if got := Caps(c.w); got != c.want {
			t.Errorf("Caps(%q) = %v, want %v", c.w, got, c.want)
		}
	}
}

// TestAgreesWithList checks the table against a plain reading of the list:
// every entry is Known in lower case, every entry in capitals is Caps, and
// Lower/Capital mark exactly the non-possessive entries by their first
// letter — what typo, titlecase and dehyphen each computed before.
func TestAgreesWithList(t *testing.T) {
	b, err := assets.FS.ReadFile(assets.WordList)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	want := map[string]Flags{}
	caps := map[string]bool{}
	for _, w := range lines {
		if !Known(strings.ToLower(w)) {
			t.Errorf("Known(%q) = false for a listed word", strings.ToLower(w))
		}
		if w == strings.ToUpper(w) && w != strings.ToLower(w) && !strings.Contains(w, "'") {
			caps[w] = true
			if !Caps(w) {
				t.Errorf("Caps(%q) = false for a listed word", w)
			}
		}
		if strings.HasSuffix(w, "'s") {
			continue
		}
		f := Lower
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			f = Capital
		}
		want[strings.ToLower(w)] |= f
	}
	n := 0
	for k, f := range entries(load()) {
		if f&(Lower|Capital) != want[k] {
			t.Errorf("Lookup(%q)&(Lower|Capital) = %04b, want %04b", k, f&(Lower|Capital), want[k])
		}
		if f&AllCaps != 0 {
			n++
			if !caps[strings.ToUpper(k)] {
				t.Errorf("%q has AllCaps but %q is not listed", k, strings.ToUpper(k))
			}
		}
	}
	if n != len(caps) {
		t.Errorf("%d keys have AllCaps, want %d", n, len(caps))
	}
}

func TestParse(t *testing.T) {
	m := parse([]byte("AA\nAA's\nAachen\nabbé\nÅngström\nzygote\nzygote's\nİ"))
	want := map[string]Flags{
		"aa":       Capital | AllCaps | Possessive,
		"aachen":   Capital,
		"abbé":     Lower,
		"ångström": Capital,
		"zygote":   Lower | Possessive,
		"i":        Capital, // "İ" lower-cases to a shorter "i"; not AllCaps: "I" is another word
	}
	got := entries(m)
	if len(got) != len(want) {
		t.Errorf("parse: %d keys, want %d: %v", len(got), len(want), got)
	}
	for k, f := range want {
		if m.lookup(k) != f {
			t.Errorf("parse: %q = %04b, want %04b", k, m.lookup(k), f)
		}
	}
}

// entries lists the table's keys and flags.
func entries(t *table) map[string]Flags {
	m := map[string]Flags{}
	for _, e := range t.slots {
		if e != 0 {
			off, n := e>>32, e>>24&0xff
			m[string(t.text[off:off+n])] = Flags(e & 0xff)
		}
	}
	return m
}

// TestSmallLists checks lists too small to be real: a miss must end even
// when every line is a key.
func TestSmallLists(t *testing.T) {
	for _, c := range []struct {
		list, key string
		want      Flags
	}{
		{"", "the", 0},
		{"the", "the", Lower},
		{"the", "cat", 0},
		{"the\n", "cat", 0},
		{"the\ncat", "dog", 0},
		{"the\ncat\ndog\nUS", "us", Capital | AllCaps},
		{"the\ncat\ndog\nUS", "fox", 0},
		{" the\n", "the", 0}, // blanks are not words
	} {
		if got := parse([]byte(c.list)).lookup(c.key); got != c.want {
			t.Errorf("parse(%q).lookup(%q) = %04b, want %04b", c.list, c.key, got, c.want)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	list, err := assets.FS.ReadFile(assets.WordList)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(list)))
	b.ReportAllocs()
	for b.Loop() {
		parse(bytes.Clone(list))
	}
}

func BenchmarkKnown(b *testing.B) {
	ws := strings.Fields("the Party of Labour of Albania and the Khrushchevite revisionists’ tbe wliich Kinko's")
	load()
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range ws {
			Known(strings.ToLower(w))
		}
	}
}
