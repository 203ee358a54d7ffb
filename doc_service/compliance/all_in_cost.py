"""The all-in annual cost of a loan (综合年化成本): the IRR of what the borrower got and paid.

Cash flows from the lender's side: the principal paid out on the contract date; each fee on the
day it was charged; the repayments of the contract's schedule — equal monthly instalments
(等额本息) at the nominal annual rate over the loan's term. The monthly IRR of those flows times
twelve is the annualised cost the regulators cap (the "IRR 口径"); with no fees it equals the
nominal rate exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

_DAYS_PER_MONTH = 365 / 12
_PRECISION = 1e-12


def _months_between(start: date, end: date) -> int:
    """Return the whole calendar months from start to end (at least one)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return max(1, months)


def term_in_months(loan: Mapping[str, Any]) -> int | None:
    """Return the number of monthly instalments of the loan, if the contract says."""
    if loan.get("term_months"):
        return int(loan["term_months"])
    start, end = loan.get("contract_date"), loan.get("maturity_date")
    if isinstance(start, date) and isinstance(end, date):
        return _months_between(start, end)
    return None


def cash_flows(loan: Mapping[str, Any], months: int) -> list[tuple[float, float]]:
    """Return (time in months, amount) of every flow, the lender's side: payout negative."""
    principal = float(loan["principal"])
    monthly = float(Decimal(loan["annual_interest_rate"]) / 12)
    if monthly == 0:
        instalment = principal / months
    else:
        instalment = principal * monthly / (1 - (1 + monthly) ** -months)
    flows = [(0.0, -principal)]
    start = loan["contract_date"]
    for fee in loan.get("fees") or []:
        flows.append(((fee["charged_on"] - start).days / _DAYS_PER_MONTH, float(fee["amount"])))
    flows.extend((float(k), instalment) for k in range(1, months + 1))
    return flows


def _npv(flows: list[tuple[float, float]], rate: float) -> float:
    """Return the value at time 0 of the flows, discounted at a monthly rate."""
    return sum(amount / (1 + rate) ** when for when, amount in flows)


def monthly_irr(flows: list[tuple[float, float]]) -> float:
    """Return the monthly rate at which the flows are worth nothing today (bisection)."""
    low, high = -0.99, 10.0
    for _ in range(200):
        middle = (low + high) / 2
        if _npv(flows, middle) > 0:
            low = middle
        else:
            high = middle
        if high - low < _PRECISION:
            break
    return (low + high) / 2


def all_in_annual_cost(loan: Mapping[str, Any]) -> Decimal | None:
    """Return the all-in annual cost as a fraction to four places, or None without a term."""
    months = term_in_months(loan)
    if months is None or not isinstance(loan.get("contract_date"), date):
        return None
    annual = monthly_irr(cash_flows(loan, months)) * 12
    return Decimal(str(annual)).quantize(Decimal("0.0001"))
