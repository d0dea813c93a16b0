package check

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"folio/internal/printer"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// pdfConfig is pdfcpu's configuration, built here: pdfcpu's own default
// (model.NewDefaultConfiguration) creates a config directory with fonts
// and certificates in the user's home, which a checker must not do.
func pdfConfig() *model.Configuration {
	return &model.Configuration{
		Reader15:                  true,
		ValidationMode:            model.ValidationRelaxed,
		UnsupportedResourcePolicy: model.UnsupportedResourceSkip,
		Eol:                       types.EolLF,
		Cmd:                       model.VALIDATE,
		Offline:                   true, // no revocation lookups for signed files
		Timeout:                   5,
		TimeoutCRL:                10,
		TimeoutOCSP:               10,
		TimestampFormat:           "2006-01-02 15:04",
		DateFormat:                "2006-01-02",
		Limits:                    limits(),
	}
}

// limits are pdfcpu's, with the object count of folio's budget.
func limits() model.ResourceLimits {
	l := model.DefaultResourceLimits()
	l.MaxObjectCount = MaxObjects
	return l
}

// Print-on-demand page limits (KDP paperback, white paper).
const (
	minPages = 24
	maxPages = 828
)

// pdfCheck holds one PDF while it is checked.
type pdfCheck struct {
	f        *findings
	ctx      *model.Context
	pages    []*page
	pageOf   map[int]int // page object number → page number
	visited  map[int]bool
	treeBad  bool
	version  string
	trim     *rect // the first page's trim
	bleed    float64
	fonts    []*fontUse
	marks    int      // outline entries
	badMarks []string // titles of those leading nowhere
	dests    map[string]types.Object
	outline  bool
	title    string
	author   string
	opt      Options
}

type page struct {
	num                      int
	media, crop, trim, bleed *rect
	rotate                   int
	res                      types.Dict
	dict                     types.Dict
}

type rect struct{ llx, lly, urx, ury float64 }

func (r rect) w() float64 { return r.urx - r.llx }
func (r rect) h() float64 { return r.ury - r.lly }

// inside reports whether r lies within o, to a hundredth of a point.
func (r rect) inside(o rect) bool {
	const eps = 0.01
	return r.llx >= o.llx-eps && r.lly >= o.lly-eps && r.urx <= o.urx+eps && r.ury <= o.ury+eps
}

type fontUse struct {
	name, subtype string
	page          int
	embedded      bool
}

func checkPDF(ctx context.Context, data []byte, file string, opt Options) Result {
	var f findings
	p := &pdfCheck{f: &f, pageOf: map[int]int{}, visited: map[int]bool{}, opt: opt}
	damage(data, &f)
	if err := newBudget(opt).pdfBudget(data, MaxObjects); err != nil {
		f.add(Error, "", "%v (a file made to exhaust checkers, or far larger than print services take): not checked further", err)
		return Result{Kind: "pdf", Findings: f.list}
	}
	if p.read(data) {
		// Each stage on its own: pdfcpu may panic on a damaged object, and
		// the other stages still have something to say.
		for _, st := range []struct {
			what string
			run  func()
		}{
			{"page tree", p.pageTree},
			{"page boxes", p.boxes},
			{"page contents", p.contents},
			{"fonts", p.checkFonts},
			{"bookmarks", p.checkOutline},
			{"document info", p.info},
			{"validation", p.validate},
		} {
			p.guard(st.what, st.run)
		}
	}
	if p.ctx != nil && opt.Printer != "" {
		if prof, err := printer.Get(opt.Printer); err != nil {
			f.add(Error, "", "%v", err)
		} else if prof.Name != "none" {
			p.guard("printer rules", func() { p.printerRules(ctx, prof, data, file, opt.External) })
		}
	}
	r := Result{Kind: "pdf", Facts: p.facts()}
	if opt.External {
		qpdfCheck(ctx, data, file, &f)
	}
	r.Findings = f.list
	return r
}

func (p *pdfCheck) guard(what string, run func()) {
	defer func() {
		if e := recover(); e != nil {
			p.f.add(Error, "", "%s", panicked(e, what))
		}
	}()
	run()
}

