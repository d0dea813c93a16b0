package check

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"

	"folio/internal/imagefile"
)

// epubCheck holds one EPUB while it is checked.
type epubCheck struct {
	f         *findings
	b         *budget
	names     []string             // archive order, files only
	zf        map[string]*zip.File // by name
	head      map[string][]byte    // the first bytes of each, to sniff
	size      map[string]int64     // the size of each, unpacked
	opfPath   string
	version   string
	epub2     bool
	title     string
	language  string
	manifest  []*item
	byID      map[string]*item
	byPath    map[string]*item
	spine     []*item
	navPath   string
	ncxPath   string
	docs      map[string]*xdoc // parsed XHTML and SVG documents by path
	pixels    int64            // decoding budget left for images, in bytes
	undecoded bool             // an image was left undecoded for the budget
	notes     int
	pages     int
	fonts     int
	popups    []PopupNote // every referenced note against the pop-up rules
	// listed are the page-break markers the page list leads to.
	listed     map[*elem]bool
	hasSource  bool
	conformsTo string
	// a Kobo kepub: named so or carrying Kobo's sentence spans
	isKepub    bool
	kepubSpans int
	named      bool // the file's name ends in .kepub.epub
}

// item is a manifest entry.
type item struct {
	id, href, path, mediaType, properties string
}

// xdoc is a parsed content document with its ids.
type xdoc struct {
	path string
	root *elem
	ids  map[string]*elem
}

// newEPUBCheck is an EPUB check with its budget.
func newEPUBCheck(f *findings, opt Options) *epubCheck {
	return &epubCheck{f: f, b: newBudget(opt), pixels: MaxBytes, zf: map[string]*zip.File{}, head: map[string][]byte{}, size: map[string]int64{},
		byID: map[string]*item{}, byPath: map[string]*item{}, docs: map[string]*xdoc{}, listed: map[*elem]bool{}}
}

func checkEPUB(ctx context.Context, data []byte, file string, opt Options) Result {
	var f findings
	e := newEPUBCheck(&f, opt)
	e.named = strings.HasSuffix(strings.ToLower(file), ".kepub.epub")
	func() {
		// The checks index only what they have tested, but a file made to
		// break checkers must still give a verdict, not a crash.
		defer func() {
			if p := recover(); p != nil {
				f.add(Error, "", "%s", panicked(p, "EPUB"))
			}
		}()
		e.run(data)
	}()
	r := Result{Kind: "epub", Facts: e.facts()}
	if opt.External {
		epubcheck(ctx, data, file, &f)
	}
	r.Findings = f.list
	return r
}

// run runs the checks in order; the first three stop when the rest
// would have nothing to read.
func (e *epubCheck) run(data []byte) {
	if !e.ocf(data) || !e.container() || !e.packageDoc() {
		return
	}
	e.contentDocs()
	e.navigation()
	e.links()
	e.footnotes()
	e.popupFindings()
	e.pageMarkers()
	e.kepub(e.named)
	e.styleSheets()
}

func (e *epubCheck) facts() []string {
	if e.version == "" {
		return nil
	}
	kind := "EPUB"
	if e.isKepub {
		kind = "Kobo kepub (EPUB"
	}
	facts := []string{fmt.Sprintf("%s %s, “%s”, language %s", kind, e.version, e.title, e.language)}
	if e.isKepub {
		facts[0] = strings.Replace(facts[0], ", “", "), “", 1)
		facts = append(facts, fmt.Sprintf("%d Kobo sentence spans", e.kepubSpans))
	}
	facts = append(facts, fmt.Sprintf("%s in the reading order, %s, %s, %s",
		plural(len(e.spine), "document"), plural(e.notes, "note"), plural(e.pages, "page-list entry"), plural(e.fonts, "embedded font")))
	return facts
}

// ocf checks the container: a readable zip whose first entry is the
// mimetype, stored, with no extra field, as readers find it at byte 38.
func (e *epubCheck) ocf(data []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		e.f.add(Error, "", "not a readable zip archive (%v): the file is truncated or damaged; export or download it again", err)
		return false
	}
	if len(zr.File) == 0 || zr.File[0].Name != "mimetype" {
		e.f.add(Error, "mimetype", "the first file in the archive must be “mimetype”; rebuild the EPUB with mimetype added first (zip -X0 book.epub mimetype, then zip -rX9 book.epub META-INF OEBPS)")
	} else {
		mt := zr.File[0]
		if mt.Method != zip.Store {
			e.f.add(Error, "mimetype", "the mimetype file is compressed; it must be stored uncompressed (zip -X0 book.epub mimetype before adding the rest)")
		}
		if len(data) >= 30 && binary.LittleEndian.Uint32(data) == 0x04034b50 {
			if x := binary.LittleEndian.Uint16(data[28:]); x != 0 {
				e.f.add(Error, "mimetype", "the mimetype entry has a %d-byte extra field, which EPUB forbids; add it with zip -X so that none is written", x)
			}
		}
	}
	// Every entry is unpacked once, to nowhere, which checks it and spends
	// its size from the budget; only what a check reads is unpacked again.
	for _, zf := range zr.File {
		if why := unsafeName(zf.Name); why != "" {
			e.f.add(Error, zf.Name, "the entry's name %s: unpacked, it could land outside the book's folder, and stores and readers refuse such archives; rebuild the EPUB with plain relative names", why)
			continue
		}
		if strings.HasSuffix(zf.Name, "/") {
			continue
		}
		if _, dup := e.zf[zf.Name]; dup {
			e.f.add(Error, zf.Name, "the archive holds two files with this name; rebuild the EPUB so that each name occurs once")
			continue
		}
		head, size, err := e.b.verify(zf)
		if errors.Is(err, errBudget) {
			e.f.add(Error, zf.Name, "the archive unpacks to more than %s (a zip bomb, or a book far larger than stores take): not checked further; rebuild it with smaller files", e.b.size())
			return false
		}
		if err != nil {
			e.f.add(Error, zf.Name, "cannot be unpacked (%v): the archive is damaged; export the EPUB again", err)
			continue
		}
		e.names = append(e.names, zf.Name)
		e.zf[zf.Name] = zf
		e.head[zf.Name] = head
		e.size[zf.Name] = size
	}
	if mt, ok := e.head["mimetype"]; ok && string(mt) != "application/epub+zip" {
		e.f.add(Error, "mimetype", "holds %q; it must hold exactly application/epub+zip, with no line end", truncate(string(mt), 40))
	} else if !ok {
		e.f.add(Error, "mimetype", "the archive has no mimetype file; add one holding application/epub+zip, stored first")
	}
	return true
}

