"""Build the evidence bundle of one document: a ZIP that proves it without this service."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import TYPE_CHECKING, Any

from asn1crypto import pem
from sqlalchemy import select

from doc_service.audit import Record, load_template_files, record_to_dict
from doc_service.audit.anchors import anchor_to_dict
from doc_service.audit.chain import format_instant, hashed_view
from doc_service.audit.models import AuditAnchor, Document
from doc_service.documents.anchoring import trust_roots
from doc_service.documents.errors import DocumentPurged, StoredBytesCorrupted
from doc_service.documents.verification import stored_bytes
from doc_service.evidence.readme import README

if TYPE_CHECKING:
    from doc_service.services import Services

# a fixed date in every entry: the same evidence always zips to the same bytes
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
MANIFEST = "manifest.json"


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _chain_segment(services: Services, record: Record) -> tuple[list[dict[str, Any]], Any]:
    """Return the records from this one to the first anchor that covers it, and that anchor."""
    with services.sessions() as session:
        anchor = session.scalar(
            select(AuditAnchor)
            .where(AuditAnchor.record_count >= record.seq)
            .order_by(AuditAnchor.seq)
            .limit(1)
        )
        query = select(Document).where(Document.seq >= record.seq).order_by(Document.seq)
        if anchor is not None:
            query = query.where(Document.seq <= anchor.record_count)
        rows = [
            {**hashed_view(row), "record_hash": row.record_hash} for row in session.scalars(query)
        ]
    return rows, anchor


def bundle_files(services: Services, record: Record) -> dict[str, bytes]:
    """Return every file of the bundle by its name in the ZIP, the manifest aside."""
    if record.payload_json is None or record.purged_at is not None:
        # a purged document has no bytes or payload left to prove; its record still stands
        raise DocumentPurged(record.id, format_instant(record.purged_at or record.created_at))
    content = stored_bytes(services, record)
    if content is None:
        raise StoredBytesCorrupted(record.id)
    with services.sessions() as session:
        template = load_template_files(
            session, services.blobs, record.template_id, record.template_version
        )
    segment, anchor = _chain_segment(services, record)
    files = {
        "README.txt": README.encode("utf-8"),
        f"document.{record.format}": content,
        "record.json": _json(record_to_dict(record)),
        "payload.json": record.payload_json.encode("utf-8"),
        "chain.json": _json({"records": segment}),
    }
    files.update({f"template/{path}": data for path, data in template.items()})
    if anchor is not None:
        shape = anchor_to_dict(anchor)
        shape.pop("timestamp_token")
        files["anchor.json"] = _json(shape)
        files["anchor.tsr"] = anchor.timestamp_token
    roots = trust_roots(services)
    if roots:
        files["certificates/roots.pem"] = b"".join(
            pem.armor("CERTIFICATE", cert.dump()) for cert in roots
        )
    return files


def build_bundle(services: Services, record: Record) -> bytes:
    """Return the bundle's ZIP bytes, with a manifest of every file's SHA-256."""
    files = bundle_files(services, record)
    manifest = {
        "document_id": record.id,
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
    }
    files[MANIFEST] = _json(manifest)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return buffer.getvalue()
