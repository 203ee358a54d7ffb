"""Interest caps: a licensed lender's 24 %, or four times the one-year LPR for private lending."""

from __future__ import annotations

from decimal import Decimal

import pytest

from doc_service.compliance import check, load_policy


def _violations(case, policy, locale="en"):
    return check(case, "dunning_letter", policy, prior_documents=None, locale=locale)


@pytest.mark.parametrize("rate", ["0.1440", "0.2399", "0.24", "0.2400"])
def test_licensed_rate_at_or_below_cap_passes(example_case, policy, rate):
    case = example_case("dunning_letter")
    case["loan"]["annual_interest_rate"] = Decimal(rate)
    assert _violations(case, policy) == []


def test_licensed_rate_above_cap_fails_with_limit_named(example_case, policy):
    case = example_case("dunning_letter")
    case["loan"]["annual_interest_rate"] = Decimal("0.30")
    [violation] = _violations(case, policy)
    assert violation.rule == "interest_cap"
    assert violation.path == "case.loan.annual_interest_rate"
    assert "annual rate 30.00% exceeds the 24.00% cap" in violation.message


def test_overdue_rate_is_capped_too(example_case, policy):
    case = example_case("dunning_letter")
    case["loan"]["overdue_annual_rate"] = Decimal("0.2401")
    [violation] = _violations(case, policy, locale="zh-CN")
    assert violation.path == "case.loan.overdue_annual_rate"
    assert violation.message == "逾期年利率24.01%超过持牌机构上限24.00%"


def _private_policy(tmp_path, lpr="0.031"):
    text = load_policy().source.decode().replace("mode: licensed", "mode: private_lending")
    text = text.replace('lpr_one_year: "0.0300"', f'lpr_one_year: "{lpr}"')
    path = tmp_path / "private.yaml"
    path.write_text(text, encoding="utf-8")
    return load_policy(path)


def test_private_lending_cap_is_four_times_lpr(tmp_path):
    policy = _private_policy(tmp_path)
    assert policy.interest.mode == "private_lending"
    assert policy.interest.cap == Decimal("0.124")


def test_private_lending_rate_at_cap_passes(example_case, tmp_path):
    case = example_case("dunning_letter")
    case["loan"]["annual_interest_rate"] = Decimal("0.1240")
    case["loan"]["overdue_annual_rate"] = Decimal("0.12")
    assert _violations(case, _private_policy(tmp_path)) == []


def test_private_lending_example_rates_exceed_the_lpr_cap(example_case, tmp_path):
    violations = _violations(example_case("dunning_letter"), _private_policy(tmp_path), "zh-CN")
    assert [v.path for v in violations] == [
        "case.loan.annual_interest_rate",
        "case.loan.overdue_annual_rate",
    ]
    assert violations[0].message == "年利率14.40%超过上限12.40%（一年期LPR 3.10%的四倍）"