// has reports whether the archive holds the file name.
func (e *epubCheck) has(name string) bool { return e.zf[name] != nil }

// content unpacks the file name (verified by ocf).
func (e *epubCheck) content(name string) ([]byte, bool) {
	zf := e.zf[name]
	if zf == nil {
		return nil, false
	}
	if h := e.head[name]; int64(len(h)) == e.size[name] {
		return h, true // kept whole by verify
	}
	data, err := read(zf, e.size[name])
	if err != nil {
		return nil, false // reported by ocf
	}
	return data, true
}

// parse parses an XML document of the archive, its elements spent from
// the budget (counted first: a document of more is not parsed at all).
func (e *epubCheck) parse(data []byte) (*elem, error) {
	if err := e.b.spendElements(data); err != nil {
		return nil, err
	}
	return parseXML(data)
}

// container finds the package document through META-INF/container.xml.
func (e *epubCheck) container() bool {
	const where = "META-INF/container.xml"
	data, ok := e.content(where)
	if !ok {
		e.f.add(Error, where, "missing: readers cannot find the package document; add a container.xml whose rootfile names the .opf file")
		return false
	}
	root, err := e.parse(data)
	if err != nil {
		e.f.add(Error, where, "not well-formed XML (%v); fix the file so that readers can find the package document", err)
		return false
	}
	var first, opf string
	root.walk(func(n *elem) bool {
		if n.name.Local == "rootfile" {
			if first == "" {
				first = n.attr("full-path")
			}
			if opf == "" && n.attr("media-type") == "application/oebps-package+xml" {
				opf = n.attr("full-path")
			}
		}
		return true
	})
	if opf == "" {
		opf = first
	}
	if opf == "" {
		e.f.add(Error, where, "names no package document (no rootfile with a full-path); add <rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>")
		return false
	}
	if !e.has(opf) {
		e.f.add(Error, where, "names the package document %s, which is not in the archive; correct the full-path or add the file", opf)
		return false
	}
	e.opfPath = opf
	return true
}

var (
	modifiedRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`)
	langRe     = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$|^[ixIX]-[A-Za-z0-9-]+$`)
)

// packageDoc checks the OPF: metadata, manifest and spine.
func (e *epubCheck) packageDoc() bool {
	where := e.opfPath
	opf, _ := e.content(where)
	root, err := e.parse(opf)
	if err != nil {
		e.f.add(Error, where, "the package document is not well-formed XML (%v); fix it: readers cannot open the book", err)
		return false
	}
	if root.name.Local != "package" {
		e.f.add(Error, where, "the root element is <%s>, not <package>; this is not an EPUB package document", root.name.Local)
		return false
	}
	e.version = root.attr("version")
	switch {
	case strings.HasPrefix(e.version, "3."):
	case strings.HasPrefix(e.version, "2."):
		e.epub2 = true
		e.f.add(Warning, where, "an EPUB %s book: stores and the European Accessibility Act expect EPUB 3; convert it (e.g. with Calibre or Sigil) before upload", e.version)
	default:
		e.f.add(Error, where, "package version %q is neither 2.x nor 3.x; set version=\"3.0\"", e.version)
		e.version = "?"
	}
	var metadata, manifest, spine *elem
	for _, p := range root.content {
		if p.el == nil {
			continue
		}
		switch p.el.name.Local {
		case "metadata":
			metadata = p.el
		case "manifest":
			manifest = p.el
		case "spine":
			spine = p.el
		}
	}
	if metadata == nil {
		e.f.add(Error, where, "the package document has no <metadata>; add title, language, identifier and modification date")
	} else {
		e.metadata(metadata, root.attr("unique-identifier"))
	}
	if manifest == nil {
		e.f.add(Error, where, "the package document has no <manifest>; list every file of the book in it")
		return false
	}
	e.manifestItems(manifest)
	if spine == nil {
		e.f.add(Error, where, "the package document has no <spine>: readers do not know the reading order; add one listing the chapters")
		return true
	}
	e.spineItems(spine)
	return true
}

