package pipeline

import (
	"bufio"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"folio/assets"
	"folio/internal/book"
	"folio/internal/pages"
	"folio/internal/report"
	"folio/internal/source"
)

var (
	sampleOnce sync.Once
	sampleBook *book.Book
	sampleRep  *report.Report
	sampleErr  error
)

// sample cleans the bundled book once for all tests.
func sample(t testing.TB) (*book.Book, *report.Report) {
	t.Helper()
	sampleOnce.Do(func() { sampleBook, sampleRep, sampleErr = Clean(assets.Sample(), "sample") })
	if sampleErr != nil {
		t.Fatal(sampleErr)
	}
	return sampleBook, sampleRep
}

// TestSampleDocuments pins every document title of the sample, in order:
// proper title case, acronyms kept, markers gone from the text.
func TestSampleDocuments(t *testing.T) {
	b, _ := sample(t)
	want := []string{
		"Publisher’s Preface",
		"Extracts from the Foreword to Volume 19 of Enver Hoxha’s Works (In Albanian)",
		"Radiogram to Comrade Hysni Kapo in Bucharest",
		"Always Follow a Correct Line",
		"Letter to Comrade Hysni Kapo in Bucharest",
		"From the Letter to Liri Belishova on the Stand She Should Adopt in Peking toward the Disagreements between the Soviet Union and China",
		"Radiogram to Comrade Hysni Kapo in Bucharest",
		"We Should Not Submit to Any Pressure",
		"Letter to Comrade Hysni Kapo in Bucharest",
		"Radiogram to Comrade Hysni Kapo in Bucharest",
		"From the Letter to Liri Belishova on the Proceedings of the Bucharest Meeting and the Attitude She Should Maintain in Moscow",
		"Verbal Note Presented to the Soviet Ambassador to Tirana on the Anti-Marxist Stand of the Soviet Ambassador and Military Attache to Belgrade, concerning the Meeting in Sremska Mitrovica",
		"At the Bucharest Meeting We Did Not Accept Violation of the Leninist Norms of Relations among Parties",
		"We Shall Speak in Moscow as Marxism-Leninism Teaches Us; for Us There Is No Other Language",
		"The Central Committee Is the Leadership of the Party Which Always Judges Fairly, Wisely, Calmly and, When Necessary, Severely, Too",
		"Letter to the CC of the CPSU concerning the Open Interference in the Internal Affairs of the PLA and the Albanian State by Some Functionaries of the Soviet Embassy in Tirana",
		"Letter to All the Basic Organizations of the Party about the Bucharest Meeting and about the Disagreements between the Communist Party of the Soviet Union and the Communist Party of China",
		"Real Unity Is Achieved and Strengthened Only on the Basis of Marxist-Leninist Principles",
		"Letter to the Central Committee of the Communist Party of the Soviet Union with Regard to the Proposals Made by the Central Committee of the CPSU about Organizing a Meeting of Representatives of the CPSU and the Party of Labor of Albania Prior to the November 1960 Meeting of the Communist and Workers’ Parties in Moscow",
		"We Shall Go to Moscow Not with Ten Banners, but with Only One, with the Banner of Marxism-Leninism",
		"The Defense of the Marxist-Leninist Line Is Vital for Our Party and People and for International Communism",
		"We Must Guard against Provocations and Defend the Party",
		"Radiogram to Comrade Mehmet Shehu in New York",
		"Radiogram to Comrade Mehmet Shehu in New York",
		"Radiogram to Comrade Mehmet Shehu in New York",
		"Radiogram to Comrade Mehmet Shehu in New York",
		"Radiogram to Comrade Mehmet Shehu in New York",
		"Our People and Party Will Preserve and Develop Friendship with the People’s Republic of China with All Their Strength",
		"Letter to Comrade Hysni Kapo in Moscow",
		"Radiogram to Comrade Hysni Kapo in Moscow",
		"Radiogram to Comrade Mehmet Shehu in New York",
		"The Moscow Declaration Should Be Made as Strong as Possible, with Gunpowder and Not Cotton Wool",
		"Radiogram to Comrade Mehmet Shehu in New York",
		"Radiogram to Comrade Mehmet Shehu in New York",
		"Letter to Comrade Hysni Kapo in Moscow",
		"Radiogram to Comrade Mehmet Shehu in New York",
		"Radiogram to Comrade Hysni Kapo in Moscow",
		"Letter to Comrade Hysni Kapo in Moscow",
		"Even If We Have to Go without Bread, We Albanians Do Not Violate Principles, We Do Not Betray Marxism-Leninism",
		"Whether Albania Is a Socialist Country or Not Does Not Depend on Khrushchev, but It Has Been Decided by the Albanian People through the Wars They Have Fought and the Blood They Have Shed",
		"We Shall Ardently Defend Marxism-Leninism and the Interests of the People",
		"We Have Fought Empty-Bellied and Bare Footed, but Have Never Kowtowed to Anybody",
		"Speech Delivered at the Meeting of 81 Communist and Workers’ Parties in Moscow",
		"Radiogram to Comrade Hysni Kapo in Moscow",
		"From the Report at the 21st Plenum of the CC of the PLA “On the Meeting of the Representatives of the Communist and Workers’ Parties Which Was Held in Moscow in November 1960”",
		"The Principled and Consistent Struggle against Imperialism and Revisionism Has Been and Remains the Road of Our Party",
	}
	if len(b.Chapters) != len(want) {
		for _, ch := range b.Chapters {
			t.Logf("%s %q", ch.ID, ch.TitleText())
		}
		t.Fatalf("found %d documents, want %d", len(b.Chapters), len(want))
	}
	for i, ch := range b.Chapters {
		if got := ch.TitleText(); got != want[i] {
			t.Errorf("document %d title:\n got %q\nwant %q", i+1, got, want[i])
		}
	}
	if b.Chapters[0].Kind != book.Preface || b.Chapters[1].Kind != book.Foreword || b.Chapters[2].Kind != book.Document {
		t.Errorf("kinds: %s %s %s, want preface foreword chapter", b.Chapters[0].Kind, b.Chapters[1].Kind, b.Chapters[2].Kind)
	}
}

