package linebreak

import (
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"folio/assets"
	"folio/internal/hyphen"
)

// A fixed-width measure: every character 5pt, TeX-like interword glue.
const (
	charW      = 5
	spaceW     = 3.33
	spaceY     = 1.67
	spaceZ     = 1.11
	hyphenW    = 3.33
	hyphenCost = 50
)

// build turns text into items: a box per word fragment, a flagged penalty
// at each hyphenation point (with a hyphen's width after a soft break, none
// after a hard hyphen), glue between words, and Finish's paragraph end.
func build(text string, hyphenate bool) []Item {
	h := hyphen.Default()
	var items []Item
	for i, word := range strings.Fields(text) {
		if i > 0 {
			items = append(items, Item{Kind: Glue, Width: spaceW, Stretch: spaceY, Shrink: spaceZ})
		}
		var pts []int
		if hyphenate {
			pts = h.Points(word)
		}
		last := 0
		for _, p := range append(pts, len(word)) {
			frag := word[last:p]
			items = append(items, Item{Kind: Box, Width: charW * float64(utf8.RuneCountInString(frag))})
			if p < len(word) {
				pw := hyphenW
				if strings.HasSuffix(frag, "-") || strings.HasSuffix(frag, "—") {
					pw = 0
				}
				items = append(items, Item{Kind: Penalty, Width: pw, Penalty: hyphenCost, Flagged: true})
			}
			last = p
		}
	}
	return Finish(items)
}

func paragraphs(t testing.TB) []string {
	b, err := os.ReadFile("testdata/paragraphs.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	if len(out) < 4 {
		t.Fatalf("want 4 paragraphs, got %d", len(out))
	}
	return out
}

func constant(w float64) func(int) float64 { return func(int) float64 { return w } }

// indented gives the first line a 15pt indent.
func indented(line int) float64 {
	if line == 0 {
		return 285
	}
	return 300
}

// checkLines verifies the invariants every result must hold.
// Lines from the main passes stay within tolerance; the fallback pass may
// stretch further but never overfills.
func checkLines(t *testing.T, name string, items []Item, r Result, width func(int) float64, p Params) {
	t.Helper()
	maxRatio := math.Cbrt(p.Tolerance / 100)
	if r.Passes > mainPasses(p) {
		maxRatio = math.MaxFloat64
	}
	if len(r.Breaks) == 0 {
		t.Fatalf("%s: no breaks", name)
	}
	if last := r.Breaks[len(r.Breaks)-1].Index; last != len(items)-1 {
		t.Errorf("%s: last break at %d, want the paragraph end %d", name, last, len(items)-1)
	}
	run := 0
	prev := -1
	for i, b := range r.Breaks {
		if b.Index <= prev {
			t.Errorf("%s: breaks not increasing: %d after %d", name, b.Index, prev)
		}
		prev = b.Index
		if b.Ratio < -1 || b.Ratio > maxRatio+1e-9 {
			t.Errorf("%s: line %d ratio %.3f outside [-1, %.3f]", name, i, b.Ratio, maxRatio)
		}
		if b.Flagged {
			run++
		} else {
			run = 0
		}
		if p.MaxConsecutiveHyphens > 0 && run > p.MaxConsecutiveHyphens {
			t.Errorf("%s: %d flagged lines in a row at line %d", name, run, i)
		}
		it := items[b.Index]
		legal := it.Kind == Penalty && it.Penalty < Infinity || it.Kind == Glue && items[b.Index-1].Kind == Box
		if !legal {
			t.Errorf("%s: line %d ends at illegal item %d (%+v)", name, i, b.Index, it)
		}
	}
	if len(r.Overfull) != 0 {
		t.Errorf("%s: overfull lines %v", name, r.Overfull)
	}
	if r.Breaks[len(r.Breaks)-1].Ratio != 0 {
		t.Errorf("%s: last line stretched: ratio %v", name, r.Breaks[len(r.Breaks)-1].Ratio)
	}
	// Scoring the chosen breaks again gives the same demerits.
	idx := indices(r)
	if s := Score(items, idx, width, p); math.Abs(s.TotalDemerits-r.TotalDemerits) > 1e-9*r.TotalDemerits {
		t.Errorf("%s: Score gives %v, Breaks %v", name, s.TotalDemerits, r.TotalDemerits)
	}
}

