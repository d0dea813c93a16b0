// Package linebreak breaks a paragraph into lines with the Knuth–Plass
// total-fit algorithm ("Breaking Paragraphs into Lines", 1981), the one TeX
// uses. It works on abstract boxes, glue and penalties and knows nothing of
// fonts or PDF: the caller measures the text and sets the lines.
//
// A paragraph is a list of items. A line may end at a penalty below
// Infinity, or at glue that directly follows a box; the glue or penalty at
// a break is dropped, and so are the glue and penalties that follow it up
// to the next box. A paragraph should end with Finish's items (a forced
// break after glue of infinite stretch) so that its last line is set ragged.
package linebreak

import (
	"math"
	"slices"
)

// Kind is what an item is.
type Kind uint8

const (
	Box     Kind = iota // fixed-width material: a word, a piece of a word
	Glue                // stretchable space; a possible break after a box
	Penalty             // a possible break with a cost (hyphen, forced break)
)

// Infinity is TeX's infinite penalty: a penalty >= Infinity forbids a
// break, one <= -Infinity forces one.
const Infinity = 10000

// Item is one box, glue or penalty.
type Item struct {
	Kind    Kind
	Width   float64 // points; for a penalty, the width added if the line breaks there (a hyphen)
	Stretch float64 // glue; math.Inf(1) is infinite (TeX's fil) stretch
	Shrink  float64 // glue
	Penalty float64 // penalty value; >= Infinity forbids a break, <= -Infinity forces one
	Flagged bool    // hyphen penalties: consecutive flagged breaks cost extra
}

// Params are the line breaker's settings, named after TeX's.
type Params struct {
	// Tolerance is the largest badness (100·r³, TeX's \tolerance) of a line
	// in the main pass.
	Tolerance float64
	// Pretolerance, when >= 0, runs a first pass that ignores flagged
	// penalties (no hyphenation) with this tolerance, as TeX does.
	Pretolerance float64
	// LinePenalty is added to each line's badness before squaring (TeX
	// \linepenalty), so that fewer lines are preferred.
	LinePenalty float64
	// HyphenPenalty is informational: penalties come from the items.
	HyphenPenalty float64
	// DoubleHyphenDemerits are added for two flagged breaks in a row.
	DoubleHyphenDemerits float64
	// FinalHyphenDemerits are added when the last full line ends flagged.
	FinalHyphenDemerits float64
	// AdjDemerits are added when adjacent lines' fitness classes differ by
	// more than one (a tight line next to a loose one).
	AdjDemerits float64
	// MaxConsecutiveHyphens, when > 0, is the most flagged breaks allowed in
	// a row; more are never chosen (except as a last resort, see Breaks).
	MaxConsecutiveHyphens int
	// EmergencyStretch is extra stretch (points) assumed in every line when
	// judging badness in the fallback passes, like TeX's \emergencystretch.
	EmergencyStretch float64
}

// DefaultParams are plain TeX's values and folio's hyphen rule.
func DefaultParams() Params {
	return Params{
		Tolerance:             200,
		Pretolerance:          100,
		LinePenalty:           10,
		HyphenPenalty:         50,
		DoubleHyphenDemerits:  10000,
		FinalHyphenDemerits:   5000,
		AdjDemerits:           10000,
		MaxConsecutiveHyphens: 2,
	}
}

// Break is the end of one line.
type Break struct {
	// Index is the item where the line ends: the glue or penalty broken at
	// (excluded from the line, except a penalty's Width, e.g. a hyphen), or
	// len(items) for the end of a list that has no final forced break.
	Index int
	// Ratio is the adjustment ratio to set the line's glue with: each glue
	// gets Width + Ratio·Stretch when Ratio >= 0, Width + Ratio·Shrink when
	// Ratio < 0. It is 0 for a line with infinite stretch (the fil glue
	// takes the slack) or no stretch at all, and -1 for an overfull line.
	Ratio float64
	// Flagged says the line ends at a flagged penalty (a hyphen).
	Flagged bool
	// Demerits are the line's demerits.
	Demerits float64
}