// metadata checks the Dublin Core and meta elements stores read.
func (e *epubCheck) metadata(md *elem, uid string) {
	where := e.opfPath
	var ids []*elem
	var modified []string
	a11y := map[string]bool{}
	creator := false
	for _, p := range md.content {
		n := p.el
		if n == nil {
			continue
		}
		switch n.name.Local {
		case "title":
			if e.title == "" {
				e.title = n.text()
			}
		case "language":
			if e.language == "" {
				e.language = n.text()
			}
		case "identifier":
			ids = append(ids, n)
		case "creator":
			creator = true
		case "source":
			e.hasSource = e.hasSource || n.text() != ""
		case "meta":
			prop, name := n.attr("property"), n.attr("name")
			if prop == "dcterms:conformsTo" {
				e.conformsTo = n.text()
			}
			if prop == "dcterms:modified" {
				modified = append(modified, n.text())
			}
			for _, key := range []string{prop, name} {
				if strings.HasPrefix(key, "schema:") {
					a11y[strings.TrimPrefix(key, "schema:")] = true
				}
			}
		}
	}
	if e.title == "" {
		e.f.add(Error, where, "no dc:title: stores list the book without a name; add <dc:title>")
	}
	switch {
	case e.language == "":
		e.f.add(Error, where, "no dc:language: readers cannot pick fonts, hyphenation or a voice; add <dc:language>en</dc:language> (the book's BCP 47 code)")
	case !langRe.MatchString(e.language):
		e.f.add(Error, where, "dc:language %q is not a BCP 47 language tag; use a code such as en, en-GB or sq", e.language)
	}
	if !creator {
		e.f.add(Warning, where, "no dc:creator: stores show the book without an author; add <dc:creator>")
	}
	e.identifier(ids, uid)
	if !e.epub2 {
		switch {
		case len(modified) == 0:
			e.f.add(Error, where, "no dcterms:modified: EPUB 3 requires the last-modified date; add <meta property=\"dcterms:modified\">2024-01-31T12:00:00Z</meta>")
		case len(modified) > 1:
			e.f.add(Error, where, "dcterms:modified is given %d times; keep one", len(modified))
		case !modifiedRe.MatchString(modified[0]):
			e.f.add(Error, where, "dcterms:modified %q is not in the form CCYY-MM-DDThh:mm:ssZ (UTC, no fractions); correct it", modified[0])
		}
	}
	var missing []string
	for _, p := range []string{"accessMode", "accessModeSufficient", "accessibilityFeature", "accessibilityHazard", "accessibilitySummary"} {
		if !a11y[p] {
			missing = append(missing, "schema:"+p)
		}
	}
	if len(missing) > 0 {
		e.f.add(Warning, where, "accessibility metadata missing: %s; stores show it and the European Accessibility Act requires it — add a <meta property=\"…\"> for each", strings.Join(missing, ", "))
	}
}

// identifier checks dc:identifier against the package's unique-identifier,
// and an ISBN's check digit.
func (e *epubCheck) identifier(ids []*elem, uid string) {
	where := e.opfPath
	if uid == "" {
		e.f.add(Error, where, "<package> has no unique-identifier attribute; set it to the id of the book's dc:identifier")
		return
	}
	var id *elem
	for _, n := range ids {
		if n.attr("id") == uid {
			id = n
		}
	}
	switch {
	case id == nil:
		e.f.add(Error, where, "unique-identifier %q names no dc:identifier; give the identifier id=%q", uid, uid)
	case id.text() == "":
		e.f.add(Error, where, "the unique identifier is empty; put the ISBN or a UUID (urn:uuid:…) in it")
	default:
		if isbn, ok := isbnOf(id.text()); ok && !isbnValid(isbn) {
			e.f.add(Error, where, "identifier %q: the ISBN's check digit is wrong; correct the ISBN", id.text())
		}
	}
}

// isbnOf extracts an ISBN from an identifier written as one.
func isbnOf(s string) (string, bool) {
	t := strings.TrimSpace(s)
	lower := strings.ToLower(t)
	explicit := false
	for _, p := range []string{"urn:isbn:", "isbn:", "isbn"} {
		if strings.HasPrefix(lower, p) {
			t, explicit = strings.TrimSpace(t[len(p):]), true
			break
		}
	}
	digits := strings.NewReplacer("-", "", " ", "").Replace(t)
	for i, c := range digits {
		if !(c >= '0' && c <= '9' || (c == 'X' || c == 'x') && i == len(digits)-1) {
			return "", false
		}
	}
	if len(digits) == 13 && (explicit || strings.HasPrefix(digits, "978") || strings.HasPrefix(digits, "979")) {
		return digits, true
	}
	if len(digits) == 10 && explicit {
		return digits, true
	}
	return "", false
}

func isbnValid(d string) bool {
	sum := 0
	if len(d) == 13 {
		for i := range 13 {
			w := 1
			if i%2 == 1 {
				w = 3
			}
			sum += int(d[i]-'0') * w
		}
		return sum%10 == 0
	}
	for i := range 10 {
		v := int(d[i] - '0')
		if d[i] == 'X' || d[i] == 'x' {
			v = 10
		}
		sum += v * (10 - i)
	}
	return sum%11 == 0
}