// mainPasses is how many passes run before the fallback ones.
func mainPasses(p Params) int {
	if p.Pretolerance >= 0 {
		return 2
	}
	return 1
}

func indices(r Result) []int {
	var idx []int
	for _, b := range r.Breaks {
		idx = append(idx, b.Index)
	}
	return idx
}

func TestRealParagraphs(t *testing.T) {
	noPre := DefaultParams()
	noPre.Pretolerance = -1
	tests := []struct {
		name      string
		p         Params
		width     func(int) float64
		hyphenate bool
		fallback  bool // the main passes are expected to fail on some paragraph
	}{
		{"default 300pt", DefaultParams(), constant(300), true, false},
		{"one pass", noPre, constant(300), true, false},
		{"indent", DefaultParams(), indented, true, false},
		{"narrow 150pt", DefaultParams(), constant(150), true, true},
		{"no hyphenation 300pt", DefaultParams(), constant(300), false, true},
	}
	for _, tt := range tests {
		for pi, text := range paragraphs(t) {
			items := build(text, tt.hyphenate)
			r := Breaks(items, tt.width, tt.p)
			name := tt.name + "/" + strings.Join(strings.Fields(text)[:3], " ")
			checkLines(t, name, items, r, tt.width, tt.p)
			if !tt.fallback && r.Passes > mainPasses(tt.p) {
				t.Errorf("%s: needed fallback pass %d", name, r.Passes)
			}
			g := Greedy(items, tt.width)
			// Greedy is scored with DefaultParams; compare like with like.
			opt := Score(items, indices(r), tt.width, DefaultParams()).TotalDemerits
			if opt > g.TotalDemerits+1e-6 {
				t.Errorf("%s: total demerits %.0f above greedy's %.0f", name, opt, g.TotalDemerits)
			}
			if testing.Verbose() && pi == 0 {
				t.Logf("%s: %d lines, %d passes, demerits %.0f (greedy %d lines, %.0f)",
					name, len(r.Breaks), r.Passes, r.TotalDemerits, len(g.Breaks), g.TotalDemerits)
			}
		}
	}
}

// longWords are words of the sample with many hyphenation points.
const longWords = "revolutionary internationalism constitutes extraordinarily uncompromising " +
	"revolutionary responsibility notwithstanding counterrevolutionary misrepresentations " +
	"underestimation rehabilitation reorganization irreconcilable contradictions " +
	"internationalist solidarity unprecedented interference representatives"

// TestOptimal compares Breaks with a plain reference search over every
// legal sequence of breaks, on windows of real text at many widths, for the
// scoring and constraints the algorithm claims to optimise.
func TestOptimal(t *testing.T) {
	def := DefaultParams()
	def.Pretolerance = -1
	// Without double-hyphen demerits only the hard limit keeps hyphens
	// apart, which exercises the hyphen-run part of the search.
	limitOnly := def
	limitOnly.DoubleHyphenDemerits, limitOnly.FinalHyphenDemerits = 0, 0
	loose := def
	loose.Tolerance = 1000
	for _, tc := range []struct {
		name string
		p    Params
	}{{"default", def}, {"hyphen limit only", limitOnly}, {"tolerance 1000", loose}} {
		p := tc.p
		checked := 0
		// Long words in narrow columns make hyphen runs likely.
		texts := append(paragraphs(t), longWords)
		for _, text := range texts {
			words := strings.Fields(text)
			for start := 0; start == 0 || start+30 <= len(words); start += 15 {
				for _, w := range []float64{70, 85, 100, 115, 130, 160, 190, 220, 250} {
					items := build(strings.Join(words[start:min(start+30, len(words))], " "), true)
					width := constant(w)
					r := Breaks(items, width, p)
					q := p
					switch {
					case r.Passes == 1:
					case len(r.Overfull) == 0:
						// The fallback pass is the same search with
						// underfull lines allowed.
						q.Tolerance = infBad
					default:
						continue // overfull lines are a last resort, not optimised
					}
					checked++
					best, bestIdx := reference(items, width, q)
					if math.Abs(best-r.TotalDemerits) > 1e-9*best {
						t.Errorf("%s: words %d.. at %vpt: Breaks gives %.1f %v, reference %.1f %v",
							tc.name, start, w, r.TotalDemerits, indices(r), best, bestIdx)
					}
				}
			}
		}
		if checked < 100 {
			t.Errorf("%s: only %d cases checked; the test proves little", tc.name, checked)
		}
	}
}

