package printer

import (
	"math"
	"strings"
	"testing"
)

func TestGutterTables(t *testing.T) {
	for _, tc := range []struct {
		printer string
		pages   int
		inside  float64
	}{
		{"kdp", 24, 0.375}, {"kdp", 150, 0.375}, {"kdp", 151, 0.5}, {"kdp", 300, 0.5}, {"kdp", 301, 0.625},
		{"kdp", 500, 0.625}, {"kdp", 501, 0.75}, {"kdp", 700, 0.75}, {"kdp", 701, 0.875}, {"kdp", 828, 0.875},
		{"ingramspark", 322, 0.5}, {"lulu", 60, 0.5}, {"lulu", 61, 0.625}, {"lulu", 322, 1.0}, {"lulu", 700, 1.25},
	} {
		p, err := Get(tc.printer)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.InsideMargin(tc.pages); got != tc.inside {
			t.Errorf("%s, %d pages: inside %v in, want %v", tc.printer, tc.pages, got, tc.inside)
		}
	}
}

func TestSpineAndCover(t *testing.T) {
	for _, tc := range []struct {
		printer, paper string
		pages          int
		spine, w, h    float64
	}{
		// KDP's published calipers; the sample at 322 pages on cream
		{"kdp", "cream", 322, 0.805, 13.055, 9.25},
		{"kdp", "white", 322, 0.725144, 12.975144, 9.25},
		{"kdp", "color", 100, 0.2347, 12.4847, 9.25},
		// Lulu: pages / 444 + 0.06
		{"lulu", "", 444, 1.06, 13.31, 9.25},
	} {
		p, _ := Get(tc.printer)
		paper, err := p.Paper(tc.paper)
		if err != nil {
			t.Fatal(err)
		}
		if s := Spine(tc.pages, paper); math.Abs(s-tc.spine) > 1e-9 {
			t.Errorf("%s %s %d: spine %v, want %v", tc.printer, tc.paper, tc.pages, s, tc.spine)
		}
		w, h := p.CoverSize(6, 9, tc.pages, paper)
		if math.Abs(w-tc.w) > 1e-9 || math.Abs(h-tc.h) > 1e-9 {
			t.Errorf("%s %s %d: cover %v × %v, want %v × %v", tc.printer, tc.paper, tc.pages, w, h, tc.w, tc.h)
		}
	}
}

func TestNamesAndErrors(t *testing.T) {
	for _, n := range []string{"KDP", "amazon", "IngramSpark", "ingram-spark", "lulu", "", "none"} {
		if _, err := Get(n); err != nil {
			t.Errorf("Get(%q): %v", n, err)
		}
	}
	if _, err := Get("blurb"); err == nil || !strings.Contains(err.Error(), "kdp, ingramspark, lulu, none") {
		t.Errorf("unknown printer: %v", err)
	}
	kdp, _ := Get("kdp")
	if _, err := kdp.Paper("groundwood"); err == nil || !strings.Contains(err.Error(), "white, cream, color") {
		t.Errorf("unknown paper: %v", err)
	}
	if !kdp.SpineText(322, kdp.Papers[1], 0.15) || kdp.SpineText(60, kdp.Papers[1], 0.1) {
		t.Error("KDP spine text: allowed at 322 pages, not at 60")
	}
	if len(kdp.Describe()) < 5 {
		t.Error("Describe says too little")
	}
}
