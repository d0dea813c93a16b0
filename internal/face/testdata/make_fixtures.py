"""Builds the kerning fixtures for folio/internal/face tests.

The fixtures exercise parser paths that the book face (Gentium Book Plus,
one PairPos lookup of formats 1 and 2) does not: Extension lookups, several
lookups adding up, zero pairs shadowing class pairs, mixed value formats and
the old 'kern' table. They are subsets of Charis SIL 6.101 Regular (SIL,
OFL), the book face before Gentium, which has no kerning of its own; it is
no longer in the tree, so fetch CharisSIL-Regular.ttf from SIL to rebuild.
Run with Debian's python3-fonttools:

    /usr/bin/python3 make_fixtures.py CharisSIL-Regular.ttf
"""
import sys
from fontTools import subset
from fontTools.feaLib.builder import addOpenTypeFeaturesFromString
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables import otTables
from fontTools.ttLib.tables._k_e_r_n import KernTable_format_0

TEXT = "AVToaeYLWbfil.,"

FEA = """
languagesystem DFLT dflt;
languagesystem latn dflt;

@TY = [T Y];
@ROUND = [o a e];

# Format 1 pairs; a mixed value format with XPlacement before XAdvance,
# and a second-glyph record, to test record sizes.
lookup PAIRS {
    pos A V -80;
    pos T o 0;
    pos L T <5 0 -120 0>;
    pos W <0 0 -30 0> e <0 0 10 0>;
    pos @TY @ROUND -100;
} PAIRS;

# A second lookup, wrapped in Extension (type 9) below: adds to A V.
lookup MORE {
    pos A V -20;
    pos [V W] [a o] -45;
} MORE;

feature kern {
    lookup PAIRS;
    lookup MORE;
} kern;
"""


def main(src):
    opts = subset.Options()
    opts.layout_features = []
    opts.notdef_outline = True
    opts.name_IDs = ["*"]
    font = TTFont(src)
    sub = subset.Subsetter(opts)
    sub.populate(text=TEXT)
    sub.subset(font)
    for t in ("GPOS", "GSUB", "GDEF"):
        if t in font:
            del font[t]
    font.save("subset.tmp.ttf")

    font = TTFont("subset.tmp.ttf")
    addOpenTypeFeaturesFromString(font, FEA)
    # feaLib ignores useExtension here; wrap lookup MORE by hand.
    lookup = font["GPOS"].table.LookupList.Lookup[1]
    wrapped = []
    for st in lookup.SubTable:
        ext = otTables.ExtensionPos()
        ext.Format, ext.ExtensionLookupType, ext.ExtSubTable = 1, 2, st
        wrapped.append(ext)
    lookup.LookupType, lookup.SubTable = 9, wrapped
    font.save("kern-gpos.ttf")

    font = TTFont("subset.tmp.ttf")
    kern = newTable("kern")
    kern.version = 0
    st = KernTable_format_0()
    st.version, st.coverage, st.format = 0, 1, 0
    st.kernTable = {("A", "V"): -90, ("T", "o"): -110, ("L", "T"): -130}
    st.tupleIndex = None
    kern.kernTables = [st]
    font["kern"] = kern
    font.save("kern-table.ttf")

    import os
    os.remove("subset.tmp.ttf")


if __name__ == "__main__":
    main(sys.argv[1])
