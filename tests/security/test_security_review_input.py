"""Findings of the adversarial review about input: invisible characters, odd parameters."""

from __future__ import annotations

from typing import Any

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
