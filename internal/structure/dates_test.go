package structure

import "testing"

// Datelines in the forms letters and journals print them.
func TestMatchDate(t *testing.T) {
	cases := []struct{ in, place, iso string }{
		{"June 21, 1960", "", "1960-06-21"},
		{"Tirana, June 21, 1960", "Tirana", "1960-06-21"},
		{"Edinburgh, 14th November, 1868.", "Edinburgh", "1868-11-14"},
		{"Edinburgh, 3rd December, 1867.", "Edinburgh", "1867-12-03"},
		{"Vailima, Samoa, Dec. 1892", "Vailima, Samoa", "1892-12"},
		{"Valparaiso, Chile, Sept. 1876", "Valparaiso, Chile", "1876-09"},
		{"Vienna, Jan. 24, 1818.", "Vienna", "1818-01-24"},
		{"Feb. 23, 1817.", "", "1817-02-23"},
		{"December 29, 1822", "", "1822-12-29"},
		{"Leith, March 1913.", "Leith", "1913-03"},
		// Not dates.
		{"In the year 1817 he came to Vienna.", "", ""},
		{"1960", "", ""},
		{"The Autumn of 1817.", "", ""},
	}
	for _, c := range cases {
		place, _, iso := matchDate(c.in)
		if iso != c.iso || place != c.place {
			t.Errorf("%q: place %q, date %q; want %q, %q", c.in, place, iso, c.place, c.iso)
		}
	}
}