// Result is a paragraph's line breaks.
type Result struct {
	Breaks        []Break // one per line, in order
	TotalDemerits float64 // sum of the lines' demerits
	Overfull      []int   // lines (0-based) wider than their width even at full shrink
	Passes        int     // passes run: the first that found breaks ends the search
}

// Finish returns items with TeX's standard paragraph end appended: a
// trailing glue is removed, then come a penalty that forbids breaking
// before the fill, glue of zero width and infinite stretch (so the last
// line is ragged, not stretched) and a forced break. items is not changed.
func Finish(items []Item) []Item {
	if n := len(items); n > 0 && items[n-1].Kind == Glue {
		items = items[:n-1]
	}
	out := make([]Item, len(items), len(items)+3)
	copy(out, items)
	return append(out,
		Item{Kind: Penalty, Penalty: Infinity},
		Item{Kind: Glue, Stretch: math.Inf(1)},
		Item{Kind: Penalty, Penalty: -Infinity},
	)
}

// TeX's fitness classes.
const (
	veryLoose = iota
	loose
	decent
	tight
)

const (
	infBad       = 10000 // TeX's inf_bad: the badness of a line that cannot stretch enough
	maxDemerits  = 1e8   // TeX caps (l+b)² at 10⁸
	fallbackTol  = infBad
	noLineLength = 0
	epsilon      = 1e-6 // points: rounding slack when a line just fits
)

// lineFit is how one line from a break to the next fits its width.
type lineFit struct {
	ratio    float64 // real adjustment ratio, for setting the glue
	badness  float64 // judged with any emergency stretch
	fitness  int
	overfull bool
}

// fit measures a line of natural width w, finite stretch y, shrink z and
// fil infinite-stretch glues against width lw. extra is emergency stretch.
func fit(w, y, z float64, fil int, lw, extra float64) lineFit {
	switch {
	case math.Abs(w-lw) <= epsilon:
		// An exact fit; running sums may be off by rounding.
	case w < lw:
		if fil > 0 {
			return lineFit{fitness: decent}
		}
		f := lineFit{badness: badness(lw-w, y+extra)}
		if y > 0 {
			f.ratio = (lw - w) / y
		}
		switch {
		case f.badness > 99:
			f.fitness = veryLoose
		case f.badness > 12:
			f.fitness = loose
		default:
			f.fitness = decent
		}
		return f
	case w > lw:
		if w-lw > z+epsilon {
			return lineFit{ratio: -1, badness: infBad + 1, fitness: tight, overfull: true}
		}
		// max: within epsilon of full shrink the ratio may round below -1.
		f := lineFit{ratio: max((lw-w)/z, -1), badness: badness(w-lw, z), fitness: decent}
		if f.badness > 12 {
			f.fitness = tight
		}
		return f
	}
	return lineFit{fitness: decent}
}

// badness is TeX's 100·(t/s)³, capped at infBad.
func badness(t, s float64) float64 {
	if t <= 0 {
		return 0
	}
	if s <= 0 {
		return infBad
	}
	r := t / s
	return min(100*r*r*r, infBad) // r³ may overflow to +Inf: still capped
}

// demerits is TeX's formula for a line of badness b ending at penalty pen,
// after a line that was flagged (prevFlagged) and had fitness prevFit.
func demerits(p *Params, b, pen float64, flagged, prevFlagged, end bool, fitness, prevFit int) float64 {
	d := p.LinePenalty + b
	if math.Abs(d) >= 10000 {
		d = maxDemerits
	} else {
		d *= d
	}
	switch {
	case pen > 0:
		d += pen * pen
	case pen < 0 && pen > -Infinity:
		d -= pen * pen
	}
	if prevFlagged {
		if end {
			d += p.FinalHyphenDemerits
		} else if flagged {
			d += p.DoubleHyphenDemerits
		}
	}
	if fitness-prevFit > 1 || prevFit-fitness > 1 {
		d += p.AdjDemerits
	}
	return d
}

