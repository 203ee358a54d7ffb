"""Read document records: by id, by content hash, by idempotency key, and per case."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from doc_service.audit.models import Document
from doc_service.audit.records import Record

DEFAULT_PAGE = 50
MAX_PAGE = 500
# "s" and the seq to continue below: a shape /openapi.json can state, so any cursor of that
# shape is one this service could have handed out
CURSOR_PATTERN = r"s[0-9]{1,19}"
_CURSOR = re.compile(CURSOR_PATTERN, re.ASCII)


class InvalidCursor(ValueError):
    """A paging cursor this service did not hand out."""


def encode_cursor(seq: int) -> str:
    """Return the opaque cursor that continues below this seq."""
    return f"s{seq}"


def decode_cursor(cursor: str) -> int:
    """Return the seq an opaque cursor stands for."""
    if not _CURSOR.fullmatch(cursor):
        raise InvalidCursor(cursor)
    return int(cursor[1:])


def get_record(session: Session, document_id: str) -> Record | None:
    """Return the record with this id, or None."""
    row = session.get(Document, document_id)
    return None if row is None else Record.from_row(row)


def find_by_sha256(session: Session, sha256: str) -> Record | None:
    """Return the first record whose stored bytes have this SHA-256, or None."""
    query = select(Document).where(Document.sha256 == sha256.lower()).order_by(Document.seq)
    row = session.scalars(query.limit(1)).first()
    return None if row is None else Record.from_row(row)


def find_by_idempotency_key(session: Session, key: str) -> Record | None:
    """Return the record an idempotency key produced, or None."""
    row = session.scalars(select(Document).where(Document.idempotency_key == key)).first()
    return None if row is None else Record.from_row(row)


def list_case_documents(
    session: Session,
    case_id: str,
    *,
    document_type: str | None = None,
    limit: int = DEFAULT_PAGE,
    cursor: str | None = None,
) -> tuple[list[Record], str | None]:
    """Return one page of a case's records, newest first, and the next page's cursor."""
    if not 1 <= limit <= MAX_PAGE:
        raise ValueError(f"limit must be between 1 and {MAX_PAGE}")
    query = select(Document).where(Document.case_id == case_id)
    if document_type is not None:
        query = query.where(Document.document_type == document_type)
    if cursor is not None:
        query = query.where(Document.seq < decode_cursor(cursor))
    # one row more than asked tells whether another page exists
    rows = list(session.scalars(query.order_by(Document.seq.desc()).limit(limit + 1)))
    page = [Record.from_row(row) for row in rows[:limit]]
    next_cursor = encode_cursor(page[-1].seq) if len(rows) > limit else None
    return page, next_cursor