// reference is a plain dynamic program over every legal break, written
// independently of Breaks (no active list, no pruning): the best demerits
// to reach each (break, fitness, hyphen run) from every earlier state. It
// assumes a constant line width and no forced break before the end.
func reference(items []Item, width func(int) float64, p Params) (float64, []int) {
	type state struct {
		pos, fitness, run int
	}
	type entry struct {
		total float64
		prev  state
		ok    bool
	}
	legal := []int{-1} // the paragraph start
	for i, it := range items {
		if it.Kind == Penalty && it.Penalty < Infinity || it.Kind == Glue && i > 0 && items[i-1].Kind == Box {
			legal = append(legal, i)
		}
	}
	end := len(items) - 1
	best := map[state]entry{{-1, decent, 0}: {ok: true}}
	lw := width(0)
	for k, a := range legal {
		start := 0
		if a >= 0 {
			start = LineStart(items, a)
		}
		for fa := veryLoose; fa <= tight; fa++ {
			for ra := 0; ra <= p.MaxConsecutiveHyphens; ra++ {
				from := state{a, fa, ra}
				e := best[from]
				if !e.ok {
					continue
				}
				aFlagged := ra > 0
				for _, b := range legal[k+1:] {
					w, y, z, fil := measure(items, start, b)
					f := fit(w, y, z, fil, lw, 0)
					if f.overfull || f.badness > p.Tolerance {
						continue
					}
					pen, flagged := 0.0, false
					if items[b].Kind == Penalty {
						pen, flagged = items[b].Penalty, items[b].Flagged
					}
					run := 0
					if flagged {
						run = ra + 1
					}
					if run > p.MaxConsecutiveHyphens {
						continue
					}
					d := demerits(&p, f.badness, pen, flagged, aFlagged, b == end, f.fitness, fa)
					to := state{b, f.fitness, run}
					if o := best[to]; !o.ok || e.total+d < o.total {
						best[to] = entry{total: e.total + d, prev: from, ok: true}
					}
				}
			}
		}
	}
	var last state
	total := math.Inf(1)
	for f := veryLoose; f <= tight; f++ {
		for r := 0; r <= p.MaxConsecutiveHyphens; r++ {
			if e := best[state{end, f, r}]; e.ok && e.total < total {
				total, last = e.total, state{end, f, r}
			}
		}
	}
	var idx []int
	for s := last; total < math.Inf(1) && s.pos >= 0; s = best[s].prev {
		idx = append(idx, s.pos)
	}
	slices.Reverse(idx)
	return total, idx
}

func TestForcedBreaks(t *testing.T) {
	text := paragraphs(t)[2]
	items := build(text, true)
	// Force a break after the 10th word's glue (as after a <br>).
	words := 0
	var forced int
	for i, it := range items {
		if it.Kind == Glue {
			words++
			if words == 10 {
				fill := []Item{{Kind: Penalty, Penalty: Infinity}, {Kind: Glue, Stretch: math.Inf(1)}, {Kind: Penalty, Penalty: -Infinity}}
				items = slices.Insert(items, i, fill...)
				forced = i + 2
				break
			}
		}
	}
	r := Breaks(items, constant(300), DefaultParams())
	if !slices.Contains(indices(r), forced) {
		t.Errorf("forced break at %d not taken: %v", forced, indices(r))
	}
	if len(r.Overfull) != 0 {
		t.Errorf("overfull lines %v", r.Overfull)
	}
	g := Greedy(items, constant(300))
	if !slices.Contains(indices(g), forced) {
		t.Errorf("greedy ignores forced break at %d: %v", forced, indices(g))
	}
}

