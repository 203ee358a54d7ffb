"""The retention section of the policy: how long each document type's personal data is kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from doc_service.compliance.model import DOCUMENT_TYPES
from doc_service.compliance.policy_parse import PolicyError, mapping, only

# The clock starts at the case's last document of any type: a case still being worked keeps its
# whole file, and a case closed for the period loses all of its personal data together.
CASE_LAST_DOCUMENT = "case_last_document"


@dataclass(frozen=True)
class RetentionPolicy:
    """Years each document type is kept after the case's last document; absent types are kept."""

    years: tuple[tuple[str, int], ...] = ()
    after: str = CASE_LAST_DOCUMENT

    def years_for(self, document_type: str) -> int | None:
        """Return the retention in years of a document type, None when kept indefinitely."""
        return dict(self.years).get(document_type)

    def expires(self, document_type: str, case_last_document: datetime) -> datetime | None:
        """Return when a document's retention ends, or None when it is kept indefinitely."""
        years = self.years_for(document_type)
        if years is None:
            return None
        try:
            return case_last_document.replace(year=case_last_document.year + years)
        except ValueError:  # 29 February: the period ends on the 28th
            return case_last_document.replace(year=case_last_document.year + years, day=28)

    def rule(self, document_type: str) -> str:
        """Return the rule's wording as a purge records it."""
        return f"retention.years.{document_type}={self.years_for(document_type)} after {self.after}"


def parse_retention(data: Any) -> RetentionPolicy:
    """Validate the policy's retention section; absent means nothing is ever purged."""
    if data is None:
        return RetentionPolicy()
    section = mapping(data, "retention")
    only(section, {"after", "years"}, "retention")
    after = section.get("after", CASE_LAST_DOCUMENT)
    if after != CASE_LAST_DOCUMENT:
        raise PolicyError(f"retention.after: only {CASE_LAST_DOCUMENT!r} is supported")
    years = mapping(section.get("years", {}), "retention.years")
    unknown = sorted(str(kind) for kind in years if kind not in DOCUMENT_TYPES)
    if unknown:
        raise PolicyError(f"retention.years: unknown document type(s) {', '.join(unknown)}")
    checked: dict[str, int] = {}
    for kind, value in years.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
            raise PolicyError(f"retention.years.{kind}: expected a whole number from 1 to 100")
        checked[str(kind)] = value
    return RetentionPolicy(years=tuple(sorted(checked.items())), after=after)
