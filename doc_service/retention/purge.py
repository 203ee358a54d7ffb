"""The retention purge: delete expired, unheld documents' bytes and payloads; keep the records.

A document expires when its type's retention period, counted from the case's last document,
has passed. Each case is purged in one transaction under the append lock, so a hold placed or a
document issued meanwhile is seen: the purge is recorded (document_purges + a document:purge
event), the payload row deleted, and only after the commit are the bytes deleted.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from doc_service.audit.blobs import BlobStore
from doc_service.audit.chain import format_instant
from doc_service.audit.db import append_session
from doc_service.audit.events import record_event
from doc_service.audit.models import Document, DocumentPayload, DocumentPurge, EventTag, utc_now
from doc_service.compliance import Policy
from doc_service.retention.holds import held_cases, hold_state

log = logging.getLogger(__name__)
# purges this recent are re-checked for bytes a failed deletion left behind
SWEEP_DAYS = 30


@dataclass(frozen=True)
class Expired:
    """One document whose retention period has ended."""

    document_id: str
    case_id: str
    document_type: str
    sha256: str
    expired_at: datetime

    def as_dict(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "case_id": self.case_id,
            "document_type": self.document_type,
            "expired_at": format_instant(self.expired_at),
        }


@dataclass
class PurgeReport:
    """What a purge run did (or, in a dry run, would do)."""

    dry_run: bool
    as_of: datetime
    purged: list[Expired] = field(default_factory=list)
    held_cases: list[str] = field(default_factory=list)
    blob_errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return the report as the API shows it."""
        return {
            "dry_run": self.dry_run,
            "as_of": format_instant(self.as_of),
            "purged": [item.as_dict() for item in self.purged],
            "held_cases": sorted(self.held_cases),
            "blob_errors": list(self.blob_errors),
        }


def _years_before(moment: datetime, years: int) -> datetime:
    """Return the same instant `years` earlier (28 February for 29 February)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def find_expired(
    session: Session, policy: Policy, now: datetime, case_id: str | None = None
) -> list[Expired]:
    """Return the unpurged documents whose retention ended by `now`, oldest case first."""
    retention = policy.retention
    if not retention.years:
        return []
    last = select(Document.case_id, func.max(Document.created_at).label("last"))
    if case_id is not None:
        last = last.where(Document.case_id == case_id)
    last_of_case = last.group_by(Document.case_id).subquery()
    shortest = min(years for _, years in retention.years)
    query = (
        select(Document, last_of_case.c.last)
        .join(last_of_case, last_of_case.c.case_id == Document.case_id)
        .outerjoin(DocumentPurge, DocumentPurge.document_id == Document.id)
        .where(DocumentPurge.document_id.is_(None))
        # no case younger than the shortest period can hold an expired document
        .where(last_of_case.c.last <= _years_before(now, shortest))
        .order_by(last_of_case.c.last, Document.seq)
    )
    found = []
    for row, case_last in session.execute(query).all():
        expires = retention.expires(row.document_type, case_last)
        if expires is not None and expires <= now:
            found.append(Expired(row.id, row.case_id, row.document_type, row.sha256, expires))
    return found


def _purge_case(
    engine: Engine,
    policy: Policy,
    case_id: str,
    *,
    actor: str,
    now: datetime,
    request_id: str | None,
) -> list[Expired] | None:
    """Record the purge of a case's expired documents; None when a hold arrived meanwhile."""
    with append_session(engine) as session:
        if hold_state(session, case_id).held:
            return None
        # again under the lock: a document issued since the scan restarts the case's clock
        expired = find_expired(session, policy, now, case_id=case_id)
        for item in expired:
            session.add(
                DocumentPurge(
                    document_id=item.document_id,
                    purged_at=now,
                    purged_by=actor,
                    expired_at=item.expired_at,
                    rule=policy.retention.rule(item.document_type),
                    policy_digest=policy.digest,
                )
            )
            session.flush()  # the payload's trigger lets it go only once the purge is recorded
            session.execute(
                delete(DocumentPayload).where(DocumentPayload.document_id == item.document_id)
            )
            record_event(
                session,
                tag=EventTag.DOCUMENT_PURGE,
                actor=actor,
                document_id=item.document_id,
                request_id=request_id,
                detail={"expired_at": format_instant(item.expired_at), "sha256": item.sha256},
                clock=lambda: now,
            )
        return expired


def _delete_bytes(engine: Engine, blobs: BlobStore, sha256: str) -> None:
    """Delete a purged document's bytes unless an unpurged record shares them."""
    with Session(engine) as session:
        shared = session.scalar(
            select(Document.id)
            .outerjoin(DocumentPurge, DocumentPurge.document_id == Document.id)
            .where(Document.sha256 == sha256, DocumentPurge.document_id.is_(None))
            .limit(1)
        )
    if shared is None:
        blobs.discard(sha256)


def _recent_purged_bytes(engine: Engine, blobs: BlobStore, now: datetime) -> set[str]:
    """Return the digests of recent purges whose bytes are still stored (a failed deletion)."""
    with Session(engine) as session:
        digests = session.scalars(
            select(Document.sha256)
            .join(DocumentPurge, DocumentPurge.document_id == Document.id)
            .where(DocumentPurge.purged_at >= now - timedelta(days=SWEEP_DAYS))
        ).all()
    return {digest for digest in set(digests) if blobs.exists(digest)}


def purge_expired(
    engine: Engine,
    blobs: BlobStore,
    policy: Policy,
    *,
    actor: str,
    dry_run: bool = False,
    request_id: str | None = None,
    clock: Callable[[], datetime] = utc_now,
    on_purged: Callable[[Expired], None] = lambda _item: None,
) -> PurgeReport:
    """Purge every expired, unheld document; a dry run only says which it would purge."""
    now = clock()
    report = PurgeReport(dry_run=dry_run, as_of=now)
    with Session(engine) as session:
        expired = find_expired(session, policy, now)
        held = held_cases(session)
    by_case: dict[str, list[Expired]] = defaultdict(list)
    for item in expired:
        by_case[item.case_id].append(item)
    for case_id, items in by_case.items():
        if case_id in held:
            report.held_cases.append(case_id)
        elif dry_run:
            report.purged.extend(items)
        else:
            done = _purge_case(engine, policy, case_id, actor=actor, now=now, request_id=request_id)
            if done is None:
                report.held_cases.append(case_id)
                continue
            report.purged.extend(done)
            for item in done:
                on_purged(item)
    if dry_run:
        return report
    digests = {item.sha256 for item in report.purged} | _recent_purged_bytes(engine, blobs, now)
    for digest in sorted(digests):
        try:
            _delete_bytes(engine, blobs, digest)
        except Exception:  # the record says purged; the next run deletes the bytes again
            log.exception("could not delete the bytes of purged documents %s", digest)
            report.blob_errors.append(digest)
    return report
