package pdf

import (
	"strings"
	"testing"
)

// The cover image joins the page resources whatever fpdf wrote there:
// an /XObject dictionary, empty or not, or none.
func TestAddXObject(t *testing.T) {
	for _, c := range []struct{ res, want string }{
		{"<<\n/ProcSet [/PDF /Text]\n/XObject <<\n>>\n>>", "<<\n/ProcSet [/PDF /Text]\n/XObject << /FolioCover 9 0 R \n>>\n>>"},
		{"<</Font <</F1 5 0 R>> /XObject <</I1 7 0 R>>\n>>", "<</Font <</F1 5 0 R>> /XObject << /FolioCover 9 0 R /I1 7 0 R>>\n>>"},
		{"<</Font <</F1 5 0 R>>\n>>", "<</Font <</F1 5 0 R>>\n/XObject << /FolioCover 9 0 R >>\n>>"},
	} {
		got, err := addXObject([]byte(c.res), "FolioCover", 9)
		if err != nil || string(got) != c.want {
			t.Errorf("%q:\n got %q (%v)\nwant %q", c.res, got, err, c.want)
		}
	}
	if _, err := addXObject([]byte("<</XObject 12 0 R\n>>"), "FolioCover", 9); err == nil || !strings.Contains(err.Error(), "indirectly") {
		t.Errorf("an indirect /XObject: %v", err)
	}
}
