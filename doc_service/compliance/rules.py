"""The structural rules: interest cap, notice periods, escalation order, repayment account."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from . import messages
from .all_in_cost import all_in_annual_cost
from .model import PriorDocumentSource, Violation
from .policy import Policy

_RATE_FIELDS = ("annual_interest_rate", "overdue_annual_rate")
# Digits that may be split by spaces or hyphens, as account numbers are usually printed.
_DIGIT_RUN = re.compile(r"\d(?:[\s\-]?\d)+")


def _section(case: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = case.get(name)
    return value if isinstance(value, Mapping) else {}


def check_interest(case: Mapping[str, Any], policy: Policy, lang: str) -> list[Violation]:
    """Flag a contractual or overdue annual rate above the policy's cap."""
    interest = policy.interest
    cap = interest.cap
    key = f"interest_cap.{interest.mode}"
    lpr = messages.percent(interest.lpr_one_year) if interest.lpr_one_year is not None else ""
    violations = []
    loan = _section(case, "loan")
    for name in _RATE_FIELDS:
        value = loan.get(name)
        if value is None:
            continue
        # Decimal(str()) tolerates a float slipping through; the comparison stays exact.
        rate = value if isinstance(value, Decimal) else Decimal(str(value))
        if rate > cap:
            field = messages.text(lang, f"field.{name}")
            rate_text, cap_text = messages.percent(rate), messages.percent(cap)
            message = messages.text(lang, key, field=field, rate=rate_text, cap=cap_text, lpr=lpr)
            violations.append(Violation("interest_cap", f"case.loan.{name}", message))
    return violations


def check_all_in_cost(case: Mapping[str, Any], policy: Policy, lang: str) -> list[Violation]:
    """Flag a loan whose interest and fees together cost more a year than the cap allows."""
    loan = _section(case, "loan")
    if not policy.interest.all_in_cost or not loan.get("fees"):
        return []  # without fees the nominal rate is the all-in cost, checked above
    cost = all_in_annual_cost(loan)
    cap = policy.interest.cap
    if cost is None or cost <= cap:
        return []
    fees = sum((Decimal(fee["amount"]) for fee in loan["fees"]), start=Decimal("0"))
    message = messages.text(
        lang,
        "interest_cap.all_in",
        cost=messages.percent(cost),
        rate=messages.percent(Decimal(loan["annual_interest_rate"])),
        fees=f"{fees:.2f}",
        cap=messages.percent(cap),
    )
    return [Violation("interest_cap", "case.loan.fees", message)]


def check_notice(
    case: Mapping[str, Any], document_type: str, policy: Policy, lang: str
) -> list[Violation]:
    """Flag a deadline too soon after the issue date, a short reply period or an early filing."""
    violations = []
    issue = case.get("issue_date")
    repayment, law_firm = _section(case, "repayment"), _section(case, "law_firm")
    deadline = repayment.get("deadline")
    minimum = policy.notice.min_days_for(document_type)
    # A missing issue date or deadline is the schema's error to report, not a compliance one.
    if minimum is not None and isinstance(issue, date) and isinstance(deadline, date):
        given = (deadline - issue).days
        if given < minimum:
            doc = messages.text(lang, f"doc.{document_type}")
            message = messages.text(
                lang,
                "notice_period",
                deadline=deadline,
                issue=issue,
                days=given,
                minimum=minimum,
                doc=doc,
            )
            violations.append(Violation("notice_period", "case.repayment.deadline", message))
    reply_days = law_firm.get("reply_days")
    if isinstance(reply_days, int) and reply_days < policy.notice.min_reply_days:
        message = messages.text(
            lang, "reply_days", days=reply_days, minimum=policy.notice.min_reply_days
        )
        violations.append(Violation("reply_days", "case.law_firm.reply_days", message))
    filing = _section(case, "litigation").get("intended_filing_date")
    if (
        policy.notice.filing_after_deadline
        and document_type == "litigation_notice"
        and isinstance(filing, date)
        and isinstance(deadline, date)
        and filing <= deadline
    ):
        message = messages.text(lang, "filing_date", filing=filing, deadline=deadline)
        violations.append(Violation("filing_date", "case.litigation.intended_filing_date", message))
    return violations


def _required_before(document_type: str, policy: Policy) -> tuple[str, ...]:
    if document_type == "litigation_notice":
        return policy.escalation.litigation_notice_requires
    if document_type == "lawyer_letter" and policy.escalation.lawyer_letter_requires_dunning_letter:
        return ("dunning_letter",)
    return ()


def check_escalation(
    case: Mapping[str, Any],
    document_type: str,
    policy: Policy,
    lang: str,
    prior_documents: PriorDocumentSource,
) -> list[Violation]:
    """Flag a step taken before any document it requires was issued on an earlier day."""
    required = _required_before(document_type, policy)
    issue = case.get("issue_date")
    if not required or not isinstance(issue, date):
        return []
    case_id = str(case.get("case_id", ""))
    # Strictly earlier: a dunning letter and a litigation notice on the same day give the
    # debtor no chance to answer the first before the second.
    if any(
        prior.document_type in required and prior.issue_date < issue
        for prior in prior_documents(case_id)
    ):
        return []
    names = messages.text(lang, "or").join(messages.text(lang, f"doc.{doc}") for doc in required)
    message = messages.text(
        lang,
        "escalation_order",
        doc=messages.text(lang, f"doc.{document_type}"),
        required=names,
        case_id=case_id,
        issue=issue,
    )
    return [Violation("escalation_order", "document_type", message)]


def translated(section: Any, key: str, at: str) -> list[tuple[str, Any]]:
    """Return (body path, value) of a section's key and of each of its i18n translations."""
    if not isinstance(section, Mapping):
        return []
    found = [(f"{at}.{key}", section[key])] if section.get(key) is not None else []
    languages = section.get("i18n")
    for language, values in languages.items() if isinstance(languages, Mapping) else ():
        if isinstance(values, Mapping) and values.get(key) is not None:
            found.append((f"{at}.i18n.{language}.{key}", values[key]))
    return [(path, value) for path, value in found if isinstance(value, str | list)]


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


def check_payment_account(case: Mapping[str, Any], policy: Policy, lang: str) -> list[Violation]:
    """Flag a repayment account not held by the creditor, or other account numbers in channels."""
    repayment = _section(case, "repayment")
    account = _section(repayment, "account")
    creditor = _section(case, "creditor").get("name")
    violations = []
    holder = account.get("name")
    if isinstance(holder, str) and isinstance(creditor, str) and holder.strip() != creditor.strip():
        message = messages.text(lang, "payment_account.name", holder=holder, creditor=creditor)
        violations.append(Violation("payment_account", "case.repayment.account.name", message))
    own = _digits(str(account.get("number", "")))
    for at, channels in translated(repayment, "channels", "case.repayment"):
        for index, channel in enumerate(channels if isinstance(channels, list) else []):
            if not isinstance(channel, str):
                continue
            for run in _DIGIT_RUN.findall(channel):
                number = _digits(run)
                if len(number) >= policy.min_account_digits and number != own:
                    message = messages.text(lang, "payment_account.number", number=run)
                    violations.append(Violation("payment_account", f"{at}.{index}", message))
    return violations