// read parses the file with pdfcpu.
func (p *pdfCheck) read(data []byte) (ok bool) {
	defer func() {
		if e := recover(); e != nil {
			p.f.add(Error, "", "cannot be read as a PDF: %s", panicked(e, "file"))
			ok = false
		}
	}()
	ctx, err := api.ReadContext(bytes.NewReader(data), pdfConfig())
	if err != nil {
		msg := err.Error()
		if strings.Contains(strings.ToLower(msg), "password") {
			p.f.add(Error, "", "the PDF is password-protected (%v): print services refuse secured files; save it without security", err)
		} else {
			p.f.add(Error, "", "cannot be read as a PDF (%v): the file is damaged or truncated; export it again", err)
		}
		return false
	}
	p.ctx = ctx
	if v := ctx.HeaderVersion; v != nil {
		p.version = v.String()
	}
	if ctx.RootVersion != nil {
		p.version = ctx.RootVersion.String()
	}
	if ctx.Encrypt != nil {
		p.f.add(Error, "", "the PDF is encrypted (it has security settings): KDP and IngramSpark refuse secured files; save it without security")
	}
	return true
}

func (p *pdfCheck) facts() []string {
	if p.ctx == nil {
		return nil
	}
	var facts []string
	s := fmt.Sprintf("PDF %s, %s", p.version, plural(len(p.pages), "page"))
	if p.trim != nil {
		s += ", " + inches(*p.trim) + " trim"
		if p.bleed > 0.5 {
			s += fmt.Sprintf(" with %s in bleed", strings.TrimRight(strings.TrimRight(strconv.FormatFloat(p.bleed/72, 'f', 3, 64), "0"), "."))
		}
	}
	facts = append(facts, s)
	un := 0
	for _, f := range p.fonts {
		if !f.embedded {
			un++
		}
	}
	fs := plural(len(p.fonts), "font")
	switch {
	case len(p.fonts) == 0:
	case un == 0:
		fs += ", all embedded"
	default:
		fs += fmt.Sprintf(", %d not embedded", un)
	}
	facts = append(facts, fs+", "+plural(p.marks, "bookmark"))
	var ta []string
	if p.title != "" {
		ta = append(ta, "title “"+p.title+"”")
	}
	if p.author != "" {
		ta = append(ta, "author “"+p.author+"”")
	}
	if len(ta) > 0 {
		facts = append(facts, strings.Join(ta, ", "))
	}
	return facts
}

// inches formats a size as "6 × 9 in".
func inches(r rect) string {
	return fmt.Sprintf("%s × %s in", num(r.w()/72), num(r.h()/72))
}

// num prints a measure with at most two decimals and no trailing zeros.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	return strings.TrimSuffix(strings.TrimRight(strings.TrimRight(s, "0"), "."), ".")
}

// pageTree walks the page tree once, resolving inherited boxes and
// resources, and numbers the pages.
func (p *pdfCheck) pageTree() {
	root, err := p.ctx.Pages()
	if err != nil || root == nil {
		p.f.add(Error, "", "the document has no page tree (%v): it cannot be printed; export it again", err)
		return
	}
	p.walkPages(*root, page{}, 0)
	if d, err := p.ctx.DereferenceDict(*root); err == nil && d != nil && !p.treeBad {
		if n := d.IntEntry("Count"); n == nil || *n != len(p.pages) {
			count := "no count"
			if n != nil {
				count = strconv.Itoa(*n)
			}
			p.f.add(Error, "", "the page tree's /Count says %s but it holds %d pages; the file is damaged: export it again", count, len(p.pages))
		}
	}
}

