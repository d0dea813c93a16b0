package typo

import (
	"strings"

	"folio/assets"
)

// sampleParas unwraps the bundled sample into paragraphs the way the
// cleaning stage hands them over: blank-line separated, lines joined,
// "word-\nword" hyphens of line breaks removed when the next line starts
// in lower case.
func sampleParas() []string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			paras = append(paras, cur.String())
			cur.Reset()
		}
	}
	for _, line := range strings.Split(string(assets.Sample()), "\n") {
		line = strings.TrimRight(line, " \r")
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		if cur.Len() > 0 {
			prev := cur.String()
			t := strings.TrimLeft(line, " ")
			if strings.HasSuffix(prev, "-") && t != "" && t[0] >= 'a' && t[0] <= 'z' {
				cur.Reset()
				cur.WriteString(prev[:len(prev)-1])
			} else {
				cur.WriteByte(' ')
			}
		}
		cur.WriteString(line)
	}
	flush()
	return paras
}
