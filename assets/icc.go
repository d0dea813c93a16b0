package assets

import _ "embed"

// GrayICC is the output-intent profile of PDF/X interiors: Debian
// icc-profiles-free's Gray.icc with its class set to output (see
// icc/README.md, which carries its zlib licence and marks the change).
//
//go:embed icc/gray-prtr.icc
var GrayICC []byte
