"""The litigation notice's evidence list (证据目录): printed in every edition, refused when bad."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.support import compact, document_text

LOCALES = ["zh-CN", "zh-HK", "zh-TW", "en-GB", "en-US"]
PROBLEM = "application/problem+json"
# (header, then the sample case's three rows: title, purpose, pages) as each edition prints them
PRINTED = {
    "zh-CN": (
        "序号证据名称证明目的页数",
        [
            (
                "借款合同（编号XF-2024-0001234）",
                "证明双方之间的借款合同关系及约定的利率、还款期限",
                "12",
            ),
            ("放款凭证", "证明本司已依约发放借款本金50,000.00元", "1"),
            ("还款明细及欠款计算表", "证明借款人的还款情况及截至2025年3月28日的欠款金额", "3"),
        ],
    ),
    "zh-HK": (
        "序號證據名稱證明目的頁數",
        [
            (
                "借款合同（編號XF-2024-0001234）",
                "證明雙方之間的借款合同關係及約定的利率、還款期限",
                "12",
            ),
            ("放款憑證", "證明本司已依約發放借款本金50,000.00元", "1"),
            ("還款明細及欠款計算表", "證明借款人的還款情況及截至2025年3月28日的欠款金額", "3"),
        ],
    ),
    "en-GB": (
        "No.EvidenceWhatitprovesPages",
        [
            (
                "Loan Contract No. XF-2024-0001234",
                "Proves the loan contract between the parties, the agreed interest rate and the "
                "repayment dates",
                "12",
            ),
            ("Record of the loan advance", "Proves that we advanced the principal", "1"),
            (
                "Repayment ledger and calculation of the arrears",
                "Proves the borrower’s repayments and the sums outstanding as at 28 March 2025",
                "3",
            ),
        ],
    ),
}
PRINTED["zh-TW"] = PRINTED["zh-HK"]
PRINTED["en-US"] = PRINTED["en-GB"]
INTRO = {
    "zh-CN": "本司拟向人民法院提交的证据目录如下：",
    "zh-HK": "本公司擬向人民法院提交的證據目錄如下：",
    "zh-TW": "本公司擬向人民法院提交之證據目錄如下：",
    "en-GB": "The evidence we intend to file with the People’s Court is listed below:",
    "en-US": "The evidence we intend to file with the People’s Court is listed below:",
}


def refused(response: Any) -> dict[str, list[str]]:
    """Assert a validation problem and return its errors."""
    assert response.status_code == 422, response.get_data(as_text=True)[:300]
    assert response.mimetype == PROBLEM
    errors: dict[str, list[str]] = response.get_json()["errors"]
    return errors


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("locale", LOCALES)
def test_the_evidence_list_prints_in_every_edition(
    render: Any, example: Any, locale: str, fmt: str
) -> None:
    body = {**example("litigation_notice"), "locale": locale}
    text = document_text(render(body, fmt).data, fmt)
    header, rows = PRINTED[locale]
    assert compact(INTRO[locale]) + header in text
    for number, (title, purpose, pages) in enumerate(rows, start=1):
        # each row reads number, title, purpose, pages, in that order
        row = compact(f"{number}{title}")
        assert row in text, (locale, row)
        after = text[text.index(row) + len(row) :]
        assert after.startswith(compact(purpose)), (locale, after[:80])
        assert compact(pages) in after[: len(compact(purpose)) + 200]


def test_given_traditional_text_is_printed_as_given(render: Any, example: Any) -> None:
    body = {**example("litigation_notice"), "locale": "zh-TW"}
    item = body["case"]["litigation"]["evidence"][1]
    item["i18n"]["zh-Hant"] = {"title": "撥款憑證", "purpose": "證明本公司已依約撥付借款本金"}
    text = document_text(render(body, "pdf").data, "pdf")
    assert "2撥款憑證證明本公司已依約撥付借款本金1" in text


def test_a_notice_without_evidence_prints_no_list(render: Any, example: Any) -> None:
    body = example("litigation_notice")
    del body["case"]["litigation"]["evidence"]
    for fmt in ("pdf", "docx"):
        text = document_text(render(body, fmt).data, fmt)
        assert "证据目录" not in text and "证明目的" not in text


def evidence_body(example: Any, case_id: str, evidence: Any) -> dict[str, Any]:
    body = example("litigation_notice")
    body["case"]["case_id"] = case_id
    body["case"]["litigation"]["evidence"] = evidence
    return body


ITEM = {"title": "借款合同", "purpose": "证明借款关系", "pages": 3}


@pytest.mark.parametrize(
    ("evidence", "errors"),
    [
        (
            [{**ITEM, "pages": 0}],
            {"case.litigation.evidence.0.pages": ["must be between 1 and 9999"]},
        ),
        ([{**ITEM, "pages": "3"}], {"case.litigation.evidence.0.pages": ["Not a valid integer."]}),
        (
            [ITEM, {"purpose": "证明借款关系", "pages": 1}],
            {"case.litigation.evidence.1.title": ["Missing data for required field."]},
        ),
        (
            [{**ITEM, "title": "证" * 201}],
            {"case.litigation.evidence.0.title": ["must be at most 200 characters"]},
        ),
        (
            [{**ITEM, "purpose": " 证明借款关系"}],
            {"case.litigation.evidence.0.purpose": ["must not start or end with whitespace"]},
        ),
        ([{**ITEM, "date": "2025-03-01"}], {"case.litigation.evidence.0.date": ["Unknown field."]}),
        (
            [{**ITEM, "i18n": {"fr": {"title": "Contrat"}}}],
            {"case.litigation.evidence.0.i18n.fr": ["not a supported language: use en or zh-Hant"]},
        ),
        (
            [{**ITEM, "i18n": {"en": {"pages": 3}}}],
            {"case.litigation.evidence.0.i18n.en.pages": ["Unknown field."]},
        ),
        ([], {"case.litigation.evidence": ["must have 1 to 50 items"]}),
        ([ITEM] * 51, {"case.litigation.evidence": ["must have 1 to 50 items"]}),
        ({"title": "借款合同"}, {"case.litigation.evidence": ["Not a valid list."]}),
    ],
)
def test_bad_evidence_is_a_422_at_its_path_and_stores_nothing(
    client: Any, example: Any, evidence: Any, errors: dict[str, list[str]]
) -> None:
    body = evidence_body(example, "C-EVIDENCE-422", copy.deepcopy(evidence))
    assert refused(client.post("/v1/documents", json=body)) == errors
    listing = client.get("/v1/cases/C-EVIDENCE-422/documents").get_json()
    assert listing["documents"] == []


def test_an_english_edition_needs_the_english_of_chinese_evidence(
    client: Any, example: Any
) -> None:
    body = evidence_body(example, "C-EVIDENCE-EN", [ITEM])
    body["locale"] = "en-GB"
    assert refused(client.post("/v1/documents", json=body)) == {
        f"case.litigation.evidence.0.{key}": [
            "the en-GB edition cannot print this Chinese text: "
            f"give its English in case.litigation.evidence.0.i18n.en.{key}"
        ]
        for key in ("title", "purpose")
    }
    # the Chinese editions print it as given; Latin text needs no translation
    assert client.post("/v1/previews", json={**body, "locale": "zh-CN"}).status_code == 200
    body["case"]["litigation"]["evidence"] = [{**ITEM, "title": "Loan Contract", "purpose": "x"}]
    assert client.post("/v1/previews", json=body).status_code == 200


def test_the_guard_checks_the_evidence_it_prints(client: Any, example: Any) -> None:
    body = evidence_body(
        example, "C-EVIDENCE-GUARD", [{**ITEM, "purpose": "证明被告拒不还款，将报警抓人"}]
    )
    response = client.post("/v1/documents", json=body)
    assert response.status_code == 422
    violations = response.get_json()["violations"]
    found = {(v["rule"], v["path"]) for v in violations}
    assert ("forbidden_wording.criminal_threat", "case.litigation.evidence.0.purpose") in found
    assert client.get("/v1/cases/C-EVIDENCE-GUARD/documents").get_json()["documents"] == []


@pytest.mark.parametrize("locale", LOCALES)
def test_the_template_sample_carries_an_evidence_list(client: Any, locale: str) -> None:
    detail = client.get(f"/v1/templates/litigation_notice/{locale}").get_json()
    evidence = detail["sample_case"]["litigation"]["evidence"]
    assert [item["pages"] for item in evidence] == [12, 1, 3]
    response = client.post("/v1/previews", json={**detail["sample_request"], "format": "pdf"})
    assert response.status_code == 200
    assert compact(INTRO[locale]) in document_text(response.data, "pdf")
