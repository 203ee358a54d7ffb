"""Findings of the adversarial review about input: invisible characters, odd parameters."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from security_support import DOCX_MEDIA_TYPE, assert_problem


@pytest.mark.parametrize(
    ("field", "text", "code_point"),
    [
        (("creditor", "name"), "某某小额贷款有限公司\ufffe", "U+FFFE"),
        (("law_firm", "name"), "某某律师事务所\uffff", "U+FFFF"),
        (("debtor", "name"), "张\u200b三", "U+200B"),
        (("debtor", "address"), "\u3164北京市", "U+3164"),
    ],
)
def test_invisible_characters_are_refused_by_code_point_and_path(
    client: Any, example: Any, field: tuple[str, str], text: str, code_point: str
) -> None:
    body = {**example("lawyer_letter"), "format": "docx"}
    section, name = field
    body["case"][section][name] = text
    if field == ("creditor", "name"):  # the repayment account must be the creditor's own
        body["case"]["repayment"]["account"]["name"] = text
    for endpoint in ("/v1/documents", "/v1/previews"):
        response = client.post(endpoint, json=body, headers={"Accept": DOCX_MEDIA_TYPE})
        problem = assert_problem(response, 422)
        messages = problem["errors"][f"case.{section}.{name}"]
        assert any(code_point in message for message in messages), messages


@pytest.mark.parametrize("value", ["²", "①", "１０", "٣", "10²", "-1", "1e2", " 5", "9" * 40])
@pytest.mark.parametrize(
    "url", ["/v1/cases/C-2025-000123/documents?limit={}", "/v1/audit/events?after={}"]
)
def test_query_integers_take_ascii_digits_only(client: Any, url: str, value: str) -> None:
    problem = assert_problem(client.get(url.format(quote(value))), 400)
    assert problem["errors"]


HOSTILE_PARAMETERS = [
    ("/v1/documents/{}", 404),
    ("/v1/documents/{}/content", 404),
    ("/v1/documents/{}/verification", 404),
    ("/v1/cases/{}/documents", 400),
    ("/v1/cases/C-2025-000123/documents?document_type={}", 400),
    ("/v1/cases/C-2025-000123/documents?cursor={}", 400),
    ("/templates/{}/zh-CN/versions", 404),
    ("/templates/dunning_letter/{}/versions", 404),
]


HOSTILE_VALUES = ("\x00", "a\x00b", "..", ".", "张三", "x" * 300, "%", "'")


@pytest.mark.parametrize(("url", "status"), HOSTILE_PARAMETERS)
def test_path_and_query_parameters_are_checked_before_the_database(
    issuer: Any, url: str, status: int
) -> None:
    for value in HOSTILE_VALUES:
        assert_problem(issuer.get(url.format(quote(value, safe=""))), status)
