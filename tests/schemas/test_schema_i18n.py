"""`i18n` carries an object's printed text per language; anything else is a 422 at its path."""

from __future__ import annotations

from typing import Any

import pytest

from doc_service.render.editions import REGISTERED, TEXTS
from schemas.printed import text_fields

PROBLEM = "application/problem+json"


def refused(response: Any) -> dict[str, list[str]]:
    """Assert a validation problem and return its errors."""
    assert response.status_code == 422, response.get_data(as_text=True)[:300]
    assert response.mimetype == PROBLEM
    problem = response.get_json()
    assert problem["type"].endswith("/problems/validation")
    return problem["errors"]


def test_translations_load_as_given(example, load):
    body = example("litigation_notice")
    body["case"]["litigation"]["i18n"] = {
        "en": {"court": "Beijing Chaoyang District People’s Court"},
        "zh-Hant": {"claims": ["判令被告償還借款本金及利息、逾期利息", "判令被告承擔本案訴訟費用"]},
    }
    litigation = load(body)["case"]["litigation"]
    assert litigation["i18n"]["en"] == {"court": "Beijing Chaoyang District People’s Court"}
    assert len(litigation["i18n"]["zh-Hant"]["claims"]) == 2


@pytest.mark.parametrize(
    ("path", "i18n", "where", "message"),
    [
        (
            "creditor",
            {"fr": {"name": "x"}},
            "case.creditor.i18n.fr",
            "not a supported language: use en or zh-Hant",
        ),
        ("debtor", {"en": {"id_number": "x"}}, "case.debtor.i18n.en.id_number", "Unknown field."),
        ("contact", {"en": {"hours": ""}}, "case.contact.i18n.en.hours", "must not be blank"),
        (
            "repayment",
            {"en": {"channels": ["App"]}},
            "case.repayment.i18n.en.channels",
            "must have 2 items, one for each item it translates",
        ),
    ],
)
def test_bad_translations_name_their_path(client, example, path, i18n, where, message):
    body = example("litigation_notice")
    body["case"][path]["i18n"] = i18n
    errors = refused(client.post("/v1/previews", json=body))
    assert errors == {where: [message]}


def test_unsupported_language_is_translated_for_chinese_readers(client, example):
    body = example()
    body["case"]["creditor"]["i18n"] = {"ja": {"name": "x"}}
    errors = refused(client.post("/v1/previews", json=body, headers={"Accept-Language": "zh"}))
    assert errors == {"case.creditor.i18n.ja": ["不支持的语言：请使用 en 或 zh-Hant"]}


def test_an_english_edition_refuses_chinese_hours_it_cannot_phrase(client, example):
    body = example("litigation_notice")
    body["case"]["contact"]["hours"] = "周二上午9:00至11:00"
    body["format"] = "pdf"
    assert client.post("/v1/previews", json=body).status_code == 200  # zh-CN prints it
    errors = refused(client.post("/v1/documents", json={**body, "locale": "en-GB"}))
    assert errors == {
        "case.contact.hours": [
            "the en-GB edition cannot print this Chinese text: "
            "give its English in case.contact.i18n.en.hours"
        ]
    }
    zh = client.post(
        "/v1/documents", json={**body, "locale": "en-US"}, headers={"Accept-Language": "zh"}
    )
    assert "case.contact.i18n.en.hours" in refused(zh)["case.contact.hours"][0]
    body["case"]["contact"]["i18n"] = {"en": {"hours": "Tuesday, 9:00 to 11:00 (Beijing time)"}}
    assert client.post("/v1/previews", json={**body, "locale": "en-GB"}).status_code == 200


def test_every_translatable_key_has_an_edition_rule():
    """A key added to some i18n must also say how editions print it (registered or text)."""
    translated = [path for path, _ in text_fields() if "i18n.en." in path]
    assert translated
    for path in translated:
        owner, key = path.rsplit("i18n.en.", 1)
        owner, key = owner.rstrip("."), key.removesuffix(".*")
        assert key in REGISTERED.get(owner, ()) + TEXTS.get(owner, ()), path
