"""Describe the policy in force as JSON-ready data, for GET /v1/policies/current."""

from __future__ import annotations

from typing import Any

from .model import DOCUMENT_TYPES
from .policy import Policy


def policy_summary(policy: Policy) -> dict[str, Any]:
    """Return the policy as JSON-ready data: its digest and every setting in force."""
    interest = policy.interest
    return {
        "name": policy.name,
        "digest": policy.digest,
        "digest_algorithm": "sha256 of the raw policy file",
        "interest": {
            "mode": interest.mode,
            "max_annual_rate": str(interest.max_annual_rate),
            "lpr_one_year": None if interest.lpr_one_year is None else str(interest.lpr_one_year),
            "effective_cap": str(interest.cap),
            "all_in_cost": interest.all_in_cost,
        },
        "notice": {
            "min_days": dict(policy.notice.min_days),
            "min_reply_days": policy.notice.min_reply_days,
            "filing_after_deadline": policy.notice.filing_after_deadline,
        },
        "escalation": {
            "litigation_notice_requires": list(policy.escalation.litigation_notice_requires),
            "lawyer_letter_requires_dunning_letter": (
                policy.escalation.lawyer_letter_requires_dunning_letter
            ),
        },
        "contact_hours": {
            "earliest": policy.contact_hours.earliest.strftime("%H:%M"),
            "latest": policy.contact_hours.latest.strftime("%H:%M"),
            "round_the_clock": [p.text for p in policy.contact_hours.round_the_clock],
        },
        "payment": {"min_account_digits": policy.min_account_digits},
        "forbidden_wording": {
            category.name: {
                "message": dict(category.messages),
                "patterns": [p.text for p in category.patterns],
            }
            for category in policy.forbidden_wording
        },
        "document_types": list(DOCUMENT_TYPES),
    }
