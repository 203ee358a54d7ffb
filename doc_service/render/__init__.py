"""Render one document: the single call previews, issued documents and verification share."""

from __future__ import annotations

from typing import Any

from doc_service.render.compiled import CompiledTemplate
from doc_service.render.formats import MEDIA_TYPES
from doc_service.render.job import Rendered, RenderJob
from doc_service.render.renderers import Renderer, renderer_for
from doc_service.render.verification import verification_values

__all__ = ["RenderJob", "Rendered", "Renderer", "document_context", "render_document"]


def render_document(*, job: RenderJob, template: CompiledTemplate) -> Rendered:
    """Render the job with a compiled template; the same inputs always give the same bytes."""
    context = document_context(job=job, template=template)
    content = renderer_for(job.format).render(template, context, job)
    return Rendered(
        content=content,
        media_type=MEDIA_TYPES[job.format],
        format=job.format,
        template_id=template.id,
        template_version=template.version,
    )


def document_context(*, job: RenderJob, template: CompiledTemplate) -> dict[str, Any]:
    """Return what the templates render from: the case's values, notes and verification."""
    context = template.context(job.case, specimen=job.specimen)
    context["compliance_notes"] = list(job.notes) if job.specimen else []
    context["verification"] = verification_values(job, template)
    return context
