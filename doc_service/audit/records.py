"""The document record as the rest of the service sees it, and its public JSON shape."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

import rfc8785

from doc_service.audit.chain import HashableRecord, format_instant, hashed_view
from doc_service.audit.models import CitedRecord, Document


@dataclass(frozen=True)
class DocumentDraft:
    """What the issuer knows about a document before the store gives it a place in the chain."""

    case_id: str
    document_type: str
    format: str
    locale: str
    media_type: str
    payload_json: str = field(repr=False)
    template_id: str
    template_version: str
    actor: str
    policy_digest: str | None = None
    idempotency_key: str | None = None
    request_sha256: str | None = None
    # a signed PDF: the unsigned render's hash and length (its exact prefix)
    render_sha256: str | None = None
    render_size: int | None = None
    pdf_variant: str | None = None
    # the id allocated before rendering (printed as the verification code); None: a new one
    id: str | None = None
    public_url: str | None = None
    # not stored on the record: the issue event carries it
    request_id: str | None = None
    # stored beside the record (document_citations): the earlier records it cites
    cites: tuple[CitedRecord, ...] = ()

    def columns(self) -> dict[str, Any]:
        """Return the draft's values under the record's column names."""
        outside = ("request_id", "cites")
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in outside}
        values["created_by"] = values.pop("actor")
        return values


@dataclass(frozen=True)
class Record:
    """An immutable snapshot of one stored document record."""

    id: str
    seq: int
    case_id: str
    document_type: str
    format: str
    locale: str
    version: int
    media_type: str
    sha256: str
    size: int
    payload_sha256: str
    # None once the retention purge deleted it (purged_at says when)
    payload_json: str | None = field(repr=False)
    template_id: str
    template_version: str
    policy_digest: str | None
    created_at: datetime
    created_by: str
    record_hash: str
    previous_record_hash: str | None
    idempotency_key: str | None
    request_sha256: str | None
    render_sha256: str | None = None
    render_size: int | None = None
    pdf_variant: str | None = None
    public_url: str | None = None
    # True when append_document returned an earlier record for a repeated idempotency key
    replayed: bool = field(default=False, compare=False)
    purged_at: datetime | None = field(default=None, compare=False)
    # the earlier records this document cites (a litigation notice's earlier letters)
    cites: tuple[CitedRecord, ...] = field(default=(), compare=False)

    @classmethod
    def from_row(cls, row: Document, *, replayed: bool = False) -> Record:
        """Snapshot an ORM row: every field but ``replayed`` is a column of the same name."""
        values = {f.name: getattr(row, f.name) for f in fields(cls) if f.name != "replayed"}
        return cls(**values, replayed=replayed)


def record_to_dict(record: Record | Document) -> dict[str, Any]:
    """Return the record in API.md's shape: the hashed fields, its hash and its links."""
    self_link = f"/v1/documents/{record.id}"
    shown = {
        # a frozen Record only offers reads, which is all hashed_view does
        **hashed_view(cast(HashableRecord, record)),
        "record_hash": record.record_hash,
        "links": {"self": self_link, "content": f"{self_link}/content"},
    }
    if record.render_sha256 is not None:
        # outside the hash: sha256 covers the signed file, which holds this render as its prefix
        shown["render"] = {"sha256": record.render_sha256, "size": record.render_size}
    if record.purged_at is not None:
        shown["purged_at"] = format_instant(record.purged_at)
    if record.cites:
        # outside the hash (the record's fields are fixed); the payload, which is hashed, names
        # the same records, and the links outlive the payload's purge
        shown["cites"] = [
            {
                "id": cited.id,
                "document_type": cited.document_type,
                "version": cited.version,
                "links": {"self": f"/v1/documents/{cited.id}"},
            }
            for cited in record.cites
        ]
    if delivery := delivery_of(record.payload_json):
        # outside the hash: payload_sha256 already covers it
        shown["delivery"] = delivery
    return shown


def delivery_of(payload_json: str | None) -> dict[str, Any] | None:
    """Return how the document was delivered, as its stored case says (None once purged)."""
    if payload_json is None:
        return None
    delivery = json.loads(payload_json).get("delivery")
    return delivery if isinstance(delivery, dict) else None


def _plain(value: Any, path: str) -> Any:
    """Turn a validated case value into plain JSON (decimals and dates as strings)."""
    if isinstance(value, bool) or value is None or isinstance(value, str | int):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{path}: {value} is not a finite decimal")
        # "f" keeps exactly the stored digits and never switches to exponent notation
        return format(value, "f")
    if isinstance(value, datetime):
        raise TypeError(f"{path}: datetimes are not part of a case; use a date")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _plain(item, f"{path}.{key}") for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item, f"{path}[{index}]") for index, item in enumerate(value)]
    # floats included: money never passes through binary floating point
    raise TypeError(f"{path}: {type(value).__name__} cannot be canonicalised")


def canonical_payload(case: dict[str, Any]) -> tuple[str, str]:
    """Return the RFC 8785 canonical JSON of a validated case and its sha256 hex."""
    data = rfc8785.dumps(_plain(case, "case"))
    return data.decode("utf-8"), hashlib.sha256(data).hexdigest()
