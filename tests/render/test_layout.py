"""How the pages fall: the signature never stands alone, no amount in words is split, page 1 is
not left half empty, for every example and for long and short edge cases in every locale (PDF)."""

from __future__ import annotations

import copy
import io
import re
from datetime import date
from decimal import Decimal
from typing import Any

import lxml.html
import pypdf
import pytest

from doc_service.formatting import amount_in_words
from tests.support import compact, load_example, render_body

LOCALES = ("zh-CN", "zh-HK", "zh-TW", "en-US", "en-GB")
# A4 in points and the page margins of document.css (30 mm top, 28 mm bottom)
PAGE_TOP, PAGE_BOTTOM = 842 - 30 * 72 / 25.4, 28 * 72 / 25.4
# page 1 (of several) may end this far up its body: a table and its lead-in that move on together
# must not leave more. Later pages may end higher: a signature set (up to ~120 mm with seals)
# never leaves its last paragraph, so the page before it may be half empty.
MIN_FILL = 0.6
# each page's footer ("第 1 页 共 3 页"), which sits between the text of two pages
FOOTER = re.compile(r"第\d+[页頁]共\d+[页頁]|Page\d+of\d+")
# the parts of a document that are signature, not body text
SIGNATURE_CLASSES = {
    "issuer",
    "signatories",
    "signatures",
    "attachment",
    "enclosures",
    "no-more-text",
}

LONG_NAME = (
    "北京示例长名称消费金融服务与信息科技发展股份有限公司第一分公司（贷后管理与资产保全中心）"
)
LONG_ADDRESS = (
    "北京市朝阳区建国门外大街甲一百二十三号示例国际金融中心北塔第三十八层3801至3812室"
    "（东三环中路与建国门外大街交叉口东北角，地铁一号线国贸站A出口向东步行约五百米）"
)
LONG_EMAIL = "collections-department.written-objections@consumer-finance-example-company.com.cn"


def _lawyers(count: int) -> list[dict[str, str]]:
    return [
        {"name": f"律师{'甲乙丙丁戊己庚辛壬癸'[n]}", "license_number": f"1110120181012{3450 + n}"}
        for n in range(count)
    ]


