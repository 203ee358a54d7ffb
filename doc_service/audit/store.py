"""Append document records: blob first, then one locked transaction for record and hash link."""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from doc_service.audit.blobs import BlobStore, sha256_hex
from doc_service.audit.chain import compute_record_hash
from doc_service.audit.db import append_session
from doc_service.audit.events import record_event
from doc_service.audit.models import (
    Document,
    DocumentCitation,
    DocumentPayload,
    EventTag,
    TemplateVersion,
    utc_now,
)
from doc_service.audit.records import DocumentDraft, Record, canonical_payload

__all__ = [
    "AppendHooks",
    "DocumentDraft",
    "IdempotencyConflict",
    "append_document",
    "blob_is_referenced",
    "canonical_payload",
    "discard_if_unreferenced",
]

log = logging.getLogger(__name__)


class IdempotencyConflict(Exception):
    """The idempotency key was used before with a different request body."""

    def __init__(self, key: str, existing: Record) -> None:
        super().__init__(f"idempotency key {key!r} was used with a different request")
        self.key = key
        self.existing = existing


def _nothing(*_args: object) -> None:
    """Do nothing (the default of every hook)."""


@dataclass
class AppendHooks:
    """Points inside append_document where tests inject failures; no-ops in production."""

    after_blob_put: Callable[[str], None] = _nothing
    before_insert: Callable[[Session], None] = _nothing
    before_commit: Callable[[Session], None] = _nothing


@dataclass(frozen=True)
class _Head:
    seq: int
    record_hash: str | None


def _head(session: Session) -> _Head:
    """Return the last record's seq and hash (0 and None on an empty chain)."""
    row = session.execute(
        select(Document.seq, Document.record_hash).order_by(Document.seq.desc()).limit(1)
    ).first()
    return _Head(0, None) if row is None else _Head(row.seq, row.record_hash)


def _next_version(session: Session, *, case_id: str, document_type: str) -> int:
    """Return the next version of a case's document type."""
    current = session.scalar(
        select(func.max(Document.version)).where(
            Document.case_id == case_id, Document.document_type == document_type
        )
    )
    return (current or 0) + 1


def _replay(session: Session, *, key: str, request_sha256: str | None) -> Record | None:
    """Return the record of an earlier request with this key, or raise on a different body."""
    row = session.scalar(select(Document).where(Document.idempotency_key == key))
    if row is None:
        return None
    existing = Record.from_row(row, replayed=True)
    if row.request_sha256 != request_sha256:
        raise IdempotencyConflict(key, existing)
    return existing


def blob_is_referenced(session: Session, sha256: str) -> bool:
    """Tell whether any record or template manifest points at this blob."""
    by_document = select(Document.id).where(Document.sha256 == sha256).limit(1)
    by_template = select(TemplateVersion.template_id).where(
        TemplateVersion.manifest_sha256 == sha256
    )
    return (
        session.scalar(by_document) is not None or session.scalar(by_template.limit(1)) is not None
    )


def discard_if_unreferenced(engine: Engine, blob_store: BlobStore, sha256: str) -> bool:
    """Remove a blob left by a failed request unless a committed record uses it."""
    try:
        # under the append lock, so no appender can commit a reference in between
        with append_session(engine) as session:
            if blob_is_referenced(session, sha256):
                return False
            blob_store.discard(sha256)
            return True
    except Exception:
        # cleanup must never mask the failure that made it necessary
        log.exception("could not discard unreferenced blob %s", sha256)
        return False


def _append_locked(
    session: Session,
    draft: DocumentDraft,
    *,
    content: bytes,
    blob_store: BlobStore,
    clock: Callable[[], datetime],
    hooks: AppendHooks,
) -> Record:
    """Insert the record and its issue event; the caller holds the lock and commits."""
    if draft.idempotency_key is not None:
        earlier = _replay(session, key=draft.idempotency_key, request_sha256=draft.request_sha256)
        if earlier is not None:
            return earlier
    sha256 = sha256_hex(content)
    if not blob_store.exists(sha256):
        # a failed request's cleanup removed identical bytes after our put
        blob_store.put(content)
    head = _head(session)
    columns = draft.columns()
    payload_json = columns.pop("payload_json")
    document_id = columns.pop("id") or uuid.uuid4().hex
    row = Document(
        **columns,
        id=document_id,
        seq=head.seq + 1,
        version=_next_version(session, case_id=draft.case_id, document_type=draft.document_type),
        sha256=sha256,
        size=len(content),
        payload_sha256=hashlib.sha256(payload_json.encode("utf-8")).hexdigest(),
        created_at=clock(),
        previous_record_hash=head.record_hash,
    )
    row.record_hash = compute_record_hash(row)
    hooks.before_insert(session)
    session.add(row)
    session.flush()
    payload = DocumentPayload(document_id=row.id, payload_json=payload_json)
    session.add(payload)
    citations = [
        DocumentCitation(
            document_id=row.id,
            position=position,
            cited_document_id=cited.id,
            cited_document_type=cited.document_type,
            cited_version=cited.version,
        )
        for position, cited in enumerate(draft.cites)
    ]
    session.add_all(citations)
    session.flush()
    # the new row's read-only relations are known: no SELECT reads back what was just written
    set_committed_value(row, "payload", payload)
    set_committed_value(row, "purge", None)
    set_committed_value(row, "citations", citations)
    record_event(
        session,
        tag=EventTag.DOCUMENT_ISSUE,
        actor=draft.actor,
        document_id=row.id,
        request_id=draft.request_id,
        detail={"seq": row.seq, "version": row.version, "sha256": row.sha256},
        clock=clock,
    )
    hooks.before_commit(session)
    return Record.from_row(row)


def append_document(
    engine: Engine,
    draft: DocumentDraft,
    *,
    content: bytes,
    blob_store: BlobStore,
    clock: Callable[[], datetime] = utc_now,
    hooks: AppendHooks | None = None,
) -> Record:
    """Store the bytes, then append and hash-link their record; return it (or the replay)."""
    hooks = hooks or AppendHooks()
    sha256 = sha256_hex(content)
    try:
        blob_store.put(content)
        hooks.after_blob_put(sha256)
        with append_session(engine) as session:
            record = _append_locked(
                session, draft, content=content, blob_store=blob_store, clock=clock, hooks=hooks
            )
    except BaseException:
        # whatever failed, no record points at these bytes unless an identical one committed
        discard_if_unreferenced(engine, blob_store, sha256)
        raise
    if record.replayed and record.sha256 != sha256:
        discard_if_unreferenced(engine, blob_store, sha256)
    return record
