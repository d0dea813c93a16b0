package pdf

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"codeberg.org/go-pdf/fpdf"

	"folio/fonts"
	"folio/internal/book"
	"folio/internal/face"
	"folio/internal/typeset/typesettest"
)

// CheckBook writes b as a PDF and checks it with the outside tools: qpdf
// finds no errors, every font is embedded and subset, the page size is
// the trim, the text layer holds every word of the book, and a second
// write gives the same bytes. It returns the file's path and the stats,
// so that a test can add its own checks (the lead's sample test uses it).
func CheckBook(t *testing.T, b *book.Book, opt Options) (string, Stats) {
	t.Helper()
	var buf bytes.Buffer
	st, err := Write(&buf, b, opt)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	var again bytes.Buffer
	if _, err := Write(&again, b, opt); err != nil {
		t.Fatalf("second Write: %v", err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Errorf("two writes of the same book differ")
	}
	if st.Widows != 0 || st.Orphans != 0 || st.Overfull != 0 || st.HyphenAtFoot != 0 || st.NotesAway != 0 {
		t.Errorf("stats %+v: want no widows, orphans, overfull lines, hyphens at a foot, notes away from markers", st)
	}
	path := filepath.Join(t.TempDir(), "book.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tr, _ := ParseTrim(opt.Trim)

	if out, ok := run(t, "qpdf", "--check", path); ok && !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	if out, ok := run(t, "qpdf", "--json", "--json-key=outlines", path); ok {
		var doc struct {
			Outlines []outline `json:"outlines"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Errorf("qpdf --json: %v", err)
		}
		titles := map[string]bool{}
		var walk func([]outline)
		walk = func(os []outline) {
			for _, o := range os {
				titles[o.Title] = true
				walk(o.Kids)
			}
		}
		walk(doc.Outlines)
		for _, ch := range b.Chapters {
			if title := strings.TrimSpace(ch.TitleText()); !titles[title] {
				t.Errorf("no bookmark for chapter %q", title)
			}
		}
	}
	if out, ok := run(t, "pdffonts", path); ok {
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) < 3 {
			t.Errorf("pdffonts lists no fonts:\n%s", out)
		}
		for _, ln := range lines[2:] {
			f := strings.Fields(ln)
			if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
				t.Errorf("font not embedded and subset: %s", ln)
			}
		}
	}
	if out, ok := run(t, "pdfinfo", path); ok {
		want := "Page size:       " + fmtPt(tr.W) + " x " + fmtPt(tr.H) + " pts"
		if !strings.Contains(out, want) {
			t.Errorf("pdfinfo: want %q in\n%s", want, out)
		}
		if !strings.Contains(out, "Pages:           "+strconv.Itoa(st.Pages)+"\n") {
			t.Errorf("pdfinfo: want %d pages in\n%s", st.Pages, out)
		}
	}
	// -layout: the default mode joins a paragraph's lines and drops every
	// hyphen at a line end, hard ones too; -raw runs the words of a tight
	// line together
	if out, ok := run(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-"); ok {
		missing := missingWords(b, out)
		if len(missing) > 0 {
			if len(missing) > 20 {
				missing = missing[:20]
			}
			t.Errorf("pdftotext: words of the book missing from the PDF: %q", missing)
		}
	}
	return path, st
}

type outline struct {
	Title string    `json:"title"`
	Kids  []outline `json:"kids"`
}

func fmtPt(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// run runs an outside checker, skipping the test when it is missing.
func run(t *testing.T, name string, args ...string) (string, bool) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed (poppler-utils / qpdf): skipping the check of the PDF", name)
		return "", false
	}
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Errorf("%s %v: %v\n%s", name, args, err, out)
		return string(out), false
	}
	return string(out), true
}

var ligatures = strings.NewReplacer("\ufb00", "ff", "\ufb01", "fi", "\ufb02", "fl", "\ufb03", "ffi", "\ufb04", "ffl",
	// note markers are not part of the words they follow
	"⁰", " ", "¹", " ", "²", " ", "³", " ", "⁴", " ", "⁵", " ", "⁶", " ", "⁷", " ", "⁸", " ", "⁹", " ")

var lineEndHyphen = regexp.MustCompile(`(\p{L})-\s*\n\s*(\p{L})`)

// words splits text into lower-case words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// missingWords returns the book's words that the extracted text lacks
// (counting repeats), after undoing ligatures and line-end hyphens.
func missingWords(b *book.Book, text string) []string {
	need := map[string]int{}
	var order []string
	add := func(in []book.Inline) {
		for _, w := range words(book.PlainText(in)) {
			if need[w] == 0 {
				order = append(order, w)
			}
			need[w]++
		}
	}
	for _, ch := range b.Chapters {
		add(ch.Title)
		for _, bl := range ch.Blocks {
			add(bl.Inlines)
			add([]book.Inline{{Kind: book.Text, Text: bl.Speaker + " " + bl.Label}})
		}
		for _, n := range ch.Notes {
			for _, p := range n.Paras {
				add(p)
			}
		}
	}
	text = ligatures.Replace(text)
	// a discretionary hyphen joins the word; a hard one (the word exists
	// split in the book) separates it
	text = lineEndHyphen.ReplaceAllStringFunc(text, func(m string) string {
		sub := lineEndHyphen.FindStringSubmatch(m)
		return sub[1] + "\x00" + sub[2]
	})
	var joined strings.Builder
	for _, w := range strings.Fields(text) {
		if i := strings.IndexByte(w, 0); i >= 0 {
			whole := strings.ReplaceAll(w, "\x00", "")
			hard := false
			for _, x := range words(whole) {
				hard = hard || need[x] == 0
			}
			if hard {
				w = strings.ReplaceAll(w, "\x00", "-") // a hard hyphen
			} else {
				w = whole
			}
		}
		joined.WriteString(w)
		joined.WriteByte(' ')
	}
	text = joined.String()
	have := map[string]int{}
	for _, w := range words(text) {
		have[w]++
	}
	var missing []string
	for _, w := range order {
		if have[w] < need[w] {
			// a hard hyphen at a line end: the halves are counted separately
			missing = append(missing, w)
		}
	}
	return missing
}

func TestWriteSample(t *testing.T) {
	for _, tc := range []struct {
		name string
		book *book.Book
		trim string
	}{
		{"sample", typesettest.Sample(6), "6x9"},
		{"sample", typesettest.Sample(4), "5x8"},
		{"kinds", typesettest.Kinds(), "5.5x8.5"},
		{"kinds", typesettest.Kinds(), "a5"},
	} {
		t.Run(tc.name+"-"+tc.trim, func(t *testing.T) {
			_, st := CheckBook(t, tc.book, Options{Trim: tc.trim})
			if st.NotesPlaced == 0 {
				t.Errorf("no notes placed: %+v", st)
			}
		})
	}
}

func TestWriteErrors(t *testing.T) {
	var buf bytes.Buffer
	if _, err := Write(&buf, &book.Book{}, Options{}); err == nil || !strings.Contains(err.Error(), "no chapters") {
		t.Errorf("empty book: err = %v", err)
	}
	if _, err := Write(&buf, typesettest.Sample(1), Options{Trim: "letter"}); err == nil || !strings.Contains(err.Error(), "6x9") {
		t.Errorf("bad trim: err = %v", err)
	}
	if buf.Len() != 0 {
		t.Errorf("a failed Write wrote %d bytes", buf.Len())
	}
}

func TestFaceNamesKeepLength(t *testing.T) {
	for _, f := range faces {
		if len("utf8"+f.family) != len(f.name) || strings.ToLower(f.family) != f.family {
			t.Errorf("face %q → %q: the patched name must have the same length", f.family, f.name)
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	bk := typesettest.Sample(0)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if _, err := Write(&buf, bk, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWidthsAgree: a run's glyphs advance by fpdf's widths inside the
// PDF, while the typesetter places runs by face's; they read the same
// hmtx table and must agree, or justified lines would be ragged.
func TestWidthsAgree(t *testing.T) {
	fam, err := face.LoadFamily()
	if err != nil {
		t.Fatal(err)
	}
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 432, Ht: 648}})
	faces := []*face.Face{fam.Regular, fam.Italic, fam.Bold, fam.BoldItalic}
	for st, data := range [][]byte{fonts.Regular, fonts.Italic, fonts.Bold, fonts.BoldItalic} {
		f.AddUTF8FontFromBytes("w"+strconv.Itoa(st), "", data)
		f.SetFont("w"+strconv.Itoa(st), "", 10.5)
		for _, s := range []string{"Khrushchev’s", "Marxist-Leninist", "“coexistence,”", "Koço Tashko", "ﬁrst ﬂag ﬀ ﬃ", "1960—61 ¹²³⁴⁵", "WORKS, VOLUME 19"} {
			want := 0.0
			for _, r := range s {
				want += faces[st].Advance(r) * 10.5 / 1000
			}
			if got := f.GetStringWidth(s); math.Abs(got-want) > 0.01*float64(len([]rune(s))) {
				t.Errorf("style %d %q: fpdf %.3f pt, face %.3f pt", st, s, got, want)
			}
		}
	}
}