// resolvePath resolves a (percent-encoded) relative reference from the
// file from; ok is false for a reference leaving the container.
func resolvePath(from, ref string) (string, bool) {
	if p, err := url.PathUnescape(ref); err == nil {
		ref = p
	}
	if strings.HasPrefix(ref, "/") {
		return "", false
	}
	full := path.Join(path.Dir(from), ref)
	if full == ".." || strings.HasPrefix(full, "../") {
		return "", false
	}
	return full, true
}

// manifestItems checks that every item exists and has a plausible media
// type, and that every file of the archive is listed.
func (e *epubCheck) manifestItems(m *elem) {
	where := e.opfPath
	for _, p := range m.content {
		n := p.el
		if n == nil || n.name.Local != "item" {
			continue
		}
		it := &item{id: n.attr("id"), href: n.attr("href"), mediaType: n.attr("media-type"), properties: n.attr("properties")}
		at := fmt.Sprintf("%s:%d", where, n.line)
		if it.id == "" || it.href == "" || it.mediaType == "" {
			e.f.add(Error, at, "manifest item %q lacks an id, href or media-type; give it all three", it.href)
			continue
		}
		if e.byID[it.id] != nil {
			e.f.add(Error, at, "manifest id %q is used twice; make ids unique", it.id)
			continue
		}
		e.byID[it.id] = it
		e.manifest = append(e.manifest, it)
		if isRemote(it.href) {
			continue
		}
		full, ok := resolvePath(e.opfPath, stripFragment(it.href))
		if !ok {
			e.f.add(Error, at, "manifest item %s points outside the EPUB container; move the file into the book", it.href)
			continue
		}
		it.path = full
		e.byPath[full] = it
		if !e.has(full) {
			e.f.add(Error, at, "manifest item %s is not in the archive; add the file or remove the item", full)
			continue
		}
		if msg := mediaTypeProblem(full, it.mediaType, e.head[full], e.has("META-INF/encryption.xml")); msg != "" {
			e.f.add(Error, at, "%s", msg)
		}
		if isFont(it.mediaType) {
			e.fonts++
		}
		if strings.HasPrefix(it.mediaType, "image/") && it.mediaType != "image/svg+xml" {
			e.image(it, at)
		}
		if strings.Contains(" "+it.properties+" ", " nav ") {
			e.navPath = full
		}
		if it.mediaType == "application/x-dtbncx+xml" {
			e.ncxPath = full
		}
	}
	for _, name := range e.names {
		if name == "mimetype" || strings.HasPrefix(name, "META-INF/") || name == e.opfPath || e.byPath[name] != nil {
			continue
		}
		e.f.add(Warning, name, "in the archive but not in the manifest: readers ignore it and EPUBCheck warns; list it in the manifest or delete it")
	}
}

// image checks a picture of the book: its header, its size against what
// stores take, its colour space, and, within the decoding budget, that
// it decodes whole (a truncated image shows as a grey block, or not).
func (e *epubCheck) image(it *item, at string) {
	data, ok := e.content(it.path)
	if !ok || imagefile.Sniff(data) == "" {
		return // not an image: mediaTypeProblem said so
	}
	cover := strings.Contains(" "+it.properties+" ", " cover-image ")
	what := "the image"
	if cover {
		what = "the cover image"
	}
	in, err := imagefile.Inspect(data)
	if err != nil {
		e.f.add(Error, at, "%s %s %v", what, path.Base(it.path), err)
		return
	}
	if err := in.CheckSize(); err != nil {
		e.f.add(Error, at, "%s %s %v", what, path.Base(it.path), err)
		return
	}
	switch {
	case in.CMYK:
		e.f.add(Error, at, "%s %s is a CMYK JPEG: e-readers show it with wrong colours or not at all (EPUB's JPEG is JFIF, grey or RGB); convert it to RGB", what, path.Base(it.path))
	case in.Deep:
		e.f.add(Warning, at, "%s %s is a 16-bit %s: several e-readers cannot show it; save it with 8 bits a channel", what, path.Base(it.path), strings.ToUpper(in.Format))
	}
	if cover && max(in.Width, in.Height) < imagefile.MinLongSide {
		e.f.add(Warning, at, "the cover image is %d × %d pixels: stores ask for at least %d on the long side (1600 × 2560 is best)", in.Width, in.Height, imagefile.MinLongSide)
	}
	cost := int64(in.Width) * int64(in.Height) * 4
	if cost > e.pixels {
		if !e.undecoded {
			e.undecoded = true
			e.f.add(Info, at, "the images from %s on were not decoded whole (over the checker's decoding budget): only their headers were checked", path.Base(it.path))
		}
		return
	}
	e.pixels -= cost
	if _, err := imagefile.Decode(data, in); err != nil {
		e.f.add(Error, at, "%s %s %v", what, path.Base(it.path), err)
	}
}

func isRemote(href string) bool {
	u, err := url.Parse(href)
	return err == nil && (u.Scheme != "" || u.Host != "")
}

func stripFragment(href string) string {
	if i := strings.IndexAny(href, "#?"); i >= 0 {
		return href[:i]
	}
	return href
}

