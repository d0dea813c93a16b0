package meta

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckOutputName(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"works-19", true},
		{"Hoxha Works 19 (1976)", true},
		{"Œuvres_19", true},
		{"", false},
		{"..", false},
		{".bashrc", false},
		{"../../etc/passwd", false},
		{"sub/book", false},
		{`..\..\book`, false},
		{"/tmp/book", false},
		{"C:book", false},
		{"book\x00.txt", false},
		{"book\nname", false},
		{strings.Repeat("a", 201), false},
	} {
		err := CheckOutputName(tc.name)
		if (err == nil) != tc.ok {
			t.Errorf("%q: error %v, want ok=%v", tc.name, err, tc.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "plain file name") {
			t.Errorf("%q: %v does not say what to do", tc.name, err)
		}
	}
}

// TestLoadOutput: a metadata file naming an output path that escapes the
// output folder is refused with the line it is on.
func TestLoadOutput(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "book.txt.yaml")
	os.WriteFile(p, []byte("title: A Book\noutput: ../../outside\n"), 0o644)
	if _, err := Load(p); err == nil || !strings.Contains(err.Error(), ":2:") || !strings.Contains(err.Error(), "folder separator") {
		t.Errorf("escaping output accepted or unclear: %v", err)
	}
	os.WriteFile(p, []byte("title: A Book\noutput: works-19\n"), 0o644)
	m, err := Load(p)
	if err != nil || m.Output != "works-19" {
		t.Errorf("plain output name: %+v %v", m.Output, err)
	}
}
