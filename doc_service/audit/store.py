"""Append document records: blob first, then one locked transaction for record and hash link."""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import cast

from sqlalchemy import Engine, Table, bindparam, func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from doc_service.audit.blobs import BlobStore, sha256_hex
from doc_service.audit.chain import compute_record_hash
from doc_service.audit.db import append_session, append_transaction
from doc_service.audit.events import insert_linked_event
from doc_service.audit.models import (
    AuditEvent,
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
    before_insert: Callable[[Connection], None] = _nothing
    before_commit: Callable[[Connection], None] = _nothing


# Everything an append reads, in one round trip under the lock: the chain's head, the case's
# newest version of the type, the events' head and an earlier record under the same key.
# The lock is taken by a statement of its own before: a PostgreSQL statement reads the
# snapshot it started with, so one that waited on the lock would see the head before the wait.
_NEWEST = Document.seq.desc()
_TIP = select(
    select(Document.seq).order_by(_NEWEST).limit(1).scalar_subquery().label("seq"),
    select(Document.record_hash).order_by(_NEWEST).limit(1).scalar_subquery().label("hash"),
    select(func.max(Document.version))
    .where(
        Document.case_id == bindparam("case_id"),
        Document.document_type == bindparam("document_type"),
    )
    .scalar_subquery()
    .label("version"),
    select(AuditEvent.event_hash)
    .where(AuditEvent.event_hash.is_not(None))
    .order_by(AuditEvent.seq.desc())
    .limit(1)
    .scalar_subquery()
    .label("event_hash"),
    select(Document.id)
    .where(Document.idempotency_key == bindparam("key"))
    .scalar_subquery()
    .label("earlier_id"),
)
_INSERT_DOCUMENT = insert(cast(Table, Document.__table__))
_INSERT_PAYLOAD = insert(cast(Table, DocumentPayload.__table__))
_INSERT_CITATION = insert(cast(Table, DocumentCitation.__table__))


def _replay(conn: Connection, *, document_id: str, key: str, request_sha256: str | None) -> Record:
    """Return the record an earlier request with this key made, or raise on a different body."""
    with Session(bind=conn) as session:
        row = session.get_one(Document, document_id)
        existing = Record.from_row(row, replayed=True)
    if existing.request_sha256 != request_sha256:
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
    conn: Connection,
    draft: DocumentDraft,
    *,
    content: bytes,
    sha256: str,
    blob_store: BlobStore,
    clock: Callable[[], datetime],
    hooks: AppendHooks,
) -> Record:
    """Insert the record and its issue event; the caller holds the lock and commits."""
    tip = conn.execute(
        _TIP,
        {
            "case_id": draft.case_id,
            "document_type": draft.document_type,
            "key": draft.idempotency_key,
        },
    ).one()
    if tip.earlier_id is not None and draft.idempotency_key is not None:
        return _replay(
            conn,
            document_id=tip.earlier_id,
            key=draft.idempotency_key,
            request_sha256=draft.request_sha256,
        )
    if not blob_store.exists(sha256):
        # a failed request's cleanup removed identical bytes after our put
        blob_store.put(content, sha256=sha256)
    columns = draft.columns()
    payload_json = columns.pop("payload_json")
    document_id = columns.pop("id") or uuid.uuid4().hex
    columns.update(
        id=document_id,
        seq=(tip.seq or 0) + 1,
        version=(tip.version or 0) + 1,
        sha256=sha256,
        size=len(content),
        payload_sha256=hashlib.sha256(payload_json.encode("utf-8")).hexdigest(),
        created_at=clock(),
        previous_record_hash=tip.hash,
    )
    # hashed from the values about to be written, read by name as from a stored row
    columns["record_hash"] = compute_record_hash(SimpleNamespace(**columns))
    hooks.before_insert(conn)
    conn.execute(_INSERT_DOCUMENT, columns)
    conn.execute(_INSERT_PAYLOAD, {"document_id": document_id, "payload_json": payload_json})
    if draft.cites:
        citations = [
            {
                "document_id": document_id,
                "position": position,
                "cited_document_id": cited.id,
                "cited_document_type": cited.document_type,
                "cited_version": cited.version,
            }
            for position, cited in enumerate(draft.cites)
        ]
        conn.execute(_INSERT_CITATION, citations)
    insert_linked_event(
        conn,
        previous_event_hash=tip.event_hash,
        tag=EventTag.DOCUMENT_ISSUE,
        actor=draft.actor,
        at=clock(),
        document_id=document_id,
        request_id=draft.request_id,
        detail={"seq": columns["seq"], "version": columns["version"], "sha256": sha256},
    )
    hooks.before_commit(conn)
    return Record(**columns, payload_json=payload_json, cites=draft.cites)


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
        blob_store.put(content, sha256=sha256)
        hooks.after_blob_put(sha256)
        with append_transaction(engine) as conn:
            record = _append_locked(
                conn,
                draft,
                content=content,
                sha256=sha256,
                blob_store=blob_store,
                clock=clock,
                hooks=hooks,
            )
    except BaseException:
        # whatever failed, no record points at these bytes unless an identical one committed
        discard_if_unreferenced(engine, blob_store, sha256)
        raise
    if record.replayed and record.sha256 != sha256:
        discard_if_unreferenced(engine, blob_store, sha256)
    return record
