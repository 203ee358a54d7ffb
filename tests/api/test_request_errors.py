"""Bad requests get a clear problem+json naming the field, never a 500."""

from __future__ import annotations

import json
from typing import Any

import pytest

PROBLEM = "application/problem+json"


def post(client: Any, body: Any, **kwargs: Any) -> Any:
    return client.post("/v1/previews", json=body, **kwargs)


def assert_field_error(response: Any, path: str, fragment: str = "") -> None:
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    problem = response.get_json()
    assert problem["status"] == 422
    assert problem["type"].endswith("/problems/validation")
    assert path in problem["errors"], problem["errors"]
    assert fragment in " ".join(problem["errors"][path])


def test_wrong_check_digit_names_the_id_field(client: Any, example: Any) -> None:
    body = example()
    body["case"]["debtor"]["id_number"] = "110105198503075419"
    assert_field_error(post(client, body), "case.debtor.id_number", "check digit")


def test_wrong_uscc_check_character(client: Any, example: Any) -> None:
    body = example()
    body["case"]["creditor"]["uscc"] = "91110105MA01ABCD14"
    assert_field_error(post(client, body), "case.creditor.uscc")


def test_total_must_equal_the_sum_of_its_parts(client: Any, example: Any) -> None:
    body = example()
    body["case"]["arrears"]["total"] = "13580.24"
    assert_field_error(post(client, body), "case.arrears.total", "expected 13580.23")


def test_json_numbers_are_exact_decimals(client: Any, example: Any) -> None:
    body = example()
    arrears = body["case"]["arrears"]
    arrears.update(principal="@P", interest="@I", penalty_interest="0.00", fees="0.00", total="@T")
    del arrears["calculation"]  # it explains the sample's own figures
    raw = json.dumps(body)
    for marker, number in (("@P", "0.1"), ("@I", "0.2"), ("@T", "0.3")):
        raw = raw.replace(f'"{marker}"', number)  # JSON numbers, not strings
    response = client.post("/v1/previews", data=raw, content_type="application/json")
    assert response.status_code == 200, response.get_data(as_text=True)


def test_more_than_two_decimals_is_refused(client: Any, example: Any) -> None:
    body = example()
    body["case"]["arrears"]["fees"] = "0.001"
    assert_field_error(post(client, body), "case.arrears.fees")


def test_negative_amount_is_refused(client: Any, example: Any) -> None:
    body = example()
    body["case"]["arrears"]["fees"] = "-1.00"
    assert_field_error(post(client, body), "case.arrears.fees")


def test_deadline_must_follow_issue_date(client: Any, example: Any) -> None:
    body = example()
    body["case"]["repayment"]["deadline"] = "2025-03-01"
    assert_field_error(post(client, body), "case.repayment.deadline")


def test_account_must_belong_to_the_creditor(client: Any, example: Any) -> None:
    body = example()
    body["case"]["repayment"]["account"]["name"] = "王某某"
    assert_field_error(post(client, body), "case.repayment.account.name", "creditor")


def test_unknown_keys_are_refused_at_their_path(client: Any, example: Any) -> None:
    body = example()
    body["case"]["debtor"]["nickname"] = "小张"
    assert_field_error(post(client, body), "case.debtor.nickname", "Unknown field")


def test_lawyer_letter_requires_the_law_firm(client: Any, example: Any) -> None:
    body = example("lawyer_letter")
    del body["case"]["law_firm"]
    response = post(client, body)
    assert response.status_code == 422
    assert any(key.startswith("case.law_firm") for key in response.get_json()["errors"])


def test_instalments_must_sum_to_the_agreed_total(client: Any, example: Any) -> None:
    body = example("repayment_agreement")
    body["case"]["agreement"]["installments"][0]["amount"] = "3169.13"
    assert_field_error(post(client, body), "case.agreement.total")


def test_control_characters_are_refused(client: Any, example: Any) -> None:
    body = example()
    body["case"]["debtor"]["name"] = "张\u0007三"
    assert_field_error(post(client, body), "case.debtor.name", "control")


def test_unknown_document_type_lists_the_accepted_ones(client: Any, example: Any) -> None:
    body = example()
    body["document_type"] = "subpoena"
    assert_field_error(post(client, body), "document_type", "dunning_letter")


def test_unknown_format_lists_the_accepted_ones(client: Any, example: Any) -> None:
    body = example()
    body["format"] = "odt"
    assert_field_error(post(client, body), "format", "pdf")


def test_unknown_locale_lists_the_supported_ones(client: Any, example: Any) -> None:
    body = example()
    body["locale"] = "fr-FR"
    assert_field_error(post(client, body), "locale", "zh-CN")


def test_missing_locale_is_negotiated_from_accept_language(client: Any, example: Any) -> None:
    body = example()
    del body["locale"]
    response = post(client, body, headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert response.status_code == 200


def test_missing_locale_without_a_usable_accept_language_is_a_422(
    client: Any, example: Any
) -> None:
    body = example()
    del body["locale"]
    assert_field_error(post(client, body, headers={"Accept-Language": "fr-FR"}), "locale", "zh-CN")


def test_malformed_json_is_a_400(client: Any) -> None:
    response = client.post("/v1/previews", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.mimetype == PROBLEM


def test_deeply_nested_json_is_a_400(client: Any) -> None:
    raw = "[" * 50_000 + "]" * 50_000
    response = client.post("/v1/previews", data=raw, content_type="application/json")
    assert response.status_code in (400, 413)
    assert response.mimetype == PROBLEM


def test_invalid_utf8_is_a_400(client: Any) -> None:
    response = client.post("/v1/previews", data=b'{"a": "\xff"}', content_type="application/json")
    assert response.status_code == 400
    assert response.mimetype == PROBLEM


def test_wrong_media_type_is_a_415(client: Any, example: Any) -> None:
    response = client.post("/v1/previews", data=json.dumps(example()), content_type="text/plain")
    assert response.status_code == 415
    assert response.mimetype == PROBLEM


def test_oversized_body_is_a_413(client: Any) -> None:
    raw = json.dumps({"padding": "x" * 300_000})
    response = client.post("/v1/previews", data=raw, content_type="application/json")
    assert response.status_code == 413
    assert response.mimetype == PROBLEM


def test_unknown_path_is_a_problem_404(client: Any) -> None:
    response = client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.mimetype == PROBLEM


@pytest.mark.parametrize("method", ["put", "delete"])
def test_wrong_method_is_a_problem_405(client: Any, method: str) -> None:
    response = getattr(client, method)("/v1/previews")
    assert response.status_code == 405
    assert response.mimetype == PROBLEM
