"""The audit log: append events tagged from a fixed enum, read them oldest first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from doc_service.audit.chain import format_instant
from doc_service.audit.db import take_append_lock
from doc_service.audit.event_chain import link_event
from doc_service.audit.models import AuditEvent, EventTag, utc_now

MAX_EVENTS_PAGE = 500


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
