"""DOCX blocks of _shared/notices.html: delivery, 征信, calculation, enclosures, reply slip."""

from __future__ import annotations

from typing import Any

Builder = Any  # scripts.build_docx_templates.Builder; Any keeps this module import-light


def calculation(b: Builder) -> None:
    """Place the calculation basis after the arrears table: item, base, rate, period, amount."""
    b.tag("{%p if calculation %}")
    b.para("t.notices.calculation_intro", indent=False, keep=True)
    widths = [27, 27, 19, 58, 27]
    table = b.table(
        headers=[
            "{{ t.item }}",
            "{{ t.notices.base }}",
            "{{ t.notices.rate }}",
            "{{ t.notices.period }}",
            "{{ t.amount }}",
        ],
        row_loop="row in calculation.rows",
        cells=[
            ("{{ row.label }}", "left"),
            ("{{ row.base }}", "right"),
            ("{{ row.rate }}", "right"),
            ("{{ t.notices.period_start | format(row['from']) }}{{ row.to }}", "center"),
            ("{{ row.amount }}", "right"),
        ],
        total=[
            ("{{ t.total }}", "left"),
            ("", "left"),
            ("", "left"),
            ("", "left"),
            ("{{ calculation.total_figure }}", "right"),
        ],
        widths=widths,
    )
    # the grid too: LibreOffice lays a table out by its grid columns, not its cells' widths
    for column, width in zip(table.columns, widths, strict=True):
        column.width = b.mm(width)
    b.tag("{%p endif %}")


def credit_report(b: Builder) -> None:
    """Place the 征信 prior notice, only when the case asks for it."""
    b.tag("{%p if credit_report_notice %}")
    b.para("t.notices.credit_report")
    b.tag("{%p endif %}")


def delivery(b: Builder) -> None:
    """Place the 送达 statement, when the case says how the letter is sent."""
    b.tag("{%p if delivery %}")
    b.para("t.notices.delivery[delivery.method]")
    b.tag("{%p endif %}")


def enclosures(b: Builder, first: list[str] | None = None) -> None:
    """Place the 附件清单: the template's own enclosures (`first`), then the case's, numbered."""
    first = first or []
    b.tag("{%p if enclosures %}")
    title = b.para("t.notices.enclosures_title", indent=False, align="left", keep=True)
    title.paragraph_format.space_before = b.pt(12)
    for index, expr in enumerate(first, start=1):
        line = b.para(expr, indent=False, align="left", keep=True)
        line.runs[0].text = f"{index}. " + line.runs[0].text
        _enclosure_format(b, line)
    b.tag("{%p for item in enclosures %}")
    line = b.para("item.title", indent=False, align="left", keep=True)
    line.runs[0].text = (
        "{{ %d + loop.index }}. {{ item.title }}{%% if item.pages %%}"
        "{{ (t.notices.page if item.pages == 1 else t.notices.pages) | format(item.pages) }}"
        "{%% endif %%}" % len(first)
    )
    _enclosure_format(b, line)
    b.tag("{%p endfor %}")
    b.tag("{%p endif %}")


def _enclosure_format(b: Builder, para: Any) -> None:
    para.paragraph_format.left_indent = b.mm(8.5)
    para.paragraph_format.space_after = b.pt(0)


def reply_slip(b: Builder) -> None:
    """Place the detachable 回执 on a page of its own: cut line, answers, signature, date."""
    b.tag("{%p if reply_slip %}")
    cut = b.para("t.notices.reply.cut_line", indent=False, align="center", size=9)
    cut.paragraph_format.page_break_before = True
    cut.paragraph_format.space_after = b.pt(14)
    _border(cut, "top", "dashed")
    title = b.para("t.notices.reply.title", indent=False, bold=True, align="center", size=16)
    title.paragraph_format.space_after = b.pt(10)
    b.para("t.notices.reply.to", indent=False, align="left")
    b.para("t.notices.reply.receipt")
    for expr, lines in (("pay", 0), ("plan", 2), ("object", 3)):
        choice = b.para(f"t.notices.reply.{expr}", indent=False, keep=lines > 0)
        choice.paragraph_format.space_before = b.pt(8)
        for number in range(lines):
            _write_line(b, keep=number < lines - 1)
    for expr in ("signature", "date"):
        sign = b.para(f"t.notices.reply.{expr}", indent=False, align="right")
        sign.paragraph_format.space_before = b.pt(22 if expr == "signature" else 6)
    back = b.para("t.notices.reply.return_to", indent=False, size=10.5)
    back.paragraph_format.space_before = b.pt(22)
    b.tag("{%p endif %}")


def _write_line(b: Builder, *, keep: bool) -> None:
    """Add an empty ruled line to write on."""
    line = b.doc.add_paragraph()
    line.paragraph_format.space_before = b.pt(14)
    line.paragraph_format.space_after = b.pt(0)
    line.paragraph_format.keep_with_next = keep
    # "between" too: Word and LibreOffice draw one box round paragraphs with equal borders
    _border(line, "bottom", "single", "between")


def _border(para: Any, side: str, style: str, *more: str) -> None:
    """Draw a rule on one side of a paragraph (a cut line, a line to write on), or more sides."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from scripts.docx_xml import AFTER_PBDR

    p_pr = para._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    # CT_PBdr order: top, left, bottom, right, between
    for name in (side, *more):
        edge = OxmlElement(f"w:{name}")
        for key, value in (
            ("w:val", style),
            ("w:sz", "6"),
            ("w:space", "4"),
            ("w:color", "555555"),
        ):
            edge.set(qn(key), value)
        borders.append(edge)
    # CT_PPr is a sequence: pBdr must precede spacing, ind, jc … or Word rejects the file
    p_pr.insert_element_before(borders, *AFTER_PBDR)
