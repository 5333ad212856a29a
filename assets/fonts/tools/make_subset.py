#!/usr/bin/env python3
"""Make assets/fonts/NotoSansCJKsc-Subset.otf from Debian's fonts-noto-cjk.

Why a subset: the full collection is 19 MB and holds Japanese, Korean and
Traditional faces we never draw. We keep the Simplified Chinese face (index 2
of NotoSansCJK-Regular.ttc; index 0 is Japanese and silently draws other
glyph shapes) cut to:
  - Basic Latin, Latin-1, general punctuation, arrows, box and geometry marks,
  - CJK Symbols and Punctuation, CJK Unified Ideographs (U+4E00..U+9FFF),
  - Halfwidth and Fullwidth Forms,
so every name character of the basic block renders (GB2312 alone lacks
喆, 堃, 玥, 镕, 珺).

The subset gets a (3,10) format-12 cmap beside format 4: with over 32,768
glyphs, PDF crates built on ttf-parser otherwise lose characters such as 长
and ：.

    apt-get install fonts-noto-cjk && pip install fonttools
    python3 assets/fonts/tools/make_subset.py
"""
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SC_INDEX = 2
OUT = Path(__file__).resolve().parent.parent / "NotoSansCJKsc-Subset.otf"

RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1
    (0x2000, 0x206F),  # General punctuation
    (0x2100, 0x218F),  # Letterlike, number forms (№, Ⅰ…)
    (0x2190, 0x21FF),  # Arrows
    (0x2460, 0x24FF),  # Enclosed alphanumerics (①)
    (0x2500, 0x25FF),  # Box drawing, geometric shapes
    (0x2600, 0x26FF),  # Misc symbols (☐ ☑ ★)
    (0x2700, 0x27BF),  # Dingbats (✓ ✔)
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xFF00, 0xFFEF),  # Halfwidth and fullwidth forms
]


def main() -> int:
    collection = TTCollection(str(SOURCE))
    font = collection.fonts[SC_INDEX]
    name = font["name"].getDebugName(4)
    if "SC" not in name:
        print(f"face {SC_INDEX} is {name!r}, not Simplified Chinese", file=sys.stderr)
        return 1
    unicodes = [cp for lo, hi in RANGES for cp in range(lo, hi + 1)]
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["VORG", "vhea", "vmtx"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)

    cmap = font["cmap"]
    best = cmap.getBestCmap()
    if not any(t.platformID == 3 and t.platEncID == 10 for t in cmap.tables):
        table = CmapSubtable.newSubtable(12)
        table.platformID, table.platEncID, table.language = 3, 10, 0
        table.cmap = dict(best)
        cmap.tables.append(table)
    font.save(str(OUT))
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.1f} MB, {len(best)} code points, {font['maxp'].numGlyphs} glyphs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
