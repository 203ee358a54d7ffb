"""Delivery, enclosures and the calculation basis: what a case may say, and the 422s it gets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

CALCULATION = "case.arrears.calculation"


def interest_row(**changes: Any) -> dict[str, Any]:
    row = {
        "item": "interest",
        "base": "12345.67",
        "rate": "0.1440",
        "from": "2024-12-15",
        "to": "2025-03-07",
        "amount": "823.45",
    }
    row.update(changes)
    return row


def test_the_samples_load_with_their_new_parts(example, load):
    case = load(example("dunning_letter"))["case"]
    assert case["delivery"]["method"] == "courier"
    assert case["enclosures"][0]["pages"] == 8
    rows = case["arrears"]["calculation"]
    assert rows[0]["from"].isoformat() == "2024-09-15"  # "from" keeps its name
    assert sum(r["amount"] for r in rows if r["item"] == "interest") == Decimal("823.45")


@pytest.mark.parametrize(
    ("delivery", "path", "message"),
    [
        ({"method": "ems"}, "tracking_number", "required when delivery.method is ems"),
        ({"method": "registered_mail"}, "tracking_number", "required when"),
        ({"method": "courier", "tracking_number": "SF1"}, "carrier", "required when"),
        ({"method": "email"}, "email", "required when delivery.method is email"),
        ({"method": "email", "email": "not an address"}, "email", "Not a valid email"),
        (
            {"method": "email", "email": "a@example.com", "tracking_number": "EA1"},
            "tracking_number",
            "not used when delivery.method is email",
        ),
        (
            {"method": "ems", "tracking_number": "EA1", "email": "a@example.com"},
            "email",
            "not used when",
        ),
        ({"method": "sms_link", "address": "北京市"}, "address", "not used when"),
        ({"method": "ems", "tracking_number": "EA 1"}, "tracking_number", "tracking number"),
        ({"method": "fax"}, "method", "must be one of"),
        ({"method": "ems", "tracking_number": "EA1", "sent_on": "2025-3-7"}, "sent_on", "YYYY"),
        ({"method": "ems", "tracking_number": "EA1", "colour": "red"}, "colour", "Unknown field"),
        (
            {"method": "ems", "tracking_number": "EA1", "i18n": {"fr": {"address": "x"}}},
            "i18n.fr",
            "not a supported language",
        ),
    ],
)
def test_delivery_needs_what_its_method_prints(example, errors, delivery, path, message):
    body = example("dunning_letter")
    body["case"]["delivery"] = delivery
    found = errors(body)
    assert message in " ".join(found[f"case.delivery.{path}"]), found


@pytest.mark.parametrize(
    ("sent_on", "message"),
    [
        ("2025-03-06", "must not be before issue_date"),
        ("2025-03-21", "must be before repayment.deadline"),
    ],
)
def test_a_letter_is_sent_between_its_date_and_its_deadline(example, errors, sent_on, message):
    body = example("dunning_letter")
    body["case"]["delivery"]["sent_on"] = sent_on
    assert errors(body) == {"case.delivery.sent_on": [message]}


def test_a_letter_sent_on_its_date_or_before_its_deadline_loads(example, load):
    for sent_on in ("2025-03-07", "2025-03-20"):
        body = example("dunning_letter")
        body["case"]["delivery"]["sent_on"] = sent_on
        assert load(body)["case"]["delivery"]["sent_on"].isoformat() == sent_on


def test_an_sms_link_needs_the_debtors_phone(example, errors):
    body = example("dunning_letter")
    body["case"]["delivery"] = {"method": "sms_link"}
    del body["case"]["debtor"]["phone"]
    assert errors(body) == {"case.debtor.phone": ["required when delivery.method is sms_link"]}


def test_a_calculation_that_does_not_add_up_names_the_item_and_both_figures(example, errors):
    body = example("dunning_letter")
    body["case"]["arrears"]["calculation"][0]["amount"] = "418.50"
    assert errors(body) == {
        CALCULATION: [
            "the interest rows of arrears.calculation sum to 823.44, but arrears.interest is 823.45"
        ]
    }


def test_every_part_that_does_not_add_up_is_named(example, errors):
    body = example("dunning_letter")
    body["case"]["arrears"]["calculation"] = [
        interest_row(amount="800.00"),
        interest_row(item="fees", amount="5.00"),
    ]
    found = errors(body)[CALCULATION]
    assert found == [
        "the interest rows of arrears.calculation sum to 800.00, but arrears.interest is 823.45",
        "the fees rows of arrears.calculation sum to 5.00, but arrears.fees is 0.00",
    ]


def test_a_calculation_may_explain_some_parts_only(example, load):
    body = example("dunning_letter")
    body["case"]["arrears"]["calculation"] = [interest_row()]
    assert len(load(body)["case"]["arrears"]["calculation"]) == 1


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        ({"item": "principal"}, "item", "must be one of: interest, penalty_interest, fees"),
        ({"from": "2025-03-08", "to": "2025-03-07"}, "to", "must not be before from"),
        ({"from": "2024-03-14"}, "from", "must not be before loan.contract_date"),
        ({"to": "2025-03-08"}, "to", "must not be after arrears.as_of"),
        ({"rate": "14.4"}, "rate", "between 0 and 1"),
        ({"base": "0"}, "base", "greater than 0"),
        ({"amount": "1.234"}, "amount", "2 decimal places"),
        ({"to": None}, "to", "Field may not be null"),
    ],
)
def test_a_bad_calculation_row_is_named(example, errors, change, path, message):
    body = example("dunning_letter")
    body["case"]["arrears"]["calculation"] = [interest_row(**change)]
    found = errors(body)
    assert message in " ".join(found[f"{CALCULATION}.0.{path}"]), found


def test_a_row_of_a_single_day_loads(example, load):
    body = example("dunning_letter")
    body["case"]["arrears"]["calculation"] = [
        interest_row(amount="823.00"),
        interest_row(**{"from": "2025-03-07", "amount": "0.45"}),
    ]
    assert len(load(body)["case"]["arrears"]["calculation"]) == 2


@pytest.mark.parametrize(
    ("enclosures", "path", "message"),
    [
        ([], "case.enclosures", "must have 1 to 20 items"),
        ([{"pages": 3}], "case.enclosures.0.title", "Missing data"),
        ([{"title": "借款合同", "pages": 0}], "case.enclosures.0.pages", "between 1 and 9999"),
        ([{"title": "借款合同", "pages": "3"}], "case.enclosures.0.pages", "Not a valid integer"),
        ([{"title": " 借款合同"}], "case.enclosures.0.title", "whitespace"),
        (
            [{"title": "借款合同", "i18n": {"ja": {"title": "x"}}}],
            "case.enclosures.0.i18n.ja",
            "not a supported language",
        ),
    ],
)
def test_bad_enclosures_are_named(example, errors, enclosures, path, message):
    body = example("dunning_letter")
    body["case"]["enclosures"] = enclosures
    found = errors(body)
    assert message in " ".join(found[path]), found


@pytest.mark.parametrize("option", ["reply_slip", "credit_report_notice"])
def test_options_are_booleans(example, errors, option):
    body = example("dunning_letter")
    body["case"]["options"][option] = "yes"
    assert errors(body) == {f"case.options.{option}": ["Not a valid boolean."]}


def test_an_agreement_drops_what_only_a_letter_prints(example, load):
    body = example("repayment_agreement")
    body["case"]["delivery"] = {"method": "ems", "tracking_number": "EA1"}
    body["case"]["options"] = {"reply_slip": True, "credit_report_notice": True}
    case = load(body)["case"]
    assert "delivery" not in case
    assert case["options"] == {"mask_personal_data": False}
    assert case["enclosures"][0]["title"] == "原借款合同复印件"
