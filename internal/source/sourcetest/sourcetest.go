// Package sourcetest holds what the cleaning stages' fuzz tests share:
// input as source.Decode would hand it on, and the "no word lost" measure.
package sourcetest

import (
	"strings"
	"unicode"
)

// Lines is text as source.Decode hands it on, without its refusals
// (fuzzing wants letterless and control-ridden input too): valid UTF-8,
// LF line ends, no private-use runes (the later stages' markers).
func Lines(text string) []string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	text = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text)
	text = strings.Map(func(r rune) rune {
		if r >= 0xF0000 {
			return '\uFFFD'
		}
		return r
	}, text)
	return strings.Split(strings.TrimRight(text, "\n"), "\n")
}

// WordChars is what "no word lost" compares: the letters and numbers of
// s, in order. The stages' sentinel runes are neither.
func WordChars(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return r
		}
		return -1
	}, s)
}