// TestSampleOpenings pins the opening of documents: subtitle, date, time,
// place, and a notice.
func TestSampleOpenings(t *testing.T) {
	b, _ := sample(t)
	ch := b.Chapters[2] // Radiogram, June 21, 1960, 11:30 hrs., STRICTLY PERSONAL
	if ch.Date != "June 21, 1960" || ch.DateISO != "1960-06-21" || ch.Time != "11:30 hrs." {
		t.Errorf("radiogram dateline = %q %q %q", ch.Date, ch.DateISO, ch.Time)
	}
	if ch.Blocks[0].Kind != book.Notice || book.PlainText(ch.Blocks[0].Inlines) != "Strictly Personal" {
		t.Errorf("first block = %s %q, want the notice", ch.Blocks[0].Kind, book.PlainText(ch.Blocks[0].Inlines))
	}
	if got := book.PlainText(b.Chapters[3].Subtitle); got != "From the contribution to the discussion at the meeting of the Political Bureau of the CC of the PLA" {
		t.Errorf("subtitle = %q", got)
	}
	letter := b.Chapters[18] // Moscow / August 29, 1960
	if letter.Place != "Moscow" || letter.DateISO != "1960-08-29" {
		t.Errorf("letter place/date = %q %q", letter.Place, letter.DateISO)
	}
	for _, ch := range b.Chapters[2:] {
		if ch.DateISO == "" {
			t.Errorf("%s %q has no date", ch.ID, ch.TitleText())
		}
	}
}

