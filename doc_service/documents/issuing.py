"""Issue a document: guard, render, pin the template, store the bytes, append the record."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import rfc8785

from doc_service.audit import (
    DocumentDraft,
    IdempotencyConflict,
    Record,
    append_document,
    find_by_idempotency_key,
    save_template_version,
)
from doc_service.audit.db import append_session
from doc_service.audit.ids import new_document_id
from doc_service.audit.models import CitedRecord
from doc_service.documents.earlier_letters import EARLIER_LETTERS, with_earlier_letters
from doc_service.documents.errors import ComplianceRefused
from doc_service.documents.guard import review
from doc_service.documents.rendering import current_template, render_bounded
from doc_service.telemetry import metrics
from doc_service.telemetry.tracing import span

if TYPE_CHECKING:
    from doc_service.documents.request import DocumentRequest
    from doc_service.evidence.config import SigningConfig
    from doc_service.render.compiled import CompiledTemplate
    from doc_service.services import Services


def signed(signing: SigningConfig, pdf: bytes) -> bytes:
    """Return the PDF signed as an incremental update: the render stays its exact prefix."""
    # pyHanko is imported where a document is signed: a service without a key never loads it
    from doc_service.evidence.signing import sign_pdf

    return sign_pdf(signing, pdf)


@dataclass(frozen=True)
class Issued:
    """The record of an issued document and its bytes; ``replayed`` for an idempotent repeat."""

    record: Record
    content: bytes
    replayed: bool


def request_digest(request: DocumentRequest) -> str:
    """Hash what makes two requests 'the same body' for Idempotency-Key."""
    summary: dict[str, str | None] = {
        "document_type": request.document_type,
        "format": request.format,
        "locale": request.locale,
        "payload_sha256": request.payload_sha256,
    }
    if request.format == "pdf" and request.pdf_variant is None:
        # only the non-default variant enters: keys given before the option existed still match
        summary["pdf_variant"] = None
    return hashlib.sha256(rfc8785.dumps(summary)).hexdigest()


def scoped_key(actor: str, key: str) -> str:
    """Return the stored form of a client's Idempotency-Key: scoped to the API key that sent it.

    Another key's client must neither get this client's document back nor learn, from a 409,
    that the key was used. The scope is a digest of the key's name, so the column's 255
    characters hold it with a 200-character key.
    """
    scope = hashlib.sha256(actor.encode("utf-8")).hexdigest()[:16]
    return f"{scope}:{key}"


def _replay(services: Services, key: str, request_sha256: str) -> Issued | None:
    """Return the first result of an Idempotency-Key, or raise when the body differs."""
    with services.sessions() as session:
        existing = find_by_idempotency_key(session, key)
    if existing is None:
        return None
    if existing.request_sha256 != request_sha256:
        raise IdempotencyConflict(key, existing)
    return Issued(existing, services.blobs.get(existing.sha256), replayed=True)


def pin_template(services: Services, template: CompiledTemplate) -> None:
    """Keep the template's files in the store the first time this process issues with them."""
    key = (template.id, template.version)
    if key in services.pinned_templates:
        return
    # under the append lock (BEGIN IMMEDIATE on SQLite, the advisory lock on PostgreSQL): two
    # workers pinning at once on a fresh store would otherwise meet "database is locked"
    with append_session(services.engine) as session:
        save_template_version(
            session,
            services.blobs,
            template_id=template.id,
            version=template.version,
            files=template.snapshot.files,
        )
    services.pinned_templates.add(key)


def issue_document(
    services: Services,
    request: DocumentRequest,
    *,
    actor: str,
    language: str,
    idempotency_key: str | None = None,
    request_id: str | None = None,
) -> Issued:
    """Issue one document; ComplianceRefused when it breaks the compliance policy."""
    request_sha256 = request_digest(request)
    if idempotency_key:
        idempotency_key = scoped_key(actor, idempotency_key)
    if idempotency_key and (replay := _replay(services, idempotency_key, request_sha256)):
        return replay
    started = time.perf_counter()
    # after the idempotency check, which compares the client's body: the earlier letters are
    # the store's, looked up now and kept in the payload, so a rebuild prints the same ones
    request = with_earlier_letters(services, request)
    with span("guard", **{"doc.type": request.document_type}) as guarded:
        violations = review(services, request, language=language)
        if guarded is not None:
            guarded.set_attribute("doc.violations", len(violations))
    if violations:
        labels = (request.document_type, request.format, request.locale)
        for rule in sorted({violation.rule for violation in violations}):
            metrics.DOCUMENTS_REFUSED.labels(*labels, rule).inc()
        raise ComplianceRefused(violations)
    template = current_template(services, request.document_type, request.locale)
    # the id is allocated first: the document prints it as the recipient's verification code
    with services.engine.connect() as conn:
        document_id = new_document_id(conn)
    public_url = services.settings.get("PUBLIC_URL") or None
    job = replace(request.render_job(), document_id=document_id, public_url=public_url)
    # bounded in time and memory; raising here leaves no blob and no record behind
    rendered = render_bounded(services, template, job)
    with span("store", **{"doc.type": request.document_type, "doc.format": request.format}):
        pin_template(services, template)
        signing = services.signing if rendered.format == "pdf" else None
        content = signed(signing, rendered.content) if signing else rendered.content
        draft = DocumentDraft(
            case_id=request.case["case_id"],
            document_type=request.document_type,
            format=request.format,
            locale=request.locale,
            media_type=rendered.media_type,
            payload_json=request.canonical[0],
            template_id=template.id,
            template_version=template.version,
            actor=actor,
            policy_digest=services.policy.digest,
            idempotency_key=idempotency_key,
            request_sha256=request_sha256,
            request_id=request_id,
            pdf_variant=request.pdf_variant if rendered.format == "pdf" else None,
            render_sha256=rendered.sha256 if signing else None,
            render_size=len(rendered.content) if signing else None,
            cites=tuple(
                CitedRecord(letter["document_id"], letter["document_type"], letter["version"])
                for letter in request.case.get(EARLIER_LETTERS) or ()
            ),
            id=document_id,
            public_url=public_url,
        )
        record = append_document(services.engine, draft, content=content, blob_store=services.blobs)
    # a new record holds these very bytes; a replay may hold a concurrent first request's
    if record.replayed and record.sha256 != hashlib.sha256(content).hexdigest():
        content = services.blobs.get(record.sha256)
    if not record.replayed:
        metrics.DOCUMENTS_ISSUED.labels(request.document_type, request.format, request.locale).inc()
        metrics.ISSUE_SECONDS.labels(request.document_type, request.format).observe(
            time.perf_counter() - started
        )
    return Issued(record, content, replayed=record.replayed)
