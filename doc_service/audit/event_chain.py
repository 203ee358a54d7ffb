"""Hash-link audit events like records, and re-check the links."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import rfc8785
from sqlalchemy import select
from sqlalchemy.orm import Session

from doc_service.audit.chain import format_instant
from doc_service.audit.models import AuditEvent, EventTag

# What event_hash covers; seq is left out because the database assigns it on insert.
EVENT_HASHED_FIELDS = (
    "tag",
    "document_id",
    "actor",
    "at",
    "request_id",
    "detail",
    "previous_event_hash",
)
MAX_REPORTED_PROBLEMS = 100


def event_view(event: AuditEvent) -> dict[str, Any]:
    """Return the mapping event_hash is computed over."""
    return hashed_event_view({name: getattr(event, name) for name in EVENT_HASHED_FIELDS})


def hashed_event_view(columns: Mapping[str, Any]) -> dict[str, Any]:
    """Return the mapping event_hash is computed over, from an event's column values."""
    view: dict[str, Any] = {}
    for name in EVENT_HASHED_FIELDS:
        value = columns[name]
        if name == "tag":
            value = EventTag(value).value
        elif name == "at":
            value = format_instant(value)
        view[name] = value
    return view


def compute_event_hash(event: AuditEvent) -> str:
    """Return sha256 of the RFC 8785 canonical JSON of the event's hashed view."""
    return hashlib.sha256(rfc8785.dumps(event_view(event))).hexdigest()


def event_columns_hash(columns: Mapping[str, Any]) -> str:
    """Return the event_hash of an event given as column values (before any row exists)."""
    return hashlib.sha256(rfc8785.dumps(hashed_event_view(columns))).hexdigest()


def events_head(session: Session) -> tuple[int | None, str | None]:
    """Return the seq and hash of the newest linked event (None, None before the first)."""
    row = session.execute(
        select(AuditEvent.seq, AuditEvent.event_hash)
        .where(AuditEvent.event_hash.is_not(None))
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    ).first()
    return (None, None) if row is None else (row.seq, row.event_hash)


def link_event(session: Session, event: AuditEvent) -> None:
    """Link the event to the newest linked event and hash it; the caller holds the lock."""
    event.previous_event_hash = events_head(session)[1]
    event.event_hash = compute_event_hash(event)


@dataclass
class EventsReport:
    """The outcome of re-checking the linked events."""

    ok: bool = True
    count: int = 0
    head: str | None = None
    head_seq: int | None = None
    problems: list[str] = field(default_factory=list)

    def fail(self, seq: int, message: str) -> None:
        """Note one broken event."""
        self.ok = False
        if len(self.problems) < MAX_REPORTED_PROBLEMS:
            self.problems.append(f"event {seq}: {message}")

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape."""
        return {"ok": self.ok, "count": self.count, "head": self.head, "problems": self.problems}


def verify_events(session: Session, *, batch_size: int = 1000) -> EventsReport:
    """Walk the linked events in seq order: every hash recomputes, every link holds."""
    report = EventsReport()
    rows = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.event_hash.is_not(None))
        .order_by(AuditEvent.seq)
        .execution_options(yield_per=batch_size)
    )
    for row in rows:
        if row.previous_event_hash != report.head:
            report.fail(row.seq, "previous_event_hash does not match the preceding event_hash")
        if compute_event_hash(row) != row.event_hash:
            report.fail(row.seq, "event_hash does not match the event's fields")
        report.count += 1
        report.head, report.head_seq = row.event_hash, row.seq
        session.expunge(row)
    return report
