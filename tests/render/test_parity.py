"""DOCX and PDF say the same words: one wording per locale, placed by both renditions."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from doc_service.config import DEFAULTS
from doc_service.documents import load_request
from doc_service.render import render_document
from doc_service.render.registry import TemplateRegistry
from tests.support import DOCUMENT_TYPES, compact, docx_text, load_example, pdf_pages

REGISTRY = TemplateRegistry(Path(DEFAULTS["TEMPLATE_ROOT"]))
PAIRS = [(t.document_type, t.locale) for t in REGISTRY.all()]

# page furniture: the footer's numbers differ by design (Word counts pages itself)
FOOTERS = ("第{page}页共{pages}页", "第{page}頁共{pages}頁", "Page{page}of{pages}")


def words(text: str) -> str:
    """Return the compact text without list bullets."""
    return compact(text).replace("•", "")


def pdf_words(data: bytes) -> str:
    """Return the compact text of a PDF with each page's own footer removed."""
    pages = pdf_pages(data)
    kept = []
    for number, page in enumerate(pages, start=1):
        text = words(page)
        for footer in FOOTERS:
            text = text.replace(footer.format(page=number, pages=len(pages)), "")
        kept.append(text)
    return "".join(kept)


def render(document_type: str, locale: str, fmt: str, example: str = "sample") -> bytes:
    body = {**PARTIES_EXAMPLES[example](document_type), "locale": locale, "format": fmt}
    job = load_request(body).render_job()
    return render_document(job=job, template=REGISTRY.current(document_type, locale)).content


def first_difference(left: str, right: str) -> str:
    """Describe where two texts part ways, for a readable failure."""
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            pdf_part, docx_part = left[max(0, i1 - 20) : i2 + 20], right[max(0, j1 - 20) : j2 + 20]
            return f"{tag}: pdf[{pdf_part}] docx[{docx_part}]"
    return ""


IDS = [f"{t}-{loc}" for t, loc in PAIRS]


def table_headers(html: bytes) -> list[str]:
    """Return the compact text of every table header row of the HTML rendition."""
    rows = re.findall(r"<thead>(.*?)</thead>", html.decode("utf-8"), flags=re.S)
    return [compact(re.sub(r"<[^>]+>", "", row)) for row in rows]


def without_repeated_headers(text: str, headers: list[str]) -> str:
    """Drop the header rows a PDF repeats on each page a table crosses (Word does it silently)."""
    for header in headers:
        first = text.find(header)
        if first >= 0:
            head, tail = text[: first + len(header)], text[first + len(header) :]
            text = head + tail.replace(header, "")
    return text


def _joint(document_type: str, addressees: str = "all") -> dict[str, Any]:
    """Return the example with two debtors and two guarantors (one letter each, when asked)."""
    path = Path(DEFAULTS["TEMPLATE_ROOT"]) / document_type / "examples" / "joint.json"
    body = json.loads(path.read_text("utf-8"))
    body["case"]["options"] = {"addressees": addressees}
    return body


PARTIES_EXAMPLES: dict[str, Callable[[str], dict[str, Any]]] = {
    "sample": load_example,
    "joint": _joint,
    "joint-each": lambda document_type: _joint(document_type, "each"),
}


@pytest.mark.parametrize("example", list(PARTIES_EXAMPLES))
@pytest.mark.parametrize(("document_type", "locale"), PAIRS, ids=IDS)
def test_pdf_and_docx_carry_the_same_words(document_type: str, locale: str, example: str) -> None:
    headers = table_headers(render(document_type, locale, "html", example))
    pdf_text = pdf_words(render(document_type, locale, "pdf", example))
    pdf = without_repeated_headers(pdf_text, headers)
    docx = words(docx_text(render(document_type, locale, "docx", example)))
    for footer in FOOTERS:  # the DOCX footer holds Word's field placeholders
        docx = docx.replace(footer.format(page=1, pages=1), "")
    if example == "joint-each":
        # each letter has its own tables: compare without any header row (the PDF repeats them)
        pdf, docx = (without_headers(text, headers) for text in (pdf_text, docx))
    assert pdf == docx, first_difference(pdf, docx)


def without_headers(text: str, headers: list[str]) -> str:
    """Drop every table header row."""
    for header in headers:
        text = text.replace(header, "")
    return text


def test_every_document_type_has_every_locale() -> None:
    expected = {
        (t, loc) for t in DOCUMENT_TYPES for loc in ("zh-CN", "zh-HK", "zh-TW", "en-US", "en-GB")
    }
    assert expected <= set(PAIRS), sorted(expected - set(PAIRS))