def _installments(count: int, total: Decimal) -> list[dict[str, str]]:
    each = (total / count).quantize(Decimal("0.01"))
    amounts = [each] * (count - 1) + [total - each * (count - 1)]
    dates = [date(2025 + (3 + n) // 12, (3 + n) % 12 + 1, 15) for n in range(count)]
    pairs = zip(dates, amounts, strict=True)
    return [{"due_date": d.isoformat(), "amount": str(a)} for d, a in pairs]


def _long(body: dict[str, Any]) -> None:
    """Give the creditor, debtor and addresses the longest forms a case may carry."""
    case = body["case"]
    case["creditor"].update(name=LONG_NAME, address=LONG_ADDRESS, email=LONG_EMAIL)
    case["repayment"]["account"]["name"] = LONG_NAME
    case["debtor"].update(name="欧阳长名字测试", address=LONG_ADDRESS)


def many_lawyers(body: dict[str, Any]) -> None:
    _long(body)
    body["case"]["law_firm"].update(lawyers=_lawyers(10), reply_days=30, address=LONG_ADDRESS)


def many_installments(body: dict[str, Any]) -> None:
    _long(body)
    agreement = body["case"]["agreement"]
    agreement["installments"] = _installments(36, Decimal(agreement["total"]))
    agreement["guarantor"] = {
        "name": "李四",
        "id_type": "resident_id",
        "id_number": "110101199003077571",
        "address": LONG_ADDRESS,
        "phone": "13900139000",
    }


def one_installment(body: dict[str, Any]) -> None:
    case = body["case"]
    case.pop("letter_number", None)
    case["repayment"].pop("channels", None)
    agreement = case["agreement"]
    agreement.pop("mediator")
    agreement["installments"] = [{"due_date": "2025-04-30", "amount": agreement["total"]}]


def long_letter(body: dict[str, Any]) -> None:
    _long(body)


def every_notice(body: dict[str, Any]) -> None:
    """Deliver by EMS, enclose two documents, explain the arrears, ask for both options."""
    from tests.render.test_notices import full_body

    body["case"] = full_body(body["document_type"], body["locale"])["case"]


DOCUMENT_KINDS = ("dunning_letter", "lawyer_letter", "litigation_notice", "repayment_agreement")
CASES: dict[str, list[tuple[str, Any]]] = {
    "example": [(kind, None) for kind in ("dunning_letter", "lawyer_letter", "litigation_notice")]
    + [("repayment_agreement", None)],
    "long": [
        ("dunning_letter", long_letter),
        ("litigation_notice", long_letter),
        ("lawyer_letter", many_lawyers),
        ("repayment_agreement", many_installments),
    ],
    "short": [("repayment_agreement", one_installment)],
    "notices": [(kind, every_notice) for kind in DOCUMENT_KINDS],
}
PARAMS = [
    pytest.param(kind, change, locale, id=f"{name}-{kind}-{locale}")
    for name, cases in CASES.items()
    for kind, change in cases
    for locale in LOCALES
]


def body_paragraphs(html: bytes) -> list[str]:
    """Return the compact text of every body paragraph: not signature, not the closing line."""
    tree = lxml.html.fromstring(html)
    paragraphs = []
    for p in tree.iter("p"):
        classes = {c for node in (p, *p.iterancestors()) for c in node.get("class", "").split()}
        following = p.getnext()
        closing = following is not None and "issuer" in following.get("class", "")
        text = compact(p.text_content())
        if not classes & SIGNATURE_CLASSES and not closing and len(text) >= 12:
            paragraphs.append(text)
    return paragraphs


def lowest_text(page: Any) -> float:
    """Return the height (pt) of the lowest line of body text on a page, above the footer."""
    heights: list[float] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and y > PAGE_BOTTOM - 6:
            heights.append(y)

    page.extract_text(visitor_text=visit)
    return min(heights)


def amounts_in_words(case: dict[str, Any], locale: str) -> list[str]:
    """Return the amounts the document writes in words, as compact text."""
    amounts = [Decimal(case["arrears"]["total"])]
    agreement = case.get("agreement")
    if agreement:
        amounts.append(Decimal(agreement["total"]))
        waived = sum(Decimal(v) for v in (agreement.get("waived") or {}).values())
        if waived:
            amounts.append(waived)
    return [compact(amount_in_words(amount, locale)) for amount in amounts]


@pytest.mark.parametrize(("kind", "change", "locale"), PARAMS)
def test_pages_fall_well(kind: str, change: Any, locale: str) -> None:
    body = copy.deepcopy(load_example(kind))
    body["locale"] = locale
    if change:
        change(body)
    pdf = render_body({**body, "format": "pdf"})
    html = render_body({**body, "format": "html"})
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    texts = [FOOTER.sub("", compact(page.extract_text() or "")) for page in pages]

    # the last page carries body text besides the signature: the tail of a body paragraph
    last = texts[-1]
    assert any(p[-10:] in last for p in body_paragraphs(html)), f"last page: {last[:300]}"

    # every amount in words is read whole on one page
    whole = "".join(texts)
    for words in amounts_in_words(body["case"], locale):
        assert sum(page.count(words) for page in texts) == whole.count(words) >= 1, words

    # no paragraph ends on a line of one character and its full stop (书。)
    lines = [line.strip() for page in pages for line in (page.extract_text() or "").splitlines()]
    assert not [line for line in lines if len(line) <= 2 and line.endswith("。")]

    # page 1 is not left more than 40 % empty
    if len(pages) > 1:
        fill = (PAGE_TOP - lowest_text(pages[0])) / (PAGE_TOP - PAGE_BOTTOM)
        assert fill >= MIN_FILL, f"page 1 is only {fill:.0%} full"
