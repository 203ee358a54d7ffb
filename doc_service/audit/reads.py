"""Read document records: by id, by content hash, by idempotency key, and per case."""

from __future__ import annotations

import base64
import binascii

from sqlalchemy import select
from sqlalchemy.orm import Session

from doc_service.audit.models import Document
from doc_service.audit.records import Record

DEFAULT_PAGE = 50
MAX_PAGE = 500
_CURSOR_PREFIX = "seq:"


class InvalidCursor(ValueError):
    """A paging cursor this service did not hand out."""


def encode_cursor(seq: int) -> str:
    """Return the opaque cursor that continues below this seq."""
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """Return the seq an opaque cursor stands for."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidCursor(cursor) from None
    number = text.removeprefix(_CURSOR_PREFIX)
    if not text.startswith(_CURSOR_PREFIX) or not number.isdigit():
        raise InvalidCursor(cursor)
    return int(number)


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
