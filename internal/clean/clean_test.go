package clean

import (
	"reflect"
	"strings"
	"testing"

	"folio/assets"
	"folio/internal/notes"
	"folio/internal/pages"
	"folio/internal/report"
	"folio/internal/source"
)

// mapStrip is the plain definition stripSentinels must agree with.
func mapStrip(s string) string {
	return strings.Map(func(r rune) rune {
		if isSentinel(r) {
			return -1
		}
		return r
	}, s)
}

var (
	note0 = string(notes.Sentinel(0))
	note7 = string(notes.Sentinel(7))
	page3 = string(PageSentinel(3))
)

// Lines from the sample, with the sentinels the earlier stages put in.
var sentinelCases = []string{
	"",
	"the Central Committee of the Party",
	"of the CPSU" + note0 + ". The Soviet leaders",
	page3 + "strength of the people, who" + note7,
	note0 + " " + page3 + " ",
	"Tirana, " + page3 + "June 21, 1960",
	page3 + "21ST CONGRESS OF THE CPSU",
	"ON THE " + note0 + "21st CONGRESS",
	"emoji \U0001F600 and U+E0001 \U000E0001 are no sentinels" + note0,
	"a stray byte \xff after" + note7 + " a note",
}

func TestStripSentinels(t *testing.T) {
	for _, s := range sentinelCases {
		if got, want := stripSentinels(s), mapStrip(s); got != want {
			t.Errorf("stripSentinels(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestCountWords(t *testing.T) {
	for _, s := range sentinelCases {
		if got, want := CountWords(s), len(strings.Fields(mapStrip(s))); got != want {
			t.Errorf("CountWords(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestIsCapsIgnoresSentinels(t *testing.T) {
	for _, s := range sentinelCases {
		if got, want := IsCaps(s), isCapsLine(mapStrip(s)); got != want {
			t.Errorf("IsCaps(%q) = %v, want %v", s, got, want)
		}
	}
}

// samplePages runs the stages before clean on the bundled book.
func samplePages(t testing.TB) ([]pages.Page, *report.Report) {
	t.Helper()
	txt, err := source.Decode("sample", assets.Sample())
	if err != nil {
		t.Fatal(err)
	}
	rep := report.New("sample")
	split := pages.Split(txt.Lines, rep)
	notes.Find(split.Pages, rep)
	return split.Pages, rep
}

// TestBodyHalvesMatchWhole: Body unwraps the book in two halves at once;
// paragraphs and report must be what one pass over the whole gives.
func TestBodyHalvesMatchWhole(t *testing.T) {
	ps, rep := samplePages(t)
	c := New(ps, rep)
	before := len(rep.Decisions)
	got := c.Body()
	gotDecisions := rep.Decisions[before:]

	ps2, rep2 := samplePages(t)
	c2 := New(ps2, rep2)
	before2 := len(rep2.Decisions)
	// The same without the split: one pass over the whole stream.
	stream := c2.bodyStream()
	if c2.cleanBreak(stream) <= 0 {
		t.Fatal("no clean break found in the sample: the split path is not tested")
	}
	want := c2.unwrap(stream, true)
	if len(got) != len(want) {
		t.Fatalf("%d paragraphs, want %d", len(got), len(want))
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("paragraph %d differs:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	wantDecisions := rep2.Decisions[before2:]
	if len(gotDecisions) != len(wantDecisions) {
		t.Fatalf("%d decisions, want %d", len(gotDecisions), len(wantDecisions))
	}
	for i := range gotDecisions {
		if gotDecisions[i] != wantDecisions[i] {
			t.Fatalf("decision %d differs:\n got %+v\nwant %+v", i, gotDecisions[i], wantDecisions[i])
		}
	}
	if !reflect.DeepEqual(rep.Counts, rep2.Counts) {
		t.Errorf("counts differ:\n got %v\nwant %v", rep.Counts, rep2.Counts)
	}
}

func TestWriteStripped(t *testing.T) {
	for _, s := range sentinelCases {
		var b strings.Builder
		b.WriteString("» ")
		WriteStripped(&b, s)
		if got, want := b.String(), "» "+mapStrip(s); got != want {
			t.Errorf("WriteStripped(%q) wrote %q, want %q", s, got, want)
		}
	}
}

// TestLearnBeforeNotes: the lexicon learnt from the pages before note
// markers become sentinels (as the pipeline does, to learn beside
// notes.Find) equals the one learnt after.
func TestLearnBeforeNotes(t *testing.T) {
	txt, err := source.Decode("sample", assets.Sample())
	if err != nil {
		t.Fatal(err)
	}
	rep := report.New("sample")
	split := pages.Split(txt.Lines, rep)
	early := Learn(split.Pages)
	before := bookText(split.Pages)
	found := notes.Find(split.Pages, rep)
	if len(found.Notes) == 0 || bookText(split.Pages) == before {
		t.Fatal("notes.Find changed nothing in the sample: the test tests nothing")
	}
	if got, want := early(), New(split.Pages, rep).Lex; !reflect.DeepEqual(got, want) {
		t.Error("the lexicon learnt before notes.Find differs from the one learnt after")
	}
}

// A transcript in plain pdftotext text, no indents nor blank lines: its
// speakers' labels, learnt from their repetition, open its paragraphs —
// even over a page turn — while a name's initial alone ("A. Mikoyan"
// opening lines of the sample) opens none.
func TestSpeakerLabelsOpenParagraphs(t *testing.T) {
	page := func(lines ...string) pages.Page {
		var p pages.Page
		for i, l := range lines {
			p.Body = append(p.Body, pages.Line{N: len(lines)*10 + i, Text: l})
		}
		return p
	}
	ps := []pages.Page{
		page("WILLIAM GRANT, sworn, examined by Mr. Smith.",
			"Q. You were the skipper of the Brothers?—A. I was, sir, and",
			"one-third owner.",
			"Q. How long had you been at the fishing?—A. Since I was a boy",
			"of twelve. Thirty-one years now, and my father before me at it.",
			"A. We shot our nets about eight o’clock, some fourteen miles east."),
		page("THE COMMISSIONER: Take your time, Mr. Grant, and tell it plainly.",
			"Q. What happened next?—A. I put the helm up to haul off, and",
			"a sea came aboard and took the mast out of her, and the sail.",
			"A. It looked dimmer. But it was raining very hard that night.",
			"A. I would not swear to it, sir, not before the Court as I am."),
	}
	for i := range ps {
		ps[i].Index = i
	}
	c := New(ps, report.New("t"))
	got := 0
	for _, p := range c.Body() {
		if strings.HasPrefix(p.Text, "Q. ") || strings.HasPrefix(p.Text, "A. ") {
			got++
		}
	}
	if labs := strings.Join(c.Labels(), " "); labs != "A Q" || got != 6 {
		t.Errorf("labels %q, %d paragraphs opened by Q. or A., want 6", labs, got)
	}
	initials := []pages.Page{page(
		"The meeting opened late. Khrushchev was not there.",
		"A. Mikoyan is the first to speak, and he speaks of the base at",
		"Vlora. He accuses our Party of being the cause of the trouble.",
		"A. Mikoyan says it again, and then again, and nobody answers him.",
		"A. Mikoyan is tired of it; the meeting ends and nothing is agreed.")}
	if labs := New(initials, report.New("t")).Labels(); len(labs) != 0 {
		t.Errorf("a name's initial learnt as a label: %q", labs)
	}
}

// Laid-out text (pdftotext -layout): a table laid out by spaces is a
// block of its own, whatever its last row ends with ("I", a roman
// numeral), and a quotation set in keeps its first line, indented as the
// book's paragraphs are, with the rest of it.
func TestLaidOutTableAndQuotation(t *testing.T) {
	text := strings.Join([]string{
		"     Mr. Grant, who first showed me the two texts side by",
		"side, used to say that the office of an editor is to find the",
		"five or six places in a book where the author changed his",
		"mind, and to leave the rest alone. He would quote a remark:",
		"",
		"         It is the first duty of an editor to be in no",
		"    hurry; the second is to be sure of his text; and",
		"    the third is to be sufficiently modest about both",
		"    to let the reader decide.",
		"",
		"     The table below gives a few of the spellings that the two",
		"editions differ in, with the line where each first occurs.",
		"",
		"    1798                          1817   Part",
		"    Ancyent Marinere   ancient Mariner      I",
		"    eftsones                  Eftsoons      I",
		"    ne                             nor      I",
		"",
		"[Illustration: A page of the first edition, with the printer’s",
		"ornament.]",
		"     The affluent reader of 1798 paid five shillings for the",
		"volume, which was reckoned dear for a book of verse by two men.",
	}, "\n")
	ps := pages.Split(strings.Split(text, "\n"), report.New("t")).Pages
	c := New(ps, report.New("t"))
	var got []string
	for _, p := range c.Body() {
		tx := StripSentinels(p.Text)
		got = append(got, tx[:min(len(tx), 24)])
	}
	want := []string{"Mr. Grant, who first sho", "It is the first duty of ", "The table below gives a ", "1798 1817 Part Ancyent M", "[Illustration: A page of", "The affluent reader of 1"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs\n got %q\nwant %q", got, want)
	}
}