func TestMaxConsecutiveHyphens(t *testing.T) {
	// Long words with many hyphenation points in a narrow measure tempt the
	// breaker into hyphenating line after line.
	text := longWords
	for _, limit := range []int{1, 2} {
		p := DefaultParams()
		p.MaxConsecutiveHyphens = limit
		p.DoubleHyphenDemerits = 0 // only the hard limit stands in the way
		items := build(text, true)
		r := Breaks(items, constant(90), p)
		run, longest := 0, 0
		for _, b := range r.Breaks {
			if b.Flagged {
				run++
			} else {
				run = 0
			}
			longest = max(longest, run)
		}
		if longest > p.MaxConsecutiveHyphens {
			t.Errorf("max %d: %d flagged lines in a row: %+v", p.MaxConsecutiveHyphens, longest, r.Breaks)
		}
		if longest == 0 {
			t.Errorf("max %d: no hyphenated line at all, the test proves nothing", p.MaxConsecutiveHyphens)
		}
	}
}

func TestFallbacks(t *testing.T) {
	para := build(paragraphs(t)[2], true)
	huge := []Item{{Kind: Box, Width: 1000}}
	withHuge := slices.Clone(para[:21])
	withHuge = append(withHuge, Item{Kind: Glue, Width: spaceW, Stretch: spaceY, Shrink: spaceZ}, Item{Kind: Box, Width: 700})
	withHuge = append(withHuge, para[21:]...)
	tests := []struct {
		name         string
		items        []Item
		width        float64
		wantLines    int // 0: don't check
		wantOverfull bool
		minPasses    int
	}{
		{"empty", nil, 300, 0, false, 0},
		{"one huge box", Finish(huge), 300, 1, true, 2},
		{"huge word mid-paragraph", withHuge, 300, 0, true, 2},
		{"no finish", []Item{{Kind: Box, Width: 10}, {Kind: Glue, Width: 3, Stretch: 2}, {Kind: Box, Width: 10}}, 300, 1, false, 1},
		{"zero width", para, 0, 0, true, 2},
		{"very narrow needs emergency", para, 40, 0, true, 2},
	}
	for _, tt := range tests {
		r := Breaks(tt.items, constant(tt.width), DefaultParams())
		if len(tt.items) == 0 {
			if len(r.Breaks) != 0 || r.Passes != 0 {
				t.Errorf("%s: got %+v", tt.name, r)
			}
			continue
		}
		if tt.wantLines > 0 && len(r.Breaks) != tt.wantLines {
			t.Errorf("%s: %d lines, want %d", tt.name, len(r.Breaks), tt.wantLines)
		}
		if (len(r.Overfull) > 0) != tt.wantOverfull {
			t.Errorf("%s: overfull %v, want overfull=%v", tt.name, r.Overfull, tt.wantOverfull)
		}
		if r.Passes < tt.minPasses {
			t.Errorf("%s: %d passes, want at least %d", tt.name, r.Passes, tt.minPasses)
		}
		if len(r.Breaks) == 0 || r.Breaks[len(r.Breaks)-1].Index < len(tt.items)-1 {
			t.Errorf("%s: paragraph not finished: %v", tt.name, indices(r))
		}
		for _, b := range r.Breaks {
			if b.Ratio < -1 || math.IsNaN(b.Ratio) || math.IsInf(b.Ratio, 0) {
				t.Errorf("%s: unusable ratio %v", tt.name, b.Ratio)
			}
		}
	}
}

