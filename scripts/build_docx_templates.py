"""Build templates/legal/<type>/<locale>/document.docx: the DOCX layout of each document.

The DOCX renditions place the same clause texts as document.html, in the same order; this
script is their single source, so `make templates` rebuilds every DOCX from one layout per
document type and one font set per locale. Run: python -m scripts.build_docx_templates
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from scripts.docx_fonts import add_font_fallbacks
from scripts.docx_layouts import LAYOUTS
from scripts.docx_verification import verification_block
from scripts.docx_watermark import watermark_run
from scripts.docx_xml import AFTER_PBDR

ROOT = Path(__file__).resolve().parent.parent / "templates" / "legal"

# the PDF's body line: 12 pt type at line-height 1.75
BODY_LINE = 21

FONTS = {
    "zh-CN": ("Noto Serif CJK SC", "Noto Serif CJK SC"),
    "zh-HK": ("Noto Serif CJK HK", "Noto Serif CJK HK"),
    "zh-TW": ("Noto Serif CJK TC", "Noto Serif CJK TC"),
    "en-US": ("Noto Serif", "Noto Serif CJK SC"),
    "en-GB": ("Noto Serif", "Noto Serif CJK SC"),
}


# one cell of a signature table: (condition or None, sealed, line expressions)
Cell = tuple[str | None, bool, list[str]]


class Builder:
    """Write one DOCX template: paragraphs and tables holding docxtpl tags."""

    def __init__(self, locale: str) -> None:
        self.locale = locale
        self.chinese = locale.startswith("zh")
        self.doc = Document()
        self._setup_page()
        self._setup_styles()
        self._setup_header_footer()

    # -- page furniture -------------------------------------------------------------------
    def _setup_page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(30), Mm(28)
        section.left_margin, section.right_margin = Mm(26), Mm(26)
        section.header_distance, section.footer_distance = Mm(12), Mm(14)

    def _setup_styles(self) -> None:
        latin, east_asian = FONTS[self.locale]
        normal = self.doc.styles["Normal"]
        normal.font.name = latin
        normal.font.size = Pt(12)
        r_pr = normal.element.get_or_add_rPr()
        fonts = r_pr.get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), east_asian)
        fonts.set(qn("w:ascii"), latin)
        fonts.set(qn("w:hAnsi"), latin)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), self.locale)
        lang.set(qn("w:eastAsia"), self.locale if self.chinese else "zh-CN")
        r_pr.append(lang)
        fmt = normal.paragraph_format
        # the PDF's line-height: 1.75 × 12 pt; "at least" so a larger run (the title) still fits
        fmt.line_spacing = Pt(BODY_LINE)
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        fmt.space_after = Pt(3)
        fmt.widow_control = True
        core = self.doc.core_properties
        core.author = core.last_modified_by = "doc_service"
        core.title = core.subject = core.comments = core.keywords = ""

    def _setup_header_footer(self) -> None:
        section = self.doc.sections[0]
        header = section.header.paragraphs[0]
        # a preview's specimen mark: a diagonal watermark shape anchored in the header, so Word
        # repeats it on every page behind the text (docxtpl drops the {%r %} runs around it)
        header.add_run("{%r if specimen %}")
        header._p.append(watermark_run("{{ t.specimen }}", FONTS[self.locale][1]))
        header.add_run("{%r endif %}")
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._small(footer.add_run("{{ page_parts[0] }}"))
        self._field(footer, "PAGE")
        self._small(footer.add_run("{{ page_parts[1] }}"))
        self._field(footer, "NUMPAGES")
        self._small(footer.add_run("{{ page_parts[2] }}"))

    @staticmethod
    def _small(run: object) -> None:
        run.font.size = Pt(9)  # type: ignore[attr-defined]

    def _field(self, paragraph: Paragraph, code: str) -> None:
        """Insert a Word field (PAGE, NUMPAGES) that Word fills in when it lays out pages."""
        for kind, text in (
            ("begin", None),
            (None, f" {code} "),
            ("separate", None),
            (None, "1"),
            ("end", None),
        ):
            run = paragraph.add_run()
            run.font.size = Pt(9)
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            elif text and text.strip() == code:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            else:
                element = OxmlElement("w:t")
                element.text = text
            run._r.append(element)

    # -- blocks ---------------------------------------------------------------------------
    def tag(self, text: str) -> None:
        """Add a docxtpl paragraph tag such as ``{%p if letter_number %}``."""
        self.doc.add_paragraph(text)

    def title(self, expr: str = "t.title") -> None:
        para = self.doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_after = Pt(10)
        run = para.add_run("{{ %s }}" % expr)
        run.font.size = Pt(22)
        run.font.bold = True

    def para(
        self,
        expr: str,
        *,
        indent: bool = True,
        bold: bool = False,
        align: str = "justify",
        size: float | None = None,
        keep: bool = False,
        keep_lines: bool = False,
    ) -> Paragraph:
        para = self.doc.add_paragraph()
        para.alignment = {
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
        }[align]
        if indent and self.chinese:
            para.paragraph_format.first_line_indent = Pt(24)
        para.paragraph_format.keep_with_next = keep
        para.paragraph_format.keep_together = keep_lines
        run = para.add_run("{{ %s }}" % expr)
        run.font.bold = bold
        if size:
            run.font.size = Pt(size)
        return para

    def bullets(self, items: str, var: str, *, prefix: str = "• ") -> None:
        """Add one paragraph per list item with a paragraph-level loop."""
        self.tag("{%%p for %s in %s %%}" % (var, items))
        para = self.para(var, indent=False, align="left", keep=True)
        para.paragraph_format.left_indent = Mm(10)
        para.runs[0].text = prefix + para.runs[0].text
        self.tag("{%p endfor %}")

    def table(
        self,
        headers: list[str],
        row_loop: str,
        cells: list[tuple[str, str]],
        total: list[tuple[str, str]] | None,
        widths: list[float],
    ) -> Table:
        """Add a bordered table: header row repeated on each page, looped rows, optional total."""
        rows = 3 + (1 if total else 0)
        table = self.doc.add_table(rows=rows, cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for index, width in enumerate(widths):
            for cell in table.columns[index].cells:
                cell.width = Mm(width)
        self._fill_row(table.rows[0], [(h, "center") for h in headers], bold=True, header=True)
        self._fill_row(
            table.rows[1],
            [("{%%tr for %s %%}" % row_loop, "left")] + [("", "left")] * (len(headers) - 1),
        )
        self._fill_row(table.rows[2], cells)
        if total:
            self._fill_row(table.rows[3], total, bold=True)
        # the closing tag row; docxtpl removes the rows holding {%tr %} tags
        closing = table.add_row()
        self._fill_row(closing, [("{%tr endfor %}", "left")] + [("", "left")] * (len(headers) - 1))
        body = table._tbl
        body.remove(closing._tr)
        body.insert(list(body).index(table.rows[2]._tr) + 1, closing._tr)
        return table

    def _fill_row(
        self, row: object, cells: list[tuple[str, str]], *, bold: bool = False, header: bool = False
    ) -> None:
        tr = row._tr  # type: ignore[attr-defined]
        tr_pr = tr.get_or_add_trPr()
        cant_split = OxmlElement("w:cantSplit")
        tr_pr.append(cant_split)
        if header:
            repeat = OxmlElement("w:tblHeader")
            tr_pr.append(repeat)
        for cell, (text, align) in zip(row.cells, cells, strict=True):  # type: ignore[attr-defined]
            para = cell.paragraphs[0]
            para.alignment = {
                "left": WD_ALIGN_PARAGRAPH.LEFT,
                "right": WD_ALIGN_PARAGRAPH.RIGHT,
                "center": WD_ALIGN_PARAGRAPH.CENTER,
            }[align]
            para.paragraph_format.line_spacing = 1.2
            run = para.add_run(text)
            run.font.size = Pt(11)
            run.font.bold = bold

    def issuer(self, name_expr: str, *, keep_last: bool = False) -> None:
        """Add the issuer block, right-aligned and kept with the closing paragraph."""
        for expr, bold in (("t.seal", False), (name_expr, True), ("issue_date", False)):
            keep = keep_last or expr != "issue_date"
            para = self.para(expr, indent=False, bold=bold, align="right", keep=keep)
            para.paragraph_format.space_before = Pt(6)

    def letterhead(self, name_expr: str, contact_expr: str) -> None:
        """Add a letterhead: a large centred name, a small contact line, a double rule below."""
        name = self.para(name_expr, indent=False, bold=True, align="center", size=18)
        name.paragraph_format.space_after = Pt(0)
        contact = self.para(contact_expr, indent=False, align="center", size=9.5)
        contact.paragraph_format.space_after = Pt(14)
        p_pr = contact._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (
            ("w:val", "double"),
            ("w:sz", "6"),
            ("w:space", "4"),
            ("w:color", "222222"),
        ):
            bottom.set(qn(key), value)
        borders.append(bottom)
        # CT_PPr is a sequence: pBdr must precede spacing, ind, jc … or Word rejects the file
        p_pr.insert_element_before(borders, *AFTER_PBDR)

    def heading(self, expr: str) -> Paragraph:
        """Add a bold section heading kept with the paragraph after it."""
        para = self.para(expr, indent=False, bold=True, align="left", keep=True)
        para.paragraph_format.space_before = Pt(8)
        return para

    def numbered(self, items: str, var: str) -> None:
        """Add one paragraph per item, numbered "1. " in the text itself (as the HTML does)."""
        self.tag("{%%p for %s in %s %%}" % (var, items))
        para = self.para("%s" % var, indent=False, align="left", keep=True)
        para.runs[0].text = "{{ loop.index }}. " + para.runs[0].text
        para.paragraph_format.left_indent = Mm(10)
        para.paragraph_format.first_line_indent = Mm(-4)
        self.tag("{%p endfor %}")

    def signatories(self, loop: str, line_expr: str) -> None:
        """Add one right-aligned line per signing lawyer, under the issuer block and its seal."""
        self.tag("{%%p for %s %%}" % loop)
        para = self.para(line_expr, indent=False, align="right", size=10.5, keep=True)
        para.paragraph_format.space_after = Pt(0)
        self.tag("{%p endfor %}")

    def signature_grid(self, rows: list[tuple[str | None, list[Cell]]]) -> None:
        """Add signature blocks two a row in a borderless table, as the HTML places them.

        Each row is (condition or None, two cells); each cell is (condition or None, sealed, line
        expressions). A conditional row sits between {%tr if %} / {%tr endif %} rows, a
        conditional cell's lines between {%p if %} / {%p endif %}. A sealed cell has 17 mm above
        and 8 mm below its lines for its own seal; every line keeps the set on one page.
        """
        table = self.doc.add_table(rows=0, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for condition, cells in rows:
            if condition:
                self._tag_row(table, "{%%tr if %s %%}" % condition)
            row = table.add_row()
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            # both parties of a row with a seal start level, below the seal's room
            top = Mm(17) if any(sealed for _, sealed, _ in cells) else Mm(2)
            for cell, (cell_condition, sealed, lines) in zip(row.cells, cells, strict=True):
                cell.width = Mm(79)
                self._signature_cell(cell, cell_condition, sealed, lines, top)
            if condition:
                self._tag_row(table, "{%tr endif %}")

    def _tag_row(self, table: Table, tag: str) -> None:
        row = table.add_row()
        row.cells[0].paragraphs[0].add_run(tag)

    def _signature_cell(
        self, cell: Any, condition: str | None, sealed: bool, lines: list[str], top: Mm
    ) -> None:
        """Fill one cell with a party's signature lines (the cell's first paragraph included)."""
        texts = ["{%%p if %s %%}" % condition] if condition else []
        texts += ["{{ %s }}" % expr for expr in lines]
        texts += ["{%p endif %}"] if condition else []
        if not texts:
            return
        paragraphs = [cell.paragraphs[0]] + [cell.add_paragraph() for _ in texts[1:]]
        first_line = 1 if condition else 0
        for index, (para, text) in enumerate(zip(paragraphs, texts, strict=True)):
            para.add_run(text).font.size = Pt(11)
            fmt = para.paragraph_format
            fmt.keep_with_next = True
            fmt.line_spacing = Pt(21)
            fmt.space_after = Pt(0)
            if index == first_line:
                fmt.space_before = top
            if sealed and index == first_line + len(lines) - 1:
                fmt.space_after = Mm(8)
        if condition:
            # a cell must keep one paragraph when {%p %} removes all of its lines
            closing = cell.add_paragraph().paragraph_format
            closing.line_spacing, closing.line_spacing_rule = Pt(1), WD_LINE_SPACING.EXACTLY
            closing.space_before = closing.space_after = Pt(0)

    @staticmethod
    def mm(value: float) -> Mm:
        return Mm(value)

    @staticmethod
    def pt(value: float) -> Pt:
        return Pt(value)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def save(self) -> bytes:
        slim(self.doc)
        _font_table(self.doc, self.locale)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


# Parts of python-docx's default template a legal letter never uses. Every render parses,
# re-serialises and re-compresses each part, so dropping ~800 KB of them makes DOCX renders
# about twice as fast.
UNUSED_RELATIONSHIPS = ("stylesWithEffects", "customXml", "thumbnail")


def _font_table(doc: Any, locale: str) -> None:
    """Name Windows and macOS fallbacks of the locale's fonts in the font table."""
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/word/fontTable.xml":
            part._blob = add_font_fallbacks(part.blob, FONTS[locale])


