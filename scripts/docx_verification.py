"""DOCX block of the recipient's verification code and QR code, after the last paragraph.

Word has no footer of the last page only, so the block ends the body: the QR code (an image
docxtpl places, render/verification.py) beside the code and how to check it, as the PDF's
last-page footer shows them. Template versions render it only when render.json asks for it.
"""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

Builder = Any  # scripts.build_docx_templates.Builder; Any keeps this module import-light

QR_CELL = (
    "{% if verification.qr_image %}{{ verification.qr_image }}{% elif specimen %}"
    "{{ t.verification.qr_placeholder }}{% endif %}"
)
CODE_LINE = "{{ t.verification.code_label }}"
HINT_LINE = (
    "{% if specimen %}{{ t.verification.specimen }}{% else %}{{ t.verification.hint }}{% endif %}"
)


def _no_borders(table: Any) -> None:
    """Remove the table's borders: the block reads as page furniture, not as a table."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    properties.append(borders)


def _small(paragraph: Any, text: str, *, bold: bool = False) -> Any:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.15
    run = paragraph.add_run(text)
    run.font.size = Pt(7.5)
    run.font.bold = bold
    return run


def verification_block(b: Builder) -> None:
    """Add the code block at the end of the body, when the render provides its values."""
    b.tag("{%p if verification %}")
    spacer = b.doc.add_paragraph()
    spacer.paragraph_format.space_before = Pt(18)
    spacer.paragraph_format.keep_with_next = True
    table = b.doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _no_borders(table)
    table.autofit = False
    qr_cell, text_cell = table.rows[0].cells
    for column, cell, width in zip(
        table.columns, (qr_cell, text_cell), (Mm(21), Mm(100)), strict=True
    ):
        column.width = cell.width = width
    _small(qr_cell.paragraphs[0], QR_CELL)
    code = text_cell.paragraphs[0]
    _small(code, CODE_LINE + " ")
    _small(code, "{{ verification.code }}", bold=True)
    _small(text_cell.add_paragraph(), HINT_LINE)
    b.tag("{%p endif %}")