func TestEmergencyStretch(t *testing.T) {
	// Without hyphenation, the first paragraph cannot be set at 300pt
	// within tolerance 200, but can with 10pt of emergency stretch.
	items := build(paragraphs(t)[0], false)
	p := DefaultParams()
	p.EmergencyStretch = 10
	r := Breaks(items, constant(300), p)
	if r.Passes != 3 {
		t.Fatalf("passes = %d, want 3 (pretolerance, tolerance, emergency)", r.Passes)
	}
	if len(r.Overfull) != 0 {
		t.Errorf("overfull lines %v", r.Overfull)
	}
	p.EmergencyStretch = 0
	if r := Breaks(items, constant(300), p); r.Passes != 3 {
		t.Errorf("without emergency stretch: passes = %d, want 3 (the final, tolerant pass)", r.Passes)
	}
}

func TestFinish(t *testing.T) {
	in := []Item{{Kind: Box, Width: 10}, {Kind: Glue, Width: 3}}
	out := Finish(in)
	want := []Kind{Box, Penalty, Glue, Penalty}
	if len(out) != len(want) {
		t.Fatalf("got %d items, want %d", len(out), len(want))
	}
	for i, k := range want {
		if out[i].Kind != k {
			t.Errorf("item %d kind %d, want %d", i, out[i].Kind, k)
		}
	}
	if out[1].Penalty != Infinity || !math.IsInf(out[2].Stretch, 1) || out[3].Penalty != -Infinity {
		t.Errorf("wrong paragraph end: %+v", out[1:])
	}
	if in[1].Kind != Glue || len(in) != 2 {
		t.Errorf("Finish changed its input: %+v", in)
	}
}

func TestGreedyWorse(t *testing.T) {
	// On real text the total-fit breaker should beat first-fit clearly
	// somewhere; otherwise the comparison in the report means nothing.
	better := 0
	for _, text := range paragraphs(t) {
		items := build(text, true)
		r := Breaks(items, constant(300), DefaultParams())
		g := Greedy(items, constant(300))
		if g.TotalDemerits > r.TotalDemerits*1.1 {
			better++
		}
	}
	if better == 0 {
		t.Error("Breaks never beats Greedy by 10% on the sample paragraphs")
	}
}

func BenchmarkBreaks300Words(b *testing.B) {
	var words []string
	for _, p := range paragraphs(b) {
		words = append(words, strings.Fields(p)...)
	}
	for len(words) < 300 {
		words = append(words, words...)
	}
	items := build(strings.Join(words[:300], " "), true)
	p := DefaultParams()
	p.Pretolerance = -1 // measure the hyphenating pass, the usual case in narrow columns
	b.ReportAllocs()
	for b.Loop() {
		Breaks(items, constant(300), p)
	}
}

func BenchmarkBreaksLong(b *testing.B) {
	var words []string
	for _, p := range paragraphs(b) {
		words = append(words, strings.Fields(p)...)
	}
	for len(words) < 2000 {
		words = append(words, words...)
	}
	items := build(strings.Join(words[:2000], " "), true)
	b.ReportAllocs()
	for b.Loop() {
		Breaks(items, indented, DefaultParams())
	}
}

func BenchmarkGreedy300Words(b *testing.B) {
	var words []string
	for _, p := range paragraphs(b) {
		words = append(words, strings.Fields(p)...)
	}
	items := build(strings.Join(words[:300], " "), true)
	b.ReportAllocs()
	for b.Loop() {
		Greedy(items, constant(300))
	}
}

