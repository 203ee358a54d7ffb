"""Build the pre-subset faces the PDF stylesheet names first, as pinned in _shared/faces.json.

Each face is one Noto face cut down with HarfBuzz's hb-subset to a broad common character set
(GB 2312 for simplified Chinese, Big5's common characters for traditional, HKSCS additions for
Hong Kong, Latin-1 and Latin Extended-A for the Latin face) plus every character the templates
print, and renamed so it is a family of its own. A PDF then subsets a face of a few thousand
glyphs instead of a 65,000-glyph collection. Characters outside the set draw from the full Noto
face the stylesheet names next.

    python -m scripts.build_fonts           # build what is missing; check every digest
    python -m scripts.build_fonts --pin     # take the templates' characters again; re-pin
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont

from doc_service.render.faces import FACES_FILE, face_dir, read_manifest

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates" / "legal"
# text the PDFs print besides the templates: amounts in words, dates, statutes, labels
TEXT_SOURCES = [TEMPLATES, ROOT / "doc_service" / "formatting", ROOT / "doc_service" / "context"]
TEXT_SUFFIXES = {".html", ".yaml", ".json", ".py", ".css"}

# ASCII, Latin-1, Latin Extended-A, general punctuation, currency, letterlike, number forms,
# arrows, maths, box drawing, enclosed numbers, CJK punctuation, fullwidth forms
_COMMON_RANGES = [
    (0x20, 0x7E),
    (0xA0, 0x17F),
    (0x2000, 0x206F),
    (0x20A0, 0x20BF),
    (0x2100, 0x218F),
    (0x2190, 0x21FF),
    (0x2200, 0x22FF),
    (0x2460, 0x24FF),
    (0x2500, 0x257F),
    (0x25A0, 0x25FF),
    (0x3000, 0x303F),
    (0xFF00, 0xFFEF),
]


# the default horizontal features HarfBuzz applies that these faces have
LAYOUT_FEATURES = "ccmp,liga,kern,mark,mkmk"


# vertical metrics go (PDFs set text horizontally); CJK faces lose their layout tables too,
# since reordering their glyphs (below) would leave the tables' coverage out of order
DROPPED_TABLES = {
    False: ("vhea", "vmtx", "VORG", "DSIG"),
    True: ("vhea", "vmtx", "VORG", "DSIG", "GSUB", "GPOS", "GDEF"),
}


def is_cff(path: Path, index: int) -> bool:
    """Tell whether a face has CFF outlines (the CJK faces) rather than TrueType ones."""
    with TTFont(path, fontNumber=index, lazy=True) as font:
        return "CFF " in font


def common_characters() -> set[int]:
    """Return the code points every face keeps (whatever its source covers of them)."""
    return {code for low, high in _COMMON_RANGES for code in range(low, high + 1)}


def codec_characters(codec: str, leads: range, trails: range) -> set[int]:
    """Return the characters a double-byte codec encodes in the given lead and trail bytes."""
    found = set()
    for lead in leads:
        for trail in trails:
            try:
                text = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            found.update(ord(char) for char in text)
    return found


def charset(name: str) -> set[int]:
    """Return a named character set of faces.json."""
    if name == "gb2312":  # every character of GB 2312: symbols and 6,763 hanzi
        return codec_characters("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))
    if name == "big5-common":  # Big5 symbols and its 5,401 common characters (常用字)
        return codec_characters("big5", range(0xA1, 0xC7), range(0x40, 0xFF))
    if name == "big5-all":  # Big5's common and less common characters
        return codec_characters("big5", range(0xA1, 0xFA), range(0x40, 0xFF))
    if name == "hkscs":  # Hong Kong additions beyond Big5
        hkscs = codec_characters("big5hkscs", range(0x87, 0xFF), range(0x40, 0xFF))
        return hkscs - codec_characters("big5", range(0xA1, 0xFA), range(0x40, 0xFF))
    if name == "gb2312-level1":  # GB 2312's 3,755 most common hanzi
        return codec_characters("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))
    if name == "big5-level1":  # Big5's common hanzi
        return codec_characters("big5", range(0xA4, 0xC7), range(0x40, 0xFF))
    if name == "common":
        return common_characters()
    raise ValueError(f"unknown character set {name!r}")


def template_characters() -> set[int]:
    """Return every non-ASCII character the templates and the formatting code can print."""
    found: set[int] = set()
    for source in TEXT_SOURCES:
        for path in sorted(source.rglob("*")):
            if path.suffix in TEXT_SUFFIXES and path.is_file():
                found.update(ord(char) for char in path.read_text("utf-8") if ord(char) > 0x7E)
    return found


def source_font(family: str, style: str) -> tuple[Path, int]:
    """Return the file and face index fontconfig holds for a family and style."""
    found = subprocess.run(
        ["fc-match", "--format=%{file}\n%{index}", f"{family}:style={style}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return Path(found[0]), int(found[1])


def covered(path: Path, index: int) -> set[int]:
    """Return the code points a face maps."""
    with TTFont(path, fontNumber=index, lazy=True) as font:
        return set(font.getBestCmap())


def named_characters(names: list[str]) -> set[int]:
    """Return the union of named character sets."""
    chars: set[int] = set()
    for name in names:
        chars |= charset(name)
    return chars


def subset(face: dict[str, Any], printed: set[int], output: Path) -> None:
    """Cut one face down with hb-subset, put its common glyphs first and give it its own name."""
    path, index = source_font(face["source_family"], face["source_style"])
    chars = (named_characters(face["charsets"]) | printed) & covered(path, index)
    with tempfile.TemporaryDirectory() as scratch:
        unicodes = Path(scratch) / "unicodes.txt"
        unicodes.write_text("\n".join(f"{code:X}" for code in sorted(chars)), "ascii")
        cut = Path(scratch) / "cut.otf"
        subprocess.run(
            [
                hb_subset(),
                f"--font-file={path}",
                f"--face-index={index}",
                f"--unicodes-file={unicodes}",
                # horizontal text in one region's own glyphs: no vertical forms, no other
                # regions' variants, so a face keeps about one glyph per character
                f"--layout-features={LAYOUT_FEATURES}",
                "--desubroutinize",
                f"--drop-tables+={','.join(DROPPED_TABLES[is_cff(path, index)])}",
                f"--output-file={cut}",
            ],
            check=True,
        )
        # bounds stay as hb-subset computed them: reordering moves glyphs, it changes none
        with TTFont(cut, recalcTimestamp=False, recalcBBoxes=False) as font:
            if "CFF " in font:
                reorder(font, printed, named_characters(face.get("first", [])))
            rename(font, face["family"], face["style"])
            font.save(output)


def reorder(font: TTFont, printed: set[int], frequent: set[int]) -> None:
    """Put the glyphs documents use most first and number CIDs as glyph ids.

    A PDF keeps glyph ids, so its subset spans every id up to the highest one it prints: with
    the templates' characters and the most common ones first, that is a fraction of the face.
    CID-keyed CFF selects glyphs by CID, so the n-th glyph becomes CID n, as in the source face.
    """
    font.ensureDecompiled()  # every table refers to glyphs by name from here on
    old = font.getGlyphOrder()
    position = {name: index for index, name in enumerate(old)}
    rank: dict[str, tuple[int, int]] = {}
    for code, name in font.getBestCmap().items():
        tier = 0 if code in printed else 1 if code in frequent else 2
        rank[name] = min(rank.get(name, (3, 0)), (tier, code))
    new = old[:1] + sorted(old[1:], key=lambda name: (*rank.get(name, (3, 0)), position[name]))
    font.setGlyphOrder(new)  # cmap, hmtx and layout tables compile names to the new ids
    top = font["CFF "].cff.topDictIndex[0]
    strings = top.CharStrings
    picked = [strings.getItemAndSelector(name) for name in new]
    cids = [new[0]] + [f"cid{index:05d}" for index in range(1, len(new))]
    strings.charStringsAreIndexed = False
    strings.charStrings = {}
    for cid, (charstring, selector) in zip(cids, picked, strict=True):
        charstring.fdSelectIndex = selector
        strings.charStrings[cid] = charstring
    top.charset = cids
    top.FDSelect.gidArray = [selector for _, selector in picked]


def rename(font: TTFont, family: str, style: str) -> None:
    """Give the face its own family name, so fontconfig never takes it for the Noto face."""
    postscript = f"{family.replace(' ', '')}-{style}"
    table = font["name"]
    table.names = [record for record in table.names if record.nameID > 6]
    for name_id, value in (
        (1, family),
        (2, style),
        (3, f"{postscript};doc_service"),
        (4, f"{family} {style}"),
        (6, postscript),
    ):
        table.setName(value, name_id, 3, 1, 0x409)


def hb_subset() -> str:
    """Return the hb-subset command, or say which package provides it."""
    found = shutil.which("hb-subset")
    if found is None:
        sys.exit("hb-subset is missing: install the Debian package libharfbuzz-bin (make install)")
    return found


def digest(path: Path) -> str:
    """Return the hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    """Build every face faces.json names; with --pin, take the printed characters again."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pin", action="store_true", help="rebuild and record new digests")
    args = parser.parse_args()
    manifest_path = TEMPLATES / FACES_FILE
    manifest = read_manifest(manifest_path.read_bytes())
    target = face_dir()
    target.mkdir(parents=True, exist_ok=True)
    if args.pin:
        # the characters every face adds to its sets, pinned so builds do not follow template edits
        manifest["printed"] = "".join(chr(code) for code in sorted(template_characters()))
    printed = {ord(char) for char in manifest["printed"]}
    failed = []
    for face in manifest["faces"]:
        output = target / face["file"]
        if args.pin or not output.is_file() or digest(output) != face["sha256"]:
            subset(face, printed, output)
            print(f"built {output.name}: {output.stat().st_size:,} bytes")
        if args.pin:
            face["sha256"] = digest(output)
        elif digest(output) != face["sha256"]:
            failed.append(face["file"])
    if args.pin:
        text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
        manifest_path.write_text(text, "utf-8")
    if failed:
        sys.exit(
            f"built faces differ from the digests {FACES_FILE} pins: {', '.join(failed)} "
            "(another HarfBuzz or Noto release?); documents would not rebuild byte for byte"
        )


if __name__ == "__main__":
    main()
