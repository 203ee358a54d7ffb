"""The hash chain over all document records, and its verification."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

import rfc8785
from sqlalchemy import select
from sqlalchemy.orm import Session

from doc_service.audit.blobs import BlobCorrupted, BlobNotFound, BlobStore
from doc_service.audit.models import Document

# The record fields that record_hash covers, in the shape they are hashed in.
# record_hash itself and links are excluded; previous_record_hash is included.
HASHED_FIELDS = (
    "id",
    "seq",
    "case_id",
    "document_type",
    "format",
    "locale",
    "version",
    "media_type",
    "sha256",
    "size",
    "payload_sha256",
    "template",  # {"id": template_id, "version": template_version}
    "policy_digest",
    "created_at",  # "YYYY-MM-DDTHH:MM:SS.ffffffZ"
    "created_by",
    "previous_record_hash",
)
MAX_REPORTED_PROBLEMS = 100


class HashableRecord(Protocol):
    """Anything carrying the hashed fields of a document record (a Record or a Document row).

    The fields of HASHED_FIELDS are read by name; these three are reshaped on the way.
    """

    template_id: str
    template_version: str
    created_at: datetime


def format_instant(value: datetime) -> str:
    """Serialise an instant as `YYYY-MM-DDTHH:MM:SS.ffffffZ` (always six fraction digits)."""
    if value.tzinfo is None:
        raise ValueError("naive datetime cannot be part of a record")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def hashed_view(record: HashableRecord) -> dict[str, Any]:
    """Return the exact mapping record_hash is computed over, in the API's field order."""
    view: dict[str, Any] = {}
    for name in HASHED_FIELDS:
        if name == "template":
            view[name] = {"id": record.template_id, "version": record.template_version}
        elif name == "created_at":
            view[name] = format_instant(record.created_at)
        else:
            view[name] = getattr(record, name)
    return view


def compute_record_hash(record: HashableRecord) -> str:
    """Return sha256 of the RFC 8785 canonical JSON of the hashed view."""
    return hashlib.sha256(rfc8785.dumps(hashed_view(record))).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    """The outcome of re-checking every record's hash and link."""

    ok: bool
    length: int
    head: str | None
    first_bad_seq: int | None = None
    problems: list[str] = field(default_factory=list)
    # the blob sweep: None when not swept, else whether every record's bytes exist and hash right
    blobs_ok: bool | None = None
    bad_blobs: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return the `GET /v1/audit/chain` body (plus the diagnostics)."""
        return {
            "ok": self.ok,
            "length": self.length,
            "head": self.head,
            "first_bad_seq": self.first_bad_seq,
            "blobs_ok": self.blobs_ok,
            "bad_blobs": self.bad_blobs,
            "problems": list(self.problems),
        }


class _Checker:
    """Accumulate problems while walking the chain in seq order."""

    def __init__(self) -> None:
        self.length = 0
        self.head: str | None = None
        self.first_bad_seq: int | None = None
        self.problems: list[str] = []
        self.problem_count = 0
        self.bad_blobs = 0

    def fail(self, seq: int, message: str) -> None:
        if self.first_bad_seq is None:
            self.first_bad_seq = seq
        self.problem_count += 1
        # a bounded list keeps memory flat on a badly damaged store of millions of rows
        if len(self.problems) < MAX_REPORTED_PROBLEMS:
            self.problems.append(f"seq {seq}: {message}")

    def check(self, row: Document) -> None:
        expected_seq = self.length + 1
        if row.seq != expected_seq:
            self.fail(row.seq, f"expected seq {expected_seq} (gap or duplicate)")
        if row.previous_record_hash != self.head:
            self.fail(row.seq, "previous_record_hash does not match the preceding record_hash")
        if compute_record_hash(row) != row.record_hash:
            self.fail(row.seq, "record_hash does not match the record's fields")
        payload = row.payload_json
        if payload is None:
            # only a recorded retention purge may take a payload away
            if row.purge is None:
                self.fail(row.seq, "payload_json is missing and no purge is recorded")
        elif hashlib.sha256(payload.encode("utf-8")).hexdigest() != row.payload_sha256:
            self.fail(row.seq, "payload_json does not match payload_sha256")
        self.length += 1
        self.head = row.record_hash

    def check_blob(self, row: Document, blob_store: BlobStore) -> None:
        """Check that the record's bytes are stored and still hash to its sha256."""
        if row.purged_at is not None:
            return  # a recorded retention purge deleted them on purpose
        try:
            blob_store.get(row.sha256)  # verifies the hash on read
        except BlobNotFound:
            self.bad_blob(row.seq, "stored bytes are missing")
        except BlobCorrupted:
            self.bad_blob(row.seq, "stored bytes do not hash to the record's sha256")

    def bad_blob(self, seq: int, message: str) -> None:
        self.bad_blobs += 1
        self.problem_count += 1
        if len(self.problems) < MAX_REPORTED_PROBLEMS:
            self.problems.append(f"seq {seq}: {message}")

    def report(self, *, swept: bool) -> ChainReport:
        problems = list(self.problems)
        if self.problem_count > len(problems):
            problems.append(f"... and {self.problem_count - len(problems)} more")
        return ChainReport(
            ok=self.first_bad_seq is None and self.bad_blobs == 0,
            length=self.length,
            head=self.head,
            first_bad_seq=self.first_bad_seq,
            problems=problems,
            blobs_ok=self.bad_blobs == 0 if swept else None,
            bad_blobs=self.bad_blobs,
        )


def verify_chain(
    session: Session, *, blob_store: BlobStore | None = None, batch_size: int = 1000
) -> ChainReport:
    """Recompute every record hash and link in seq order; with a blob store, sweep the bytes."""
    checker = _Checker()
    rows = session.scalars(
        select(Document).order_by(Document.seq).execution_options(yield_per=batch_size)
    )
    for row in rows:
        checker.check(row)
        if blob_store is not None:
            checker.check_blob(row, blob_store)
        # streamed rows must not pile up in the identity map
        session.expunge(row)
    return checker.report(swept=blob_store is not None)


def verify_record_link(session: Session, *, document_id: str) -> bool:
    """Tell whether one record's hash, its link back and the next record's link hold."""
    row = session.get(Document, document_id)
    if row is None:
        raise LookupError(document_id)
    if compute_record_hash(row) != row.record_hash:
        return False
    previous = session.scalar(select(Document).where(Document.seq == row.seq - 1))
    if (previous.record_hash if previous is not None else None) != row.previous_record_hash:
        return False
    if previous is None and row.seq != 1:
        return False
    # the next record by seq, not "seq + 1": a deleted successor must not pass for the head
    following = session.scalar(
        select(Document).where(Document.seq > row.seq).order_by(Document.seq).limit(1)
    )
    if following is None:
        return True
    return following.seq == row.seq + 1 and following.previous_record_hash == row.record_hash