// spineItems checks the reading order.
func (e *epubCheck) spineItems(sp *elem) {
	where := e.opfPath
	seen := map[string]bool{}
	for _, p := range sp.content {
		n := p.el
		if n == nil || n.name.Local != "itemref" {
			continue
		}
		at := fmt.Sprintf("%s:%d", where, n.line)
		id := n.attr("idref")
		it := e.byID[id]
		switch {
		case it == nil:
			e.f.add(Error, at, "the spine names %q, which is not in the manifest; correct the idref or add the item", id)
			continue
		case seen[id]:
			e.f.add(Error, at, "the spine lists %q twice; list each document once", id)
			continue
		case it.mediaType != "application/xhtml+xml" && it.mediaType != "image/svg+xml":
			e.f.add(Error, at, "the spine lists %s (%s); reading-order items must be XHTML content documents", it.href, it.mediaType)
		}
		seen[id] = true
		e.spine = append(e.spine, it)
	}
	if len(e.spine) == 0 {
		e.f.add(Error, where, "the spine is empty: the book has no reading order; list the chapters' XHTML files in <spine>")
	}
	if toc := sp.attr("toc"); toc != "" {
		if it := e.byID[toc]; it == nil {
			e.f.add(Error, where, "spine toc=%q names no manifest item; point it at the NCX file", toc)
		} else if e.ncxPath == "" {
			e.ncxPath = it.path
		}
	}
}

// Media types a file's extension allows.
var extTypes = map[string][]string{
	".xhtml": {"application/xhtml+xml"},
	".html":  {"application/xhtml+xml"},
	".htm":   {"application/xhtml+xml"},
	".css":   {"text/css"},
	".png":   {"image/png"},
	".jpg":   {"image/jpeg"},
	".jpeg":  {"image/jpeg"},
	".gif":   {"image/gif"},
	".webp":  {"image/webp"},
	".svg":   {"image/svg+xml"},
	".ncx":   {"application/x-dtbncx+xml"},
	".ttf":   {"font/ttf", "application/font-sfnt", "application/x-font-ttf", "application/x-font-truetype", "application/vnd.ms-opentype"},
	".otf":   {"font/otf", "application/font-sfnt", "application/vnd.ms-opentype", "application/x-font-opentype", "application/x-font-otf"},
	".woff":  {"font/woff", "application/font-woff"},
	".woff2": {"font/woff2"},
	".js":    {"application/javascript", "text/javascript", "application/ecmascript"},
	".smil":  {"application/smil+xml"},
	".mp3":   {"audio/mpeg"},
	".m4a":   {"audio/mp4"},
	".mp4":   {"audio/mp4", "video/mp4"},
	".opus":  {"audio/ogg", "audio/opus"},
	".pls":   {"application/pls+xml"},
}

func isFont(mt string) bool {
	return strings.HasPrefix(mt, "font/") || strings.Contains(mt, "font") || mt == "application/vnd.ms-opentype"
}

