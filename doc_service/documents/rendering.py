"""The one render call previews, issued documents and verification share."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from doc_service.documents.errors import RenderUnavailable, UnsupportedLocale
from doc_service.render import Rendered, RenderJob, render_document
from doc_service.render.compiled import CompiledTemplate
from doc_service.render.limits import RenderLimitExceeded, run_limited
from doc_service.render.registry import UnknownTemplate
from doc_service.telemetry import metrics
from doc_service.telemetry.tracing import span

if TYPE_CHECKING:
    from doc_service.documents.request import DocumentRequest
    from doc_service.services import Services


def current_template(services: Services, document_type: str, locale: str) -> CompiledTemplate:
    """Return today's template, or refuse the locale, naming those this type has."""
    try:
        return services.templates.current(document_type, locale)
    except UnknownTemplate:
        raise UnsupportedLocale(
            document_type, services.templates.locales_of(document_type)
        ) from None


def render_bounded(services: Services, template: CompiledTemplate, job: RenderJob) -> Rendered:
    """Render under the worker's time and memory limits: every caller renders through here."""
    started = time.perf_counter()
    kind = {"doc.type": job.document_type, "doc.format": job.format, "doc.locale": job.locale}
    try:
        with span("render", **kind, **{"doc.template_version": template.version}):
            rendered = run_limited(
                lambda: render_document(job=job, template=template),
                seconds=services.settings.get("RENDER_TIMEOUT_SECONDS"),
            )
    except RenderLimitExceeded as exc:
        raise RenderUnavailable(exc.reason) from None
    metrics.RENDER_SECONDS.labels(job.document_type, job.format).observe(
        time.perf_counter() - started
    )
    return rendered


def render_request(
    services: Services, request: DocumentRequest, *, specimen: bool, notes: tuple[str, ...] = ()
) -> Rendered:
    """Render a validated request with today's template of its type and locale."""
    template = current_template(services, request.document_type, request.locale)
    return render_bounded(services, template, request.render_job(specimen=specimen, notes=notes))
