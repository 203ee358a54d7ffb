"""The one render call previews, issued documents and verification share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from doc_service.audit.records import canonical_payload
from doc_service.render import Rendered, RenderJob, render_document

if TYPE_CHECKING:
    from doc_service.api.intake import DocumentRequest
    from doc_service.services import Services


def render_request(services: Services, request: DocumentRequest, *, specimen: bool) -> Rendered:
    """Render a validated request with today's template of its type and locale."""
    template = services.templates.current(request.document_type, request.locale)
    _, payload_sha256 = canonical_payload(request.case)
    job = RenderJob(
        document_type=request.document_type,
        format=request.format,
        locale=request.locale,
        case=request.case,
        payload_sha256=payload_sha256,
        specimen=specimen,
    )
    return render_document(job=job, template=template)
