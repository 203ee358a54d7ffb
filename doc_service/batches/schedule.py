"""Periodic work on the batch workers' Celery app: the anchor of the audit chain.

Celery beat sends ``doc_service.batches.anchor`` every DOC_SERVICE_ANCHOR_INTERVAL seconds (0
turns it off); any worker takes it and has the TSA timestamp the chain head, the events' head
and the record count. Run one scheduler per deployment: `python -m doc_service.batches.beat`.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from doc_service.audit.anchors import latest_anchor, store_state
from doc_service.documents.anchoring import create_anchor

if TYPE_CHECKING:
    from doc_service.audit.models import AuditAnchor
    from doc_service.services import Services

log = logging.getLogger(__name__)
ANCHOR = "doc_service.batches.anchor"
SCHEDULER_ACTOR = "scheduler"


def beat_schedule(settings: dict[str, Any]) -> dict[str, Any]:
    """Return Celery beat's schedule: the anchor every ANCHOR_INTERVAL seconds, or nothing."""
    interval = int(settings.get("ANCHOR_INTERVAL") or 0)
    if interval <= 0 or not settings.get("TSA_URL"):
        return {}
    return {
        "anchor-the-audit-chain": {
            "task": ANCHOR,
            "schedule": timedelta(seconds=interval),
            # a missed anchor is replaced by the next one, never queued up behind it
            "options": {"expires": interval},
        }
    }


def anchor_if_changed(services: Services) -> AuditAnchor | None:
    """Anchor the store now unless nothing was issued or logged since the latest anchor."""
    with services.sessions() as session:
        latest = latest_anchor(session)
        state = store_state(session)
    if latest is not None and (
        latest.record_count,
        latest.chain_head,
        latest.events_head,
    ) == (state.record_count, state.chain_head, state.events_head):
        log.info("anchor skipped: nothing changed since anchor %s", latest.seq)
        return None
    anchor = create_anchor(services, actor=SCHEDULER_ACTOR)
    log.info(
        "anchor %s: %s records, %s events", anchor.seq, anchor.record_count, anchor.event_count
    )
    return anchor
