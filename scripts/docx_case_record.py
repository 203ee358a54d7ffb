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
    b.table(
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
        widths=[14, 54, 74, 16],
    )
    b.tag("{%p endif %}")