// mediaTypeProblem says what is wrong with a declared media type, from
// the name and the first bytes; "" when it is plausible. Fonts are not
// sniffed when the book obfuscates them (META-INF/encryption.xml).
func mediaTypeProblem(name, mt string, data []byte, obfuscated bool) string {
	mt = strings.ToLower(strings.TrimSpace(mt))
	if i := strings.IndexByte(mt, ';'); i >= 0 {
		mt = strings.TrimSpace(mt[:i])
	}
	ext := strings.ToLower(path.Ext(name))
	if want, ok := extTypes[ext]; ok && !contains(want, mt) {
		return fmt.Sprintf("%s is declared as %s; a %s file should be %s — correct the media-type", path.Base(name), mt, ext, want[0])
	}
	var actual string
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		actual = "image/png"
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		actual = "image/jpeg"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		actual = "image/gif"
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		actual = "image/webp"
	}
	if strings.HasPrefix(mt, "image/") && mt != "image/svg+xml" && actual != mt {
		if actual == "" {
			return fmt.Sprintf("%s is declared as %s but is not a PNG, JPEG, GIF or WebP image; replace it with a real image", path.Base(name), mt)
		}
		return fmt.Sprintf("%s is declared as %s but is a %s; correct the media-type (and the file name)", path.Base(name), mt, actual)
	}
	if isFont(mt) && !obfuscated && len(data) >= 4 {
		switch string(data[:4]) {
		case "\x00\x01\x00\x00", "OTTO", "true", "wOFF", "wOF2", "ttcf":
		default:
			return fmt.Sprintf("%s is declared as a font (%s) but is not a TrueType, OpenType or WOFF file; replace it", path.Base(name), mt)
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// contentDocs parses every XHTML and SVG document of the manifest and
// indexes its ids.
func (e *epubCheck) contentDocs() {
	noLang := 0
	firstNoLang := ""
	for _, it := range e.manifest {
		if it.path == "" || (it.mediaType != "application/xhtml+xml" && it.mediaType != "image/svg+xml") {
			continue
		}
		data, ok := e.content(it.path)
		if !ok {
			continue // reported with the manifest
		}
		root, err := e.parse(data)
		if errors.Is(err, errBudget) {
			e.f.add(Error, it.path, "%v (a file made to exhaust checkers, or a book far larger than any store takes): not checked further", err)
			return
		}
		if err != nil {
			e.f.add(Error, it.path, "not well-formed XML (%v): readers may refuse the whole book; fix the markup (HTML entities such as &nbsp; must be written as characters)", err)
			continue
		}
		d := &xdoc{path: it.path, root: root, ids: map[string]*elem{}}
		root.walk(func(n *elem) bool {
			if id := n.attr("id"); id != "" {
				if d.ids[id] != nil {
					e.f.add(Error, fmt.Sprintf("%s:%d", it.path, n.line), "id %q is used twice in the file (first on line %d); make ids unique so that links find the right place", id, d.ids[id].line)
				} else {
					d.ids[id] = n
				}
			}
			return true
		})
		e.docs[it.path] = d
		if it.mediaType == "application/xhtml+xml" {
			if root.name.Local != "html" {
				e.f.add(Error, it.path, "the root element is <%s>, not <html>; this is not an XHTML content document", root.name.Local)
			} else if root.attr("lang") == "" {
				noLang++
				if firstNoLang == "" {
					firstNoLang = it.path
				}
			}
		}
	}
	if noLang > 0 {
		e.f.add(Warning, firstNoLang, "%s declare no language (xml:lang and lang on <html>): screen readers need it; add xml:lang=%q lang=%q", plural(noLang, "content document"), e.language, e.language)
	}
}

// navigation checks the EPUB 3 navigation document (a toc with entries)
// or, for EPUB 2, the NCX.
func (e *epubCheck) navigation() {
	if e.epub2 {
		if e.ncxPath == "" {
			e.f.add(Error, e.opfPath, "an EPUB 2 book needs an NCX table of contents (spine toc=…); add one")
		}
		return
	}
	if e.navPath == "" {
		e.f.add(Error, e.opfPath, "no navigation document (a manifest item with properties=\"nav\"): EPUB 3 requires one with the table of contents; add it")
		return
	}
	nav := e.docs[e.navPath]
	if nav == nil {
		if e.byPath[e.navPath].mediaType != "application/xhtml+xml" {
			e.f.add(Error, e.navPath, "the navigation document must be XHTML; make it an XHTML file with <nav epub:type=\"toc\">")
		}
		return
	}
	var toc *elem
	nav.root.walk(func(n *elem) bool {
		if n.name.Local == "nav" {
			if toc == nil && contains(n.epubType(), "toc") {
				toc = n
			}
			if contains(n.epubType(), "page-list") {
				n.walk(func(a *elem) bool {
					if a.name.Local == "a" {
						e.pages++
					}
					return true
				})
			}
			return false
		}
		return true
	})
	if toc == nil {
		e.f.add(Error, e.navPath, "the navigation document has no <nav epub:type=\"toc\">: readers show no table of contents; add one")
		return
	}
	entries := 0
	toc.walk(func(n *elem) bool {
		if n.name.Local == "a" && n.attr("href") != "" {
			entries++
		}
		return true
	})
	if entries == 0 {
		e.f.add(Error, fmt.Sprintf("%s:%d", e.navPath, toc.line), "the table of contents has no entries; list the chapters with <li><a href=…>")
	}
}

// linkAttrs are the attributes that point at another resource, by element.
var linkAttrs = map[string][]string{
	"a": {"href"}, "area": {"href"}, "link": {"href"},
	"img": {"src"}, "script": {"src"}, "audio": {"src"}, "video": {"src", "poster"},
	"source": {"src"}, "track": {"src"}, "iframe": {"src"}, "embed": {"src"},
	"object": {"data"}, "image": {"href"}, "use": {"href"},
}

// target is where a reference leads.
type target struct {
	path, frag string
	doc        *xdoc
	el         *elem // the element the fragment names, if any
}

// resolve follows ref from the document at from. The message is empty when
// the reference is fine (or external) and t is valid when it led somewhere.
func (e *epubCheck) resolve(from, ref string) (t target, msg string) {
	if isRemote(ref) || strings.HasPrefix(ref, "data:") {
		return t, ""
	}
	file, frag, _ := strings.Cut(ref, "#")
	if i := strings.IndexByte(file, '?'); i >= 0 {
		file = file[:i]
	}
	if f, err := url.PathUnescape(frag); err == nil {
		frag = f
	}
	t.frag = frag
	if file == "" {
		t.path = from
	} else {
		full, ok := resolvePath(from, file)
		if !ok {
			return t, "leads outside the EPUB"
		}
		t.path = full
	}
	if !e.has(t.path) {
		return t, "leads to " + t.path + ", which is not in the book"
	}
	if e.byPath[t.path] == nil && t.path != e.opfPath {
		return t, "leads to " + t.path + ", which is not in the manifest"
	}
	t.doc = e.docs[t.path]
	if frag == "" || t.doc == nil || strings.HasPrefix(frag, "epubcfi(") {
		return t, ""
	}
	t.el = t.doc.ids[frag]
	if t.el == nil {
		if strings.HasPrefix(frag, "page=") || strings.HasPrefix(frag, "xywh=") || strings.HasPrefix(frag, "svgView(") {
			return t, ""
		}
		return t, fmt.Sprintf("leads to #%s, which is no id in %s", frag, t.path)
	}
	return t, ""
}

// links follows every reference in every content document, the NCX and
// the navigation document's lists.
func (e *epubCheck) links() {
	for _, it := range e.manifest {
		d := e.docs[it.path]
		if d == nil {
			continue
		}
		e.linksIn(d, d.root, "")
	}
	if ncx, ok := e.content(e.ncxPath); ok {
		root, err := e.parse(ncx)
		if err != nil {
			e.f.add(Error, e.ncxPath, "the NCX is not well-formed XML (%v); fix or regenerate it", err)
			return
		}
		root.walk(func(n *elem) bool {
			if n.name.Local == "content" {
				if _, msg := e.resolve(e.ncxPath, n.attr("src")); msg != "" {
					e.f.add(Error, fmt.Sprintf("%s:%d", e.ncxPath, n.line), "NCX entry %s %s; correct it or regenerate the NCX", n.attr("src"), msg)
				}
			}
			return true
		})
	}
}

// linksIn checks the references under n; list names the navigation list
// being walked ("table of contents", "page list"), for the messages.
func (e *epubCheck) linksIn(d *xdoc, n *elem, list string) {
	if n.name.Local == "nav" {
		switch t := n.epubType(); {
		case contains(t, "toc"):
			list = "table of contents entry"
		case contains(t, "page-list"):
			list = "page-list entry"
		case contains(t, "landmarks"):
			list = "landmark"
		}
	}
	for _, a := range linkAttrs[n.name.Local] {
		ref := n.attr(a)
		if ref == "" || (n.name.Local == "link" && !strings.Contains(" "+n.attr("rel")+" ", " stylesheet ")) {
			continue
		}
		tg, msg := e.resolve(d.path, ref)
		at := fmt.Sprintf("%s:%d", d.path, n.line)
		switch {
		case msg != "" && list != "" && n.name.Local == "a":
			e.f.add(Error, at, "%s “%s” (%s) %s; point it at an existing file and id", list, truncate(n.text(), 60), ref, msg)
		case msg != "":
			e.f.add(Error, at, "<%s %s=%q> %s; correct the reference or add the missing target", n.name.Local, a, ref, msg)
		case n.name.Local == "a" && contains(n.epubType(), "index-locator") && tg.el != nil && !tg.el.is([]string{"pagebreak"}, []string{"doc-pagebreak"}) && tg.frag != "":
			e.f.add(Warning, at, "index entry “%s” links to a <%s>, not to the marker of the page it names; point it at the page-break marker (epub:type=\"pagebreak\") of that page", truncate(n.text(), 20), tg.el.name.Local)
		case list == "page-list entry" && tg.el != nil && tg.el.is([]string{"pagebreak"}, []string{"doc-pagebreak"}):
			e.listed[tg.el] = true
		case list == "page-list entry" && tg.el != nil:
			e.f.add(Warning, at, "page-list entry “%s” leads to a <%s>, not a page-break marker; mark the target with epub:type=\"pagebreak\" role=\"doc-pagebreak\"", truncate(n.text(), 20), tg.el.name.Local)
		}
	}
	for _, p := range n.content {
		if p.el != nil {
			e.linksIn(d, p.el, list)
		}
	}
}

var (
	noteTypes    = []string{"footnote", "endnote", "rearnote"}
	noteRoles    = []string{"doc-footnote", "doc-endnote"}
	noterefTypes = []string{"noteref"}
	noterefRoles = []string{"doc-noteref"}
)

// noteRef is a reference to a note, with where it is.
type noteRef struct {
	doc *xdoc
	el  *elem
}

// footnotes checks notes both ways: every noteref leads to a note, every
// note is referenced and links back to a reference to it.
func (e *epubCheck) footnotes() {
	refsTo := map[*elem][]noteRef{}
	untyped := map[*elem][]noteRef{}
	for _, it := range e.manifest {
		d := e.docs[it.path]
		if d == nil {
			continue
		}
		d.root.walk(func(n *elem) bool {
			if n.name.Local != "a" || !n.is(noterefTypes, noterefRoles) {
				return true
			}
			tg, msg := e.resolve(d.path, n.attr("href"))
			if msg != "" || tg.el == nil {
				return true // a broken link, reported by links
			}
			if !tg.el.is(noteTypes, noteRoles) {
				untyped[tg.el] = append(untyped[tg.el], noteRef{d, n})
				e.f.add(Warning, fmt.Sprintf("%s:%d", d.path, n.line), "note reference %s leads to a <%s>, not a footnote: readers will not show it as a pop-up note; mark the note with epub:type=\"footnote\" role=\"doc-footnote\" (or endnote)", n.attr("href"), tg.el.name.Local)
				return true
			}
			refsTo[tg.el] = append(refsTo[tg.el], noteRef{d, n})
			return true
		})
	}
	pos, inHeading := e.positions()
	for _, it := range e.manifest {
		d := e.docs[it.path]
		if d == nil {
			continue
		}
		d.root.walk(func(n *elem) bool {
			if !n.is(noteTypes, noteRoles) {
				return true
			}
			e.notes++
			e.footnote(d, n, refsTo[n])
			if len(refsTo[n]) > 0 {
				e.popups = append(e.popups, e.popup(d, n, refsTo[n], pos, inHeading))
			}
			return false
		})
	}
	// A note reference that leads to an untyped element: its target is a
	// note in name only, and no reader pops it up.
	for target, refs := range untyped {
		e.popups = append(e.popups, e.popup(refs[0].doc, target, refs, pos, inHeading))
	}
}

// footnote checks one note against the references to it.
func (e *epubCheck) footnote(d *xdoc, note *elem, refs []noteRef) {
	at := fmt.Sprintf("%s:%d", d.path, note.line)
	label := note.attr("id")
	if label == "" {
		label = truncate(note.text(), 30)
	}
	if len(refs) == 0 {
		e.f.add(Warning, at, "note %q is referenced by no note marker; link it from the text (<a epub:type=\"noteref\" role=\"doc-noteref\" href=\"#%s\">) or remove it", label, note.attr("id"))
		return
	}
	back, wrong := false, ""
	note.walk(func(n *elem) bool {
		if n.name.Local != "a" || n.attr("href") == "" {
			return true
		}
		tg, msg := e.resolve(d.path, n.attr("href"))
		if msg != "" || tg.el == nil {
			return true
		}
		for _, r := range refs {
			if r.el == tg.el {
				back = true
			}
		}
		if !back && n.is(nil, []string{"doc-backlink"}) {
			wrong = n.attr("href")
		}
		return true
	})
	switch {
	case back:
	case wrong != "":
		e.f.add(Warning, at, "the backlink of note %q (%s) does not lead to a marker of this note; point it at the note reference's id (%s)", label, wrong, refID(refs[0]))
	default:
		e.f.add(Warning, at, "note %q has no link back to its marker: readers of a note cannot return to the text; add <a href=\"%s\" role=\"doc-backlink\">↩</a>", label, backHref(d, refs[0]))
	}
}

func refID(r noteRef) string {
	if id := r.el.attr("id"); id != "" {
		return "#" + id
	}
	return "(the marker has no id: give it one)"
}

func backHref(from *xdoc, r noteRef) string {
	id := r.el.attr("id")
	if id == "" {
		id = "MARKER-ID"
	}
	if r.doc == from {
		return "#" + id
	}
	return relPath(from.path, r.doc.path) + "#" + id
}

// relPath is the relative reference from one file to another.
func relPath(from, to string) string {
	fd := strings.Split(path.Dir(from), "/")
	td := strings.Split(path.Dir(to), "/")
	i := 0
	for i < len(fd) && i < len(td) && fd[i] == td[i] {
		i++
	}
	rel := strings.Repeat("../", len(fd)-i) + strings.Join(td[i:], "/")
	if rel != "" && !strings.HasSuffix(rel, "/") {
		rel += "/"
	}
	return rel + path.Base(to)
}

var cssURL = regexp.MustCompile(`url\(\s*['"]?([^'")\s]+)['"]?\s*\)`)

// styleSheets checks the files that style sheets load (fonts, images).
func (e *epubCheck) styleSheets() {
	for _, it := range e.manifest {
		if it.mediaType != "text/css" {
			continue
		}
		css, ok := e.content(it.path)
		if !ok {
			continue
		}
		for _, m := range cssURL.FindAllSubmatchIndex(css, -1) {
			ref := string(css[m[2]:m[3]])
			if _, msg := e.resolve(it.path, ref); msg != "" {
				line := 1 + bytes.Count(css[:m[0]], []byte("\n"))
				e.f.add(Error, fmt.Sprintf("%s:%d", it.path, line), "url(%s) %s; correct the path or add the file", ref, msg)
			}
		}
	}
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// pageMarkers checks what accessibility checkers (DAISY Ace) ask of page
// markers: each one in the page list, with a number, and the edition they
// follow named in dc:source. A book that claims WCAG conformance and
// fails them does not back its claim.
func (e *epubCheck) pageMarkers() {
	markers, unlisted, unnamed, first := 0, 0, 0, ""
	for _, it := range e.spine {
		d := e.docs[it.path]
		if d == nil {
			continue
		}
		d.root.walk(func(n *elem) bool {
			if !n.is([]string{"pagebreak"}, []string{"doc-pagebreak"}) {
				return true
			}
			markers++
			if !e.listed[n] {
				unlisted++
				if first == "" {
					first = fmt.Sprintf("%s:%d", d.path, n.line)
				}
			}
			if strings.TrimSpace(n.attr("aria-label")) == "" && strings.TrimSpace(n.attr("title")) == "" && n.text() == "" {
				unnamed++
			}
			return true
		})
	}
	if markers == 0 {
		return
	}
	claim := ""
	if e.conformsTo != "" {
		claim = fmt.Sprintf("; the book claims “%s”, which this leaves unbacked", e.conformsTo)
	}
	if unlisted > 0 {
		e.f.add(Warning, first, "%d of %s are not in the page list: readers cannot go to those pages and DAISY Ace fails the book (epub-pagelist-missing-pagebreak); list each in the nav's page-list, or remove the markers of pages with no number%s", unlisted, plural(markers, "page-break marker"), claim)
	}
	if unnamed > 0 {
		e.f.add(Warning, e.navPath, "%d page-break markers carry no page number (no aria-label or text): give each the number of its printed page%s", unnamed, claim)
	}
	if !e.hasSource {
		e.f.add(Warning, e.opfPath, "the book has page-break markers but no dc:source: readers are not told which printed edition the page numbers follow (DAISY Ace: epub-pagesource); add <dc:source> naming it%s", claim)
	}
}
