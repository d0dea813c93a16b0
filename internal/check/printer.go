package check

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"folio/internal/printer"
)

// The rules of a print service (folio check --printer NAME), on top of
// the general PDF checks: page count, inside and outside margins by page
// count (measured on the text with poppler's pdftotext -bbox when it is
// installed), bookmarks and annotations (KDP), PDF/X-1a (IngramSpark:
// version, output intent, identification, trapping key, no transparency,
// gray or CMYK only, text at 100 % K), an even page count and a blank last
// page. A wrap cover (one page wider than tall) is checked instead for
// its size against the spine formula, its bleed, the spine text and the
// barcode area. Each rule and its source: package printer, README.

// isCover reports whether the file looks like a wrap cover: one page,
// wider than tall.
func (p *pdfCheck) isCover() bool {
	return len(p.pages) == 1 && p.pages[0].media != nil && p.pages[0].media.w() > p.pages[0].media.h()*1.2
}

func (p *pdfCheck) printerRules(ctx context.Context, prof printer.Profile, data []byte, file string, external bool) {
	if p.isCover() {
		p.coverRules(ctx, prof, data, file, external)
		return
	}
	n := len(p.pages)
	name := prof.Title
	if n < prof.MinPages {
		p.f.add(Error, "", "%s: %s needs at least %d pages; add pages (or choose another service)", plural(n, "page"), name, prof.MinPages)
	}
	if max := prof.MaxPages(); n > max {
		p.f.add(Error, "", "%d pages: more than %s binds (%d); split the book into volumes", n, name, max)
	}
	if prof.EvenPages && n%2 == 1 {
		p.f.add(Error, "", "%s, an odd count: %s requires an even page count; add a blank last page", plural(n, "page"), name)
	}
	if prof.BlankLast && n > 0 && !p.blank(p.pages[n-1]) {
		p.f.add(Error, fmt.Sprintf("page %d", n), "the last page is not blank: %s prints its barcode on it; end the book with a blank page", name)
	}
	if prof.NoOutline {
		if p.marks > 0 {
			p.f.add(Error, "bookmarks", "%s in the file: %s's upload rules want an interior without bookmarks; build with --printer kdp (the reading PDF, --printer none, keeps them)", plural(p.marks, "bookmark"), name)
		}
	}
	if prof.NoOutline || prof.PDFX != "" {
		if pages := p.annotated(); len(pages) > 0 {
			p.f.add(Error, pageList(pages), "annotations (links, comments, form fields): %s refuses them in an interior; export without them", name)
		}
	}
	if prof.PDFX != "" {
		p.pdfxRules(prof)
	}
	if p.trim != nil {
		if p.bleed > 0.5 && math.Abs(p.bleed-prof.Bleed*printer.Inch) > 0.5 {
			p.f.add(Error, "", "bleed %s in: %s wants %s in on the outer edges", num(p.bleed/72), name, num(prof.Bleed))
		}
		p.margins(ctx, prof, data, file, external)
	}
	if !p.f.has(Error) {
		p.f.add(Info, "", "%s rules checked: %s", name, strings.Join(prof.Describe()[:3], "; "))
	}
}

// has reports whether a finding of severity s was added.
func (f *findings) has(s Severity) bool {
	for _, x := range f.list {
		if x.Severity == s {
			return true
		}
	}
	return false
}

// blank reports whether a page draws nothing.
func (p *pdfCheck) blank(pg *page) bool {
	ops, err := p.pageOps(pg)
	if err != nil {
		return false
	}
	for _, op := range ops {
		switch op.name {
		case "Tj", "TJ", "'", "\"", "Do", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "BI":
			return false
		}
	}
	return true
}

// annotated lists the pages with annotations.
func (p *pdfCheck) annotated() []int {
	var out []int
	for _, pg := range p.pages {
		if a, err := p.ctx.DereferenceArray(pg.dict["Annots"]); err == nil && len(a) > 0 {
			out = append(out, pg.num)
		}
	}
	return out
}

