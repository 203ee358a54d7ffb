"""DOCX blocks of joint borrowers and guarantors, placed as templates/legal/_shared/parties.html.

Wording comes from t.parties, rendered per party and per letter with t.parties.using(…). A case
whose debtor is alone (parties.listed false) takes the original blocks, so it prints as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Mm, Pt

Builder = Any  # scripts.build_docx_templates.Builder


def letters(b: Builder, borrowers: Callable[[], None], guarantor: Callable[[], None]) -> None:
    """Place one letter per entry of `letters`, each after a page break: the borrowers' letter,
    or the letter to a guarantor alone."""
    b.tag("{%p for copy in letters %}")
    b.tag("{%p if not loop.first %}")
    b.page_break()
    b.tag("{%p endif %}")
    b.tag("{%p if not copy.debtors %}")
    guarantor()
    b.tag("{%p else %}")
    borrowers()
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")


def _line(b: Builder, expr: str, *, bold: bool = False, last: bool = False) -> None:
    """Place one short line of an addressee's or a party's block."""
    para = b.para(expr, indent=False, bold=bold, align="left")
    para.paragraph_format.line_spacing = b.pt(18)
    para.paragraph_format.space_after = b.pt(6 if last else 0)


def addressees(b: Builder, original: Callable[[Builder], None]) -> None:
    """Place each addressee of the letter by role (or the original debtor block), the greeting
    and, when borrowers and guarantors share the letter, whom "you" means."""
    b.tag("{%p if parties.listed %}")
    b.tag("{%p for party in copy.debtors + copy.guarantors %}")
    b.tag("{%p set pp = t.parties.using(copy=copy, party=party) %}")
    _line(b, "pp.addressee_name", bold=True)
    _line(b, "pp.addressee_id")
    b.tag("{%p if party.company %}")
    _line(b, "pp.addressee_representative")
    b.tag("{%p endif %}")
    b.tag('{%p if party.role == "guarantor" %}')
    _line(b, "pp.addressee_guarantee")
    b.tag("{%p endif %}")
    _line(b, "pp.addressee_address", last=True)
    b.tag("{%p endfor %}")
    b.tag("{%p if t.parties.using(copy=copy).greeting %}")
    b.para("t.parties.using(copy=copy).greeting", indent=False, align="left")
    b.tag("{%p endif %}")
    b.tag("{%p if copy.debtors and copy.guarantors %}")
    b.para("t.parties.using(copy=copy).you_means")
    b.tag("{%p endif %}")
    b.tag("{%p else %}")
    original(b)
    b.tag("{%p endif %}")


def guarantee_terms(b: Builder, account: Callable[[Builder], None] | None = None) -> None:
    """Place a guarantor's guarantee and what it means now (pp and party are set)."""
    b.para("pp.guarantee")
    b.tag('{%p if party.guarantee_type == "joint_and_several" %}')
    b.para("pp.joint_and_several", keep_lines=True)
    if account:
        account(b)
    b.para("pp.guarantee_period")
    b.tag("{%p else %}")
    b.para("pp.general")
    b.tag("{%p endif %}")
    b.tag('{%p if document_type == "litigation_notice" %}')
    b.para("pp.suit[party.guarantee_type]")
    b.tag("{%p endif %}")


def obligors(b: Builder) -> None:
    """Place the borrowers' joint liability and the passage to each guarantor of the letter."""
    b.tag("{%p if parties.listed and copy.debtors %}")
    b.tag("{%p if parties.co_debtors %}")
    b.para("t.parties.using(copy=copy).joint")
    b.tag("{%p endif %}")
    b.tag("{%p for party in copy.guarantors %}")
    b.tag("{%p set pp = t.parties.using(copy=copy, party=party) %}")
    head = b.para("pp.to_guarantor", indent=False, bold=True, align="left", keep=True)
    head.paragraph_format.space_before = b.pt(6)
    guarantee_terms(b)
    b.tag("{%p endfor %}")
    b.tag("{%p endif %}")


def guarantor_letter(
    b: Builder,
    *,
    letter_number: Callable[[Builder], None],
    arrears_table: Callable[[Builder], None],
    account: Callable[[Builder], None],
    governing_law: Callable[[Builder], None],
    original_addressee: Callable[[Builder], None],
) -> None:
    """Place the letter to a guarantor alone: the loan and default in the third person, the
    arrears, the guarantee terms, the ending and the issuer (the firm's, in a lawyer's letter)."""
    b.tag("{%p set party = copy.guarantors[0] %}")
    b.tag("{%p set pp = t.parties.using(copy=copy, party=party) %}")
    b.tag('{%p if document_type == "lawyer_letter" %}')
    b.letterhead("law_firm.name", "t.firm_contact")
    b.tag("{%p endif %}")
    b.title()
    letter_number(b)
    addressees(b, original_addressee)
    b.tag('{%p if document_type == "lawyer_letter" %}')
    b.para("pp.letter_intro")
    b.tag("{%p endif %}")
    b.para("pp.letter_facts")
    b.para("pp.letter_default")
    arrears_table(b)
    guarantee_terms(b, account)
    governing_law(b)
    b.para("t.dispute", keep=True)
    for expr in ("t.contact", "pp.already_paid"):
        b.para(expr, keep=True, keep_lines=True)
    b.para("t.closing", keep=True)
    b.tag('{%p if document_type == "lawyer_letter" %}')
    b.issuer("law_firm.name", keep_last=True)
    b.signatories(
        "lawyer in law_firm.lawyers",
        "t.lawyer_signature | format(lawyer.name, lawyer.license_number)",
    )
    attachment = b.para("t.attachment", indent=False, align="left")
    attachment.paragraph_format.space_before = b.pt(12)
    b.tag("{%p else %}")
    b.issuer("creditor.name")
    b.tag("{%p endif %}")


