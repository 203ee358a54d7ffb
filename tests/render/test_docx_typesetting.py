"""The DOCX as an office PC opens it: fonts it has, the PDF's line spacing, a well-formed table."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from lxml import etree

from tests.support import load_example, render_body

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FALLBACKS = {
    "zh-CN": ("Noto Serif CJK SC", "SimSun"),
    "zh-HK": ("Noto Serif CJK HK", "MingLiU_HKSCS"),
    "zh-TW": ("Noto Serif CJK TC", "PMingLiU"),
    "en-US": ("Noto Serif CJK SC", "SimSun"),
    "en-GB": ("Noto Serif CJK SC", "SimSun"),
}


def part(data: bytes, name: str) -> Any:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def docx(document_type: str, locale: str, **agreement: Any) -> bytes:
    body = {**load_example(document_type), "locale": locale, "format": "docx"}
    body["case"].setdefault("agreement", {})
    for key, value in agreement.items():
        if value is None:
            body["case"]["agreement"].pop(key, None)
        else:
            body["case"]["agreement"][key] = value
    if not body["case"]["agreement"]:
        del body["case"]["agreement"]
    return render_body(body)


@pytest.mark.parametrize("locale", FALLBACKS)
def test_east_asian_font_names_a_windows_fallback(locale: str) -> None:
    data = docx("dunning_letter", locale)
    font, fallback = FALLBACKS[locale]
    styles = part(data, "word/styles.xml")
    east_asia = styles.find(f".//{W}style[@{W}styleId='Normal']/{W}rPr/{W}rFonts")
    assert east_asia.get(f"{W}eastAsia") == font
    table = part(data, "word/fontTable.xml")
    entry = table.find(f"{W}font[@{W}name='{font}']")
    assert entry.find(f"{W}altName").get(f"{W}val") == fallback
    assert table.find(f"{W}font[@{W}name='{fallback}']") is not None


@pytest.mark.parametrize("locale", FALLBACKS)
def test_body_line_spacing_is_the_pdfs(locale: str) -> None:
    styles = part(docx("dunning_letter", locale), "word/styles.xml")
    spacing = styles.find(f".//{W}style[@{W}styleId='Normal']/{W}pPr/{W}spacing")
    # 21 pt (12 pt at line-height 1.75), at least, in twentieths of a point
    assert spacing.get(f"{W}line") == "420"
    assert spacing.get(f"{W}lineRule") == "atLeast"


GUARANTOR = {
    "name": "李四",
    "id_type": "resident_id",
    "id_number": "110101199003077571",
    "address": "北京市西城区金融大街2号",
}


@pytest.mark.parametrize(
    ("guarantor", "mediated"), [(True, True), (True, False), (False, True), (False, False)]
)
def test_every_signature_cell_keeps_a_paragraph(guarantor: bool, mediated: bool) -> None:
    """Word refuses a table cell without a paragraph, whichever parties sign."""
    mediator = load_example("repayment_agreement")["case"]["agreement"]["mediator"]
    data = docx(
        "repayment_agreement",
        "zh-CN",
        guarantor=GUARANTOR if guarantor else None,
        mediator=mediator if mediated else None,
    )
    document = part(data, "word/document.xml")
    cells = list(document.iter(f"{W}tc"))
    assert cells and all(cell.find(f"{W}p") is not None for cell in cells)
