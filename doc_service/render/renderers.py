"""One protocol for every output format, and the registry that picks a renderer by format."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from doc_service.render.compiled import CompiledTemplate
from doc_service.render.docx import render_docx
from doc_service.render.formats import DOCX, HTML, MEDIA_TYPES, PDF
from doc_service.render.html import render_html
from doc_service.render.job import RenderJob
from doc_service.render.pdf import render_pdf
from doc_service.render.pdfa import pdfa_options


class Renderer(Protocol):
    """Turn a compiled template and a formatted context into the bytes of one format."""

    format: str

    def render(self, template: CompiledTemplate, context: dict[str, Any], job: RenderJob) -> bytes:
        """Return the document; the same template, context and job always give the same bytes."""
        ...


class PdfRenderer:
    """PDF through WeasyPrint; the identifier derives from the payload, template and locale."""

    format = PDF

    def render(self, template: CompiledTemplate, context: dict[str, Any], job: RenderJob) -> bytes:
        """Return the PDF."""
        identity = f"{job.payload_sha256}:{template.version}:{job.locale}:{job.specimen}"
        return render_pdf(template, context, identity=identity, options=pdfa_options(job, template))


class DocxRenderer:
    """DOCX through docxtpl; its dates come from the issue date, never the clock."""

    format = DOCX

    def render(self, template: CompiledTemplate, context: dict[str, Any], job: RenderJob) -> bytes:
        """Return the DOCX."""
        issued = job.case["issue_date"]
        created = datetime(issued.year, issued.month, issued.day)
        return render_docx(template, context, created=created)


class HtmlRenderer:
    """Standalone HTML with the stylesheet inlined (previews only)."""

    format = HTML

    def render(self, template: CompiledTemplate, context: dict[str, Any], job: RenderJob) -> bytes:
        """Return the HTML file."""
        return render_html(template, context)


RENDERERS: dict[str, Renderer] = {
    r.format: r for r in (PdfRenderer(), DocxRenderer(), HtmlRenderer())
}
assert set(RENDERERS) == set(MEDIA_TYPES)


def renderer_for(format_name: str) -> Renderer:
    """Return the renderer of a format (the schemas refuse other formats before this point)."""
    try:
        return RENDERERS[format_name]
    except KeyError:
        raise ValueError(f"unknown format {format_name!r}") from None
