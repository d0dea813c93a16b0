// Package roman writes roman numerals: front-matter folios, section
// numbers, and the check that a word in capitals is a valid numeral.
package roman

import "strings"

var (
	values  = [...]int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	symbols = [...]string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
)

// Upper returns n (1–3999) in capitals: 19 → "XIX"; "" outside that range.
func Upper(n int) string {
	if n < 1 || n > 3999 {
		return ""
	}
	var b strings.Builder
	for i, v := range values {
		for n >= v {
			b.WriteString(symbols[i])
			n -= v
		}
	}
	return b.String()
}

// Lower returns n in small letters, as front matter is folioed: "xix".
func Lower(n int) string { return strings.ToLower(Upper(n)) }

// Parse reads a numeral in capitals or small letters ("xix", "XIX"); it
// returns 0 for anything that is not one written the standard way
// ("IIII", "VX", "mix" are not).
func Parse(s string) int {
	if s == "" || len(s) > 15 {
		return 0
	}
	up := strings.ToUpper(s)
	if up != s && strings.ToLower(s) != s {
		return 0 // mixed case: a word, not a numeral
	}
	n, rest := 0, up
	for i, sym := range symbols {
		for strings.HasPrefix(rest, sym) {
			n += values[i]
			rest = rest[len(sym):]
		}
	}
	if rest != "" || Upper(n) != up {
		return 0
	}
	return n
}
