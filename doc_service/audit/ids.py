"""Document ids allocated before rendering, unique on the bits their verification code shows."""

from __future__ import annotations

import uuid

from sqlalchemy import Integer, bindparam, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from doc_service.audit.models import Document
from doc_service.render.verification import PREFIX_HEX

# a range rather than LIKE: PostgreSQL's primary key index serves it under any collation;
# built once, as every issue runs it
_IDS_IN_RANGE = (
    select(Document.id)
    .where(Document.id >= bindparam("low"), Document.id < bindparam("high"))
    .order_by(Document.id)
    .limit(bindparam("limit", type_=Integer()))
)


def ids_with_prefix(db: Session | Connection, prefix: str, *, limit: int = 2) -> list[str]:
    """Return up to ``limit`` document ids starting with a hex prefix (an index range scan)."""
    found = db.scalars(_IDS_IN_RANGE, {"low": prefix, "high": prefix + "g", "limit": limit})
    return [i for i in found if i.startswith(prefix)]


def new_document_id(db: Session | Connection) -> str:
    """Return a fresh id whose verification code no stored document already prints."""
    while True:
        candidate = uuid.uuid4().hex
        if not ids_with_prefix(db, candidate[:PREFIX_HEX], limit=1):
            return candidate
