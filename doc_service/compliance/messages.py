"""Texts of the compliance rules: English catalogue messages, translated by the Babel catalogue."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from typing import Any

from doc_service.i18n import N_, translator
from schemas.catalogue import CATALOGUE

# Keys are stable rule-side names; values are catalogue msgids with str.format placeholders.
MESSAGES: dict[str, str] = {
    "field.annual_interest_rate": N_("annual rate"),
    "field.overdue_annual_rate": N_("overdue annual rate"),
    **{f"doc.{name}": kind.label for name, kind in CATALOGUE.items()},
    "or": N_(" or "),
    "list_separator": N_("”, “"),
    "interest_cap.licensed": N_("{field} {rate} exceeds the {cap} cap for a licensed lender"),
    "interest_cap.private_lending": N_(
        "{field} {rate} exceeds the {cap} cap (4 × the one-year LPR of {lpr})"
    ),
    "interest_cap.all_in": N_(
        "the all-in annual cost {cost} (annual rate {rate} and fees of {fees}, IRR of the "
        "loan's cash flows) exceeds the {cap} cap"
    ),
    "notice_period": N_(
        "the deadline {deadline} is {days} days after the issue date {issue}; "
        "a {doc} must give at least {minimum} days"
    ),
    "reply_days": N_("a reply period of {days} days is shorter than the minimum of {minimum} days"),
    "filing_date": N_(
        "the intended filing date {filing} is not after the repayment deadline {deadline}"
    ),
    "escalation_order": N_(
        "a {doc} requires an earlier {required} for case {case_id}; none was issued before {issue}"
    ),
    "contact_hours.outside": N_("contact time {value} is outside {earliest}–{latest}"),
    "contact_hours.wraps": N_("contact period {start}–{end} runs past midnight"),
    "contact_hours.round_the_clock": N_(
        "“{pattern}” promises contact at any hour; allowed hours are {earliest}–{latest}"
    ),
    "payment_account.name": N_(
        "the repayment account is held by “{holder}”, not by the creditor “{creditor}”"
    ),
    "payment_account.number": N_(
        "account number {number} is not the creditor's repayment account; "
        "payments may only go to the creditor's own account"
    ),
    "forbidden_wording": N_("{message} (matched “{patterns}”)"),
}


def language(locale: str) -> str:
    """Return the message language for a BCP 47 locale: zh-* → zh, anything else → en."""
    # Traditional locales share the Simplified texts until a zh-Hant catalogue exists.
    return "zh" if locale.lower().startswith("zh") else "en"


def text(lang: str, key: str, **values: Any) -> str:
    """Return the message `key` in `lang`, with values formatted for that language."""
    formatted = {name: _format(lang, value) for name, value in values.items()}
    return translator(lang)(MESSAGES[key]).format(**formatted)


def percent(rate: Decimal) -> str:
    """Return a rate fraction as a percentage with two decimals: 0.144 → 14.40%."""
    return f"{(rate * 100).quantize(Decimal('0.01'))}%"


def _format(lang: str, value: Any) -> str:
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日" if lang == "zh" else value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)
