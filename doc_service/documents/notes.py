"""The compliance notes a specimen prints, in the specimen's own language and script."""

from __future__ import annotations

from doc_service.compliance import Violation
from doc_service.formatting.locales import is_traditional
from doc_service.formatting.traditional import to_traditional


def specimen_notes(violations: list[Violation], locale: str) -> tuple[str, ...]:
    """Return "path: message" per violation; messages come checked in the locale's language."""
    notes = tuple(f"{v.path}: {v.message}" for v in violations)
    if is_traditional(locale):
        # the guard's Chinese texts are Simplified; a Traditional specimen prints them converted
        return tuple(to_traditional(note, locale) for note in notes)
    return notes