func TestBadnessAndDemerits(t *testing.T) {
	badnesses := []struct{ t, s, want float64 }{
		{0, 0, 0},         // a perfect fit needs no glue
		{5, 0, infBad},    // short with nothing to stretch
		{10, 10, 100},     // r = 1
		{10, 20, 12.5},    // r = 0.5 (TeX rounds to 13)
		{30, 10, 2700},    // r = 3
		{300, 10, infBad}, // r = 30: capped
	}
	for _, b := range badnesses {
		if got := badness(b.t, b.s); math.Abs(got-b.want) > 1e-9 {
			t.Errorf("badness(%v, %v) = %v, want %v", b.t, b.s, got, b.want)
		}
	}
	p := DefaultParams()
	tests := []struct {
		name                 string
		b, pen               float64
		flagged, prevFl, end bool
		fit, prevFit         int
		want                 float64
	}{
		{"perfect line", 0, 0, false, false, false, decent, decent, 100},
		{"badness 100", 100, 0, false, false, false, veryLoose, loose, 110 * 110},
		{"hyphen", 0, 50, true, false, false, decent, decent, 100 + 2500},
		{"second hyphen in a row", 0, 50, true, true, false, decent, decent, 100 + 2500 + 10000},
		{"last line after a hyphen", 0, -Infinity, false, true, true, decent, decent, 100 + 5000},
		{"forced break is free", 0, -Infinity, false, false, true, decent, decent, 100},
		{"negative penalty rewards", 0, -100, false, false, false, decent, decent, 100 - 10000},
		{"tight after very loose", 20, 0, false, false, false, tight, veryLoose, 900 + 10000},
		{"loose after decent is fine", 20, 0, false, false, false, loose, decent, 900},
		{"infinitely bad", infBad, 0, false, false, false, veryLoose, veryLoose, maxDemerits},
	}
	for _, tt := range tests {
		if got := demerits(&p, tt.b, tt.pen, tt.flagged, tt.prevFl, tt.end, tt.fit, tt.prevFit); got != tt.want {
			t.Errorf("%s: demerits = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestVariableWidths(t *testing.T) {
	// A hanging indent: three short lines, then full width. Every line must
	// be measured against its own width.
	hang := func(line int) float64 {
		if line < 3 {
			return 220
		}
		return 300
	}
	items := build(paragraphs(t)[1], true)
	r := Breaks(items, hang, DefaultParams())
	checkLines(t, "hang", items, r, hang, DefaultParams())
	s := Score(items, indices(r), hang, DefaultParams())
	for i, b := range s.Breaks[:len(s.Breaks)-1] {
		if math.Abs(b.Ratio-r.Breaks[i].Ratio) > 1e-9 {
			t.Errorf("line %d: ratio %v, rescored against its width %v", i, r.Breaks[i].Ratio, b.Ratio)
		}
	}
	// The same text at constant width breaks differently at the start.
	if c := Breaks(items, constant(300), DefaultParams()); slices.Equal(indices(c)[:3], indices(r)[:3]) {
		t.Errorf("hanging indent changed nothing: %v", indices(r)[:3])
	}
}

func TestLineStart(t *testing.T) {
	items := []Item{
		{Kind: Box, Width: 10},           // 0
		{Kind: Glue, Width: 3},           // 1
		{Kind: Penalty, Penalty: 50},     // 2
		{Kind: Glue, Width: 3},           // 3
		{Kind: Box, Width: 10},           // 4
		{Kind: Penalty, Penalty: 50},     // 5
		{Kind: Box, Width: 10},           // 6
		{Kind: Glue, Width: 3},           // 7
		{Kind: Penalty, Penalty: -10000}, // 8
		{Kind: Box, Width: 10},           // 9
	}
	tests := []struct{ brk, want int }{
		{-1, 0}, // the first line
		{1, 4},  // glue, penalty and glue after a break are discarded
		{5, 6},  // a hyphen break: the word goes on
		{7, 8},  // a forced break is not skipped
		{8, 9},
		{9, 10}, // after the last item
	}
	for _, tt := range tests {
		if got := LineStart(items, tt.brk); got != tt.want {
			t.Errorf("LineStart(%d) = %d, want %d", tt.brk, got, tt.want)
		}
	}
}

// fuzzBreaker is reused across FuzzBreaks' inputs, which must not change
// what it finds.
var (
	fuzzMu      sync.Mutex
	fuzzBreaker Breaker
)

// FuzzBreaks feeds arbitrary item lists (from bytes) and widths: Breaks and
// Greedy must not panic, and must end every paragraph with increasing,
// legal breaks and finite ratios; a Breaker reused from input to input
// must break as a new one does.
func FuzzBreaks(f *testing.F) {
	f.Add([]byte{0, 10, 1, 3, 0, 20, 2, 50, 0, 5}, uint8(30))
	f.Add([]byte{0, 255, 0, 255}, uint8(10))
	f.Add([]byte{2, 0, 2, 0, 1, 1}, uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, width uint8) {
		var items []Item
		for i := 0; i+1 < len(data); i += 2 {
			v := float64(data[i+1])
			switch data[i] % 4 {
			case 0:
				items = append(items, Item{Kind: Box, Width: v})
			case 1:
				items = append(items, Item{Kind: Glue, Width: v / 10, Stretch: v / 20, Shrink: v / 30})
			case 2:
				items = append(items, Item{Kind: Penalty, Penalty: (v - 128) * 100, Width: v / 50, Flagged: data[i]&4 != 0})
			case 3:
				items = append(items, Item{Kind: Penalty, Penalty: -Infinity})
			}
		}
		if len(items) > 0 && data[0]&8 != 0 {
			items = Finish(items)
		}
		w := float64(width)
		fresh := Breaks(items, constant(w), DefaultParams())
		fuzzMu.Lock()
		reused := fuzzBreaker.Breaks(items, constant(w), DefaultParams())
		same := slices.Equal(reused.Breaks, fresh.Breaks) && slices.Equal(reused.Overfull, fresh.Overfull) && reused.Passes == fresh.Passes
		fuzzMu.Unlock()
		if !same {
			t.Fatalf("a reused Breaker breaks otherwise than a new one")
		}
		for _, r := range []Result{fresh, Greedy(items, constant(w))} {
			if len(items) == 0 {
				if len(r.Breaks) != 0 {
					t.Fatalf("breaks for no items: %+v", r)
				}
				continue
			}
			prev := -1
			for _, b := range r.Breaks {
				if b.Index <= prev || b.Index > len(items) || math.IsNaN(b.Ratio) || math.IsInf(b.Ratio, 0) || b.Ratio < -1 {
					t.Fatalf("bad break %+v after %d in %d items", b, prev, len(items))
				}
				prev = b.Index
			}
			if prev < len(items)-1 {
				t.Fatalf("paragraph not finished: last break %d of %d items", prev, len(items))
			}
		}
	})
}

// sampleParagraphs is the bundled sample's text cut into its paragraphs
// (blank-line separated, line-end hyphens left as the OCR has them), as
// item lists with hyphenation points: some 1,600 paragraphs.
func sampleParagraphs(b *testing.B) [][]Item {
	var out [][]Item
	for _, p := range strings.Split(string(assets.Sample()), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, build(p, true))
		}
	}
	if len(out) < 1000 {
		b.Fatalf("the sample has %d paragraphs", len(out))
	}
	return out
}