// TestSampleLetterParts checks a radiogram's ending: closing, signature,
// source note.
func TestSampleLetterParts(t *testing.T) {
	b, _ := sample(t)
	kinds := map[book.BlockKind]int{}
	for _, ch := range b.Chapters {
		for _, bl := range ch.Blocks {
			kinds[bl.Kind]++
		}
	}
	for k, min := range map[book.BlockKind]int{book.Salutation: 15, book.Closing: 15, book.Signature: 25, book.SourceNote: 40, book.Speech: 150, book.ListItem: 10, book.Heading: 7, book.Postscript: 2} {
		if kinds[k] < min {
			t.Errorf("%d %s blocks, want at least %d", kinds[k], k, min)
		}
	}
	ch := b.Chapters[2]
	n := len(ch.Blocks)
	got := []string{}
	for _, bl := range ch.Blocks[n-3:] {
		got = append(got, string(bl.Kind)+":"+book.PlainText(bl.Inlines))
	}
	want := []string{"closing:Affectionately yours,", "signature:Enver",
		"source:Published for the first time in Volume 19 according to the original in the Central Archives of the Party."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("radiogram ending:\n got %q\nwant %q", got, want)
	}
}

// TestSampleNotes: all 115 notes paired, each referenced exactly once,
// continued notes merged, markers gone from the text.
func TestSampleNotes(t *testing.T) {
	b, rep := sample(t)
	total, continued := 0, 0
	for _, ch := range b.Chapters {
		refs := make([]int, len(ch.Notes))
		count := func(in []book.Inline) {
			for _, r := range in {
				if r.Kind == book.NoteRef {
					refs[r.Note]++
				}
			}
		}
		count(ch.Title)
		count(ch.Subtitle)
		for _, bl := range ch.Blocks {
			count(bl.Inlines)
		}
		for i, n := range ch.Notes {
			total++
			if refs[i] != 1 {
				t.Errorf("%s note %s referenced %d times", ch.ID, n.Label, refs[i])
			}
			if n.Continued {
				continued++
			}
			if len(n.Paras) == 0 || book.PlainText(n.Paras[0]) == "" {
				t.Errorf("%s note %s is empty", ch.ID, n.Label)
			}
			if want := strconv.Itoa(i + 1); n.Label != want {
				t.Errorf("%s note %d has label %s: numbering should restart per document and count up", ch.ID, i+1, n.Label)
			}
		}
	}
	if total != 115 {
		t.Errorf("%d notes in the book, want 115", total)
	}
	if continued < 9 {
		t.Errorf("%d continued notes, want 9", continued)
	}
	if len(rep.Problems()) > 1 {
		for _, p := range rep.Problems() {
			t.Logf("problem: line %d %s", p.Line, p.Text)
		}
		t.Errorf("%d problems reported, want only the page-numbering gap", len(rep.Problems()))
	}
	// No glued marker digits survive in the text.
	glued := regexp.MustCompile(`\p{L}[.,”’]?\d{1,2}(?:[\s,.;:”)]|$)`)
	for _, ch := range b.Chapters {
		for _, bl := range ch.Blocks {
			if m := glued.FindString(book.PlainText(bl.Inlines)); m != "" {
				t.Errorf("%s line %d: glued digits %q left in the text", ch.ID, bl.Line, m)
			}
		}
	}
}

// noteOf finds the note whose marker follows the given text in a block.
func noteOf(t *testing.T, b *book.Book, before string) (*book.Chapter, book.Note) {
	t.Helper()
	for ci := range b.Chapters {
		ch := &b.Chapters[ci]
		for _, in := range append([][]book.Inline{ch.Title}, blocksInlines(ch)...) {
			for k, r := range in {
				if r.Kind == book.NoteRef && k > 0 && strings.HasSuffix(in[k-1].Text, before) {
					return ch, ch.Notes[r.Note]
				}
			}
		}
	}
	t.Fatalf("no note marker after %q", before)
	return nil, book.Note{}
}

func blocksInlines(ch *book.Chapter) [][]book.Inline {
	var out [][]book.Inline
	for _, bl := range ch.Blocks {
		out = append(out, bl.Inlines)
	}
	return out
}

func noteText(n book.Note) string {
	var parts []string
	for _, p := range n.Paras {
		parts = append(parts, book.PlainText(p))
	}
	return strings.Join(parts, "\n")
}

