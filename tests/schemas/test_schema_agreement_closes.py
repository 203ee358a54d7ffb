"""A repayment agreement must account for every yuan of the arrears it settles."""

from __future__ import annotations

import pytest

GAP = (
    "agreement.total 10000.00 + agreement.waived 592.38 = 10592.38 leaves 3169.12 of "
    "arrears.total 13761.50 neither payable nor waived: state it in agreement.remainder "
    "(amount, treatment)"
)


def short_plan(body):
    """Cut the example's plan to 10,000.00 (four instalments of 2,500.00)."""
    agreement = body["case"]["agreement"]
    agreement["installments"] = agreement["installments"][1:]
    agreement["total"] = "10000.00"
    return body


def test_the_example_closes(example, load):
    agreement = load(example("repayment_agreement"))["case"]["agreement"]
    assert "remainder" not in agreement


def test_a_plan_that_leaves_a_gap_is_refused_naming_the_gap(example, errors):
    assert errors(short_plan(example("repayment_agreement"))) == {"case.agreement.total": [GAP]}


def test_dropping_the_waiver_opens_a_gap(example, drop, errors):
    found = errors(drop(example("repayment_agreement"), "case.agreement.waived"))
    assert list(found) == ["case.agreement.total"]
    assert "leaves 592.38 of arrears.total 13761.50" in found["case.agreement.total"][0]


@pytest.mark.parametrize(
    "remainder",
    [
        {"amount": "3169.12", "treatment": "waived"},
        {"amount": "3169.12", "treatment": "payable_after_plan", "due_date": "2025-09-15"},
    ],
)
def test_a_stated_remainder_closes_the_agreement(example, load, remainder):
    body = short_plan(example("repayment_agreement"))
    body["case"]["agreement"]["remainder"] = remainder
    loaded = load(body)["case"]["agreement"]["remainder"]
    assert str(loaded["amount"]) == "3169.12"
    assert loaded["treatment"] == remainder["treatment"]


def test_a_remainder_of_the_wrong_amount_is_refused(example, errors):
    body = short_plan(example("repayment_agreement"))
    body["case"]["agreement"]["remainder"] = {"amount": "3000.00", "treatment": "waived"}
    assert errors(body) == {
        "case.agreement.remainder.amount": [
            "expected 3169.12 = arrears.total - agreement.total - agreement.waived, not 3000.00"
        ]
    }


def test_more_than_the_arrears_is_refused(example, put, errors):
    body = put(example("repayment_agreement"), "case.agreement.waived.penalty_interest", "592.38")
    put(body, "case.agreement.installments.0.amount", "3169.13")
    put(body, "case.agreement.total", "13169.13")
    assert errors(body) == {
        "case.agreement.total": [
            "agreement.total 13169.13 + agreement.waived 592.38 = 13761.51 exceeds "
            "arrears.total 13761.50 by 0.01"
        ]
    }


def test_a_payable_remainder_needs_a_due_date_after_the_plan(example, errors):
    body = short_plan(example("repayment_agreement"))
    remainder = {"amount": "3169.12", "treatment": "payable_after_plan"}
    body["case"]["agreement"]["remainder"] = remainder
    assert list(errors(body)) == ["case.agreement.remainder.due_date"]
    remainder["due_date"] = "2025-08-15"
    assert errors(body) == {
        "case.agreement.remainder.due_date": ["must be after installments.3.due_date"]
    }


@pytest.mark.parametrize(
    ("remainder", "path"),
    [
        ({"amount": "3169.12", "treatment": "forgotten"}, "case.agreement.remainder.treatment"),
        ({"treatment": "waived"}, "case.agreement.remainder.amount"),
        (
            {"amount": "3169.12", "treatment": "waived", "due_date": "2025-09-15"},
            "case.agreement.remainder.due_date",
        ),
    ],
)
def test_bad_remainders_name_their_field(example, errors, remainder, path):
    body = short_plan(example("repayment_agreement"))
    body["case"]["agreement"]["remainder"] = remainder
    assert path in errors(body)
