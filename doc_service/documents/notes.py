"""The compliance notes a specimen prints, in the specimen's own language and script."""

from __future__ import annotations

from doc_service.compliance import Violation
from doc_service.formatting.locales import is_traditional
from doc_service.formatting.traditional import to_traditional


def specimen_notes(violations: list[Violation], locale: str) -> tuple[str, ...]:
    """Return each violation's message, in the locale's language; no machine paths on a letter."""
    notes = tuple(v.message for v in violations)
    if is_traditional(locale):
        # the guard's Chinese texts are Simplified; a Traditional specimen prints them converted
        return tuple(to_traditional(note, locale) for note in notes)
    return notes