func (p *pdfCheck) walkPages(obj types.Object, inh page, depth int) {
	if p.treeBad {
		return
	}
	if depth > 64 {
		p.treeBad = true
		p.f.add(Error, "", "the page tree is nested more than 64 levels deep: the file is damaged; export it again")
		return
	}
	objNr := 0
	if ir, ok := obj.(types.IndirectRef); ok {
		objNr = ir.ObjectNumber.Value()
		if p.visited[objNr] {
			p.treeBad = true
			p.f.add(Error, "", "the page tree loops back on itself (object %d): the file is damaged; export it again", objNr)
			return
		}
		p.visited[objNr] = true
	}
	d, err := p.ctx.DereferenceDict(obj)
	if err != nil || d == nil {
		p.treeBad = true
		p.f.add(Error, "", "a page-tree node (object %d) is missing or not a dictionary: the file is damaged; export it again", objNr)
		return
	}
	where := fmt.Sprintf("page %d", len(p.pages)+1)
	if r := p.box(d, "MediaBox", where); r != nil {
		inh.media = r
	}
	if r := p.box(d, "CropBox", where); r != nil {
		inh.crop = r
	}
	if o, ok := d.Find("Resources"); ok {
		if res, err := p.ctx.DereferenceDict(o); err == nil && res != nil {
			inh.res = res
		}
	}
	if o, ok := d.Find("Rotate"); ok {
		if v, err := p.ctx.DereferenceNumber(o); err == nil {
			inh.rotate = int(v)
		}
	}
	kids, hasKids := d.Find("Kids")
	if t := d.Type(); (t != nil && *t == "Pages") || (t == nil && hasKids) {
		arr, err := p.ctx.DereferenceArray(kids)
		if err != nil {
			p.treeBad = true
			p.f.add(Error, "", "a page-tree node (object %d) has no readable list of pages: the file is damaged; export it again", objNr)
			return
		}
		for _, k := range arr {
			p.walkPages(k, inh, depth+1)
		}
		return
	}
	pg := inh
	pg.num = len(p.pages) + 1
	pg.trim = p.box(d, "TrimBox", where)
	pg.bleed = p.box(d, "BleedBox", where)
	pg.dict = d
	p.pages = append(p.pages, &pg)
	if objNr > 0 {
		p.pageOf[objNr] = pg.num
	}
}

// box reads a rectangle entry; a malformed one is reported and ignored.
func (p *pdfCheck) box(d types.Dict, key, where string) *rect {
	o, ok := d.Find(key)
	if !ok {
		return nil
	}
	arr, err := p.ctx.DereferenceArray(o)
	if err == nil && len(arr) == 4 {
		var v [4]float64
		for i := range arr {
			if v[i], err = p.ctx.DereferenceNumber(arr[i]); err != nil {
				break
			}
		}
		if err == nil {
			return &rect{math.Min(v[0], v[2]), math.Min(v[1], v[3]), math.Max(v[0], v[2]), math.Max(v[1], v[3])}
		}
	}
	p.f.add(Error, where, "the %s is not four numbers: the page size cannot be read; export the file again", key)
	return nil
}

// pageList names up to five pages: "pages 3, 5, 9 and 2 more".
func pageList(nums []int) string {
	if len(nums) == 1 {
		return "page " + strconv.Itoa(nums[0])
	}
	var s []string
	for i, n := range nums {
		if i == 5 {
			s = append(s, fmt.Sprintf("%d more", len(nums)-5))
			break
		}
		s = append(s, strconv.Itoa(n))
	}
	return "pages " + strings.Join(s, ", ")
}

// Trims print-on-demand services offer (KDP, IngramSpark, Lulu), in inches.
var podTrims = []struct {
	w, h float64
	name string
}{
	{5, 8, "5 × 8 in"}, {5.06, 7.81, "5.06 × 7.81 in"}, {5.25, 8, "5.25 × 8 in"}, {5.5, 8.5, "5.5 × 8.5 in (Digest)"},
	{6, 9, "6 × 9 in (US Trade)"}, {6.14, 9.21, "6.14 × 9.21 in (Royal)"}, {6.69, 9.61, "6.69 × 9.61 in"},
	{7, 10, "7 × 10 in"}, {7.44, 9.69, "7.44 × 9.69 in (Crown Quarto)"}, {7.5, 9.25, "7.5 × 9.25 in"},
	{8, 10, "8 × 10 in"}, {8.25, 6, "8.25 × 6 in"}, {8.25, 8.25, "8.25 × 8.25 in"}, {8.5, 8.5, "8.5 × 8.5 in"},
	{8.5, 11, "8.5 × 11 in (Letter)"}, {4.25, 6.87, "4.25 × 6.87 in (mass market)"}, {4.37, 7, "4.37 × 7 in"},
	{148 / 25.4, 210 / 25.4, "A5 (148 × 210 mm)"}, {210 / 25.4, 297 / 25.4, "A4 (210 × 297 mm)"},
	{5.83, 8.27, "A5 (148 × 210 mm)"}, {5.5, 8.25, "5.5 × 8.25 in"}, {6.625, 10.25, "6.625 × 10.25 in (Comic)"},
}

