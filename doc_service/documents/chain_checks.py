"""Re-check the chain, in full or from the last verified anchor, with progress and a stored report.

The synchronous ``GET /v1/audit/chain`` and the background job share one walk. ``since-anchor``
starts at the newest anchor a stored check verified (else the latest anchor) and walks every
record after it, so what was appended after the anchor is always covered; every anchor from the
start on must still hold, so a rewrite between two anchors shows at the first one it breaks.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from doc_service.audit.anchors import anchor_holds, latest_anchor
from doc_service.audit.chain import _Checker, format_instant
from doc_service.audit.db import write_session as write
from doc_service.audit.event_chain import verify_events
from doc_service.audit.models import AuditAnchor, ChainCheck, Document, utc_now
from doc_service.documents.anchoring import anchor_report

if TYPE_CHECKING:
    from doc_service.services import Services

log = logging.getLogger(__name__)
FULL, SINCE_ANCHOR = "full", "since-anchor"
PROGRESS_EVERY = 1000
Progress = Callable[[int], None]


def _no_progress(checked: int) -> None:
    """Report nothing: the synchronous check has no one polling it."""


def last_verified_anchor(session: Session) -> AuditAnchor | None:
    """Return the newest anchor a stored check found the whole store to agree with."""
    seq = session.scalar(
        select(ChainCheck.anchor_seq)
        .where(ChainCheck.status == "done", ChainCheck.ok.is_(True))
        .where(ChainCheck.anchor_seq.is_not(None))
        .order_by(ChainCheck.anchor_seq.desc())
        .limit(1)
    )
    return session.get(AuditAnchor, seq) if seq is not None else None


def _start(session: Session, since_anchor: bool) -> AuditAnchor | None:
    """Return the anchor the walk starts from: None for a full check."""
    if not since_anchor:
        return None
    return last_verified_anchor(session) or latest_anchor(session)


def _walk(services: Services, checker: _Checker, progress: Progress) -> None:
    """Check every record after the checker's position, its link, payload and stored bytes."""
    with services.sessions() as session:
        rows = session.scalars(
            select(Document)
            .where(Document.seq > checker.length)
            .order_by(Document.seq)
            .execution_options(yield_per=PROGRESS_EVERY)
        )
        walked = 0
        for row in rows:
            checker.check(row)
            checker.check_blob(row, services.blobs)
            # streamed rows must not pile up in the identity map
            session.expunge(row)
            walked += 1
            if walked % PROGRESS_EVERY == 0:
                progress(walked)
        progress(walked)


def _anchors_hold(session: Session, start: AuditAnchor | None) -> dict[str, Any]:
    """Hold the store against every anchor from the start on (their fields, heads and counts)."""
    query = select(AuditAnchor).order_by(AuditAnchor.seq)
    if start is not None:
        query = query.where(AuditAnchor.seq >= start.seq)
    problems: list[str] = []
    checked = 0
    for anchor in session.scalars(query.execution_options(yield_per=500)):
        problems += anchor_holds(session, anchor)
        checked += 1
    return {"checked": checked, "ok": not problems, "problems": problems[:100]}


def check_chain(
    services: Services, *, since_anchor: bool = False, progress: Progress = _no_progress
) -> dict[str, Any]:
    """Return the chain report: records, their bytes, events, every anchor, the latest's token."""
    with services.sessions() as session:
        start = _start(session, since_anchor)
        latest = latest_anchor(session)
    checker = _Checker()
    if start is not None:
        checker.length, checker.head = start.record_count, start.chain_head
    from_seq = checker.length
    _walk(services, checker, progress)
    report = checker.report(swept=True).to_dict()
    report["mode"] = SINCE_ANCHOR if start is not None else FULL
    report["from_seq"] = from_seq
    report["from_anchor"] = start.seq if start is not None else None
    with services.sessions() as session:
        events = verify_events(session)
        report["anchors"] = _anchors_hold(session, start)
    report["events"] = events.to_dict()
    report["anchor"] = anchor_report(services, latest) if latest is not None else None
    report["ok"] = bool(
        report["ok"]
        and events.ok
        and report["anchors"]["ok"]
        and (latest is None or report["anchor"]["ok"])
    )
    return report


def request_check(services: Services, *, actor: str, since_anchor: bool) -> ChainCheck:
    """Store a queued check; the worker that takes its message runs it."""
    check = ChainCheck(
        id=uuid.uuid4().hex,
        mode=SINCE_ANCHOR if since_anchor else FULL,
        status="queued",
        requested_by=actor,
        requested_at=utc_now(),
        checked=0,
        from_seq=0,
    )
    with write(services.engine) as session:
        session.add(check)
    return check


def _set(services: Services, check_id: str, **values: Any) -> None:
    with write(services.engine) as session:
        session.execute(update(ChainCheck).where(ChainCheck.id == check_id).values(**values))


def run_check(services: Services, check_id: str) -> str:
    """Run a queued check, writing its progress as it goes and its report at the end."""
    with services.sessions() as session:
        check = session.get(ChainCheck, check_id)
        if check is None or check.status not in ("queued", "running"):
            return "skipped"  # gone, or finished by an earlier delivery of the message
        since_anchor = check.mode == SINCE_ANCHOR
        start = _start(session, since_anchor)
        from_seq = start.record_count if start is not None else 0
        total = session.scalar(
            select(func.count()).select_from(Document).where(Document.seq > from_seq)
        )
        latest = latest_anchor(session)
    _set(
        services,
        check_id,
        status="running",
        started_at=utc_now(),
        total=int(total or 0),
        from_seq=from_seq,
        checked=0,
    )
    try:
        report = check_chain(
            services,
            since_anchor=since_anchor,
            progress=lambda done: _set(services, check_id, checked=done),
        )
    except Exception as exc:  # a stored failure, never a silent one
        log.exception("chain check %s failed", check_id)
        _set(
            services,
            check_id,
            status="failed",
            finished_at=utc_now(),
            report_json=json.dumps({"error": type(exc).__name__}),
        )
        return "failed"
    anchored = report["anchor"]["seq"] if report["anchor"] is not None else None
    _set(
        services,
        check_id,
        status="done",
        finished_at=utc_now(),
        ok=report["ok"],
        # the anchor a later since-anchor check may start from, had it verified
        anchor_seq=anchored if latest is not None else None,
        report_json=json.dumps(report, ensure_ascii=False),
    )
    return "done"


def check_to_dict(check: ChainCheck) -> dict[str, Any]:
    """Return a check's JSON shape: its state, progress and, once done, its report."""

    def instant(value: Any) -> str | None:
        return format_instant(value) if value is not None else None

    return {
        "id": check.id,
        "mode": check.mode,
        "status": check.status,
        "requested_by": check.requested_by,
        "requested_at": instant(check.requested_at),
        "started_at": instant(check.started_at),
        "finished_at": instant(check.finished_at),
        "from_seq": check.from_seq,
        "total": check.total,
        "checked": check.checked,
        "ok": check.ok,
        "report": json.loads(check.report_json) if check.report_json else None,
    }