func benchSample(b *testing.B, copies int) {
	paras := sampleParagraphs(b)
	var bk Breaker
	p := DefaultParams()
	b.ReportAllocs()
	for b.Loop() {
		for range copies {
			for _, items := range paras {
				bk.Breaks(items, indented, p)
			}
		}
	}
}

// BenchmarkBreaksSample breaks every paragraph of the sample with one
// Breaker, as the typesetter does.
func BenchmarkBreaksSample(b *testing.B) { benchSample(b, 1) }

// BenchmarkBreaksSample16 is the same paragraphs 16 times over: the
// Breaker's memory is reused, so time grows 16-fold and allocation not.
func BenchmarkBreaksSample16(b *testing.B) { benchSample(b, 16) }

// TestBreakerReuse: a Breaker reused across paragraphs of all lengths
// gives what a fresh Breaks gives each time.
func TestBreakerReuse(t *testing.T) {
	var bk Breaker
	paras := paragraphs(t)
	for round := 0; round < 2; round++ {
		for i, p := range paras {
			for _, hy := range []bool{false, true} {
				items := build(p, hy)
				for _, width := range []func(int) float64{constant(300), indented, constant(120)} {
					want := Breaks(items, width, DefaultParams())
					got := bk.Breaks(items, width, DefaultParams())
					if !slices.Equal(got.Breaks, want.Breaks) || got.TotalDemerits != want.TotalDemerits ||
						!slices.Equal(got.Overfull, want.Overfull) || got.Passes != want.Passes {
						t.Fatalf("paragraph %d (hyphens %v): reused Breaker differs", i, hy)
					}
				}
			}
		}
	}
}
