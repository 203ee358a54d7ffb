"""Values of a litigation notice's record of the case: the evidence list and the earlier letters."""

from __future__ import annotations

from datetime import date
from typing import Any

from doc_service.formatting import format_date


def _evidence(litigation: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Return the exhibits numbered in filing order, as the 证据目录 lists them."""
    items = (litigation or {}).get("evidence") or []
    return [
        {
            "number": index,
            "title": item["title"],
            "purpose": item["purpose"],
            "pages": item["pages"],
        }
        for index, item in enumerate(items, start=1)
    ]


def _earlier_letters(letters: list[dict[str, Any]] | None, locale: str) -> list[dict[str, Any]]:
    """Return the earlier letters the notice cites, with their dates in the edition's form."""
    return [
        {
            "document_type": letter["document_type"],
            "letter_number": letter.get("letter_number"),
            "issue_date": format_date(date.fromisoformat(letter["issue_date"]), locale),
            "version": letter["version"],
            "law_firm": (letter.get("law_firm") or {}).get("name"),
        }
        for letter in letters or []
    ]


def case_record_values(case: dict[str, Any], locale: str) -> dict[str, Any]:
    """Return `evidence` and `earlier_letters` for templates and clauses (empty when absent)."""
    return {
        "evidence": _evidence(case.get("litigation")),
        "earlier_letters": _earlier_letters(case.get("earlier_letters"), locale),
    }
