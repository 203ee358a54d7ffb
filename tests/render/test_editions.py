"""Free text reaches the reader in the edition's language, in PDF and DOCX alike.

English: the payload's i18n.en, else the template's English wording; registered Chinese names
keep their form, with the English beside them when given, else a note says so once.
Traditional: i18n.zh-Hant, else OpenCC; registered names keep their form and the note says so.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.support import compact, document_text

ENGLISH_READER = Path(__file__).resolve().parents[1] / "fixtures" / "editions"
CJK = re.compile(r"[\u3400-\u9fff]+")
NOTE_EN = "Names of persons and bodies, addresses and reference numbers are given in the registered"
COSTS_CLAIM = {
    "en-GB": "An order that you pay the costs of the proceedings",
    "en-US": "An order that you bear the court costs of this case",
}
NOTE_HANT = "其登記之簡體中文原文列明"


def english_reader() -> dict[str, Any]:
    path = ENGLISH_READER / "litigation_notice_english_reader.json"
    return json.loads(path.read_text("utf-8"))


def render(client: Any, body: dict[str, Any], locale: str, fmt: str) -> str:
    response = client.post("/v1/previews", json={**body, "locale": locale, "format": fmt})
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return document_text(response.data, fmt)


def registered_names(case: dict[str, Any]) -> list[str]:
    """Return the registered Chinese names the English reader's case prints."""
    return [
        case["creditor"]["name"],
        case["creditor"]["address"],
        case["debtor"]["name"],
        case["debtor"]["address"],
        case["repayment"]["account"]["bank"],
        case["contact"]["name"],
        case["litigation"]["court"],
        case["letter_number"],
    ]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_an_english_reader_gets_english_and_names_as_registered(client: Any, fmt: str) -> None:
    body = english_reader()
    case = body["case"]
    text = render(client, body, "en-GB", fmt)
    litigation = case["litigation"]["i18n"]["en"]
    for english in (
        *litigation["claims"],
        *case["repayment"]["i18n"]["en"]["channels"],
        case["contact"]["i18n"]["en"]["hours"],
        "北京市朝阳区人民法院 (Beijing Chaoyang District People’s Court)",
        "北京示例消费金融有限公司 (Beijing Example Consumer Finance Co., Ltd.)",
        "To: 张三 (Zhang San)",
    ):
        assert compact(english) in text
    for chinese in (*case["litigation"]["claims"], *case["repayment"]["channels"]):
        assert compact(chinese) not in text
    assert compact("工作日") not in text
    assert compact(NOTE_EN) not in text  # every name has its English
    # the only Chinese left: registered names (each followed by its English), the statutes'
    # titles, terms the template glosses in English before them, and the specimen mark
    names = compact("".join(registered_names(case)))
    for run in CJK.findall(text):
        glossed = _glossed(run, text)
        assert run in names or run in "样稿" or _in_statute_title(run, text) or glossed, run


def _glossed(run: str, text: str) -> bool:
    """Tell whether a Chinese run only occurs as "(…)" right after the English it names."""
    return all(
        m.start() > 0 and text[m.start() - 1] == "(" and text[max(0, m.start() - 2)].isascii()
        for m in re.finditer(re.escape(run), text)
    )


def _in_statute_title(run: str, text: str) -> bool:
    """Tell whether a Chinese run only occurs inside 《…》, a statute's Chinese title."""
    return all(
        "《" in text[max(0, m.start() - 40) : m.start()] for m in re.finditer(re.escape(run), text)
    )


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("locale", ["en-GB", "en-US"])
def test_an_english_edition_without_i18n_uses_its_own_wording(
    client: Any, examples: dict[str, Any], locale: str, fmt: str
) -> None:
    text = render(client, examples["litigation_notice"], locale, fmt)
    assert compact("Working days 9:00–18:00 (Beijing time)") in text
    assert compact(COSTS_CLAIM[locale]) in text
    assert compact("判令被告") not in text and compact("对公转账") not in text
    assert (
        compact("quoting the loan contract number") in text
        or compact("stating the loan contract number") in text
    )
    assert text.count(compact("reference numbers are given in the registered Chinese")) == 1


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize(
    ("locale", "claim", "channel"),
    [
        (
            "zh-HK",
            "判令被告償還借款本金人民幣12,345.67元及利息",
            "對公轉賬至上述賬户，附言註明合同編號",
        ),
        (
            "zh-TW",
            "判令被告償還借款本金人民幣12,345.67元及利息",
            "對公轉賬至上述賬戶，附言註明合同編號",
        ),
    ],
)
def test_a_traditional_edition_converts_free_text_and_flags_registered_names(
    client: Any, examples: dict[str, Any], locale: str, claim: str, channel: str, fmt: str
) -> None:
    body = json.loads(json.dumps(examples["litigation_notice"]))
    # a claim as precise as the template's own (it names the principal), so it is printed
    body["case"]["litigation"]["claims"][0] = "判令被告偿还借款本金人民币12,345.67元及利息"
    text = render(client, body, locale, fmt)
    assert compact(claim) in text
    assert compact(channel) in text
    assert compact("判令被告偿还") not in text
    assert text.count(NOTE_HANT) == 1
    assert compact("北京示例消费金融有限公司") in text  # the registered form, as the note says


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_traditional_edition_prints_the_given_traditional_names(
    client: Any, examples: dict[str, Any], fmt: str
) -> None:
    body = json.loads(json.dumps(examples["dunning_letter"]))
    case = body["case"]
    case["creditor"]["i18n"] = {"zh-Hant": {"name": "北京示例消費金融有限公司"}}
    case["repayment"]["account"]["i18n"] = {
        "zh-Hant": {"name": "北京示例消費金融有限公司", "bank": "中國示例銀行北京建國路支行"}
    }
    case["contact"]["i18n"] = {"zh-Hant": {"name": "貸後管理部 王芳"}}
    case["debtor"]["i18n"] = {
        "zh-Hant": {"name": "張三", "address": "北京市海澱區中關村大街1號院3號樓502室"}
    }
    case["creditor"]["i18n"]["zh-Hant"]["address"] = "北京市朝陽區建國路88號示例大廈12層"
    case["delivery"]["i18n"]["zh-Hant"] = {"carrier": "順豐速運"}
    if case.get("letter_number"):
        case["i18n"] = {"zh-Hant": {"letter_number": case["letter_number"]}}
    text = render(client, body, "zh-HK", fmt)
    assert compact("中國示例銀行北京建國路支行") in text
    assert compact("北京示例消费金融有限公司") not in text
    assert NOTE_HANT not in text
