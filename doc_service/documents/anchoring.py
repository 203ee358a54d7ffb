"""Create timestamped anchors and check one anchor's token and heads (chain_checks.py walks)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from doc_service.audit.anchors import anchor_digest, anchor_holds, store_state
from doc_service.audit.db import append_session
from doc_service.audit.models import AuditAnchor, utc_now
from doc_service.evidence.errors import SigningUnavailable, TimestampingNotConfigured

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
    # pyHanko is imported when an anchor is made or checked, never by a process that serves none
    from doc_service.evidence.timestamps import check_token, request_token

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
    from doc_service.evidence.timestamps import check_token, token_certificates

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
