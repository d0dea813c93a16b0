package pages

import (
	"strings"
	"testing"

	"folio/internal/report"
)

// excerpt builds a text of n leading-space pages of filler around the
// given real lines, so the page style has the spacing it is detected by.
func filler(n int) []string {
	var out []string
	for p := 0; p < n; p++ {
		out = append(out, " page "+strings.Repeat("x", p%3+1)+" first line of the page")
		for i := 0; i < 40; i++ {
			out = append(out, "an ordinary line of body text that fills the page ")
		}
	}
	return out
}

// TestFolioBlockMidParagraph: the sample's running head + folio block
// ("CONVERSATION WITH KOÇO TASHKO" / "" / "63" / "") falls inside a
// paragraph; it is furniture, and the page it opens is numbered 63.
func TestFolioBlockMidParagraph(t *testing.T) {
	lines := filler(3)
	lines = append(lines,
		"These are not family problems, nor are they friendly ones. ",
		"You come out with views contrary to the Central Committee. Then ",
		"", "", "",
		"CONVERSATION WITH KOÇO TASHKO ",
		"",
		"63 ",
		"",
		"why do you today raise such worrying problems about which the ",
		"Central Committee has decided what stand should be adopted, and ")
	lines = append(lines, filler(2)...)
	// A second folio so that the numbers have a sequence to fit.
	lines = append(lines, "", "ENVER HOXHA ", "", "66 ", "", "text of page sixty-six ")
	r := Split(lines, report.New("t"))
	if r.Style != LeadingSpace {
		t.Fatalf("style %s, want leading-space", r.Style)
	}
	var p63 *Page
	for i := range r.Pages {
		if r.Pages[i].Number == "63" {
			p63 = &r.Pages[i]
		}
	}
	if p63 == nil || !p63.Printed {
		t.Fatalf("no printed page 63: %+v", r.Pages)
	}
	if len(p63.Furniture) != 2 || p63.Furniture[0].Text != "CONVERSATION WITH KOÇO TASHKO" || p63.Furniture[1].Text != "63" {
		t.Errorf("furniture %+v", p63.Furniture)
	}
	first := ""
	for _, l := range p63.Body {
		if l.Text != "" {
			first = l.Text
			break
		}
	}
	if !strings.HasPrefix(first, "why do you today") {
		t.Errorf("page 63 starts %q", first)
	}
	// The pages before count back from 63.
	if r.Pages[p63.Index-1].Number != "62" || r.Pages[0].Number != "60" {
		t.Errorf("inferred numbers: %q … %q", r.Pages[0].Number, r.Pages[p63.Index-1].Number)
	}
}

// TestFootArea: a lone space opens the foot area only when a note follows
// (or a note left open on the page before continues); a lone space inside
// the body is not a separator.
func TestFootArea(t *testing.T) {
	lines := filler(2)
	lines = append(lines,
		" RADIOGRAM ",
		"TO COMRADE MEHMET SHEHU IN NEW YORK ",
		"",
		"September 26, 1960 ",
		" ", // inside the body
		"Comrade Mehmet, ",
		"",
		"the “King of Belgrade.”1 He showed once more that he is nothing ",
		"",
		" ", // the separator
		"1 J.B. Tito ",
	)
	lines = append(lines, filler(1)...)
	r := Split(lines, report.New("t"))
	p := r.Pages[2]
	if len(p.Foot) != 1 || p.Foot[0].Text != "1 J.B. Tito" {
		t.Errorf("foot %+v", p.Foot)
	}
	if !strings.HasPrefix(p.Body[0].Text, "RADIOGRAM") {
		t.Errorf("page-start space not removed: %q", p.Body[0].Text)
	}
}

// TestFormFeedsAndFolios: form-feed pages with "— 3 —" folios at the foot
// and running heads with the number beside them.
func TestFormFeedsAndFolios(t *testing.T) {
	text := "TITLE\n\nbody one\n\n— 1 —\n\f2    THE BOOK\n\nbody two\n\f3    A CHAPTER\n\nbody three\n\f4    THE BOOK\n\nbody four\n"
	r := Split(strings.Split(text, "\n"), report.New("t"))
	if r.Style != FormFeed || len(r.Pages) != 4 {
		t.Fatalf("style %s, %d pages", r.Style, len(r.Pages))
	}
	for i, p := range r.Pages {
		if want := string(rune('1' + i)); p.Number != want || !p.Printed {
			t.Errorf("page %d number %q printed=%v, want %s", i, p.Number, p.Printed, want)
		}
		for _, l := range p.Body {
			if strings.Contains(l.Text, "THE BOOK") || strings.Contains(l.Text, "CHAPTER") || strings.Contains(l.Text, "—") {
				t.Errorf("page %d: furniture %q left in the body", i, l.Text)
			}
		}
	}
}

// TestNoPages: text without page marks is one page, not an error.
func TestNoPages(t *testing.T) {
	r := Split([]string{"Just a paragraph", "of text.", "", "And another."}, report.New("t"))
	if r.Style != NoPages || len(r.Pages) != 1 || len(r.Pages[0].Body) != 4 {
		t.Errorf("%s %d pages", r.Style, len(r.Pages))
	}
}
