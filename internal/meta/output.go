package meta

import (
	"fmt"
	"strings"
	"unicode"
)

// CheckOutputName accepts a name for the output files only if it is a
// plain file name: metadata comes with books from anywhere, and a name
// like "../../.bashrc" must never place a file outside the output folder.
func CheckOutputName(name string) error {
	const advice = "use a plain file name such as works-19 (no folders)"
	switch {
	case name == "":
		return fmt.Errorf("output name is empty; %s, or leave output: out", advice)
	case strings.ContainsAny(name, `/\`):
		return fmt.Errorf("output name %q contains a folder separator; %s", name, advice)
	case name == "." || name == ".." || strings.HasPrefix(name, "."):
		return fmt.Errorf("output name %q starts with a dot (a hidden file or a folder); %s", name, advice)
	case strings.ContainsAny(name, `:*?"<>|`):
		return fmt.Errorf("output name %q contains a character some systems forbid in file names (one of :*?\"<>|); %s", name, advice)
	case len(name) > 200:
		return fmt.Errorf("output name is %d bytes long; %s, under 200 bytes", len(name), advice)
	}
	for _, r := range name {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return fmt.Errorf("output name %q contains a control or unreadable character; %s", name, advice)
		}
	}
	return nil
}
