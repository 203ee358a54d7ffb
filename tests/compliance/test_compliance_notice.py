"""Notice periods: time to pay, time for a law firm's addressee to reply, filing after deadline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from doc_service.compliance import check

NOTICE_TYPES = ("dunning_letter", "lawyer_letter", "litigation_notice")


def _check(case, document_type, policy, locale="en"):
    return check(case, document_type, policy, prior_documents=None, locale=locale)


@pytest.mark.parametrize("document_type", NOTICE_TYPES)
def test_deadline_exactly_seven_days_after_issue_passes(example_case, policy, document_type):
    case = example_case(document_type)
    case["repayment"]["deadline"] = case["issue_date"] + timedelta(days=7)
    case.get("litigation", {}).pop("intended_filing_date", None)
    assert _check(case, document_type, policy) == []


@pytest.mark.parametrize("document_type", NOTICE_TYPES)
def test_deadline_six_days_after_issue_fails(example_case, policy, document_type):
    case = example_case(document_type)
    case["repayment"]["deadline"] = case["issue_date"] + timedelta(days=6)
    [violation] = _check(case, document_type, policy)
    assert (violation.rule, violation.path) == ("notice_period", "case.repayment.deadline")
    assert "6 days" in violation.message and "at least 7 days" in violation.message


def test_notice_message_in_chinese_uses_chinese_dates(example_case, policy):
    case = example_case("dunning_letter")
    case["repayment"]["deadline"] = date(2025, 3, 10)
    [violation] = _check(case, "dunning_letter", policy, locale="zh-CN")
    assert (
        violation.message == "还款期限2025年3月10日距出具日2025年3月7日仅3日，催收函须至少给予7日"
    )


def test_repayment_agreement_has_no_notice_period(example_case, policy):
    case = example_case("repayment_agreement")
    case["repayment"]["deadline"] = case["issue_date"]
    assert _check(case, "repayment_agreement", policy) == []


def test_reply_days_at_minimum_passes(example_case, policy):
    case = example_case("lawyer_letter")
    case["law_firm"]["reply_days"] = 7
    assert _check(case, "lawyer_letter", policy) == []


def test_reply_days_below_minimum_fails(example_case, policy):
    case = example_case("lawyer_letter")
    case["law_firm"]["reply_days"] = 3
    [violation] = _check(case, "lawyer_letter", policy)
    assert (violation.rule, violation.path) == ("reply_days", "case.law_firm.reply_days")
    assert "3 days" in violation.message and "minimum of 7 days" in violation.message


@pytest.mark.parametrize(
    ("filing", "ok"),
    [(date(2025, 4, 8), True), (date(2025, 4, 7), False), (date(2025, 4, 1), False)],
)
def test_filing_date_must_follow_the_deadline(example_case, policy, filing, ok):
    case = example_case("litigation_notice")
    case["litigation"]["intended_filing_date"] = filing
    violations = _check(case, "litigation_notice", policy)
    assert [v.rule for v in violations] == ([] if ok else ["filing_date"])
