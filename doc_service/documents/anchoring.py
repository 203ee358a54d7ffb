"""Create timestamped anchors, and check the chain and the events against the latest one."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from doc_service.audit.anchors import anchor_digest, anchor_holds, latest_anchor, store_state
from doc_service.audit.chain import _Checker, verify_chain
from doc_service.audit.db import append_session
from doc_service.audit.event_chain import verify_events
from doc_service.audit.models import AuditAnchor, Document, utc_now
from doc_service.evidence.signing import SigningUnavailable, TimestampingNotConfigured
from doc_service.evidence.timestamps import check_token, request_token, token_certificates

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509

    from doc_service.services import Services


def trust_roots(services: Services) -> tuple[asn1_x509.Certificate, ...]:
    """Return the roots tokens and signatures must chain to."""
    return services.signing.trust_roots if services.signing else ()


def create_anchor(services: Services, *, actor: str) -> AuditAnchor:
    """Fix the store's heads and counts now and have the TSA timestamp them."""
    tsa_url = services.settings.get("TSA_URL")
    if not tsa_url:
        raise TimestampingNotConfigured("DOC_SERVICE_TSA_URL is not set")
    with append_session(services.engine) as session:
        state = store_state(session)
    anchor = AuditAnchor(
        created_at=utc_now(),
        created_by=actor,
        record_count=state.record_count,
        chain_head=state.chain_head,
        event_count=state.event_count,
        events_head=state.events_head,
        events_head_seq=state.events_head_seq,
    )
    anchor.digest = anchor_digest(anchor)
    # outside the lock: appenders never wait on the TSA
    anchor.timestamp_token = request_token(tsa_url, anchor.digest)
    verdict = check_token(anchor.timestamp_token, anchor.digest, trust_roots(services))
    if not verdict.get("time"):
        raise SigningUnavailable("the TSA's token does not stamp the anchor")
    anchor.timestamped_at = _instant(verdict["time"])
    with append_session(services.engine) as session:
        session.add(anchor)
    return anchor


def _instant(iso: str) -> datetime:
    return datetime.fromisoformat(iso).astimezone(UTC)


def anchor_report(services: Services, anchor: AuditAnchor) -> dict[str, Any]:
    """Check one anchor's token and that the store still holds what it fixed."""
    token = check_token(anchor.timestamp_token, anchor.digest, trust_roots(services))
    with services.sessions() as session:
        problems = anchor_holds(session, anchor)
    if not token["ok"]:
        problems.append(f"anchor {anchor.seq}: its timestamp token does not verify")
    return {
        "seq": anchor.seq,
        "ok": not problems,
        "record_count": anchor.record_count,
        "event_count": anchor.event_count,
        "timestamp": token,
        "problems": problems,
        "tsa_certificates": len(token_certificates(anchor.timestamp_token)) if token["ok"] else 0,
    }


def _incremental(services: Services, anchor: AuditAnchor) -> dict[str, Any]:
    """Re-check only the records after the anchor, starting from its chain head."""
    checker = _Checker()
    checker.length, checker.head = anchor.record_count, anchor.chain_head
    with services.sessions() as session:
        rows = session.scalars(
            select(Document)
            .where(Document.seq > anchor.record_count)
            .order_by(Document.seq)
            .execution_options(yield_per=1000)
        )
        for row in rows:
            checker.check(row)
            checker.check_blob(row, services.blobs)
            session.expunge(row)
    return checker.report(swept=True).to_dict()


def chain_report(services: Services, *, since_anchor: bool = False) -> dict[str, Any]:
    """Re-check records, events and the latest anchor (``since_anchor``: only what is newer)."""
    with services.sessions() as session:
        anchor = latest_anchor(session)
    if since_anchor and anchor is not None:
        report = _incremental(services, anchor)
        report["mode"] = "since-anchor"
    else:
        with services.sessions() as session:
            report = verify_chain(session, blob_store=services.blobs).to_dict()
        report["mode"] = "full"
    with services.sessions() as session:
        events = verify_events(session)
    report["events"] = events.to_dict()
    report["anchor"] = anchor_report(services, anchor) if anchor is not None else None
    report["ok"] = bool(report["ok"] and events.ok and (anchor is None or report["anchor"]["ok"]))
    return report