// podTrim names the standard trim w × h points is, or "".
func podTrim(w, h float64) string {
	const tol = 0.02 // inches: A5's 5.83 × 8.27 is rounded
	for _, t := range podTrims {
		if math.Abs(w/72-t.w) <= tol && math.Abs(h/72-t.h) <= tol {
			return t.name
		}
	}
	return ""
}

// boxes checks every page's boxes: a MediaBox, a TrimBox inside the
// BleedBox and the MediaBox, one trim size for the whole book.
func (p *pdfCheck) boxes() {
	if len(p.pages) == 0 {
		if !p.treeBad {
			p.f.add(Error, "", "the document has no pages")
		}
		return
	}
	var noMedia, noTrim, outMedia, outBleed, rotated, otherSize []int
	for _, pg := range p.pages {
		if pg.media == nil {
			noMedia = append(noMedia, pg.num)
			continue
		}
		if pg.rotate%360 != 0 {
			rotated = append(rotated, pg.num)
		}
		if pg.trim == nil {
			noTrim = append(noTrim, pg.num)
			continue
		}
		if !pg.trim.inside(*pg.media) {
			outMedia = append(outMedia, pg.num)
		}
		if pg.bleed != nil && !pg.trim.inside(*pg.bleed) {
			outBleed = append(outBleed, pg.num)
		}
		if p.trim == nil {
			p.trim = pg.trim
			p.bleed = math.Min(math.Min(pg.trim.llx-pg.media.llx, pg.trim.lly-pg.media.lly), math.Min(pg.media.urx-pg.trim.urx, pg.media.ury-pg.trim.ury))
		} else if math.Abs(pg.trim.w()-p.trim.w()) > 0.5 || math.Abs(pg.trim.h()-p.trim.h()) > 0.5 {
			otherSize = append(otherSize, pg.num)
		}
	}
	if len(noMedia) > 0 {
		p.f.add(Error, pageList(noMedia), "no MediaBox: the page has no size; export the file again")
	}
	if len(noTrim) > 0 {
		p.f.add(Error, pageList(noTrim), "%d of %d pages have no TrimBox: print services need each page's trim; export as PDF/X (which sets it) or set the trim box for all pages",
			len(noTrim), len(p.pages))
	}
	if len(outMedia) > 0 {
		p.f.add(Error, pageList(outMedia), "the TrimBox reaches outside the MediaBox: part of the trimmed page does not exist; correct the page boxes")
	}
	if len(outBleed) > 0 {
		p.f.add(Error, pageList(outBleed), "the TrimBox reaches outside the BleedBox; correct the page boxes (the bleed surrounds the trim)")
	}
	if len(otherSize) > 0 {
		first := p.pages[otherSize[0]-1]
		p.f.add(Error, pageList(otherSize), "trim %s differs from the first page's %s: a printed book has one trim size; make all pages the same size",
			inches(*first.trim), inches(*p.trim))
	}
	if len(rotated) > 0 {
		p.f.add(Warning, pageList(rotated), "rotated with /Rotate: print services may print such pages sideways; export the pages upright")
	}
	if p.isCover() {
		return // a wrap cover: its size is checked against the spine (--printer)
	}
	if p.trim != nil {
		if name := podTrim(p.trim.w(), p.trim.h()); name != "" {
			p.f.add(Info, "", "trim %s is a standard print-on-demand size (KDP, IngramSpark, Lulu)", name)
		} else {
			p.f.add(Warning, "", "trim %s (%s × %s pt) is not a standard print-on-demand size; check that your service offers it, or lay the book out at 6 × 9, 5.5 × 8.5, 5 × 8 in or A5",
				inches(*p.trim), num(p.trim.w()), num(p.trim.h()))
		}
	}
	n := len(p.pages)
	// Odd counts are a warning, not an error: IngramSpark refuses them but
	// KDP and Lulu add a blank last page themselves.
	if n%2 == 1 {
		p.f.add(Warning, "", "%s, an odd count: IngramSpark requires an even page count (KDP adds a blank page at the end); add a blank last page", plural(n, "page"))
	}
	switch {
	case n < minPages:
		p.f.add(Warning, "", "%s: fewer than the %d a KDP paperback needs (IngramSpark: 18); a book this short cannot have a printed spine", plural(n, "page"), minPages)
	case n > maxPages:
		p.f.add(Warning, "", "%d pages: more than KDP's paperback maximum of %d (776 on cream paper); split the volume or choose a service that prints it", n, maxPages)
	}
}

