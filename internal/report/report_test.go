package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestSorted: problems first, then uncertain decisions by rising
// confidence, then the rest in source order — the order an editor reads.
func TestSorted(t *testing.T) {
	r := New("book.txt")
	r.Add(Decision{Stage: "hyphen", Kind: "join", Line: 30, Text: "c", Confidence: 0.99})
	r.Add(Decision{Stage: "hyphen", Kind: "keep", Line: 20, Text: "b", Confidence: 0.6})
	r.Add(Decision{Stage: "notes", Kind: "body-unpaired", Line: 50, Text: "e", Confidence: 0.3, Problem: true})
	r.Add(Decision{Stage: "hyphen", Kind: "join", Line: 10, Text: "a", Confidence: 0.95})
	r.Add(Decision{Stage: "typo", Kind: "suspicious", Line: 40, Text: "d", Confidence: 0.4})
	var got []string
	for _, d := range r.Sorted() {
		got = append(got, d.Text)
	}
	if strings.Join(got, "") != "edbac" {
		t.Errorf("order %v, want e d b a c", got)
	}
	if s := r.Summary(); s != "5 decisions, 2 to check, 1 problems" {
		t.Errorf("summary %q", s)
	}
	var buf bytes.Buffer
	if err := r.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	txt := buf.String()
	if i, j := strings.Index(txt, "== Problems"), strings.Index(txt, "== To check"); i < 0 || j < i {
		t.Errorf("text report sections out of order:\n%s", txt)
	}
	buf.Reset()
	if err := r.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil || len(back.Decisions) != 5 || back.Decisions[0].Text != "e" {
		t.Errorf("JSON round trip: %v %+v", err, back.Decisions)
	}
}
