"""The all-in annual cost: interest and fees together stay within the cap (综合年化成本)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from doc_service.compliance import check
from doc_service.compliance.all_in_cost import all_in_annual_cost, cash_flows


def _violations(case, policy, locale="en"):
    return check(case, "dunning_letter", policy, prior_documents=None, locale=locale)


def _loan(rate="0.2400", fees=(), months=12):
    return {
        "contract_date": date(2024, 3, 15),
        "principal": Decimal("10000.00"),
        "annual_interest_rate": Decimal(rate),
        "term_months": months,
        "fees": [
            {"name": name, "amount": Decimal(amount), "charged_on": charged}
            for name, amount, charged in fees
        ],
    }


@pytest.mark.parametrize("rate", ["0.0000", "0.0360", "0.1440", "0.2400"])
def test_without_fees_the_all_in_cost_is_the_nominal_rate(rate):
    assert all_in_annual_cost(_loan(rate)) == Decimal(rate)


def test_an_upfront_fee_raises_the_cost_by_its_share_of_the_loan():
    # 500 taken on a 10,000 one-year instalment loan at 14.40 %: the borrower really pays
    # 24.31 % (checked independently by a Newton solve of the same cash flows)
    loan = _loan("0.1440", [("服务费", "500.00", date(2024, 3, 15))])
    assert all_in_annual_cost(loan) == Decimal("0.2431")


def test_the_schedule_repays_the_principal_with_equal_instalments():
    flows = cash_flows(_loan("0.1200"), 12)
    instalments = [amount for when, amount in flows if when >= 1]
    assert len(instalments) == 12 and len(set(round(a, 6) for a in instalments)) == 1
    assert round(instalments[0], 2) == 888.49  # the standard 等额本息 payment


def test_the_term_comes_from_the_maturity_date_when_no_months_are_given():
    loan = _loan("0.1440", [("服务费", "300.00", date(2024, 3, 15))])
    del loan["term_months"]
    loan["maturity_date"] = date(2025, 3, 15)
    assert all_in_annual_cost(loan) == all_in_annual_cost({**loan, "term_months": 12})


def test_24_percent_plus_fees_is_refused_with_the_figure(example_case, policy):
    case = example_case("dunning_letter")
    case["loan"].update(_loan("0.2400", [("账户管理费", "500.00", date(2024, 3, 15))]))
    [violation] = _violations(case, policy)
    assert violation.rule == "interest_cap" and violation.path == "case.loan.fees"
    assert "all-in annual cost 34.14%" in violation.message
    assert "annual rate 24.00% and fees of 500.00" in violation.message
    assert "24.00% cap" in violation.message
    [chinese] = _violations(case, policy, locale="zh-CN")
    assert "综合年化成本34.14%" in chinese.message and "上限24.00%" in chinese.message


def test_small_fees_within_the_cap_pass(example_case, policy):
    case = example_case("dunning_letter")
    case["loan"].update(_loan("0.1440", [("服务费", "100.00", date(2024, 4, 15))]))
    assert _violations(case, policy) == []


def test_the_policy_can_turn_the_all_in_rule_off(example_case, tmp_path):
    from doc_service.compliance import DEFAULT_POLICY_PATH, load_policy

    text = DEFAULT_POLICY_PATH.read_text("utf-8").replace("all_in_cost: true", "all_in_cost: false")
    (tmp_path / "policy.yaml").write_text(text, "utf-8")
    case = example_case("dunning_letter")
    case["loan"].update(_loan("0.2400", [("账户管理费", "500.00", date(2024, 3, 15))]))
    assert _violations(case, load_policy(tmp_path / "policy.yaml")) == []
