"""The audit log: append events tagged from a fixed enum, read them oldest first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from doc_service.audit.chain import format_instant
from doc_service.audit.db import take_append_lock
from doc_service.audit.event_chain import event_columns_hash, link_event
from doc_service.audit.models import AuditEvent, EventTag, utc_now

MAX_EVENTS_PAGE = 500
_INSERT_EVENT = insert(cast(Table, AuditEvent.__table__))


def record_event(
    session: Session,
    *,
    tag: EventTag,
    actor: str,
    document_id: str | None = None,
    request_id: str | None = None,
    detail: dict[str, Any] | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> AuditEvent:
    """Add one hash-linked audit event to the session's transaction (the caller commits).

    Call it inside ``append_session``: the link to the newest event needs the append lock.
    """
    event = AuditEvent(
        tag=EventTag(tag),
        actor=actor,
        document_id=document_id,
        request_id=request_id,
        detail=detail,
        at=clock(),
    )
    take_append_lock(session)
    link_event(session, event)
    session.add(event)
    session.flush()
    return event


def insert_linked_event(
    conn: Connection,
    *,
    previous_event_hash: str | None,
    tag: EventTag,
    actor: str,
    at: datetime,
    document_id: str | None = None,
    request_id: str | None = None,
    detail: dict[str, Any] | None = None,
) -> str:
    """Insert one event linked to the given newest event hash and return its own hash.

    The Core form of ``record_event`` for a caller that already holds the append lock and
    read the events' head in the same transaction: no ORM object, no second head SELECT.
    """
    columns = {
        "tag": EventTag(tag),
        "document_id": document_id,
        "actor": actor,
        "at": at,
        "request_id": request_id,
        "detail": detail,
        "previous_event_hash": previous_event_hash,
    }
    columns["event_hash"] = event_hash = event_columns_hash(columns)
    conn.execute(_INSERT_EVENT, columns)
    return event_hash


def list_events(session: Session, *, after: int = 0, limit: int = 100) -> list[AuditEvent]:
    """Return up to `limit` events with seq greater than `after`, oldest first."""
    if not 1 <= limit <= MAX_EVENTS_PAGE:
        raise ValueError(f"limit must be between 1 and {MAX_EVENTS_PAGE}")
    query = select(AuditEvent).where(AuditEvent.seq > after).order_by(AuditEvent.seq).limit(limit)
    return list(session.scalars(query))


def event_to_dict(event: AuditEvent) -> dict[str, Any]:
    """Return the JSON shape of one audit event."""
    return {
        "seq": event.seq,
        "tag": EventTag(event.tag).value,
        "document_id": event.document_id,
        "actor": event.actor,
        "at": format_instant(event.at),
        "request_id": event.request_id,
        "detail": event.detail,
    }
