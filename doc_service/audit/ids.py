"""Document ids allocated before rendering, unique on the bits their verification code shows."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from doc_service.audit.models import Document
from doc_service.render.verification import PREFIX_HEX


def ids_with_prefix(session: Session, prefix: str, *, limit: int = 2) -> list[str]:
    """Return up to ``limit`` document ids starting with a hex prefix (an index range scan)."""
    # a range rather than LIKE: PostgreSQL's primary key index serves it under any collation
    query = select(Document.id).where(Document.id >= prefix, Document.id < prefix + "g")
    return [
        i for i in session.scalars(query.order_by(Document.id).limit(limit)) if i.startswith(prefix)
    ]


def new_document_id(session: Session) -> str:
    """Return a fresh id whose verification code no stored document already prints."""
    while True:
        candidate = uuid.uuid4().hex
        if not ids_with_prefix(session, candidate[:PREFIX_HEX], limit=1):
            return candidate
