"""Value types shared by the compliance rules and their callers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from schemas.catalogue import DOCUMENT_TYPES

__all__ = [
    "DOCUMENT_TYPES",
    "PriorDocument",
    "PriorDocumentLike",
    "PriorDocumentSource",
    "Violation",
]


@dataclass(frozen=True)
class Violation:
    """One broken rule: a stable rule id, the dotted body path it concerns, a localised text."""

    rule: str
    path: str
    message: str


@dataclass(frozen=True)
class PriorDocument:
    """A document already issued for the same case, as the audit store remembers it."""

    document_type: str
    issue_date: date


class PriorDocumentLike(Protocol):
    """Anything with the two attributes escalation needs (an audit record adapter will do)."""

    @property
    def document_type(self) -> str: ...

    @property
    def issue_date(self) -> date: ...


class PriorDocumentSource(Protocol):
    """Return the documents already issued for a case id, in any order."""

    def __call__(self, case_id: str, /) -> Iterable[PriorDocumentLike]: ...
