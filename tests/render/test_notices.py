"""Delivery, enclosures, calculation basis, reply slip and 征信 notice in every type and locale.

Each element is read in the extracted text of both the PDF and the DOCX; the two renditions say
the same words with every option on.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from functools import cache
from typing import Any

import pytest

from tests.render.test_parity import (
    FOOTERS,
    first_difference,
    pdf_words,
    table_headers,
    without_repeated_headers,
    words,
)
from tests.support import compact, docx_text, load_example, render_body

LOCALES = ("zh-CN", "zh-HK", "zh-TW", "en-US", "en-GB")
LETTERS = ("dunning_letter", "lawyer_letter", "litigation_notice")
TYPES = (*LETTERS, "repayment_agreement")

# what each locale prints for the blocks, as compact text
EXPECTED = {
    "zh-CN": {
        "delivery": "以中国邮政EMS（运单号：EA987654321CN）寄送至上海市浦东新区世纪大道100号",
        "credit": "《征信业管理条例》第十五条",
        "calculation": ["计算基数", "年利率", "计算期间", "2024年12月15日至2025年1月31日"],
        "enclosures": ["附件清单：", "借款合同复印件（共8页）", "还款明细账（共1页）"],
        "reply": [
            "（请沿此线剪下）",
            "回执",
            "□本人将于",
            "□本人提议分期还款",
            "□本人对上述欠款金额有异议",
        ],
        "attorney": "委托人出具的《授权委托书》",
    },
    "zh-HK": {
        # an address is printed in its registered (Simplified) form
        "delivery": "以中國郵政EMS（運單號：EA987654321CN）寄送至上海市浦东新区世纪大道100号",
        "credit": "《徵信業管理條例》第十五條",
        "calculation": ["計算基數", "年利率", "計算期間", "2024年12月15日至2025年1月31日"],
        "enclosures": ["附件清單：", "借款合同複印件（共8頁）", "還款明細賬（共1頁）"],
        "reply": [
            "（請沿此線剪下）",
            "回執",
            "□本人將於",
            "□本人提議分期還款",
            "□本人對上述欠款金額有異議",
        ],
        "attorney": "委託人出具的《授權委託書》",
    },
    "zh-TW": {
        "delivery": "以中國郵政EMS（運單號：EA987654321CN）寄送至上海市浦东新区世纪大道100号",
        "credit": "《徵信業管理條例》第十五條",
        "calculation": ["計算基數", "年利率", "計算期間", "2024年12月15日至2025年1月31日"],
        "enclosures": ["附件清單：", "借款合同複印件（共8頁）", "還款明細賬（共1頁）"],
        "reply": [
            "（請沿此線剪下）",
            "回執",
            "□本人將於",
            "□本人提議分期還款",
            "□本人對上述欠款金額有異議",
        ],
        "attorney": "委託人出具之《授權委託書》",
    },
    "en-GB": {
        "delivery": "byChinaPostEMS(trackingnumberEA987654321CN)to上海市浦东新区世纪大道100号",
        "credit": "Article15oftheRegulationontheAdministrationoftheCreditReportingIndustry",
        "calculation": ["Baseamount", "Annualrate", "Period", "15December2024to31January2025"],
        "enclosures": ["Enclosures:", "Copyoftheloancontract(8pages)", "Repaymentledger(1page)"],
        "reply": [
            "(Pleasecutalongthisline)",
            "ReplySlip",
            "□Iwillpay",
            "□Iproposetorepaybyinstalments",
            "□Idisputethesumclaimed",
        ],
        "attorney": "Powerofattorneyexecutedbyourclient",
    },
    "en-US": {
        "delivery": "byChinaPostEMS(trackingnumberEA987654321CN)to上海市浦东新区世纪大道100号",
        "credit": "Article15oftheRegulationontheAdministrationoftheCreditReportingIndustry",
        "calculation": ["Baseamount", "Annualrate", "Period", "December15,2024toJanuary31,2025"],
        "enclosures": ["Enclosures:", "Copyoftheloancontract(8pages)", "Repaymentledger(1page)"],
        "reply": [
            "(Cutalongthisline)",
            "ReplyForm",
            "□Iwillpay",
            "□Iproposetorepayininstallments",
            "□Idisputetheamountclaimed",
        ],
        "attorney": "PowerofAttorneyissuedbytheClient",
    },
}


def full_body(document_type: str, locale: str) -> dict[str, Any]:
    """Return the sample case with delivery, enclosures, a calculation and every option on."""
    body = copy.deepcopy(load_example(document_type))
    body["locale"] = locale
    case = body["case"]
    case["delivery"] = {
        "method": "ems",
        "tracking_number": "EA987654321CN",
        "address": "上海市浦东新区世纪大道100号",
        "sent_on": case["issue_date"],
    }
    case["enclosures"] = [
        {
            "title": "借款合同复印件",
            "pages": 8,
            "i18n": {"en": {"title": "Copy of the loan contract"}},
        },
        {"title": "还款明细账", "pages": 1, "i18n": {"en": {"title": "Repayment ledger"}}},
    ]
    arrears = case["arrears"]
    case["arrears"]["calculation"] = [
        {
            "item": "interest",
            "base": "12345.67",
            "rate": "0.1440",
            "from": "2024-12-15",
            "to": "2025-01-31",
            "amount": "823.45",
        },
        {
            "item": "penalty_interest",
            "base": "8000.00",
            "rate": "0.2160",
            "from": "2024-12-15",
            "to": arrears["as_of"],
            "amount": arrears["penalty_interest"],
        },
    ]
    case.setdefault("options", {}).update(reply_slip=True, credit_report_notice=True)
    return body


@cache
def rendered(document_type: str, locale: str, fmt: str) -> bytes:
    return render_body({**full_body(document_type, locale), "format": fmt})


def texts(document_type: str, locale: str) -> dict[str, str]:
    """Return the compact extracted text of the PDF and of the DOCX."""
    return {
        "pdf": pdf_words(rendered(document_type, locale, "pdf")),
        "docx": words(docx_text(rendered(document_type, locale, "docx"))),
    }


PAIRS = [pytest.param(k, loc, id=f"{k}-{loc}") for k in TYPES for loc in LOCALES]
LETTER_PAIRS = [pytest.param(k, loc, id=f"{k}-{loc}") for k in LETTERS for loc in LOCALES]


@pytest.mark.parametrize(("document_type", "locale"), PAIRS)
def test_calculation_and_enclosures_are_printed(document_type: str, locale: str) -> None:
    expected = EXPECTED[locale]
    penalty = full_body(document_type, locale)["case"]["arrears"]["penalty_interest"]
    for fmt, text in texts(document_type, locale).items():
        for phrase in expected["calculation"] + expected["enclosures"]:
            assert phrase in text, (fmt, phrase)
        # base, rate, amounts and the sum, as the arrears table writes figures
        for figure in ("12,345.67", "8,000.00", "14.40%", "21.60%", "823.45", penalty):
            assert figure.replace("%", "") in text, (fmt, figure)
        total = f"{Decimal('823.45') + Decimal(penalty):,}"
        assert total in text, (fmt, total)


@pytest.mark.parametrize(("document_type", "locale"), LETTER_PAIRS)
def test_letters_print_delivery_credit_notice_and_reply_slip(
    document_type: str, locale: str
) -> None:
    expected = EXPECTED[locale]
    for fmt, text in texts(document_type, locale).items():
        assert expected["delivery"] in text, fmt
        assert expected["credit"] in text, fmt
        for phrase in expected["reply"]:
            assert phrase in text, (fmt, phrase)
        if document_type == "lawyer_letter":
            # the power of attorney stays listed, first
            assert "1." + expected["attorney"] in text, fmt


@pytest.mark.parametrize("locale", LOCALES)
def test_the_reply_slip_is_a_page_of_its_own(locale: str) -> None:
    from tests.support import pdf_pages

    pages = pdf_pages(rendered("dunning_letter", locale, "pdf"))
    last = compact(pages[-1])
    assert all(phrase in last for phrase in EXPECTED[locale]["reply"])
    assert EXPECTED[locale]["reply"][0] not in compact(pages[-2])


@pytest.mark.parametrize("locale", LOCALES)
def test_an_agreement_has_no_delivery_reply_slip_or_credit_notice(locale: str) -> None:
    expected = EXPECTED[locale]
    for fmt, text in texts("repayment_agreement", locale).items():
        assert "EA987654321CN" not in text, fmt
        assert expected["credit"] not in text, fmt
        assert expected["reply"][0] not in text, fmt


@pytest.mark.parametrize(("document_type", "locale"), PAIRS)
def test_pdf_and_docx_say_the_same_with_every_option_on(document_type: str, locale: str) -> None:
    body = full_body(document_type, locale)
    headers = table_headers(render_body({**body, "format": "html"}))
    pdf = without_repeated_headers(pdf_words(rendered(document_type, locale, "pdf")), headers)
    docx = words(docx_text(rendered(document_type, locale, "docx")))
    for footer in FOOTERS:
        docx = docx.replace(footer.format(page=1, pages=1), "")
    assert pdf == docx, first_difference(pdf, docx)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("locale", LOCALES)
def test_nothing_about_credit_reports_unless_asked(locale: str, fmt: str) -> None:
    for document_type in LETTERS:
        body = full_body(document_type, locale)
        body["case"]["options"]["credit_report_notice"] = False
        data = render_body({**body, "format": fmt})
        text = pdf_words(data) if fmt == "pdf" else words(docx_text(data))
        for marker in ("征信", "徵信", "CreditReporting", "creditreport"):
            assert marker not in text, (document_type, marker)


@pytest.mark.parametrize(
    ("delivery", "phrase"),
    [
        (
            {"method": "courier", "carrier": "顺丰速运", "tracking_number": "SF1234567890123"},
            "本函经顺丰速运（运单号：SF1234567890123）寄送至北京市海淀区中关村大街1号院3号楼502室。",
        ),
        (
            {
                "method": "registered_mail",
                "tracking_number": "XA123456789CN",
                "sent_on": "2025-03-08",
            },
            "本函已于2025年3月8日以中国邮政挂号信（挂号号码：XA123456789CN）寄送至",
        ),
        (
            {"method": "email", "email": "zhang.san@example.com"},
            "本函以电子邮件发送至zhang.san@example.com。",
        ),
        ({"method": "sms_link"}, "本函以短信链接发送至您的手机号码138****8000。"),
        ({"method": "in_person"}, "本函由专人当面送交您本人。"),
    ],
)
def test_each_delivery_method_has_its_statement(delivery: dict[str, Any], phrase: str) -> None:
    body = copy.deepcopy(load_example("dunning_letter"))
    body["case"]["delivery"] = delivery
    for fmt in ("pdf", "docx"):
        data = render_body({**body, "format": fmt})
        text = pdf_words(data) if fmt == "pdf" else words(docx_text(data))
        assert compact(phrase) in text, fmt


def test_a_lawyer_letter_without_enclosures_keeps_its_one_line_attachment() -> None:
    body = copy.deepcopy(load_example("lawyer_letter"))
    del body["case"]["enclosures"]
    for fmt in ("pdf", "docx"):
        data = render_body({**body, "format": fmt})
        text = pdf_words(data) if fmt == "pdf" else words(docx_text(data))
        assert "附件：委托人出具的《授权委托书》" in text
        assert "附件清单" not in text
