"""Prove a record: stored bytes re-hashed, chain link checked, document rebuilt byte for byte."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from doc_service.audit import BlobError, Record, load_template_files
from doc_service.audit.chain import format_instant, verify_record_link
from doc_service.documents.earlier_letters import EARLIER_LETTERS, split_stored
from doc_service.documents.rendering import render_bounded
from doc_service.documents.request import load_request
from doc_service.render.snapshot import TemplateSnapshot

if TYPE_CHECKING:
    from doc_service.services import Services


def stored_bytes(services: Services, record: Record) -> bytes | None:
    """Return the stored bytes when they still hash to the record's sha256, else None."""
    try:
        data = services.blobs.get(record.sha256)
    except BlobError:
        return None
    return data if hashlib.sha256(data).hexdigest() == record.sha256 else None


def rebuild(services: Services, record: Record) -> bytes:
    """Render the document again from its stored payload and its pinned template version."""
    # the earlier letters a notice cites were resolved by the service, not sent: put them back
    case, letters = split_stored(json.loads(record.payload_json or "null"))
    request = load_request(
        {
            "document_type": record.document_type,
            "format": record.format,
            "locale": record.locale,
            "case": case,
            "pdf_variant": record.pdf_variant,
        },
        new=False,
    )
    if letters is not None:
        request = replace(request, case={**request.case, EARLIER_LETTERS: letters})
    with services.sessions() as session:
        files = load_template_files(
            session, services.blobs, record.template_id, record.template_version
        )
    snapshot = TemplateSnapshot(record.document_type, record.locale, files)
    template = services.templates.pinned(snapshot)
    # the record's own payload hash: it names the PDF, whatever later schema versions add
    # and the id and public address it printed as its verification code and QR code
    job = replace(
        request.render_job(),
        payload_sha256=record.payload_sha256,
        document_id=record.id,
        public_url=record.public_url,
    )
    return render_bounded(services, template, job).content


def verify_purged(services: Services, record: Record) -> dict[str, Any]:
    """Answer for a purged document: the chain still holds; bytes and payload are gone."""
    with services.sessions() as session:
        chain_ok = verify_record_link(session, document_id=record.id)
    purged_at = format_instant(record.purged_at) if record.purged_at else None
    return {
        "document_id": record.id,
        "ok": chain_ok,
        "stored_bytes_ok": None,
        "chain_ok": chain_ok,
        "reproducible": None,
        "purged": True,
        "purged_at": purged_at,
        "detail": f"purged on {purged_at} under the retention policy: the bytes and the payload "
        "were deleted; the record, its hashes and its place in the chain remain",
    }


def verify_document(services: Services, record: Record) -> dict[str, Any]:
    """Return the three verdicts an auditor asks for, with the reason of any failure."""
    if record.purged_at is not None:
        return verify_purged(services, record)
    report: dict[str, Any] = {"document_id": record.id}
    stored = stored_bytes(services, record)
    report["stored_bytes_ok"] = stored is not None
    with services.sessions() as session:
        report["chain_ok"] = verify_record_link(session, document_id=record.id)
    payload = record.payload_json or ""
    payload_ok = hashlib.sha256(payload.encode("utf-8")).hexdigest() == record.payload_sha256
    try:
        rebuilt = rebuild(services, record) if payload_ok else b""
        report["reproducible"] = reproduces(record, rebuilt, stored)
    except Exception as exc:  # a failed rebuild is the verdict, not a 500
        report["reproducible"] = False
        report["rebuild_error"] = type(exc).__name__
    if not payload_ok:
        report["rebuild_error"] = "payload does not match payload_sha256"
    report["ok"] = report["stored_bytes_ok"] and report["chain_ok"] and report["reproducible"]
    if record.render_sha256 is not None:
        # pyHanko is imported only for a signed document: most services sign nothing
        from doc_service.evidence.signing import signature_report

        roots = services.signing.trust_roots if services.signing else ()
        report["signature"] = signature_report(stored or b"", roots)
        report["ok"] = report["ok"] and report["signature"]["ok"]
    return report


def reproduces(record: Record, rebuilt: bytes, stored: bytes | None) -> bool:
    """Tell whether a rebuild is the document, or for a signed PDF the signed file's prefix."""
    digest = hashlib.sha256(rebuilt).hexdigest()
    if record.render_sha256 is None:
        return digest == record.sha256
    # the signature is an incremental update: the render must be the exact start of the file
    return (
        digest == record.render_sha256
        and len(rebuilt) == record.render_size
        and stored is not None
        and stored[: len(rebuilt)] == rebuilt
    )
