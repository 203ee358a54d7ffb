"""Font-table entries naming the fonts an office PC without Noto uses instead."""

from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# the font a document names -> (Windows/macOS fallback, charset, family, panose of the fallback)
FALLBACKS = {
    "Noto Serif CJK SC": ("SimSun", "86", "auto", "02010600030101010101"),
    "Noto Serif CJK TC": ("PMingLiU", "88", "roman", "02020500000000000000"),
    "Noto Serif CJK HK": ("MingLiU_HKSCS", "88", "roman", "02020500000000000000"),
    "Noto Serif": ("Times New Roman", "00", "roman", "02020603050405020304"),
}
# the fallbacks themselves, under their Chinese names too (宋体 is SimSun's name in Chinese Word)
ALIASES = {"SimSun": "宋体", "PMingLiU": "新細明體", "MingLiU_HKSCS": "細明體_HKSCS"}


def _font(name: str, alt: str, charset: str, family: str, panose: str) -> etree._Element:
    font = etree.Element(f"{{{W}}}font", {f"{{{W}}}name": name})
    etree.SubElement(font, f"{{{W}}}altName", {f"{{{W}}}val": alt})
    etree.SubElement(font, f"{{{W}}}panose1", {f"{{{W}}}val": panose})
    etree.SubElement(font, f"{{{W}}}charset", {f"{{{W}}}val": charset})
    etree.SubElement(font, f"{{{W}}}family", {f"{{{W}}}val": family})
    etree.SubElement(font, f"{{{W}}}pitch", {f"{{{W}}}val": "variable"})
    return font


def add_font_fallbacks(blob: bytes, fonts: tuple[str, str]) -> bytes:
    """Return fontTable.xml with an entry, naming its fallback, for each of the locale's fonts."""
    root = etree.fromstring(blob)
    for name in dict.fromkeys(fonts):
        alt, charset, family, panose = FALLBACKS[name]
        root.append(_font(name, alt, charset, family, panose))
        if alt in ALIASES:
            root.append(_font(alt, ALIASES[alt], charset, family, panose))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