def agreement_parties(b: Builder, original: Callable[[], None]) -> None:
    """Place each debtor and guarantor of an agreement by its label (乙方一 …), or the original
    乙方 block; then who together are 乙方 and 丙方."""
    b.tag("{%p if parties.listed %}")
    b.tag("{%p for party in parties.debtors + parties.guarantors %}")
    b.tag("{%p set pp = t.parties.using(party=party) %}")
    _line(b, "pp.party_name", bold=True)
    _line(b, "pp.party_id")
    b.tag("{%p if party.company %}")
    _line(b, "pp.party_representative")
    b.tag("{%p endif %}")
    b.tag('{%p if party.role == "guarantor" %}')
    _line(b, "pp.party_guarantee")
    b.tag("{%p endif %}")
    b.tag("{%p if party.phone %}")
    _line(b, "pp.party_address")
    _line(b, "pp.party_phone", last=True)
    b.tag("{%p else %}")
    _line(b, "pp.party_address", last=True)
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.tag("{%p else %}")
    original()
    b.tag("{%p endif %}")


def agreement_together(b: Builder) -> None:
    """Place, after the parties, who together are 乙方 (jointly liable) and 丙方."""
    b.tag("{%p if parties.listed and t.parties.together %}")
    b.para("t.parties.together")
    b.tag("{%p endif %}")


def agreement_guarantors(b: Builder) -> None:
    """Place the article in which each guarantor of the original loan consents and stays bound."""
    b.tag("{%p if parties.guarantors %}")
    para = b.heading("t.parties.article")
    para.runs[0].text = (
        "{{ t.article_heading | format(article_labels[art.n], t.parties.article) }}"
        "{% set art.n = art.n + 1 %}"
    )
    b.tag("{%p for party in parties.guarantors %}")
    b.para("t.parties.using(party=party).guarantor_clause")
    b.tag("{%p endfor %}")
    b.tag("{%p endif %}")


def agreement_signatures(b: Builder, original: Callable[[], None]) -> None:
    """Place every party's signature block two a row (parties.signature_rows), or the original
    grid; a company's block has room above and below its lines for its own seal."""
    b.tag("{%p if parties.listed %}")
    table = b.doc.add_table(rows=0, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _tag_row(table, "{%tr for row in parties.signature_rows %}")
    row = table.add_row()
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for index, cell in enumerate(row.cells):
        cell.width = Mm(79)
        _signature_cell(cell, f"row[{index}]")
    _tag_row(table, "{%tr endfor %}")
    b.tag("{%p else %}")
    original()
    b.tag("{%p endif %}")


def _tag_row(table: Any, tag: str) -> None:
    table.add_row().cells[0].paragraphs[0].add_run(tag)


def _signature_cell(cell: Any, ref: str) -> None:
    """Fill one cell: a seal's room when sealed, the party's lines or the keyed lines, a closer."""
    texts: list[tuple[str, str]] = [
        # both parties of a row with a seal start level, below the seal's room
        ("tag", "{%p if row[0].sealed or row[1].sealed %}"),
        ("space", ""),
        ("tag", "{%p endif %}"),
        ("tag", "{%%p if %s.party %%}" % ref),
        (
            "tag",
            "{%%p for line in t.parties.using(party=%s.party).signature[%s.kind] %%}" % (ref, ref),
        ),
        ("line", "{{ line }}"),
        ("tag", "{%p endfor %}"),
        ("tag", "{%p endif %}"),
        ("tag", '{%%p for key in %s["keys"] %%}' % ref),
        ("line", "{{ t.signatures[key] }}"),
        ("tag", "{%p endfor %}"),
        ("tag", "{%%p if %s.sealed %%}" % ref),
        ("space", ""),
        ("tag", "{%p endif %}"),
        ("close", ""),
    ]
    paragraphs = [cell.paragraphs[0]] + [cell.add_paragraph() for _ in texts[1:]]
    for para, (kind, text) in zip(paragraphs, texts, strict=True):
        fmt = para.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.keep_with_next = True
        if text:
            para.add_run(text).font.size = Pt(11)
        if kind == "line":
            fmt.line_spacing = Pt(21)
        elif kind in ("space", "close"):
            # the room of a 42 mm seal: 17 mm above the lines (8 mm below), or a closing
            # paragraph a cell keeps when its tags remove every line
            height = {"space": Mm(13), "close": Pt(1)}[kind]
            fmt.line_spacing, fmt.line_spacing_rule = height, WD_LINE_SPACING.EXACTLY