// contents decodes every page's content streams: a damaged one prints a
// blank or garbled page. (pdfcpu's own reading skips corrupt deflate
// data in relaxed mode.)
func (p *pdfCheck) contents() {
	var bad []int
	var first error
	for _, pg := range p.pages {
		if err := p.decodeContents(pg.dict); err != nil {
			bad = append(bad, pg.num)
			if first == nil {
				first = err
			}
		}
	}
	if len(bad) > 0 {
		p.f.add(Error, pageList(bad), "the page's content cannot be decoded (%v): it would print blank or garbled; export the file again", first)
	}
}

func (p *pdfCheck) decodeContents(page types.Dict) error {
	o, err := p.ctx.Dereference(page["Contents"])
	if err != nil || o == nil {
		return err // no content: a blank page
	}
	streams := []types.Object{o}
	if arr, ok := o.(types.Array); ok {
		streams = arr
	}
	for _, s := range streams {
		sd, _, err := p.ctx.DereferenceStreamDict(s)
		if err != nil {
			return err
		}
		if sd == nil {
			continue
		}
		if err := sd.DecodeWithLimit(p.ctx.Limits.MaxDecodeBytes); err != nil {
			return err
		}
	}
	return nil
}

// checkFonts finds every font the pages use (directly or in form
// XObjects) and reports those not embedded.
func (p *pdfCheck) checkFonts() {
	seen := map[int]bool{}
	for _, pg := range p.pages {
		p.fontsIn(pg.res, pg.num, seen, 0)
	}
	reported := map[string]bool{}
	for _, f := range p.fonts {
		if !f.embedded && !reported[f.name] {
			reported[f.name] = true
			p.f.add(Error, fmt.Sprintf("page %d", f.page), "font %s (%s) is not embedded: print services refuse unembedded fonts and readers substitute others; export with all fonts embedded (PDF/X-1a or PDF/X-4 does it)", f.name, f.subtype)
		}
	}
}

func (p *pdfCheck) fontsIn(res types.Dict, pageNum int, seen map[int]bool, depth int) {
	if res == nil || depth > 16 {
		return
	}
	if fonts, err := p.ctx.DereferenceDict(res["Font"]); err == nil {
		for _, k := range sortedKeys(fonts) {
			o := fonts[k]
			if ir, ok := o.(types.IndirectRef); ok {
				if seen[ir.ObjectNumber.Value()] {
					continue
				}
				seen[ir.ObjectNumber.Value()] = true
			}
			if fd, err := p.ctx.DereferenceDict(o); err == nil && fd != nil {
				p.fonts = append(p.fonts, p.font(fd, k, pageNum))
			}
		}
	}
	xobjs, err := p.ctx.DereferenceDict(res["XObject"])
	if err != nil {
		return
	}
	for _, k := range sortedKeys(xobjs) {
		ir, ok := xobjs[k].(types.IndirectRef)
		if !ok || seen[-ir.ObjectNumber.Value()] {
			continue
		}
		seen[-ir.ObjectNumber.Value()] = true // XObjects by negated number
		sd, _, err := p.ctx.DereferenceStreamDict(ir)
		if err != nil || sd == nil {
			continue
		}
		if st := sd.Subtype(); st != nil && *st == "Form" {
			if r, err := p.ctx.DereferenceDict(sd.Dict["Resources"]); err == nil {
				p.fontsIn(r, pageNum, seen, depth+1)
			}
		}
	}
}

