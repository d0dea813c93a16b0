package cover

import (
	"os"
	"testing"

	"folio/internal/meta"
)

func TestZZRenderSample(t *testing.T) {
	out := os.Getenv("COVER_OUT")
	if out == "" {
		t.Skip("COVER_OUT not set")
	}
	src := "/work/main/assets/samples/hoxha-works-19-ocr.txt"
	m, err := meta.Load(src + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := meta.Defaults(&m, src); err != nil {
		t.Fatal(err)
	}
	b, err := Generate(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