// node is a feasible break found in a pass.
type node struct {
	pos      int     // item index of the break; -1 for the paragraph start
	line     int     // lines before this break plus one: the next line's number
	fitness  int     // of the line ending here
	run      int     // flagged breaks in a row ending here
	total    float64 // demerits used to choose (includes artificial zeros)
	tw       float64 // width, stretch, shrink and fil sums up to the next line's start
	ty, tz   float64
	tfil     int
	prev     int32 // index in nodes of the previous break; -1 at the start
	ratio    float64
	demerits float64 // the line's real demerits
	overfull bool
	flagged  bool
}

// pass is one run of the algorithm with one tolerance.
type pass struct {
	items     []Item
	width     func(int) float64
	widths    []float64 // cache of width(line)
	easy      int       // lines from here on have one width (TeX's easy_line)
	p         Params
	tol       float64
	extra     float64 // emergency stretch
	hyphenate bool    // flagged penalties are breakpoints
	final     bool    // never fail: take an overfull or underfull line if needed

	nodes  []node
	active []int32
	cands  []node
	w, y   float64 // sums over items before the current one
	z      float64
	fil    int
	end    int // index of the paragraph's final break
}

// probeLines is how many lines' widths are read up front to find where
// the paragraph shape becomes constant.
const probeLines = 64

// findEasyLine sets ps.easy: one past the last line, among the first
// probeLines, whose width differs from the line before. Breaks that differ
// only in how many lines precede them beyond that point are interchangeable,
// which keeps the search linear instead of growing with every line count.
func (ps *pass) findEasyLine() {
	ps.easy = 0
	for l := 1; l < probeLines; l++ {
		if ps.lineWidth(l) != ps.lineWidth(l-1) {
			ps.easy = l
		}
	}
}

// keyLine is the line number that matters for the rest of the paragraph.
func (ps *pass) keyLine(line int) int { return min(line, ps.easy) }

func (ps *pass) lineWidth(line int) float64 {
	for len(ps.widths) <= line {
		ps.widths = append(ps.widths, ps.width(len(ps.widths)))
	}
	return ps.widths[line]
}

// run returns the index in ps.nodes of the best final break, or -1 when
// the pass found no way through.
func (ps *pass) run() int32 {
	ps.nodes = append(ps.nodes[:0], node{pos: -1, fitness: decent, prev: -1})
	ps.active = append(ps.active[:0], 0)
	ps.w, ps.y, ps.z, ps.fil = 0, 0, 0, 0
	items := ps.items
	for i := range items {
		it := &items[i]
		switch it.Kind {
		case Box:
			ps.w += it.Width
		case Glue:
			if i > 0 && items[i-1].Kind == Box {
				ps.try(i, 0, 0, false)
			}
			ps.w += it.Width
			if math.IsInf(it.Stretch, 1) {
				ps.fil++
			} else {
				ps.y += it.Stretch
			}
			ps.z += it.Shrink
		case Penalty:
			if it.Penalty < Infinity && (ps.hyphenate || !it.Flagged) {
				ps.try(i, it.Penalty, it.Width, it.Flagged)
			}
		}
		if len(ps.active) == 0 {
			return -1
		}
	}
	if ps.end == len(items) {
		ps.try(len(items), -Infinity, 0, false)
	}
	best := int32(-1)
	for _, a := range ps.active {
		n := &ps.nodes[a]
		if n.pos == ps.end && (best < 0 || n.total < ps.nodes[best].total) {
			best = a
		}
	}
	return best
}

