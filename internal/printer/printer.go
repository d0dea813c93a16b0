// Package printer holds the published file rules of the print-on-demand
// services folio prepares books for — KDP, IngramSpark, Lulu — as plain
// data: page counts, margins and gutter by page count, bleed, spine width
// by paper, the cover's safe areas, and what the interior PDF must or must
// not carry. The typesetter reads the margins, the cover reads the spine,
// folio check reads all of it. Each rule names its source (README,
// "Printer rules"); where a service publishes only a calculator, the value
// is marked approximate.
package printer

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Inch is a point measure: PDF units are 1/72 in.
const Inch = 72.0

// Paper is an interior paper stock.
type Paper struct {
	Name string // "white", "cream", "color"
	// Caliper is the spine's thickness per page, in inches.
	Caliper float64
	// Allowance is added to the spine once (Lulu's cover wrap), inches.
	Allowance float64
	// MaxPages is the most pages the service binds on this paper.
	MaxPages int
	// Approx says the value comes from a calculator, not a published table.
	Approx bool
}

// GutterStep is one row of a gutter table: books of up to Pages pages
// need at least Inside inches of inside margin.
type GutterStep struct {
	Pages  int
	Inside float64
}

// Profile is one service's rules for a paperback.
type Profile struct {
	Name  string // "kdp", "ingramspark", "lulu", "none"
	Title string // "Amazon KDP"
	// MinPages is the fewest interior pages the service prints.
	MinPages int
	// Gutter is the inside margin by page count, ascending; the last row
	// covers every longer book.
	Gutter []GutterStep
	// Outside is the least top, bottom and outside margin, in inches,
	// without and with bleed.
	Outside, OutsideBleed float64
	// Bleed is how far art that bleeds runs past the trim, inches, and
	// whether the inside (gutter) edge bleeds too (Lulu) or not (KDP,
	// IngramSpark).
	Bleed       float64
	BleedInside bool
	// EvenPages: the page count must be even; BlankLast: the last page
	// must be blank (IngramSpark adds its barcode page there).
	EvenPages, BlankLast bool
	// NoOutline: the interior must carry no bookmarks, links or
	// annotations (KDP's upload rules).
	NoOutline bool
	// PDFX is the PDF/X conformance the interior and cover must have,
	// "" for none required.
	PDFX string
	// Papers are the stocks offered, the first the default.
	Papers []Paper
	// Cover rules, in inches: the spine may carry text only from
	// SpineTextPages pages, kept SpineClear from each fold; text stays
	// Safe inside the trim; the barcode box on the back, BarcodeW ×
	// BarcodeH, sits BarcodeMargin from the bottom trim and the spine.
	SpineTextPages        int
	SpineClear, Safe      float64
	BarcodeW, BarcodeH    float64
	BarcodeMargin         float64
	SpineTolerance        float64 // how far a cover's spine may differ from the formula
	CoverPDFX             bool    // the cover must be PDF/X too
	Sources               []string
	MarginNote, SpineNote string
}