// pdfxRules checks PDF/X-1a:2001 (ISO 15930-1) as far as a file's
// structure shows it; the colour of what is drawn is read from the
// content streams.
func (p *pdfCheck) pdfxRules(prof printer.Profile) {
	want := prof.PDFX
	name := prof.Title
	if v, err := strconv.ParseFloat(p.version, 64); err == nil && v > 1.3 {
		p.f.add(Error, "", "PDF version %s: %s is based on PDF 1.3; export as %s", p.version, want, want)
	}
	info := types.Dict{}
	if p.ctx.Info != nil {
		if d, err := p.ctx.DereferenceDict(*p.ctx.Info); err == nil && d != nil {
			info = d
		}
	}
	text := func(key string) string {
		o, ok := info.Find(key)
		if !ok {
			return ""
		}
		s, err := p.ctx.DereferenceText(o)
		if err != nil {
			return ""
		}
		return s
	}
	if v := text("GTS_PDFXVersion"); v != "PDF/X-1:2001" {
		p.f.add(Error, "document info", "GTS_PDFXVersion is %q, not \"PDF/X-1:2001\": %s wants %s; export as %s", v, name, want, want)
	}
	if v := text("GTS_PDFXConformance"); v != want {
		p.f.add(Error, "document info", "GTS_PDFXConformance is %q, not %q; export as %s", v, want, want)
	}
	if tr := info.NameEntry("Trapped"); tr == nil || (*tr != "True" && *tr != "False") {
		p.f.add(Error, "document info", "no /Trapped True or False: PDF/X needs to know whether the file is trapped; export as %s", want)
	}
	if text("Title") == "" {
		p.f.add(Error, "document info", "no /Title: PDF/X requires one")
	}
	for _, k := range []string{"CreationDate", "ModDate"} {
		if _, ok := info.Find(k); !ok {
			p.f.add(Error, "document info", "no /%s: PDF/X requires it", k)
		}
	}
	if p.ctx.XRefTable.ID == nil {
		p.f.add(Error, "trailer", "no file identifier (/ID): PDF/X requires one; export as %s", want)
	}
	p.outputIntent(want)
	var rgb, trans, notK []int
	for _, pg := range p.pages {
		c := p.colours(pg)
		if c.rgb {
			rgb = append(rgb, pg.num)
		}
		if c.transparency {
			trans = append(trans, pg.num)
		}
		if c.textNotK {
			notK = append(notK, pg.num)
		}
	}
	if len(rgb) > 0 {
		p.f.add(Error, pageList(rgb), "RGB or ICC-based colour: %s allows only gray and CMYK; convert the colours to grayscale (or CMYK)", want)
	}
	if len(trans) > 0 {
		p.f.add(Error, pageList(trans), "transparency (soft masks, blend modes or opacity): %s forbids it; flatten the transparency", want)
	}
	if len(notK) > 0 && !p.isCover() { // a cover's type may be in colour
		p.f.add(Error, pageList(notK), "text not in 100 %% black: %s interiors set text in pure black (gray 0 or CMYK 0/0/0/100) so that it prints with one ink; change the text colour", name)
	}
	for _, pg := range p.pages {
		if pg.trim == nil {
			continue // reported with the boxes
		}
		if pg.bleed != nil && !pg.bleed.inside(*pg.media) {
			p.f.add(Error, fmt.Sprintf("page %d", pg.num), "the BleedBox reaches outside the MediaBox; correct the page boxes")
			break
		}
	}
}

