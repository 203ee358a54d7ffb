"""Per-section rules: repayment account, loan terms, law firm, litigation, agreement."""

from __future__ import annotations

import datetime as dt

import pytest


def test_account_must_be_the_creditors(example, put, errors):
    body = put(example(), "case.repayment.account.name", "王五")
    assert errors(body) == {
        "case.repayment.account.name": ["must be the creditor's own account (creditor.name)"]
    }


@pytest.mark.parametrize("count", [0, 11])
def test_channels_are_one_to_ten(example, put, load, errors, count):
    load(put(example(), "case.repayment.channels", ["App"] * 10))
    body = put(example(), "case.repayment.channels", ["App"] * count)
    assert errors(body) == {"case.repayment.channels": ["must have 1 to 10 items"]}


def test_channel_items_are_text(example, put, errors):
    body = put(example(), "case.repayment.channels", ["App", "\u202e转账"])
    assert errors(body) == {"case.repayment.channels.1": ["contains control characters"]}


@pytest.mark.parametrize("value", [0, 601, 601.0, "12", 12.5, True])
def test_term_months(example, put, errors, value):
    # an integral JSON number is an integer, as in JSON Schema (the OpenAPI description)
    message = "must be between 1 and 600" if value in (0, 601) else "Not a valid integer."
    assert errors(put(example(), "case.loan.term_months", value)) == {
        "case.loan.term_months": [message]
    }


@pytest.mark.parametrize(("days", "ok"), [(0, False), (1, True), (90, True), (91, False)])
def test_reply_days(example, put, load, errors, days, ok):
    body = put(example("lawyer_letter"), "case.law_firm.reply_days", days)
    if ok:
        assert load(body)["case"]["law_firm"]["reply_days"] == days
    else:
        assert errors(body) == {"case.law_firm.reply_days": ["must be between 1 and 90"]}


@pytest.mark.parametrize("count", [0, 11])
def test_lawyers_are_one_to_ten(example, put, errors, count):
    lawyer = {"name": "陈律", "license_number": "11101201810123456"}
    body = put(example("lawyer_letter"), "case.law_firm.lawyers", [lawyer] * count)
    assert errors(body) == {"case.law_firm.lawyers": ["must have 1 to 10 items"]}


def test_jurisdiction_basis_is_a_choice(example, put, errors):
    body = put(example("litigation_notice"), "case.litigation.jurisdiction_basis", "convenience")
    assert errors(body) == {
        "case.litigation.jurisdiction_basis": [
            "must be one of: contract_agreement, defendant_domicile, place_of_performance, "
            "internet_court"
        ]
    }


@pytest.mark.parametrize("count", [0, 21])
def test_claims_are_one_to_twenty(example, put, errors, count):
    body = put(example("litigation_notice"), "case.litigation.claims", ["判令被告还款"] * count)
    assert errors(body) == {"case.litigation.claims": ["must have 1 to 20 items"]}


def test_claims_are_bounded_text(example, put, errors):
    body = put(example("litigation_notice"), "case.litigation.claims.1", "诉" * 501)
    assert errors(body) == {"case.litigation.claims.1": ["must be at most 500 characters"]}


def test_instalments_must_sum_to_the_total(example, put, errors):
    body = put(example("repayment_agreement"), "case.agreement.installments.4.amount", "2500.01")
    assert errors(body) == {
        "case.agreement.total": ["expected 13169.13 = sum of installments[].amount"]
    }


def test_instalments_are_at_most_360(example, put, errors):
    start = dt.date(2025, 4, 15)
    items = [
        {"due_date": (start + dt.timedelta(days=i)).isoformat(), "amount": "1.00"}
        for i in range(361)
    ]
    body = put(example("repayment_agreement"), "case.agreement.installments", items)
    put(body, "case.agreement.total", "361.00")
    assert errors(body) == {"case.agreement.installments": ["must have 1 to 360 items"]}


def test_instalments_are_at_least_one(example, put, errors):
    body = put(example("repayment_agreement"), "case.agreement.installments", [])
    assert errors(body) == {"case.agreement.installments": ["must have 1 to 360 items"]}


def test_one_bad_instalment_does_not_misplace_order_errors(example, put, errors):
    body = put(example("repayment_agreement"), "case.agreement.installments.1", None)
    assert errors(body) == {"case.agreement.installments.1": ["Field may not be null."]}


def test_agreed_total_within_arrears(example, put, errors):
    body = example("repayment_agreement")
    put(body, "case.agreement.total", "13761.51")
    put(body, "case.agreement.installments.0.amount", "3761.51")
    assert errors(body) == {"case.agreement.total": ["must not exceed arrears.total (13761.50)"]}


@pytest.mark.parametrize(("item", "limit"), [("penalty_interest", "592.38"), ("fees", "0.00")])
def test_waivers_within_arrears_items(example, put, errors, item, limit):
    body = put(example("repayment_agreement"), f"case.agreement.waived.{item}", "592.39")
    assert errors(body) == {
        f"case.agreement.waived.{item}": [f"must not exceed arrears.{item} ({limit})"]
    }


@pytest.mark.parametrize("days", [0, 366])
def test_acceleration_after_days(example, put, errors, days):
    body = put(example("repayment_agreement"), "case.agreement.acceleration_after_days", days)
    assert errors(body) == {"case.agreement.acceleration_after_days": ["must be between 1 and 365"]}


def test_dispute_resolution_is_a_choice(example, put, load, errors):
    load(put(example("repayment_agreement"), "case.agreement.dispute_resolution", "arbitration"))
    body = put(example("repayment_agreement"), "case.agreement.dispute_resolution", "forum")
    assert errors(body) == {
        "case.agreement.dispute_resolution": ["must be one of: court, arbitration"]
    }


def test_forum_is_bounded_text(example, put, errors):
    body = put(example("repayment_agreement"), "case.agreement.forum", "院" * 101)
    assert errors(body) == {"case.agreement.forum": ["must be at most 100 characters"]}


def test_arbitration_must_name_its_commission(example, put, errors, load) -> None:
    body = put(example("repayment_agreement"), "case.agreement.dispute_resolution", "arbitration")
    del body["case"]["agreement"]["forum"]
    assert "case.agreement.forum" in errors(body)
    put(body, "case.agreement.forum", "北京仲裁委员会")
    assert load(body)["case"]["agreement"]["forum"] == "北京仲裁委员会"