var profiles = []Profile{
	{
		Name: "kdp", Title: "Amazon KDP",
		MinPages: 24,
		Gutter:   []GutterStep{{150, 0.375}, {300, 0.5}, {500, 0.625}, {700, 0.75}, {828, 0.875}},
		Outside:  0.25, OutsideBleed: 0.375,
		Bleed: 0.125, EvenPages: false, NoOutline: true,
		Papers: []Paper{
			{Name: "white", Caliper: 0.002252, MaxPages: 828},
			{Name: "cream", Caliper: 0.0025, MaxPages: 776},
			{Name: "color", Caliper: 0.002347, MaxPages: 828},
		},
		SpineTextPages: 80, SpineClear: 0.0625, Safe: 0.125,
		BarcodeW: 2, BarcodeH: 1.2, BarcodeMargin: 0.25, SpineTolerance: 0.0625,
		Sources: []string{"KDP Help: Set Trim Size, Bleed, and Margins (G201834180)", "KDP Help: Create a Paperback Cover (G201953020)", "KDP Help: Paperback Submission Guidelines (G201857950)"},
	},
	{
		Name: "ingramspark", Title: "IngramSpark",
		MinPages: 18,
		Gutter:   []GutterStep{{1200, 0.5}},
		Outside:  0.5, OutsideBleed: 0.5,
		Bleed: 0.125, EvenPages: true, BlankLast: true,
		PDFX: "PDF/X-1a:2001",
		Papers: []Paper{
			{Name: "cream", Caliper: 1.0 / 400, MaxPages: 1200, Approx: true},
			{Name: "white", Caliper: 1.0 / 444, MaxPages: 1200, Approx: true},
			{Name: "color", Caliper: 1.0 / 426, MaxPages: 1200, Approx: true},
		},
		SpineTextPages: 48, SpineClear: 0.0625, Safe: 0.125,
		BarcodeW: 2, BarcodeH: 1.2, BarcodeMargin: 0.25, SpineTolerance: 0.0625, CoverPDFX: true,
		Sources: []string{"IngramSpark File Creation Guide (interior: PDF/X-1a:2001, margins, even page count, blank last page)", "IngramSpark Cover Template Generator (spine by page count and paper)"},
	},
	{
		Name: "lulu", Title: "Lulu",
		MinPages: 32,
		Gutter:   []GutterStep{{60, 0.5}, {150, 0.625}, {400, 1.0}, {600, 1.125}, {800, 1.25}},
		Outside:  0.5, OutsideBleed: 0.5,
		Bleed: 0.125, BleedInside: true, EvenPages: true,
		Papers: []Paper{
			{Name: "white", Caliper: 1.0 / 444, Allowance: 0.06, MaxPages: 800},
			{Name: "cream", Caliper: 1.0 / 444, Allowance: 0.06, MaxPages: 800},
		},
		SpineTextPages: 80, SpineClear: 0.0625, Safe: 0.25,
		BarcodeW: 2, BarcodeH: 1.2, BarcodeMargin: 0.25, SpineTolerance: 0.0625,
		Sources: []string{"Lulu Book Creation Guide: safety margin 0.5 in, gutter additions by page count, spine width = pages / 444 + 0.06 in, paperback from 32 pages"},
	},
	{
		// none: a reading PDF, or a printer not listed; KDP's margins as
		// a sane default, bookmarks kept.
		Name: "none", Title: "no printer (reading PDF)",
		MinPages: 1,
		Gutter:   []GutterStep{{150, 0.375}, {300, 0.5}, {500, 0.625}, {700, 0.75}, {1 << 30, 0.875}},
		Outside:  0.25, OutsideBleed: 0.375, Bleed: 0.125,
		Papers:         []Paper{{Name: "white", Caliper: 0.002252, MaxPages: 1 << 30}, {Name: "cream", Caliper: 0.0025, MaxPages: 1 << 30}, {Name: "color", Caliper: 0.002347, MaxPages: 1 << 30}},
		SpineTextPages: 80, SpineClear: 0.0625, Safe: 0.125,
		BarcodeW: 2, BarcodeH: 1.2, BarcodeMargin: 0.25, SpineTolerance: 0.0625,
	},
}

// Names lists the profiles, for help texts and errors.
func Names() []string {
	out := make([]string, len(profiles))
	for i, p := range profiles {
		out[i] = p.Name
	}
	return out
}

// Get returns the named profile; "" is "none".
func Get(name string) (Profile, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	key = strings.NewReplacer("-", "", " ", "", "_", "").Replace(key)
	switch key {
	case "":
		key = "none"
	case "amazon", "amazonkdp":
		key = "kdp"
	case "ingram", "lightningsource":
		key = "ingramspark"
	}
	for _, p := range profiles {
		if p.Name == key {
			return p, nil
		}
	}
	return Profile{}, fmt.Errorf("unknown printer %q: use one of %s", name, strings.Join(Names(), ", "))
}

