package roman

import "testing"

func TestNumerals(t *testing.T) {
	for n, want := range map[int]string{1: "I", 4: "IV", 9: "IX", 14: "XIV", 19: "XIX", 40: "XL", 90: "XC", 400: "CD", 1960: "MCMLX", 3999: "MMMCMXCIX", 0: "", 4000: "", -3: ""} {
		if got := Upper(n); got != want {
			t.Errorf("Upper(%d) = %q, want %q", n, got, want)
		}
	}
	if got := Lower(12); got != "xii" {
		t.Errorf("Lower(12) = %q", got)
	}
}

func TestParse(t *testing.T) {
	for s, want := range map[string]int{"xix": 19, "XIX": 19, "iv": 4, "MCMLX": 1960, "i": 1, "IIII": 0, "VX": 0, "mix": 1009, "Mix": 0, "": 0, "x1": 0, "cdxliv": 444} {
		if got := Parse(s); got != want {
			t.Errorf("Parse(%q) = %d, want %d", s, got, want)
		}
	}
}
