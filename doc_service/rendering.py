"""The one render call previews, issued documents and verification share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from doc_service.audit.records import canonical_payload
from doc_service.limits import run_limited
from doc_service.problems import validation_problem
from doc_service.render import Rendered, RenderJob, render_document
from doc_service.render.compiled import CompiledTemplate
from doc_service.render.registry import UnknownTemplate
from schemas.messages import N_

if TYPE_CHECKING:
    from doc_service.api.intake import DocumentRequest
    from doc_service.services import Services


def current_template(services: Services, document_type: str, locale: str) -> CompiledTemplate:
    """Return today's template, or a 422 naming the locales this document type has."""
    try:
        return services.templates.current(document_type, locale)
    except UnknownTemplate:
        available = services.templates.locales_of(document_type)
        message = N_("{document_type} is available in: {locales}")
        text = message.format(document_type=document_type, locales=", ".join(available) or "-")
        raise validation_problem({"locale": [text]}, title=N_("Unsupported locale")) from None


def job_for(
    request: DocumentRequest,
    *,
    payload_sha256: str,
    specimen: bool = False,
    notes: tuple[str, ...] = (),
) -> RenderJob:
    """Describe the render of a validated request."""
    return RenderJob(
        document_type=request.document_type,
        format=request.format,
        locale=request.locale,
        case=request.case,
        payload_sha256=payload_sha256,
        specimen=specimen,
        notes=notes,
    )


def render_bounded(services: Services, template: CompiledTemplate, job: RenderJob) -> Rendered:
    """Render under the worker's time limit: every caller renders through here."""
    # a runaway template or payload becomes a 503 instead of holding the worker (limits.py)
    return run_limited(
        lambda: render_document(job=job, template=template),
        seconds=services.settings.get("RENDER_TIMEOUT_SECONDS"),
    )


def render_request(
    services: Services, request: DocumentRequest, *, specimen: bool, notes: tuple[str, ...] = ()
) -> Rendered:
    """Render a validated request with today's template of its type and locale."""
    template = current_template(services, request.document_type, request.locale)
    _, payload_sha256 = canonical_payload(request.case)
    job = job_for(request, payload_sha256=payload_sha256, specimen=specimen, notes=notes)
    return render_bounded(services, template, job)
