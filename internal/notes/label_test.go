package notes

import "testing"

// Note labels as the text layers of TeX, groff and OCR give them.
func TestReadLabel(t *testing.T) {
	cases := []struct {
		line        string
		form        labelForm
		kind, label string
		rest        string
	}{
		{"3", formOwnLine, "digits", "3", ""}, // TeX's superscript, pdftotext
		{"2 This expression—“material sublime”", formRunIn, "digits", "2", "This expression—“material sublime”"}, // groff
		{"1This is possibly the humorous visiting-card", formGlued, "digits", "1", "This is possibly the humorous visiting-card"},
		{"3“Undoubtedly the Sonata", formGlued, "digits", "3", "“Undoubtedly the Sonata"},
		{"¹ Among the four-movement sonatas", formRunIn, "superscript", "1", "Among the four-movement sonatas"},
		{"† The farm of Whitrigg", formRunIn, "symbol", "†", "The farm of Whitrigg"},
		{"[1] A long sea-loch on the north coast", formRunIn, "bracket", "1", "A long sea-loch on the north coast"},
		{"(2) Highland servants", formRunIn, "paren", "2", "Highland servants"},
		{"®Ries (in Wegeler’s Notizen) relates", formGlyph, "ocr", "?", "Ries (in Wegeler’s Notizen) relates"},
		{"0The letters 272, 273, 274", formGlued, "digits", "0", "The letters 272, 273, 274"}, // a lost leading digit
	}
	for _, c := range cases {
		lab, ok := readLabel(c.line)
		if !ok || lab.form != c.form || lab.kind != c.kind || lab.label != c.label || lab.rest != c.rest {
			t.Errorf("%q: %+v %v; want form %v kind %s label %s rest %q", c.line, lab, ok, c.form, c.kind, c.label, c.rest)
		}
	}
	// Lines of text that open with a number are no labels.
	for _, line := range []string{"1954 he was dismissed", "12th of June", "0 and 1", "3rd Congress", "“Quoted”", "1.5 per cent"} {
		if lab, ok := readLabel(line); ok && lab.form != formRunIn {
			t.Errorf("%q read as a label: %+v", line, lab)
		}
	}
	if lab, _ := readLabel("7. I request that I may receive"); !lab.dot {
		t.Error(`"7. I request…" is a numbered list's label: the stop is noted`)
	}
}
