"""Compliance guard: check a validated case against the lender's collection policy."""

from .engine import check
from .messages import MESSAGES
from .model import DOCUMENT_TYPES, PriorDocument, PriorDocumentLike, PriorDocumentSource, Violation
from .normalise import normalise
from .policy import DEFAULT_POLICY_PATH, Policy, load_policy, parse_policy
from .policy_parse import PolicyError
from .summary import policy_summary
from .wording import CHECKED_FIELDS

__all__ = [
    "CHECKED_FIELDS",
    "DEFAULT_POLICY_PATH",
    "DOCUMENT_TYPES",
    "MESSAGES",
    "Policy",
    "PolicyError",
    "PriorDocument",
    "PriorDocumentLike",
    "PriorDocumentSource",
    "Violation",
    "check",
    "load_policy",
    "normalise",
    "parse_policy",
    "policy_summary",
]