// Paper returns the named stock; "" is the profile's default.
func (p Profile) Paper(name string) (Paper, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	switch key {
	case "":
		return p.Papers[0], nil
	case "creme":
		key = "cream"
	case "colour":
		key = "color"
	}
	var names []string
	for _, pp := range p.Papers {
		if pp.Name == key {
			return pp, nil
		}
		names = append(names, pp.Name)
	}
	return Paper{}, fmt.Errorf("%s offers no %q paper: use %s", p.Title, name, strings.Join(names, ", "))
}

// MaxPages is the most pages the service binds, on any of its papers.
func (p Profile) MaxPages() int {
	m := 0
	for _, pp := range p.Papers {
		m = max(m, pp.MaxPages)
	}
	return m
}

// InsideMargin is the least inside margin, in inches, for a page count.
func (p Profile) InsideMargin(pages int) float64 {
	for _, s := range p.Gutter {
		if pages <= s.Pages {
			return s.Inside
		}
	}
	return p.Gutter[len(p.Gutter)-1].Inside
}

// OutsideMargin is the least top, bottom and outside margin, in inches.
func (p Profile) OutsideMargin(bleed bool) float64 {
	if bleed {
		return p.OutsideBleed
	}
	return p.Outside
}

// Spine is the spine width in inches for a page count on a paper.
func Spine(pages int, paper Paper) float64 {
	return float64(pages)*paper.Caliper + paper.Allowance
}

// SpineText reports whether a spine may carry text: the service's page
// threshold, and room for a line of at least minText inches between the
// clearances.
func (p Profile) SpineText(pages int, paper Paper, minText float64) bool {
	return pages >= p.SpineTextPages && Spine(pages, paper)-2*p.SpineClear >= minText
}

// CoverSize is the wrap cover's full size with bleed, in inches, for a
// trim of w × h inches.
func (p Profile) CoverSize(w, h float64, pages int, paper Paper) (cw, ch float64) {
	return 2*p.Bleed + 2*w + Spine(pages, paper), 2*p.Bleed + h
}

// Round rounds inches to a thousandth, for messages.
func Round(v float64) float64 { return math.Round(v*1000) / 1000 }

// Describe lists the rules of the profile in words, for folio check
// --printer and the README.
func (p Profile) Describe() []string {
	var out []string
	out = append(out, fmt.Sprintf("%d–%d pages", p.MinPages, p.MaxPages()))
	var g []string
	prev := 0
	for _, s := range p.Gutter {
		if s.Pages >= 1<<29 {
			g = append(g, fmt.Sprintf("over %d: %.3g in", prev, s.Inside))
			break
		}
		g = append(g, fmt.Sprintf("%d–%d: %.3g in", prev+1, s.Pages, s.Inside))
		prev = s.Pages
	}
	out = append(out, "inside margin by pages "+strings.Join(g, ", "))
	out = append(out, fmt.Sprintf("outside margins ≥ %.3g in (≥ %.3g in with bleed); bleed %.3g in", p.Outside, p.OutsideBleed, p.Bleed))
	if p.EvenPages {
		out = append(out, "an even page count")
	}
	if p.BlankLast {
		out = append(out, "the last page blank")
	}
	if p.NoOutline {
		out = append(out, "no bookmarks or annotations in the interior")
	}
	if p.PDFX != "" {
		out = append(out, p.PDFX+" (OutputIntent, TrimBox, no transparency, gray or CMYK only)")
	}
	var ps []string
	for _, pp := range p.Papers {
		s := fmt.Sprintf("%s %.6g in/page", pp.Name, pp.Caliper)
		if pp.Allowance > 0 {
			s += fmt.Sprintf(" + %.3g in", pp.Allowance)
		}
		if pp.Approx {
			s += " (approx.)"
		}
		ps = append(ps, s)
	}
	sort.Strings(ps[1:])
	out = append(out, "spine "+strings.Join(ps, ", "))
	out = append(out, fmt.Sprintf("spine text from %d pages, %.4g in from the folds; cover text %.3g in inside the trim; barcode box %.3g × %.3g in", p.SpineTextPages, p.SpineClear, p.Safe, p.BarcodeW, p.BarcodeH))
	return out
}