// outputIntent checks the catalog's PDF/X output intent.
func (p *pdfCheck) outputIntent(want string) {
	arr, err := p.ctx.DereferenceArray(p.ctx.RootDict["OutputIntents"])
	if err != nil || len(arr) == 0 {
		p.f.add(Error, "catalog", "no OutputIntents: %s names the printing condition the file is made for; export as %s with an output intent", want, want)
		return
	}
	found := false
	for _, o := range arr {
		d, err := p.ctx.DereferenceDict(o)
		if err != nil || d == nil {
			continue
		}
		if s := d.NameEntry("S"); s == nil || *s != "GTS_PDFX" {
			continue
		}
		found = true
		id := ""
		if v, ok := d.Find("OutputConditionIdentifier"); ok {
			id, _ = p.ctx.DereferenceText(v)
		}
		if id == "" {
			p.f.add(Error, "output intent", "no OutputConditionIdentifier: PDF/X requires one")
		}
		prof, hasProf := d.Find("DestOutputProfile")
		if !hasProf {
			if id == "Custom" || id == "" {
				p.f.add(Error, "output intent", "a custom printing condition without its ICC profile (DestOutputProfile); embed the profile")
			}
			continue
		}
		sd, _, err := p.ctx.DereferenceStreamDict(prof)
		if err != nil || sd == nil {
			p.f.add(Error, "output intent", "the DestOutputProfile is not a stream; embed the ICC profile again")
			continue
		}
		if err := sd.Decode(); err != nil || len(sd.Content) < 128 {
			p.f.add(Error, "output intent", "the ICC profile cannot be read; embed it again")
			continue
		}
		icc := sd.Content
		class, space := string(icc[12:16]), string(icc[16:20])
		if class != "prtr" {
			p.f.add(Error, "output intent", "the ICC profile's class is %q: PDF/X wants an output (printer) profile, class \"prtr\"", class)
		}
		if space != "GRAY" && space != "CMYK" {
			p.f.add(Error, "output intent", "the ICC profile is %q: %s prints gray or CMYK", strings.TrimSpace(space), want)
		}
		if n := sd.IntEntry("N"); n == nil || (*n != 1 && *n != 4) || (*n == 1) != (space == "GRAY") {
			p.f.add(Error, "output intent", "the ICC profile's /N does not match its colour space %q", strings.TrimSpace(space))
		}
	}
	if !found {
		p.f.add(Error, "catalog", "no output intent of subtype GTS_PDFX; export as %s", want)
	}
}

// colourUse is what a page's content does with colour.
type colourUse struct {
	rgb, transparency, textNotK bool
}

// colours reads a page's content: RGB operators or colour spaces, soft
// masks, opacity and blend modes in its graphics states, and the fill
// colour in force when text is shown.
func (p *pdfCheck) colours(pg *page) colourUse {
	var c colourUse
	ops, err := p.pageOps(pg)
	if err != nil {
		return c
	}
	gray := true // the initial fill colour is black (DeviceGray 0)
	for _, op := range ops {
		a := op.args
		switch op.name {
		case "rg", "RG":
			c.rgb = true
			if op.name == "rg" {
				gray = false
			}
		case "g":
			gray = len(a) == 1 && numIs(a[0], 0)
		case "k":
			gray = len(a) == 4 && numIs(a[0], 0) && numIs(a[1], 0) && numIs(a[2], 0) && numIs(a[3], 1)
		case "sc", "scn":
			gray = false
		case "cs", "CS":
			if len(a) == 1 && (a[0] == "/DeviceRGB" || p.rgbSpace(pg, strings.TrimPrefix(a[0], "/"))) {
				c.rgb = true
			}
		case "gs":
			if len(a) == 1 && p.transparentGS(pg, strings.TrimPrefix(a[0], "/")) {
				c.transparency = true
			}
		case "Tj", "TJ", "'", "\"":
			if !gray {
				c.textNotK = true
			}
		}
	}
	return c
}

// numIs reports whether an operand is the number v.
func numIs(s string, v float64) bool {
	f, err := strconv.ParseFloat(s, 64)
	return err == nil && f == v
}

// rgbSpace reports whether a named colour space of the page is RGB.
func (p *pdfCheck) rgbSpace(pg *page, name string) bool {
	cs, err := p.ctx.DereferenceDict(pg.res["ColorSpace"])
	if err != nil || cs == nil {
		return false
	}
	o, err := p.ctx.Dereference(cs[name])
	if err != nil {
		return false
	}
	if arr, ok := o.(types.Array); ok && len(arr) > 0 {
		if n, ok := arr[0].(types.Name); ok {
			switch n.Value() {
			case "CalRGB", "DeviceRGB":
				return true
			case "ICCBased":
				if len(arr) > 1 {
					if sd, _, err := p.ctx.DereferenceStreamDict(arr[1]); err == nil && sd != nil {
						if n := sd.IntEntry("N"); n != nil && *n == 3 {
							return true
						}
					}
				}
			}
		}
	}
	return false
}

