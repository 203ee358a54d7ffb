"""A specimen's compliance notes speak the specimen's language, whatever the response's."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import document_text

# The litigation notice of the examples has no earlier letter: the escalation rule fires.
NOTES = {
    "en-GB": "a litigation notice requires an earlier dunning letter or lawyer's letter",
    "en-US": "a litigation notice requires an earlier dunning letter or lawyer's letter",
    "zh-CN": "前须已向案件",
    "zh-HK": "前須已向案件",
    "zh-TW": "前須已向案件",
}


@pytest.mark.parametrize(
    ("locale", "asked", "fmt"),
    [
        ("en-GB", "zh-CN", "pdf"),
        ("en-GB", "zh-CN", "docx"),
        ("en-US", "zh-CN", "pdf"),
        ("zh-CN", "en", "pdf"),
        ("zh-HK", "en", "pdf"),
        ("zh-HK", "en", "docx"),
        ("zh-TW", "en", "docx"),
    ],
)
def test_the_banner_on_the_specimen_is_in_the_documents_language(
    client: Any, examples: dict[str, Any], locale: str, asked: str, fmt: str
) -> None:
    body = {**examples["litigation_notice"], "locale": locale, "format": fmt}
    response = client.post("/v1/previews", json=body, headers={"Accept-Language": asked})
    assert response.status_code == 200
    assert response.headers["X-Compliance-Rules"] == "escalation_order"
    text = document_text(response.data, fmt)
    assert NOTES[locale].replace(" ", "") in text
    other = NOTES["zh-CN" if locale.startswith("en") else "en-GB"].replace(" ", "")
    assert other not in text
