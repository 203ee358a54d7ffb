"""Delivery, enclosures and the calculation basis through the API: records, samples, 422s."""

from __future__ import annotations

from typing import Any

import pytest

from schemas.catalogue import DOCUMENT_TYPES


def test_the_record_says_how_the_letter_was_delivered(app: Any, example: Any) -> None:
    client = app.test_client()
    body = example("lawyer_letter")
    created = client.post("/v1/documents", json=body)
    assert created.status_code == 201, created.get_data(as_text=True)[:300]
    delivery = {"method": "ems", "tracking_number": "EA123456789CN"}
    assert created.get_json()["delivery"] == delivery
    record = client.get(created.headers["Location"]).get_json()
    assert record["delivery"] == delivery
    listed = client.get(f"/v1/cases/{body['case']['case_id']}/documents").get_json()
    assert listed["documents"][0]["delivery"] == delivery


def test_a_record_without_delivery_has_no_delivery_key(app: Any, example: Any) -> None:
    body = example("dunning_letter")
    del body["case"]["delivery"]
    created = app.test_client().post("/v1/documents", json=body)
    assert created.status_code == 201
    assert "delivery" not in created.get_json()


@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_every_sample_case_shows_the_new_parts(client: Any, document_type: str) -> None:
    sample = client.get(f"/v1/templates/{document_type}/zh-CN").get_json()["sample_case"]
    assert sample["enclosures"][0]["title"]
    assert {row["item"] for row in sample["arrears"]["calculation"]} == {
        "interest",
        "penalty_interest",
    }
    if document_type != "repayment_agreement":
        assert sample["delivery"]["method"] in {"ems", "registered_mail", "courier"}
        assert sample["options"] == {"reply_slip": False, "credit_report_notice": False}


def test_an_english_edition_needs_an_english_enclosure_title(client: Any, example: Any) -> None:
    body = example("dunning_letter")
    body["locale"] = "en-GB"
    del body["case"]["enclosures"][1]["i18n"]
    response = client.post("/v1/previews", json=body)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    errors = response.get_json()["errors"]
    assert list(errors) == ["case.enclosures.1.title"]
    assert "case.enclosures.1.i18n.en.title" in errors["case.enclosures.1.title"][0]


def test_an_enclosure_title_already_in_english_needs_no_translation(
    render: Any, example: Any
) -> None:
    body = example("dunning_letter")
    body["locale"] = "en-US"
    body["case"]["enclosures"] = [{"title": "Loan contract (copy)", "pages": 2}]
    assert b"%PDF" in render(body, "pdf").data[:8]


def test_a_calculation_that_does_not_add_up_is_a_422_and_no_record(app: Any, example: Any) -> None:
    client = app.test_client()
    body = example("litigation_notice")
    body["case"]["arrears"]["calculation"][-1]["amount"] = "564.59"
    response = client.post("/v1/documents", json=body)
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "case.arrears.calculation": [
            "the penalty_interest rows of arrears.calculation sum to 564.59, "
            "but arrears.penalty_interest is 564.60"
        ]
    }
    listed = client.get(f"/v1/cases/{body['case']['case_id']}/documents").get_json()
    assert listed["documents"] == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("enclosures.0.title", "逾期不还将报警抓人并追究刑事责任"),
        ("delivery.address", "我们会上门找你的家人和单位"),
        ("enclosures.0.i18n.en.title", "we will have you arrested"),
    ],
)
def test_hostile_text_in_the_new_parts_is_refused(
    client: Any, example: Any, path: str, value: str
) -> None:
    body = example("lawyer_letter")
    node: Any = body["case"]
    steps = path.split(".")
    for step in steps[:-1]:
        node = node[int(step)] if step.isdigit() else node[step]
    node[steps[-1]] = value
    response = client.post("/v1/documents", json=body)
    assert response.status_code == 422
    problem = response.get_json()
    assert problem["type"].endswith("/problems/compliance"), problem
    assert f"case.{path}" in {v["path"] for v in problem["violations"]}


def test_the_calculation_message_follows_accept_language(client: Any, example: Any) -> None:
    body = example("dunning_letter")
    body["case"]["arrears"]["calculation"][0]["amount"] = "418.50"
    response = client.post("/v1/previews", json=body, headers={"Accept-Language": "zh-CN"})
    assert response.get_json()["errors"] == {
        "case.arrears.calculation": [
            "arrears.calculation 中 interest 各行合计 823.44，但 arrears.interest 为 823.45"
        ]
    }
