package typeset

import (
	"fmt"
	"strings"
)

// Trim is a finished page size, in points, with the type scale that suits it.
type Trim struct {
	Name string
	W, H float64 // page size in points (1/72 in)
}

const inch = 72.0

// trims lists the supported trims; the order is the one error messages show.
var trims = []Trim{
	{"6x9", 6 * inch, 9 * inch},
	{"5.5x8.5", 5.5 * inch, 8.5 * inch},
	{"5x8", 5 * inch, 8 * inch},
	{"a5", 148 / 25.4 * inch, 210 / 25.4 * inch},
}

// ParseTrim returns the named trim; "" means the default 6x9.
func ParseTrim(s string) (Trim, error) {
	key := strings.ToLower(strings.TrimSpace(s))
	key = strings.ReplaceAll(key, "×", "x")
	key = strings.ReplaceAll(key, " ", "")
	key = strings.TrimSuffix(key, "in")
	if key == "" {
		return trims[0], nil
	}
	for _, t := range trims {
		if t.Name == key {
			return t, nil
		}
	}
	names := make([]string, len(trims))
	for i, t := range trims {
		names[i] = t.Name
	}
	return Trim{}, fmt.Errorf("unknown trim size %q: use one of %s", s, strings.Join(names, ", "))
}

// spec is the type scale and margins for a trim.
type spec struct {
	bodySize, bodyLead float64
	noteSize, noteLead float64
	top, bottom, outer float64
}

func specFor(t Trim) spec {
	if t.W >= 6*inch-1 {
		return spec{bodySize: 10.5, bodyLead: 14, noteSize: 8.5, noteLead: 11,
			top: 0.75 * inch, bottom: 0.75 * inch, outer: 0.625 * inch}
	}
	return spec{bodySize: 10, bodyLead: 13, noteSize: 8, noteLead: 10.5,
		top: 0.65 * inch, bottom: 0.7 * inch, outer: 0.55 * inch}
}

// Gutter returns KDP's minimum inside margin, in points, for a page count.
func Gutter(pages int) float64 {
	switch {
	case pages <= 150:
		return 0.375 * inch
	case pages <= 300:
		return 0.5 * inch
	case pages <= 500:
		return 0.625 * inch
	case pages <= 700:
		return 0.75 * inch
	default:
		return 0.875 * inch
	}
}