// transparentGS reports whether a named graphics state of the page
// makes anything transparent.
func (p *pdfCheck) transparentGS(pg *page, name string) bool {
	gs, err := p.ctx.DereferenceDict(pg.res["ExtGState"])
	if err != nil || gs == nil {
		return false
	}
	d, err := p.ctx.DereferenceDict(gs[name])
	if err != nil || d == nil {
		return false
	}
	if sm, ok := d.Find("SMask"); ok {
		if n, ok := sm.(types.Name); !ok || n.Value() != "None" {
			return true
		}
	}
	for _, k := range []string{"CA", "ca"} {
		if o, ok := d.Find(k); ok {
			if v, err := p.ctx.DereferenceNumber(o); err == nil && v < 1 {
				return true
			}
		}
	}
	if bm := d.NameEntry("BM"); bm != nil && *bm != "Normal" && *bm != "Compatible" {
		return true
	}
	return false
}

// margins measures the text's distance to the trim on every page with
// pdftotext -bbox (poppler) and holds it to the service's minimums: the
// inside margin by page count, the outside, top and bottom ones.
func (p *pdfCheck) margins(ctx context.Context, prof printer.Profile, data []byte, file string, external bool) {
	boxes, err := textBoxes(ctx, data, file, external)
	if err != nil {
		p.f.add(Info, "", "margins not measured: %v", err)
		return
	}
	n := len(p.pages)
	inside := prof.InsideMargin(n) * printer.Inch
	bled := p.bleed > 0.5
	outside := prof.OutsideMargin(bled) * printer.Inch
	var badIn, badOut []int
	worstIn, worstOut := math.Inf(1), math.Inf(1)
	for i, pg := range p.pages {
		if i >= len(boxes) || pg.trim == nil || pg.media == nil {
			continue
		}
		for _, b := range boxes[i] {
			// poppler's boxes are from the media's top-left corner
			llx, urx := b.xMin+pg.media.llx, b.xMax+pg.media.llx
			top, bottom := pg.media.ury-b.yMin, pg.media.ury-b.yMax
			left, right := llx-pg.trim.llx, pg.trim.urx-urx
			up, down := pg.trim.ury-top, bottom-pg.trim.lly
			in, out := left, right // a recto's inside is its left edge
			if pg.num%2 == 0 {
				in, out = right, left
			}
			const eps = 0.5
			if in < inside-eps {
				badIn = appendOnce(badIn, pg.num)
				worstIn = math.Min(worstIn, in)
			}
			if o := math.Min(out, math.Min(up, down)); o < outside-eps {
				badOut = appendOnce(badOut, pg.num)
				worstOut = math.Min(worstOut, o)
			}
		}
	}
	if len(badIn) > 0 {
		p.f.add(Error, pageList(badIn), "text %s in from the inside edge: %s wants an inside margin of at least %s in for %d pages; widen the gutter", num(worstIn/72), prof.Title, num(inside/72), n)
	}
	if len(badOut) > 0 {
		p.f.add(Error, pageList(badOut), "text %s in from the outside, top or bottom edge: %s wants at least %s in; widen the margins", num(worstOut/72), prof.Title, num(outside/72))
	}
}

func appendOnce(s []int, n int) []int {
	if len(s) > 0 && s[len(s)-1] == n {
		return s
	}
	return append(s, n)
}

// wordBox is one word's box from pdftotext -bbox, in points from the
// page's top-left corner.
type wordBox struct {
	xMin, yMin, xMax, yMax float64
	text                   string
}

// textBoxes runs pdftotext -bbox and returns each page's word boxes.
func textBoxes(ctx context.Context, data []byte, file string, external bool) ([][]wordBox, error) {
	if !external {
		return nil, fmt.Errorf("outside tools are off (--no-external)")
	}
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, fmt.Errorf("pdftotext is not installed (Debian: apt-get install poppler-utils)")
	}
	dir, path, err := workDir(data, file, "book.pdf")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "bbox.html")
	if msg, err := exec.CommandContext(ctx, tool, "-bbox", path, out).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pdftotext -bbox failed: %v %s", err, truncate(string(msg), 200))
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	return parseBBox(raw)
}