// try considers a break at item b with penalty pen, adding pw (a hyphen's
// width) to a line that ends there.
func (ps *pass) try(b int, pen, pw float64, flagged bool) {
	forced := pen <= -Infinity
	end := b == ps.end
	ps.cands = ps.cands[:0]
	maxRun := ps.p.MaxConsecutiveHyphens
	kept := 0
	for k, ai := range ps.active {
		a := &ps.nodes[ai]
		lw := ps.lineWidth(a.line)
		f := fit(ps.w-a.tw+pw, ps.y-a.ty, ps.z-a.tz, ps.fil-a.tfil, lw, ps.extra)
		deactivate := f.overfull || forced
		run := 0
		if flagged {
			run = a.run + 1
		}
		feasible := !f.overfull && f.badness <= ps.tol && (maxRun <= 0 || run <= maxRun)
		artificial := false
		if !feasible && deactivate && ps.final && len(ps.cands) == 0 && kept == 0 && k == len(ps.active)-1 {
			// TeX's last resort: the only active break left is about to
			// go, so end a line here anyway rather than fail.
			feasible, artificial = true, true
		}
		if feasible {
			d := demerits(&ps.p, f.badness, pen, flagged, a.flagged, end, f.fitness, a.fitness)
			total := a.total + d
			if artificial {
				total = a.total
			}
			ps.offer(node{pos: b, line: a.line + 1, fitness: f.fitness, run: run, total: total,
				prev: ai, ratio: f.ratio, demerits: d, overfull: f.overfull, flagged: flagged})
		}
		if !deactivate {
			ps.active[kept] = ai
			kept++
		}
	}
	ps.active = ps.active[:kept]
	if len(ps.cands) == 0 {
		return
	}
	ps.prune()
	// The next line starts at the first box after b (or a forced break):
	// glue and penalties in between are discarded with the break.
	tw, ty, tz, tfil := ps.w, ps.y, ps.z, ps.fil
	for i := b; i < len(ps.items); i++ {
		it := &ps.items[i]
		if it.Kind == Box || (i > b && it.Kind == Penalty && it.Penalty <= -Infinity) {
			break
		}
		if it.Kind == Glue {
			tw += it.Width
			if math.IsInf(it.Stretch, 1) {
				tfil++
			} else {
				ty += it.Stretch
			}
			tz += it.Shrink
		}
	}
	for _, c := range ps.cands {
		c.tw, c.ty, c.tz, c.tfil = tw, ty, tz, tfil
		ps.nodes = append(ps.nodes, c)
		ps.active = append(ps.active, int32(len(ps.nodes)-1))
	}
}

// offer keeps c if it is the best break at this position for its line
// number, fitness class and hyphen run: those are all that the rest of the
// paragraph depends on, so keeping one per key makes the search exact.
func (ps *pass) offer(c node) {
	kl := ps.keyLine(c.line)
	for i := range ps.cands {
		o := &ps.cands[i]
		if ps.keyLine(o.line) == kl && o.fitness == c.fitness && o.run == c.run {
			if c.total < o.total {
				*o = c
			}
			return
		}
	}
	ps.cands = append(ps.cands, c)
}

// prune drops candidates that can never be part of the best paragraph: c
// is dominated by o at the same position and line when o has no longer a
// hyphen run (so it is no more constrained and pays no more hyphen
// demerits later) and o.total+AdjDemerits <= c.total (fitness can cost o
// at most AdjDemerits more than c on the next line). This is TeX's
// "minimal_demerits + adj_demerits" rule extended to hyphen runs.
func (ps *pass) prune() {
	adj := max(ps.p.AdjDemerits, 0)
	kept := ps.cands[:0]
	for i, c := range ps.cands {
		dominated := false
		for j, o := range ps.cands {
			if i != j && ps.keyLine(o.line) == ps.keyLine(c.line) && o.run <= c.run &&
				(o.total+adj < c.total || o.total+adj == c.total && j < i) {
				dominated = true
				break
			}
		}
		if !dominated {
			kept = append(kept, c)
		}
	}
	ps.cands = kept
}

// Breaks chooses the breaks that minimise the paragraph's total demerits.
// lineWidth(n) is the width of line n (0 = first), so indents and hanging
// shapes work; it is read for lines 0-63 up front, and the width it gives
// after its last change there is taken to hold for the rest of the
// paragraph when comparing breaks (as TeX does with \parshape), though
// every line is still measured against its own width.
//
// It never fails: passes run in order until one succeeds — without
// hyphenation at Pretolerance (when >= 0), with hyphenation at Tolerance,
// with EmergencyStretch (when > 0), and last at infinite tolerance
// (underfull lines allowed) where, if nothing fits, a line is left overfull
// and listed in Overfull. An empty list gives no breaks. Start from
// DefaultParams: a zero Params means tolerance 0.
func Breaks(items []Item, lineWidth func(line int) float64, p Params) Result {
	var b Breaker
	return b.Breaks(items, lineWidth, p)
}