func sortedKeys(d types.Dict) []string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// font describes one font dictionary: Type3 glyphs are in the file;
// others need a font program (FontFile, FontFile2 or FontFile3) in their
// descriptor, a Type0 font in its descendant's.
func (p *pdfCheck) font(fd types.Dict, key string, pageNum int) *fontUse {
	f := &fontUse{name: "/" + key, page: pageNum}
	if n := fd.NameEntry("BaseFont"); n != nil {
		f.name = *n
	}
	if st := fd.Subtype(); st != nil {
		f.subtype = *st
	}
	switch f.subtype {
	case "Type3":
		f.embedded = true
		return f
	case "Type0":
		arr, err := p.ctx.DereferenceArray(fd["DescendantFonts"])
		if err != nil || len(arr) == 0 {
			return f
		}
		if fd, err = p.ctx.DereferenceDict(arr[0]); err != nil || fd == nil {
			return f
		}
	}
	desc, err := p.ctx.DereferenceDict(fd["FontDescriptor"])
	if err != nil || desc == nil {
		return f
	}
	for _, k := range []string{"FontFile", "FontFile2", "FontFile3"} {
		if o, ok := desc.Find(k); ok {
			if sd, _, err := p.ctx.DereferenceStreamDict(o); err == nil && sd != nil {
				f.embedded = true
			}
		}
	}
	return f
}

// checkOutline walks the bookmarks and checks each leads to a page.
func (p *pdfCheck) checkOutline() {
	root, err := p.ctx.DereferenceDict(p.ctx.RootDict["Outlines"])
	if err != nil || root == nil {
		if p.isCover() {
			return
		}
		if prof, err := printer.Get(p.opt.Printer); err == nil && prof.NoOutline {
			return // the service wants none
		}
		p.f.add(Warning, "", "no bookmarks (outline): readers of the PDF cannot jump to chapters and ebook stores that take PDFs use them; export with bookmarks for the chapters")
		return
	}
	p.outline = true
	p.namedDests()
	seen := map[int]bool{}
	p.outlineItems(root["First"], seen, 0)
	if p.marks == 0 {
		p.f.add(Warning, "", "the bookmarks (outline) are empty; export with bookmarks for the chapters")
	}
	if n := len(p.badMarks); n > 0 {
		list := p.badMarks
		if n > 3 {
			list = append(list[:3:3], fmt.Sprintf("%d more", n-3))
		}
		p.f.add(Error, "bookmarks", "%s of %d lead to no page of this document (%s); recreate the bookmarks",
			plural(n, "bookmark"), p.marks, strings.Join(list, ", "))
	}
}

// namedDests collects the named destinations: the catalog's Dests
// dictionary (PDF 1.1) and the Dests name tree (PDF 1.2 on).
func (p *pdfCheck) namedDests() {
	p.dests = map[string]types.Object{}
	if d, err := p.ctx.DereferenceDict(p.ctx.RootDict["Dests"]); err == nil {
		for k, v := range d {
			p.dests[k] = v
		}
	}
	names, err := p.ctx.DereferenceDict(p.ctx.RootDict["Names"])
	if err != nil || names == nil {
		return
	}
	p.nameTree(names["Dests"], map[int]bool{}, 0)
}

func (p *pdfCheck) nameTree(o types.Object, seen map[int]bool, depth int) {
	if ir, ok := o.(types.IndirectRef); ok {
		if seen[ir.ObjectNumber.Value()] {
			return
		}
		seen[ir.ObjectNumber.Value()] = true
	}
	d, err := p.ctx.DereferenceDict(o)
	if err != nil || d == nil || depth > 32 {
		return
	}
	if arr, err := p.ctx.DereferenceArray(d["Names"]); err == nil {
		for i := 0; i+1 < len(arr); i += 2 {
			k, err := p.ctx.Dereference(arr[i])
			if err != nil {
				continue
			}
			if key, err := model.Text(k); err == nil {
				p.dests[key] = arr[i+1]
			}
		}
	}
	if kids, err := p.ctx.DereferenceArray(d["Kids"]); err == nil {
		for _, k := range kids {
			p.nameTree(k, seen, depth+1)
		}
	}
}