// parseBBox reads pdftotext's -bbox XHTML.
func parseBBox(raw []byte) ([][]wordBox, error) {
	dec := xml.NewDecoder(bytes.NewReader(raw))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var pages [][]wordBox
	var cur *wordBox
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "page":
				pages = append(pages, nil)
			case "word":
				if len(pages) == 0 {
					continue
				}
				var b wordBox
				for _, a := range t.Attr {
					v, _ := strconv.ParseFloat(a.Value, 64)
					switch a.Name.Local {
					case "xMin":
						b.xMin = v
					case "yMin":
						b.yMin = v
					case "xMax":
						b.xMax = v
					case "yMax":
						b.yMax = v
					}
				}
				pages[len(pages)-1] = append(pages[len(pages)-1], b)
				cur = &pages[len(pages)-1][len(pages[len(pages)-1])-1]
			}
		case xml.CharData:
			if cur != nil {
				cur.text += string(t)
			}
		case xml.EndElement:
			if t.Name.Local == "word" {
				cur = nil
			}
		}
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("pdftotext -bbox gave no pages")
	}
	return pages, nil
}

// coverFacts is what a wrap cover's size depends on: the interior's page
// count and trim and the paper, from the cover's own document
// information (folio writes FolioPages, FolioPaper, FolioTrim) or the
// interior beside it (BOOK.pdf for BOOK.cover.pdf).
type coverFacts struct {
	pages        int
	trimW, trimH float64 // inches
	paper        string
	from         string
}

func (p *pdfCheck) coverFacts(file string) (coverFacts, bool) {
	var c coverFacts
	if p.ctx.Info != nil {
		if d, err := p.ctx.DereferenceDict(*p.ctx.Info); err == nil && d != nil {
			get := func(k string) string {
				if o, ok := d.Find(k); ok {
					if s, err := p.ctx.DereferenceText(o); err == nil {
						return s
					}
				}
				return ""
			}
			c.pages, _ = strconv.Atoi(get("FolioPages"))
			c.paper = get("FolioPaper")
			if w, h, ok := strings.Cut(get("FolioTrim"), "x"); ok {
				c.trimW, _ = strconv.ParseFloat(w, 64)
				c.trimH, _ = strconv.ParseFloat(h, 64)
			}
			c.from = "the cover's document information"
		}
	}
	if c.pages > 0 && c.trimW > 0 && c.trimH > 0 {
		return c, true
	}
	if file != "" && strings.HasSuffix(file, ".cover.pdf") {
		interior := strings.TrimSuffix(file, ".cover.pdf") + ".pdf"
		if data, err := os.ReadFile(interior); err == nil {
			var f findings
			q := &pdfCheck{f: &f, pageOf: map[int]int{}, visited: map[int]bool{}}
			if q.read(data) {
				q.pageTree()
				q.boxes()
				if q.trim != nil && len(q.pages) > 0 {
					c.pages, c.trimW, c.trimH = len(q.pages), q.trim.w()/72, q.trim.h()/72
					c.from = filepath.Base(interior)
					return c, true
				}
			}
		}
	}
	return c, false
}