// Breaker breaks paragraph after paragraph with the same working memory:
// a book's worth of paragraphs otherwise allocates its size in search
// nodes many times over. The zero value is ready to use; a Breaker is not
// safe for concurrent use.
type Breaker struct {
	ps   pass
	res  []Break
	over []bool
}

// Breaks does what the package's Breaks does, in b's memory. The
// Result's Breaks belong to b and stay valid only until b's next call.
func (b *Breaker) Breaks(items []Item, lineWidth func(line int) float64, p Params) Result {
	if len(items) == 0 {
		return Result{}
	}
	if lineWidth == nil {
		lineWidth = func(int) float64 { return noLineLength }
	}
	ps := &b.ps
	*ps = pass{items: items, width: lineWidth, p: p, end: len(items),
		widths: ps.widths[:0], nodes: ps.nodes[:0], active: ps.active[:0], cands: ps.cands[:0]}
	// Most breakpoints yield a node or two; sizing the arena up front
	// avoids regrowing it, which otherwise dominates the run time.
	if want := len(items)/2 + 16; cap(ps.nodes) < want {
		ps.nodes = make([]node, 0, want)
	}
	ps.findEasyLine()
	if last := items[len(items)-1]; last.Kind == Penalty && last.Penalty <= -Infinity {
		ps.end = len(items) - 1
	}
	type setting struct {
		tol, extra      float64
		hyphenate, last bool
	}
	var plan [4]setting
	n := 0
	if p.Pretolerance >= 0 {
		plan[n] = setting{tol: p.Pretolerance}
		n++
	}
	plan[n] = setting{tol: p.Tolerance, hyphenate: true}
	n++
	if p.EmergencyStretch > 0 {
		plan[n] = setting{tol: p.Tolerance, extra: p.EmergencyStretch, hyphenate: true}
		n++
	}
	plan[n] = setting{tol: fallbackTol, extra: max(p.EmergencyStretch, 0), hyphenate: true, last: true}
	n++
	var res Result
	for i, s := range plan[:n] {
		ps.tol, ps.extra, ps.hyphenate, ps.final = s.tol, s.extra, s.hyphenate, s.last
		best := ps.run()
		if best < 0 {
			continue
		}
		res = b.result(best)
		res.Passes = i + 1
		break
	}
	// the pass points into the caller's items and closure: let them go
	ps.items, ps.width = nil, nil
	return res
}

// result walks back from the final break.
func (b *Breaker) result(best int32) Result {
	ps := &b.ps
	var r Result
	brk, over := b.res[:0], b.over[:0]
	for n := best; ps.nodes[n].prev >= 0; n = ps.nodes[n].prev {
		nd := &ps.nodes[n]
		brk = append(brk, Break{Index: nd.pos, Ratio: nd.ratio, Flagged: nd.flagged, Demerits: nd.demerits})
		over = append(over, nd.overfull)
	}
	slices.Reverse(brk)
	slices.Reverse(over)
	for i, bk := range brk {
		r.TotalDemerits += bk.Demerits
		if over[i] {
			r.Overfull = append(r.Overfull, i)
		}
	}
	b.res, b.over = brk, over
	r.Breaks = brk
	return r
}

// LineStart is the first item of the line after a break at item b (0 for
// b < 0, the first line): the glue and penalties after a break are
// discarded up to the next box or forced break. A line thus runs from
// LineStart(items, previous break) to its break's Index, exclusive, plus
// the Width of the penalty it ends at.
func LineStart(items []Item, b int) int {
	if b < 0 {
		return 0
	}
	i := b + 1
	for i < len(items) {
		it := &items[i]
		if it.Kind == Box || (it.Kind == Penalty && it.Penalty <= -Infinity) {
			break
		}
		i++
	}
	return i
}

