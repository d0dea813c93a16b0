module folio

go 1.26.8

require (
	// PDF writing: the maintained, API-compatible successor of
	// jung-kurt/gofpdf; embeds and subsets TrueType fonts.
	codeberg.org/go-pdf/fpdf v0.12.0
	// OpenType layout tables (GSUB smcp/c2sc for true small capitals),
	// read with a maintained parser; its HarfBuzz shaper was evaluated
	// against internal/face's kerning (README, "Shaping").
	github.com/go-text/typesetting v0.3.5
	// folio check reads and validates PDFs (ours or anyone's) with a
	// maintained parser instead of a hand-written one.
	github.com/pdfcpu/pdfcpu v0.15.0
	// The progress bar of batch builds on a terminal (well kept, small).
	github.com/schollz/progressbar/v3 v3.19.1
	// The command line; v3 because v2 is in maintenance mode.
	github.com/urfave/cli/v3 v3.14.0
	// Metadata files (YAML); the maintained home of yaml.v3.
	go.yaml.in/yaml/v3 v3.0.6
	// Font outlines (sfnt) and the cover's rasteriser (vector).
	golang.org/x/image v0.48.0
	// Whether stderr is a terminal (bar or plain log lines).
	golang.org/x/term v0.45.0
	// Windows-1252 / Latin-1 input decoding.
	golang.org/x/text v0.44.0
)

require (
	github.com/clipperhouse/uax29/v2 v2.7.0 // indirect
	github.com/hhrutter/tiff v1.0.6 // indirect
	github.com/mattn/go-runewidth v0.0.27 // indirect
	github.com/mitchellh/colorstring v0.0.0-20190213212951-d06e56a500db // indirect
	github.com/rivo/uniseg v0.4.7 // indirect
	golang.org/x/crypto v0.54.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
)