// coverRules checks a wrap cover: size against the spine formula, bleed,
// PDF/X where the service wants it, and, with poppler's boxes, text kept
// out of the barcode area, off the spine of a thin book and inside the
// safe area.
func (p *pdfCheck) coverRules(ctx context.Context, prof printer.Profile, data []byte, file string, external bool) {
	pg := p.pages[0]
	name := prof.Title
	if prof.CoverPDFX && prof.PDFX != "" {
		p.pdfxRules(prof)
	}
	facts, ok := p.coverFacts(file)
	if !ok {
		p.f.add(Warning, "", "a wrap cover whose interior is unknown: its spine cannot be checked; keep the interior beside it as BOOK.pdf for BOOK.cover.pdf (folio's covers say their page count themselves)")
		return
	}
	paper, err := prof.Paper(facts.paper)
	if err != nil {
		p.f.add(Warning, "", "%v; the spine is checked for %s paper", err, prof.Papers[0].Name)
		paper = prof.Papers[0]
	}
	spine := printer.Spine(facts.pages, paper)
	w, h := prof.CoverSize(facts.trimW, facts.trimH, facts.pages, paper)
	gw, gh := pg.media.w()/72, pg.media.h()/72
	p.f.add(Info, "", "wrap cover for %d pages on %s paper (from %s): spine %.3f in, %s expects %.3f × %.3f in", facts.pages, paper.Name, facts.from, spine, name, w, h)
	if d := math.Max(math.Abs(gw-w), math.Abs(gh-h)); d > prof.SpineTolerance {
		p.f.add(Error, "", "the cover is %.3f × %.3f in, %s expects %.3f × %.3f in (%s in bleed, two %s × %s in panels, a %.3f in spine): make the cover again for this page count and paper",
			gw, gh, name, w, h, num(prof.Bleed), num(facts.trimW), num(facts.trimH), spine)
	} else if d > 0.001 {
		p.f.add(Warning, "", "the cover is %.4f × %.4f in, %.4f × %.4f in by the formula: within %s's tolerance, but check the spine", gw, gh, w, h, name)
	}
	if pg.trim != nil {
		b := prof.Bleed * 72
		for _, e := range []float64{pg.trim.llx - pg.media.llx, pg.trim.lly - pg.media.lly, pg.media.urx - pg.trim.urx, pg.media.ury - pg.trim.ury} {
			if math.Abs(e-b) > 0.72 {
				p.f.add(Error, "", "the cover's TrimBox is not %s in inside the MediaBox on every edge: %s wants %s in of bleed all round", num(prof.Bleed), name, num(prof.Bleed))
				break
			}
		}
	}
	boxes, err := textBoxes(ctx, data, file, external)
	if err != nil || len(boxes) == 0 {
		p.f.add(Info, "", "the cover's text areas were not checked: %v", err)
		return
	}
	// panels in points from the media's left edge
	bl := prof.Bleed * 72
	backR := bl + facts.trimW*72
	frontL := backR + spine*72
	safe, clear := prof.Safe*72, prof.SpineClear*72
	bcR, bcL := backR-prof.BarcodeMargin*72, backR-(prof.BarcodeMargin+prof.BarcodeW)*72
	bcB, bcT := bl+prof.BarcodeMargin*72, bl+(prof.BarcodeMargin+prof.BarcodeH)*72
	mh := pg.media.h()
	var spineText, unsafe, barcode []string
	for _, wb := range boxes[0] {
		x0, x1 := wb.xMin, wb.xMax
		y0, y1 := mh-wb.yMax, mh-wb.yMin // from the bottom
		word := strings.TrimSpace(wb.text)
		onSpine := x0 >= backR-1 && x1 <= frontL+1
		switch {
		case onSpine:
			if !prof.SpineText(facts.pages, paper, 0) || x0 < backR+clear-0.5 || x1 > frontL-clear+0.5 {
				spineText = append(spineText, word)
			}
		case x0 < bl+safe || x1 > pg.media.w()-bl-safe || y0 < bl+safe || y1 > mh-bl-safe ||
			x1 > backR-safe && x0 < backR || x0 < frontL+safe && x1 > frontL:
			unsafe = append(unsafe, word)
		}
		if x1 > bcL && x0 < bcR && y1 > bcB && y0 < bcT {
			barcode = append(barcode, word)
		}
	}
	if len(spineText) > 0 {
		if facts.pages < prof.SpineTextPages {
			p.f.add(Error, "spine", "text on the spine of a %d-page book (%s): %s allows spine text from %d pages; leave the spine blank", facts.pages, quoteWords(spineText), name, prof.SpineTextPages)
		} else {
			p.f.add(Error, "spine", "spine text closer than %s in to a fold (%s); centre it on the spine", num(prof.SpineClear), quoteWords(spineText))
		}
	}
	if len(unsafe) > 0 {
		p.f.add(Error, "", "text within %s in of the trim or a fold (%s): it may be cut off; move it inwards", num(prof.Safe), quoteWords(unsafe))
	}
	if len(barcode) > 0 {
		p.f.add(Error, "back cover", "text in the barcode area (%s × %s in, bottom right of the back): %s prints the ISBN barcode there; keep it clear", num(prof.BarcodeW), num(prof.BarcodeH), name)
	}
}

func quoteWords(ws []string) string {
	if len(ws) > 6 {
		ws = append(ws[:6:6], "…")
	}
	return "“" + strings.Join(ws, " ") + "”"
}
