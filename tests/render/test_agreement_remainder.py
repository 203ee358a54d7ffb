"""An agreement that leaves part of the arrears outside its plan says what becomes of it."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.support import compact, document_text

# Every locale's sentence about the 3,169.12 outside the 10,000.00 plan and the 592.38 waiver.
EXPECTED = {
    "waived": {
        "zh-CN": ["其余款项人民币3,169.12元（大写：叁仟壹佰陆拾玖元壹角贰分）", "由甲方予以减免"],
        "zh-HK": ["其餘款項人民幣3,169.12元", "由甲方予以減免"],
        "zh-TW": ["其餘款項人民幣3,169.12元", "由甲方予以減免"],
        "en-GB": [
            "the balance of RMB 3,169.12 (three thousand one hundred and sixty-nine yuan",
            "shall be waived by Party A once Party B has paid all amounts",
        ],
        "en-US": [
            "the balance of RMB 3,169.12 (three thousand one hundred sixty-nine yuan",
            "shall be waived by Party A once Party B has paid all amounts",
        ],
    },
    "payable_after_plan": {
        "zh-CN": ["不列入上述还款计划，乙方仍应于2025年9月15日或之前足额支付"],
        "zh-HK": ["不列入上述還款計劃，乙方仍應於2025年9月15日或之前足額支付"],
        "zh-TW": ["不列入上述還款計畫，乙方仍應於2025年9月15日或之前足額支付"],
        "en-GB": ["remains payable", "on or before 15 September 2025"],
        "en-US": ["remains payable", "on or before September 15, 2025"],
    },
}


def agreement_with_remainder(example: dict[str, Any], treatment: str) -> dict[str, Any]:
    """Return the example agreement cut to 10,000.00 with the 3,169.12 balance stated."""
    body = copy.deepcopy(example)
    agreement = body["case"]["agreement"]
    agreement["installments"] = agreement["installments"][1:]
    agreement["total"] = "10000.00"
    remainder = {"amount": "3169.12", "treatment": treatment}
    if treatment == "payable_after_plan":
        remainder["due_date"] = "2025-09-15"
    agreement["remainder"] = remainder
    return body


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("treatment", list(EXPECTED))
@pytest.mark.parametrize("locale", list(EXPECTED["waived"]))
def test_the_agreement_states_the_remainder(
    client: Any, examples: dict[str, Any], treatment: str, locale: str, fmt: str
) -> None:
    body = agreement_with_remainder(examples["repayment_agreement"], treatment)
    response = client.post("/v1/previews", json={**body, "locale": locale, "format": fmt})
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    text = document_text(response.data, fmt)
    for phrase in EXPECTED[treatment][locale]:
        assert compact(phrase) in text


def test_an_agreement_that_does_not_close_is_refused(client: Any, examples: dict[str, Any]) -> None:
    body = agreement_with_remainder(examples["repayment_agreement"], "waived")
    del body["case"]["agreement"]["remainder"]
    response = client.post("/v1/documents", json=body)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    errors = response.get_json()["errors"]
    assert list(errors) == ["case.agreement.total"]
    assert "leaves 3169.12 of arrears.total 13761.50" in errors["case.agreement.total"][0]
    zh = client.post("/v1/documents", json=body, headers={"Accept-Language": "zh-CN"})
    assert "3169.12" in zh.get_json()["errors"]["case.agreement.total"][0]
    assert "既未" in zh.get_json()["errors"]["case.agreement.total"][0]
