#!/bin/sh
# Prints TeX's own hyphenation of each word read from stdin (one a line),
# using plain TeX's \showhyphens. Needs `tex` (Debian: texlive-binaries,
# texlive-plain-generic). Usage: sh showhyphens.sh < words.txt
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
awk '{ line = line " " $0 } NR % 40 == 0 { print "\\showhyphens{" line "}"; line = "" }
     END { if (line != "") print "\\showhyphens{" line "}"; print "\\end" }' > "$dir/words.tex"
(cd "$dir" && max_print_line=100000 tex -interaction=nonstopmode words.tex >/dev/null 2>&1 || true)
sed -n 's/^\[\] *\\tenrm //p' "$dir/words.log" | tr ' ' '\n' | grep -v '^$'