def slim(doc: Any) -> None:
    """Drop unused parts and every style the document does not refer to."""
    for part in (doc.part, doc.part.package):
        for r_id, rel in list(part.rels.items()):
            if any(kind in rel.reltype for kind in UNUSED_RELATIONSHIPS):
                part.rels.pop(r_id)
    styles = doc.styles.element
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    used = _referenced_styles(doc)
    by_id = {el.get(qn("w:styleId")): el for el in styles.findall(qn("w:style"))}
    keep: set[str] = set()
    for style_id, element in by_id.items():
        if element.get(qn("w:default")) == "1" or style_id in used:
            while style_id and style_id not in keep:  # keep the basedOn chain too
                keep.add(style_id)
                based_on = by_id[style_id].find(qn("w:basedOn")) if style_id in by_id else None
                style_id = based_on.get(qn("w:val")) if based_on is not None else None
    for style_id, element in by_id.items():
        if style_id not in keep:
            styles.remove(element)


def _referenced_styles(doc: Any) -> set[str]:
    """Return the style ids the body, headers and footers refer to."""
    roots = [doc.element]
    for section in doc.sections:
        roots += [section.header._element, section.footer._element]
    tags = (qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle"))
    return {el.get(qn("w:val")) for root in roots for el in root.iter(*tags)}


def build(document_type: str, locale: str) -> bytes:
    """Return the DOCX template bytes of one document type in one locale."""
    builder = Builder(locale)
    layout: Callable[[Builder], None] = LAYOUTS[document_type]
    builder.tag("{%p for note in compliance_notes %}")
    builder.para("note", indent=False, bold=True, size=10)
    builder.tag("{%p endfor %}")
    layout(builder)
    verification_block(builder)
    return builder.save()


def main(argv: list[str]) -> int:
    """Rebuild the DOCX template of every folder that has a document.html."""
    only = set(argv)
    for html in sorted(ROOT.glob("*/*/document.html")):
        document_type, locale = html.parent.parent.name, html.parent.name
        if document_type.startswith("_") or document_type not in LAYOUTS:
            continue
        if only and f"{document_type}/{locale}" not in only and document_type not in only:
            continue
        target = html.parent / "document.docx"
        data = build(document_type, locale)
        from doc_service.render.docx_zip import normalise_zip

        data = normalise_zip(data)
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
            print(f"wrote {target.relative_to(ROOT.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
