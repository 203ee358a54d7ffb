"""DOCX blocks of a litigation notice's record of the case: earlier letters, evidence list."""

from __future__ import annotations

from typing import Any

Builder = Any  # scripts.build_docx_templates.Builder; Any keeps this module import-light


def cited_letters(b: Builder) -> None:
    """Place the sentence citing the earlier letters of the case, when there are any."""
    b.tag("{%p if earlier_letters %}")
    b.para("t.case_record.earlier")
    b.tag("{%p endif %}")


def evidence_table(b: Builder) -> None:
    """Place the evidence list (证据目录) as a table, as the macro evidence_table does."""
    b.tag("{%p if evidence %}")
    b.para("t.case_record.evidence_intro", indent=False, keep=True)
    widths = [14, 54, 74, 16]
    table = b.table(
        headers=[
            "{{ t.case_record.number }}",
            "{{ t.case_record.title }}",
            "{{ t.case_record.purpose }}",
            "{{ t.case_record.pages }}",
        ],
        row_loop="item in evidence",
        cells=[
            ("{{ item.number }}", "center"),
            ("{{ item.title }}", "left"),
            ("{{ item.purpose }}", "left"),
            ("{{ item.pages }}", "center"),
        ],
        total=None,
        widths=widths,
    )
    # the grid's widths too: LibreOffice lays a table out by its grid, not its cells' widths
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = b.mm(width)
    b.tag("{%p endif %}")
