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