func (p *pdfCheck) outlineItems(first types.Object, seen map[int]bool, depth int) {
	if depth > 32 {
		p.f.add(Error, "bookmarks", "nested more than 32 levels deep: the outline is damaged; recreate the bookmarks")
		return
	}
	for o := first; o != nil; {
		ir, ok := o.(types.IndirectRef)
		if !ok {
			p.f.add(Error, "bookmarks", "an outline entry is not an indirect object: the outline is damaged; recreate the bookmarks")
			return
		}
		if seen[ir.ObjectNumber.Value()] {
			p.f.add(Error, "bookmarks", "the outline loops back on itself (object %d); recreate the bookmarks", ir.ObjectNumber.Value())
			return
		}
		seen[ir.ObjectNumber.Value()] = true
		d, err := p.ctx.DereferenceDict(ir)
		if err != nil || d == nil {
			p.f.add(Error, "bookmarks", "outline entry (object %d) is missing: the outline is damaged; recreate the bookmarks", ir.ObjectNumber.Value())
			return
		}
		p.marks++
		title := ""
		if t, err := p.ctx.Dereference(d["Title"]); err == nil && t != nil {
			title, _ = model.Text(t)
		}
		if pg, checked := p.destPage(d); checked && pg == 0 {
			p.badMarks = append(p.badMarks, "“"+truncate(title, 40)+"”")
		}
		if kid, ok := d.Find("First"); ok {
			p.outlineItems(kid, seen, depth+1)
		}
		o, _ = d.Find("Next")
	}
}

// destPage returns the page an outline entry leads to; checked is false
// for an entry without a destination in this file (a web link, another
// file, a pure heading).
func (p *pdfCheck) destPage(d types.Dict) (page int, checked bool) {
	dest, ok := d.Find("Dest")
	if !ok {
		a, err := p.ctx.DereferenceDict(d["A"])
		if err != nil || a == nil {
			return 0, false
		}
		if s := a.NameEntry("S"); s == nil || *s != "GoTo" {
			return 0, false
		}
		if dest, ok = a.Find("D"); !ok {
			return 0, true
		}
	}
	dest, err := p.ctx.Dereference(dest)
	if err != nil {
		return 0, true
	}
	arr := p.destArray(dest)
	if len(arr) == 0 {
		return 0, true
	}
	switch t := arr[0].(type) {
	case types.IndirectRef:
		return p.pageOf[t.ObjectNumber.Value()], true
	case types.Integer: // a page index, as some writers put it
		if n := t.Value(); n >= 0 && n < len(p.pages) {
			return n + 1, true
		}
	}
	return 0, true
}

// destArray resolves a destination: an array, or a name looked up in the
// catalog's Dests dictionary or the Dests name tree.
func (p *pdfCheck) destArray(dest types.Object) types.Array {
	var name string
	switch t := dest.(type) {
	case types.Array:
		return t
	case types.Dict:
		a, _ := p.ctx.DereferenceArray(t["D"])
		return a
	case types.Name:
		name = t.Value()
	case types.StringLiteral, types.HexLiteral:
		s, err := model.Text(t)
		if err != nil {
			return nil
		}
		name = s
	default:
		return nil
	}
	o, err := p.ctx.Dereference(p.dests[name])
	if err != nil || o == nil {
		return nil
	}
	if _, isName := o.(types.Name); isName {
		return nil // a name naming a name: no chains
	}
	return p.destArray(o)
}

// info reads the document's Title and Author.
func (p *pdfCheck) info() {
	if p.ctx.Info != nil {
		if d, err := p.ctx.DereferenceDict(*p.ctx.Info); err == nil && d != nil {
			for key, dst := range map[string]*string{"Title": &p.title, "Author": &p.author} {
				if o, ok := d.Find(key); ok {
					s, err := p.ctx.DereferenceText(o)
					if err == nil {
						*dst = strings.TrimSpace(s)
					}
				}
			}
		}
	}
	if p.title == "" {
		p.f.add(Warning, "", "no document title (Info /Title): readers and stores show the file name instead; set the title in the export settings")
	}
	if p.author == "" {
		p.f.add(Warning, "", "no author (Info /Author); set it in the export settings")
	}
}

// validate runs pdfcpu's validator in relaxed mode, as lenient as
// mainstream readers.
func (p *pdfCheck) validate() {
	if err := api.ValidateContext(p.ctx); err != nil {
		p.f.add(Error, "", "the file breaks the PDF standard (pdfcpu, relaxed validation: %v): a print service's preflight may refuse it; export it again, ideally as PDF/X-1a or PDF/X-4", err)
	}
}
