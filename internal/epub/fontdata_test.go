package epub

import (
	"bytes"
	"compress/flate"
	"flag"
	"io"
	"io/fs"
	"os"
	"path"
	"testing"

	"folio/fonts"
)

var update = flag.Bool("update", false, "make fontdata/ again from the embedded fonts")

// TestFontData: every embedded face has its deflated form in fontdata/,
// which inflates to the face exactly, and fontdata/ holds nothing else.
func TestFontData(t *testing.T) {
	want := map[string]bool{}
	for i, f := range fontFiles {
		name := fontDataName(fonts.Files[i], *f.data)
		want[name] = true
		if *update {
			var buf bytes.Buffer
			zw, _ := flate.NewWriter(&buf, flate.DefaultCompression)
			zw.Write(*f.data)
			zw.Close()
			if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		z := deflatedFont(fonts.Files[i], *f.data)
		if z == nil {
			t.Errorf("no %s for the embedded %s: run go test ./internal/epub -run TestFontData -update", name, fonts.Files[i])
			continue
		}
		got, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
		if err != nil || !bytes.Equal(got, *f.data) {
			t.Errorf("%s does not inflate to %s (%v)", name, fonts.Files[i], err)
		}
	}
	files, err := fs.ReadDir(os.DirFS("."), "fontdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := path.Join("fontdata", f.Name())
		if want[name] {
			continue
		}
		if *update {
			os.Remove(name)
			continue
		}
		t.Errorf("%s is for no embedded font: run go test ./internal/epub -run TestFontData -update", name)
	}
	if *update {
		t.Log("fontdata/ made again: build and test once more to embed it")
	}
}
