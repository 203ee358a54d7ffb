"""Dates: strict YYYY-MM-DD, and the order the dates of a case must follow."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.mark.parametrize(
    "value", ["2025-3-7", "2025/03/07", "20250307", "2025-03-07T00:00:00", "2025-03-07\n", 20250307]
)
def test_dates_are_strict_iso(example, put, errors, value):
    assert errors(put(example(), "case.loan.contract_date", value)) == {
        "case.loan.contract_date": ["must be a date as YYYY-MM-DD"]
    }


def test_dates_must_exist(example, put, errors):
    assert errors(put(example(), "case.loan.contract_date", "2024-02-30")) == {
        "case.loan.contract_date": ["Not a valid date."]
    }


def test_dates_load_as_dates(example, put, load):
    case = load(put(example(), "case.loan.contract_date", "2024-02-29"))["case"]
    assert case["loan"]["contract_date"] == dt.date(2024, 2, 29)


@pytest.mark.parametrize("deadline", ["2025-03-07", "2025-03-06"])
def test_deadline_after_issue_date(example, put, errors, deadline):
    assert errors(put(example(), "case.repayment.deadline", deadline)) == {
        "case.repayment.deadline": ["must be after issue_date"]
    }


def test_deadline_on_an_agreement_is_still_checked(example, put, errors):
    body = put(example("repayment_agreement"), "case.repayment.deadline", "2025-04-01")
    assert errors(body) == {"case.repayment.deadline": ["must be after issue_date"]}


def test_contract_date_not_after_issue_date(example, put, load, drop, errors):
    def without_calculation():  # its periods lie within the sample's own loan
        return drop(example(), "case.arrears.calculation")

    load(put(without_calculation(), "case.loan.contract_date", "2025-03-07"))
    assert errors(put(without_calculation(), "case.loan.contract_date", "2025-03-08")) == {
        "case.loan.contract_date": ["must not be after issue_date"]
    }


@pytest.mark.parametrize("maturity", ["2024-03-15", "2024-03-14"])
def test_maturity_after_contract_date(example, put, errors, maturity):
    assert errors(put(example(), "case.loan.maturity_date", maturity)) == {
        "case.loan.maturity_date": ["must be after loan.contract_date"]
    }


def test_arrears_as_of_not_after_issue_date(example, put, errors):
    body = put(example(), "case.arrears.as_of", "2025-03-08")
    put(body, "case.arrears.overdue_days", 83)
    assert errors(body) == {"case.arrears.as_of": ["must not be after issue_date"]}


def test_overdue_since_not_after_as_of(example, put, drop, errors):
    body = drop(
        put(example(), "case.arrears.overdue_since", "2025-03-08"), "case.arrears.overdue_days"
    )
    assert errors(body) == {"case.arrears.overdue_since": ["must not be after arrears.as_of"]}


@pytest.mark.parametrize("days", [81, 83, 0])
def test_overdue_days_match_the_dates(example, put, errors, days):
    assert errors(put(example(), "case.arrears.overdue_days", days)) == {
        "case.arrears.overdue_days": ["expected 82 = arrears.as_of - arrears.overdue_since"]
    }


def test_overdue_days_is_an_integer(example, put, errors):
    assert errors(put(example(), "case.arrears.overdue_days", "82")) == {
        "case.arrears.overdue_days": ["Not a valid integer."]
    }


@pytest.mark.parametrize("filing", ["2025-04-07", "2025-04-01"])
def test_filing_date_after_deadline(example, put, errors, filing):
    body = put(example("litigation_notice"), "case.litigation.intended_filing_date", filing)
    assert errors(body) == {
        "case.litigation.intended_filing_date": ["must be after repayment.deadline"]
    }


def test_first_instalment_not_before_issue_date(example, put, load, errors):
    load(
        put(example("repayment_agreement"), "case.agreement.installments.0.due_date", "2025-04-02")
    )
    body = put(
        example("repayment_agreement"), "case.agreement.installments.0.due_date", "2025-04-01"
    )
    assert errors(body) == {
        "case.agreement.installments.0.due_date": ["must not be before issue_date"]
    }


@pytest.mark.parametrize("due", ["2025-06-15", "2025-06-14"])
def test_instalment_dates_strictly_increase(example, put, errors, due):
    body = put(example("repayment_agreement"), "case.agreement.installments.3.due_date", due)
    assert errors(body) == {
        "case.agreement.installments.3.due_date": ["must be after installments.2.due_date"]
    }


def test_date_rules_still_run_beside_field_errors(example, put, errors):
    body = put(example(), "case.repayment.deadline", "2025-03-01")
    put(body, "case.debtor.phone", "not a phone")
    assert set(errors(body)) == {"case.repayment.deadline", "case.debtor.phone"}


def test_date_order_uses_the_defaulted_issue_date(example, drop, errors, monkeypatch):
    from schemas import clock

    monkeypatch.setattr(clock, "today", lambda: dt.date(2025, 3, 21))
    assert errors(drop(example(), "case.issue_date")) == {
        "case.repayment.deadline": ["must be after issue_date"]
    }
