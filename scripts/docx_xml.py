"""WordprocessingML facts the DOCX builders share: the order the schema gives elements."""

from __future__ import annotations

# The children of w:pPr that the schema places after w:pBdr (ECMA-376 CT_PPrBase order).
AFTER_PBDR = tuple(
    f"w:{name}"
    for name in [
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ]
)
