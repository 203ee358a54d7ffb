"""Run every compliance rule of a policy over one validated case."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import messages
from .hours import check_contact_hours
from .model import DOCUMENT_TYPES, PriorDocumentSource, Violation
from .policy import Policy
from .rules import (
    check_all_in_cost,
    check_escalation,
    check_interest,
    check_notice,
    check_payment_account,
    translated,
)
from .wording import check_wording


def check(
    case: Mapping[str, Any],
    document_type: str,
    policy: Policy,
    *,
    prior_documents: PriorDocumentSource | None,
    locale: str = "en",
) -> list[Violation]:
    """Return every way the document would break the policy; an empty list means compliant.

    `prior_documents` is required on purpose: the issuing path must pass the audit store's
    lookup, and only a caller with no history to consult (a preview) passes None, which skips
    the escalation rule.
    """
    if document_type not in DOCUMENT_TYPES:
        raise ValueError(f"unknown document type {document_type!r}")
    lang = messages.language(locale)
    violations = check_interest(case, policy, lang)
    violations += check_all_in_cost(case, policy, lang)
    violations += check_notice(case, document_type, policy, lang)
    if prior_documents is not None:
        violations += check_escalation(case, document_type, policy, lang, prior_documents)
    # the hours as every edition prints them: the payload's own and each translation
    for path, hours in translated(case.get("contact"), "hours", "case.contact"):
        violations += check_contact_hours(hours, policy, lang, path)
    violations += check_payment_account(case, policy, lang)
    violations += check_wording(case, policy, lang)
    return violations
