package titlecase

import (
	"strings"
	"testing"
	"unicode/utf8"

	"folio/assets"
)

// FuzzTitle: learning acronyms from any body text and casing any title
// or name never panics, and changes only the case of letters: the result
// lower-cased is the input lower-cased (Unicode's special casings, such
// as "İ", may change a letter's bytes, never what it spells), and bytes
// that are not valid UTF-8 stay as they were.
func FuzzTitle(f *testing.F) {
	lines := strings.Split(string(assets.Sample()), "\n")
	body := strings.Join(lines[1700:1760], "\n") // prose with CC, PLA, CPSU, US
	for _, s := range []string{
		"TO COMRADE HYSNI KAPO IN BUCHAREST", "II. THE STAND", "O’BRIEN—A", "“ON THE MEETING”",
		"\xff\xfeABC", "-- . ’’", "LET US UNITE AGAINST NATO", "N.S. KHRUSHCHEV", "UP-TO-DATE TASKS IN THE 1930S",
		"LETTER TO THE CC OF THE CPSU", "ÇAMËRIA AND MCCARTHY", "İSTANBUL ǄEMAL",
		"FROM THE REPORT AT THE 21st PLENUM OF THE CC OF THE PLA “ON THE MEETING OF THE REPRESENTATIVES”",
	} {
		f.Add(body, s)
	}
	f.Add("the CC of the PLA and US imperialism, as for us", "THE DEFEAT OF US IMPERIALISM")
	f.Fuzz(func(t *testing.T, body, s string) {
		c := New(body)
		for _, cased := range []func(string) string{c.Title, c.Name} {
			got := cased(s)
			if strings.ToLower(got) != strings.ToLower(s) {
				t.Fatalf("%q became %q: more than the case changed", s, got)
			}
			if utf8.ValidString(got) != utf8.ValidString(s) {
				t.Fatalf("%q became %q: invalid bytes changed", s, got)
			}
		}
	})
}
