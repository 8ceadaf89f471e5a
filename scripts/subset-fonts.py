#!/usr/bin/python3
"""Makes the small chart fonts in assets/fonts from DejaVu Sans (npm package
dejavu-fonts-ttf): Latin-1 and the punctuation reports use, renamed
"DejaVu Sans Latin". resvg reads a font file again for every text element,
so a 40 KB subset renders charts about twice as fast as the 750 KB original,
which stays loaded as the fallback for any other character.
Run with Debian's python3-fonttools: /usr/bin/python3 scripts/subset-fonts.py
"""
from fontTools import subset
from fontTools.ttLib import TTFont

UNICODES = "U+0020-007E,U+00A0-00FF,U+2013-2014,U+2018-201E,U+2022,U+2026,U+2030,U+2190-2193,U+2212,U+2264-2265,U+00D7,U+00F7"

for source, target, style in [
    ("node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf", "assets/fonts/DejaVuSansLatin.ttf", "Book"),
    ("node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf", "assets/fonts/DejaVuSansLatin-Bold.ttf", "Bold"),
]:
    options = subset.Options()
    options.layout_features = ["*"]
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
    subsetter.subset(font)
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = "DejaVu Sans Latin"
        elif record.nameID == 4:
            record.string = "DejaVu Sans Latin" + ("" if style == "Book" else " Bold")
        elif record.nameID == 6:
            record.string = "DejaVuSansLatin" + ("" if style == "Book" else "-Bold")
    font.save(target)
    print(target)
