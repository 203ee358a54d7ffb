"""Anchors: the store's state (chain head, events head, counts) fixed at one instant."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import rfc8785
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from doc_service.audit.chain import format_instant
from doc_service.audit.event_chain import events_head
from doc_service.audit.models import AuditAnchor, AuditEvent, Document

# What the TSA stamps: sha256 of the RFC 8785 canonical JSON of these fields.
ANCHORED_FIELDS = (
    "record_count",
    "chain_head",
    "event_count",
    "events_head",
    "events_head_seq",
    "created_at",
    "created_by",
)


@dataclass(frozen=True)
class StoreState:
    """The heads and counts of records and linked events at one instant."""

    record_count: int
    chain_head: str | None
    event_count: int
    events_head: str | None
    events_head_seq: int | None


def store_state(session: Session) -> StoreState:
    """Read the heads and counts; the caller holds the append lock so they agree."""
    head = session.execute(
        select(Document.seq, Document.record_hash).order_by(Document.seq.desc()).limit(1)
    ).first()
    event_seq, event_hash = events_head(session)
    linked = session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.event_hash.is_not(None))
    )
    return StoreState(
        record_count=head.seq if head else 0,
        chain_head=head.record_hash if head else None,
        event_count=int(linked or 0),
        events_head=event_hash,
        events_head_seq=event_seq,
    )


def anchor_view(anchor: AuditAnchor | dict[str, Any]) -> dict[str, Any]:
    """Return the mapping an anchor's digest covers (from a row or from its JSON)."""
    get = anchor.get if isinstance(anchor, dict) else lambda name: getattr(anchor, name)
    view = {name: get(name) for name in ANCHORED_FIELDS}
    if isinstance(view["created_at"], datetime):
        view["created_at"] = format_instant(view["created_at"])
    return view


def anchor_digest(anchor: AuditAnchor | dict[str, Any]) -> str:
    """Return the hex SHA-256 the anchor's timestamp token stamps."""
    return hashlib.sha256(rfc8785.dumps(anchor_view(anchor))).hexdigest()


def anchor_to_dict(anchor: AuditAnchor) -> dict[str, Any]:
    """Return the JSON shape of an anchor, its token in base64."""
    return {
        "seq": anchor.seq,
        **anchor_view(anchor),
        "digest": anchor.digest,
        "timestamped_at": format_instant(anchor.timestamped_at),
        "timestamp_token": base64.b64encode(anchor.timestamp_token).decode("ascii"),
    }


def latest_anchor(session: Session) -> AuditAnchor | None:
    """Return the newest anchor, or None."""
    return session.scalar(select(AuditAnchor).order_by(AuditAnchor.seq.desc()).limit(1))


def list_anchors(session: Session, *, after: int = 0, limit: int = 100) -> list[AuditAnchor]:
    """Return up to ``limit`` anchors after a seq, oldest first."""
    query = select(AuditAnchor).where(AuditAnchor.seq > after).order_by(AuditAnchor.seq)
    return list(session.scalars(query.limit(limit)))


def anchor_holds(session: Session, anchor: AuditAnchor) -> list[str]:
    """Compare today's store with what the anchor fixed; return what no longer holds."""
    problems: list[str] = []
    if anchor_digest(anchor) != anchor.digest:
        problems.append(f"anchor {anchor.seq}: its fields do not match its digest")
    if anchor.record_count:
        at_head = session.scalar(
            select(Document.record_hash).where(Document.seq == anchor.record_count)
        )
        if at_head is None:
            problems.append(
                f"anchor {anchor.seq}: record {anchor.record_count} is missing (truncated chain)"
            )
        elif at_head != anchor.chain_head:
            problems.append(
                f"anchor {anchor.seq}: record {anchor.record_count} is not the anchored chain head"
            )
    if anchor.events_head_seq is not None:
        at_head = session.scalar(
            select(AuditEvent.event_hash).where(AuditEvent.seq == anchor.events_head_seq)
        )
        if at_head != anchor.events_head:
            problems.append(f"anchor {anchor.seq}: the anchored newest event is gone or changed")
        linked = session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.event_hash.is_not(None), AuditEvent.seq <= anchor.events_head_seq)
        )
        if linked != anchor.event_count:
            problems.append(
                f"anchor {anchor.seq}: {anchor.event_count} events were anchored, {linked} remain"
            )
    return problems