// TestSampleNoteExcerpts pins notes from real pages: a title marker, a
// marker after punctuation, after a bracket, on a hyphen-split word, a
// note continued on the next page, one continued after the next page's
// body text, a note with a line that starts with a number.
func TestSampleNoteExcerpts(t *testing.T) {
	b, _ := sample(t)
	cases := []struct {
		before, start, contains string
		continued               bool
	}{
		{"Radiogram to Comrade Hysni Kapo in Bucharest", "On June 2, 1960, in a letter to the CC of the PLA, the CC of the CPSU proposed", "People’s Republic of China.", false},
		{"Moscow Meeting of 1957,", "At this meeting of communist and workers’ parties, held in 1957 in Moscow", "propaganda of the Party.", false},
		{"Gogo [Nushi]", "At that time Member of the Political Bureau", "", false},
		{"but we know his father", "Eleutherios Venizelos (1864–1936)", "army to take part in the intervention against Soviet Russia.", true},
		{"We are preparing to send the delegation", "On September 27, 1960, the delegation of the PLA", "the preparation of the materials of the November meeting, left for Moscow.", true},
		{"the time of Kronstadt", "With openly hostile tendentiousness Koço Tashko", "", false},
	}
	for _, c := range cases {
		_, n := noteOf(t, b, c.before)
		text := noteText(n)
		if !strings.HasPrefix(text, c.start) {
			t.Errorf("note after %q starts %q, want %q", c.before, clip(text), c.start)
		}
		if !strings.Contains(text, c.contains) {
			t.Errorf("note after %q lacks %q:\n%s", c.before, c.contains, text)
		}
		if n.Continued != c.continued {
			t.Errorf("note after %q continued=%v, want %v", c.before, n.Continued, c.continued)
		}
	}
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// TestSampleHyphenExcerpts checks joins and keeps in the finished text.
func TestSampleHyphenExcerpts(t *testing.T) {
	b, _ := sample(t)
	all := bookText(b)
	for _, want := range []string{
		"a policy of independence and self-reliance,",
		"it is up to us to maintain a Marxist-Leninist stand",
		"the disruptive anti-Marxist activity",
		"the so-called errors",
		"(April 22–26,", // a number range keeps its (en) dash
		"Marxism-Leninism",
		"the Bucharest Meeting",
		"the Declaration of the Moscow Meeting of 1957, which Khrushchev says",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, bad := range []string{"Bu- charest", "self-reli- ance", "selfreliance", "Marxist- Leninist", "MarxistLeninist", "compli- cated"} {
		if strings.Contains(all, bad) {
			t.Errorf("text has %q", bad)
		}
	}
}

// TestSampleHyphenGold compares every line-end hyphen decision of the
// pipeline with the hand-labelled gold set: ≥ 99.5 % agreement.
func TestSampleHyphenGold(t *testing.T) {
	_, rep := sample(t)
	f, err := os.Open("../dehyphen/testdata/gold.tsv")
	if err != nil {
		t.Skip("gold set missing:", err)
	}
	defer f.Close()
	type want struct{ action, word string }
	gold := map[int]want{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "#") || l == "" {
			continue
		}
		c := strings.Split(l, "\t")
		if len(c) < 5 {
			continue
		}
		n, _ := strconv.Atoi(c[0])
		gold[n] = want{c[3], c[4]}
	}
	got := map[int]report.Decision{}
	for _, d := range rep.Decisions {
		if d.Stage == "hyphen" {
			got[d.Line] = d
		}
	}
	agree, missing := 0, 0
	var bad []string
	for n, w := range gold {
		d, ok := got[n]
		var match bool
		switch w.action {
		case "join":
			match = d.Kind == "join"
		case "keep":
			match = d.Kind == "keep"
		case "flag":
			match = d.Confidence < report.Uncertain
		}
		switch {
		case !ok:
			missing++
			bad = append(bad, "line "+strconv.Itoa(n)+": no decision, want "+w.action+" "+w.word)
		case match:
			agree++
		default:
			bad = append(bad, "line "+strconv.Itoa(n)+": "+d.Kind+" "+d.Text+", want "+w.action+" "+w.word)
		}
	}
	sort.Strings(bad)
	rate := float64(agree) / float64(len(gold))
	t.Logf("agreement %.2f%% (%d/%d), %d not seen", rate*100, agree, len(gold), missing)
	if rate < 0.995 {
		t.Errorf("hyphen agreement %.2f%% < 99.5%%:\n%s", rate*100, strings.Join(bad, "\n"))
	}
}

// TestSampleNoFurniture: no page number or running head is left as text.
func TestSampleNoFurniture(t *testing.T) {
	b, _ := sample(t)
	for _, ch := range b.Chapters {
		for _, bl := range ch.Blocks {
			text := strings.TrimSpace(book.PlainText(bl.Inlines))
			if regexp.MustCompile(`^\d{1,3}$`).MatchString(text) {
				t.Errorf("%s line %d: a page number left as a paragraph: %q", ch.ID, bl.Line, text)
			}
			for _, head := range []string{"ENVER HOXHA", "SPEECH AT THE 81 PARTY CONFERENCE", "REPORT TO THE 21st PLENUM"} {
				if strings.Contains(text, head) {
					t.Errorf("%s line %d: running head %q left in the text", ch.ID, bl.Line, head)
				}
			}
		}
	}
}

// TestSampleNoWordLost compares the letters of the source (page furniture
// aside) with the letters of the book model, in order: body with body,
// notes with notes. Hyphens, dashes, digits, punctuation and case are
// left out, so joins and keeps compare equal; a lost, added or moved word
// does not.
func TestSampleNoWordLost(t *testing.T) {
	b, _ := sample(t)
	txt, err := source.Decode("sample", assets.Sample())
	if err != nil {
		t.Fatal(err)
	}
	split := pages.Split(txt.Lines, report.New("x"))
	var srcBody, srcFoot strings.Builder
	for _, p := range split.Pages {
		for _, l := range p.Body {
			srcBody.WriteString(l.Text)
		}
		for _, l := range p.Foot {
			srcFoot.WriteString(l.Text)
		}
	}
	var outBody, outNotes strings.Builder
	for _, ch := range b.Chapters {
		outBody.WriteString(book.PlainText(ch.Title) + book.PlainText(ch.Subtitle) + ch.Place + ch.Date + ch.Time)
		for _, bl := range ch.Blocks {
			outBody.WriteString(bl.Speaker + bl.Label + book.PlainText(bl.Inlines))
		}
		for _, n := range ch.Notes {
			outNotes.WriteString(noteText(n))
		}
	}
	for _, c := range []struct{ what, src, out string }{
		{"body", letters(srcBody.String()), letters(outBody.String())},
		{"notes", letters(srcFoot.String()), letters(outNotes.String())},
	} {
		if c.src == c.out {
			continue
		}
		i := 0
		for i < len(c.src) && i < len(c.out) && c.src[i] == c.out[i] {
			i++
		}
		t.Errorf("%s: the text differs from the source after %d letters:\nsource …%s\nmodel  …%s", c.what, i, around(c.src, i), around(c.out, i))
	}
}

// bookText is every word the model holds: titles, openings, blocks,
// speakers, notes.
func bookText(b *book.Book) string {
	var sb strings.Builder
	for _, ch := range b.Chapters {
		sb.WriteString(book.PlainText(ch.Title) + " " + book.PlainText(ch.Subtitle) + " " + ch.Place + " " + ch.Date + " " + ch.Time + "\n")
		for _, bl := range ch.Blocks {
			sb.WriteString(bl.Speaker + " " + bl.Label + " " + book.PlainText(bl.Inlines) + "\n")
		}
		for _, n := range ch.Notes {
			sb.WriteString(noteText(n) + "\n")
		}
	}
	return sb.String()
}

func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

func around(s string, i int) string {
	a, b := i-40, i+40
	if a < 0 {
		a = 0
	}
	if b > len(s) {
		b = len(s)
	}
	return s[a:i] + "|" + s[i:b]
}
