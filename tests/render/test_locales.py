"""Each edition speaks its locale: capitals or words, long dates and headings, in PDF and DOCX."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import compact, document_text

EDITIONS = {
    "zh-CN": {
        "words": "（大写：壹万叁仟伍佰捌拾元贰角叁分）",
        "deadline": "2025年3月21日",
        "headings": ["催收函", "项目", "金额", "合计"],
        "money": "人民币13,580.23元",
    },
    "zh-HK": {
        "words": "（大寫：壹萬叁仟伍佰捌拾元貳角叁分）",
        "deadline": "2025年3月21日",
        "headings": ["催收函", "項目", "金額", "合計"],
        "money": "人民幣13,580.23元",
    },
    "zh-TW": {
        "words": "（大寫：壹萬參仟伍佰捌拾元貳角參分）",
        "deadline": "2025年3月21日",
        "headings": ["催收函", "項目", "金額", "合計"],
        "money": "人民幣13,580.23元",
    },
    "en-US": {
        "words": "thirteen thousand five hundred eighty yuan and twenty-three fen",
        "deadline": "March 21, 2025",
        "headings": ["Demand for Payment", "Item", "Amount (RMB)", "Total"],
        "money": "RMB 13,580.23",
    },
    "en-GB": {
        "words": "thirteen thousand five hundred and eighty yuan and twenty-three fen",
        "deadline": "21 March 2025",
        "headings": ["Letter of Demand", "Item", "Amount (RMB)", "Total"],
        "money": "RMB 13,580.23",
    },
}


@pytest.fixture(scope="module")
def editions(shared_app: Any, examples: dict[str, Any]) -> dict[tuple[str, str], str]:
    """Render the dunning letter in every locale as PDF and DOCX, keeping the compact text."""
    texts = {}
    with shared_app.test_client() as client:
        for locale in EDITIONS:
            for fmt in ("pdf", "docx"):
                body = {**examples["dunning_letter"], "locale": locale, "format": fmt}
                response = client.post("/v1/previews", json=body)
                assert response.status_code == 200, response.get_data(as_text=True)[:500]
                texts[(locale, fmt)] = document_text(response.data, fmt)
    return texts


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("locale", EDITIONS)
def test_edition_states_the_total_in_its_own_words(
    editions: dict[tuple[str, str], str], locale: str, fmt: str
) -> None:
    text = editions[(locale, fmt)]
    expected = EDITIONS[locale]
    assert compact(expected["words"]) in text
    assert compact(expected["money"]) in text.replace("\u00a0", "")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("locale", EDITIONS)
def test_edition_writes_dates_and_headings_its_own_way(
    editions: dict[tuple[str, str], str], locale: str, fmt: str
) -> None:
    text = editions[(locale, fmt)]
    assert compact(EDITIONS[locale]["deadline"]) in text
    for heading in EDITIONS[locale]["headings"]:
        assert compact(heading) in text, heading


def test_traditional_editions_use_traditional_characters(
    editions: dict[tuple[str, str], str],
) -> None:
    for locale in ("zh-HK", "zh-TW"):
        text = editions[(locale, "pdf")]
        assert "條" in text and "条" not in text.replace("北京示例", "")


def test_english_edition_glosses_the_statute(editions: dict[tuple[str, str], str]) -> None:
    text = editions[("en-GB", "pdf")]
    assert compact("Civil Code") in text
    assert "《中华人民共和国民法典》" in text


def test_locale_is_negotiated_from_accept_language(client: Any, example: Any) -> None:
    body = {**example(), "format": "docx"}
    del body["locale"]
    response = client.post("/v1/previews", json=body, headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert response.status_code == 200
    assert compact("Letter of Demand") in document_text(response.data, "docx")


def test_every_edition_sets_its_language(client: Any, example: Any) -> None:
    for locale in EDITIONS:
        body = {**example(), "locale": locale, "format": "html"}
        html = client.post("/v1/previews", json=body).get_data(as_text=True)
        assert f'<html lang="{locale}">' in html