// measure sums a line from item start up to a break at b.
func measure(items []Item, start, b int) (w, y, z float64, fil int) {
	for i := start; i < b && i < len(items); i++ {
		it := &items[i]
		switch it.Kind {
		case Box:
			w += it.Width
		case Glue:
			w += it.Width
			if math.IsInf(it.Stretch, 1) {
				fil++
			} else {
				y += it.Stretch
			}
			z += it.Shrink
		}
	}
	if b < len(items) && items[b].Kind == Penalty {
		w += items[b].Width
	}
	return w, y, z, fil
}

// Score measures and scores given breaks (item indices, the last being the
// paragraph's end) exactly as Breaks does, so any breaking can be compared
// with the optimum. It does not check that the breaks are legal.
func Score(items []Item, breaks []int, lineWidth func(line int) float64, p Params) Result {
	var r Result
	if lineWidth == nil {
		lineWidth = func(int) float64 { return noLineLength }
	}
	end := len(items)
	if n := len(items); n > 0 && items[n-1].Kind == Penalty && items[n-1].Penalty <= -Infinity {
		end = n - 1
	}
	start, prevFit, prevFlagged := 0, decent, false
	for line, b := range breaks {
		w, y, z, fil := measure(items, start, b)
		f := fit(w, y, z, fil, lineWidth(line), 0)
		pen, flagged := 0.0, false
		if b < len(items) && items[b].Kind == Penalty {
			pen, flagged = items[b].Penalty, items[b].Flagged
		}
		d := demerits(&p, f.badness, pen, flagged, prevFlagged, b == end, f.fitness, prevFit)
		r.Breaks = append(r.Breaks, Break{Index: b, Ratio: f.ratio, Flagged: flagged, Demerits: d})
		r.TotalDemerits += d
		if f.overfull {
			r.Overfull = append(r.Overfull, line)
		}
		start, prevFit, prevFlagged = LineStart(items, b), f.fitness, flagged
	}
	return r
}

// Demerits is the total demerits of the given breaks, scored as by Breaks.
func Demerits(items []Item, breaks []int, lineWidth func(line int) float64, p Params) float64 {
	return Score(items, breaks, lineWidth, p).TotalDemerits
}

// Greedy breaks first-fit, as a word processor does: each line takes as
// much as fits at full shrink. It ignores penalties' costs and hyphen
// limits, but honours forbidden and forced breaks. The result is scored
// with DefaultParams for comparison with Breaks.
func Greedy(items []Item, lineWidth func(line int) float64) Result {
	if len(items) == 0 {
		return Result{}
	}
	if lineWidth == nil {
		lineWidth = func(int) float64 { return noLineLength }
	}
	end := len(items)
	if n := len(items); items[n-1].Kind == Penalty && items[n-1].Penalty <= -Infinity {
		end = n - 1
	}
	var breaks []int
	for start := 0; ; {
		lw := lineWidth(len(breaks))
		var w, z float64 // natural width and shrink from start
		last, chosen := -1, -1
		for i := start; i <= end; i++ {
			var it Item
			legal, forced := false, i == end
			if i < len(items) {
				it = items[i]
				switch it.Kind {
				case Glue:
					legal = i > 0 && items[i-1].Kind == Box
				case Penalty:
					legal = it.Penalty < Infinity
					forced = forced || it.Penalty <= -Infinity
				}
			}
			if legal || forced {
				pw := 0.0
				if it.Kind == Penalty {
					pw = it.Width
				}
				if w+pw-z > lw+epsilon {
					chosen = i // nothing earlier fits: an overfull line
					if last >= 0 {
						chosen = last
					}
					break
				}
				last = i
				if forced {
					chosen = i
					break
				}
			}
			if it.Kind == Box || it.Kind == Glue {
				w += it.Width
				z += it.Shrink
			}
		}
		breaks = append(breaks, chosen)
		if chosen >= end {
			break
		}
		start = LineStart(items, chosen)
	}
	return Score(items, breaks, lineWidth, DefaultParams())
}
