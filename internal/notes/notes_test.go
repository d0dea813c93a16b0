package notes

import (
	"strings"
	"testing"

	"folio/internal/pages"
	"folio/internal/report"
)

// TestMarkers: glued digits that are note markers, and the numbers of the
// text that are not, from real lines of the sample and other books.
func TestMarkers(t *testing.T) {
	cases := []struct {
		line string
		want []string // labels found, in order
	}{
		{"TO COMRADE HYSNI KAPO IN BUCHAREST1", []string{"1"}},
		{"the Declaration of the Moscow Meeting of 1957,1 which Khrush-", []string{"1"}},
		{"As soon as Comrade Gogo [Nushi]3 arrived in Moscow, he", []string{"3"}},
		{"Panajot Plaku,12 who wrote to him about his great “patriotism,”", []string{"12"}},
		{"the time of Kronstadt11“ in the Soviet Union? Is this what you", []string{"11"}},
		{"the Soviet Union on the so-called cult of Stalin.1", []string{"1"}},
		{"ther15 very well. If Moscow does not know him, although it ought", []string{"15"}},
		{"the “King of Belgrade.”1 He showed once more that he is nothing", []string{"1"}},
		{"Andropov that Mikoyan3 wanted to talk about these questions4", []string{"3", "4"}},
		{"a footnote with a superscript¹ and another²³ here", []string{"1", "23"}},
		{"a note marked with an asterisk* and a dagger† here", []string{"*", "†"}},
		// Not markers.
		{"and the 81 Party Conference in Moscow in November, which for", nil},
		{"camp to be held in Bucharest on the occasion of the 3rd Congress of the", nil},
		{"11:30 hrs.", nil},
		{"the U-2 affair and the 10-12 divisions", nil},
		{"an increase of 39.3 per cent over 1,000 tons", nil},
		{"the Moscow Declaration [1957]. On all the fundamental matters", nil},
		{"1) Tomorrow our delegation is leaving for Moscow with", nil},
		{"No. 235 (3764), October 1, 1960", nil},
	}
	for _, c := range cases {
		var got []string
		for _, m := range findMarkers([]pages.Line{{N: 1, Text: c.line}}) {
			got = append(got, m.label)
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%q: markers %v, want %v", c.line, got, c.want)
		}
	}
}

// TestFind pairs markers and bodies on real pages of the sample: a note
// whose text has a line starting with a year, a note continued on the
// next page's foot area after that page's body, and numbering that
// restarts in a new document.
func TestFind(t *testing.T) {
	ps := []pages.Page{
		{Index: 0, Number: "43", Body: []pages.Line{
			{N: 1828, Text: "this Venizelos,” I told Ambassador Ivanov, “but we know his fa-"},
			{N: 1829, Text: "ther15 very well. If Moscow does not know him, although it ought"},
		}, Foot: []pages.Line{
			{N: 1880, Text: "15 Eleutherios Venizelos (1864-1936), a Greek reactionary leader,"},
			{N: 1881, Text: "1954 was not the year he died; this line starts with a number"},
		}},
		{Index: 1, Number: "44", Body: []pages.Line{
			{N: 1883, Text: "to study the problems well. The Soviets have accepted this, so why"},
		}, Foot: []pages.Line{
			{N: 1900, Text: "army to take part in the intervention against Soviet Russia."},
		}},
		{Index: 2, Number: "45", Body: []pages.Line{
			{N: 1950, Text: "TO COMRADE HYSNI KAPO IN BUCHAREST1"},
		}, Foot: []pages.Line{
			{N: 1990, Text: "1 On June 2, 1960, in a letter to the CC of the PLA, the CC of the"},
		}},
	}
	rep := report.New("test")
	res := Find(ps, rep)
	if len(res.Notes) != 2 {
		t.Fatalf("%d notes, want 2: %+v", len(res.Notes), res.Notes)
	}
	n := res.Notes[0]
	if n.Label != "15" || !n.Continued || !n.Paired || len(n.Lines) != 3 {
		t.Errorf("note 15: %+v", n)
	}
	if !strings.HasPrefix(ps[0].Body[1].Text, "ther"+string(Sentinel(0))+" very") {
		t.Errorf("marker not replaced by its sentinel: %q", ps[0].Body[1].Text)
	}
	if got := ps[2].Body[0].Text; got != "TO COMRADE HYSNI KAPO IN BUCHAREST"+string(Sentinel(1)) {
		t.Errorf("title marker: %q", got)
	}
	if len(rep.Problems()) != 0 {
		t.Errorf("problems: %+v", rep.Problems())
	}
}

// TestUnpaired: a marker without a body stays text and is reported; a
// body without a marker is reported.
func TestUnpaired(t *testing.T) {
	ps := []pages.Page{{Index: 0, Number: "1",
		Body: []pages.Line{{N: 1, Text: "the Plenum7 decided"}},
		Foot: []pages.Line{{N: 5, Text: "1 A note nobody points at."}}}}
	rep := report.New("test")
	Find(ps, rep)
	if ps[0].Body[0].Text != "the Plenum7 decided" {
		t.Errorf("an unpaired marker was removed: %q", ps[0].Body[0].Text)
	}
	if len(rep.Problems()) != 2 {
		t.Errorf("%d problems, want 2 (marker without body, body without marker)", len(rep.Problems()))
	}
}

// TestLongLabels: a number too long for a note label that both opens a
// line and stands glued to a word of the page is reported as a problem;
// a year opening a line, or a long number that is nobody's marker, is not.
func TestLongLabels(t *testing.T) {
	for _, c := range []struct {
		name string
		body []string
		want bool
	}{
		{"marker 99999", []string{"TO COMRADE HYSNI KAPO IN BUCHAREST99999", "Be careful.", "99999 On June 2, 1960, in a letter to the CC"}, true},
		{"after a quote", []string{"he said “no”12345 and left", "12345 A note."}, true},
		{"a year", []string{"The congress met in 1960 and", "1960 was a year of struggle."}, false},
		{"part of a longer number", []string{"code A123456 was", "12345 items were sent."}, false},
	} {
		var p pages.Page
		for i, l := range c.body {
			p.Body = append(p.Body, pages.Line{N: i + 1, Text: l})
		}
		rep := report.New("x")
		longLabels(&p, rep)
		got := len(rep.Problems()) == 1 && rep.Problems()[0].Kind == "label-too-long"
		if got != c.want {
			t.Errorf("%s: problems %+v, want one: %v", c.name, rep.Problems(), c.want)
		}
	}
}
