"""Render one document: the single call previews and issued documents share."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from doc_service.render.compiled import CompiledTemplate
from doc_service.render.docx import render_docx
from doc_service.render.formats import DOCX, HTML, MEDIA_TYPES, PDF
from doc_service.render.html import render_html
from doc_service.render.pdf import render_pdf


@dataclass(frozen=True)
class RenderJob:
    """What to render: a validated case in one type, format and locale."""

    document_type: str
    format: str
    locale: str
    case: dict[str, Any]
    payload_sha256: str
    specimen: bool = False
    # compliance findings printed on a specimen so reviewers see them; never on issued documents
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rendered:
    """The bytes of one rendered document and the template version that made them."""

    content: bytes
    media_type: str
    format: str
    template_id: str
    template_version: str

    @property
    def sha256(self) -> str:
        """Return the hex SHA-256 of the bytes."""
        return hashlib.sha256(self.content).hexdigest()


def render_document(*, job: RenderJob, template: CompiledTemplate) -> Rendered:
    """Render the job with a compiled template; the same inputs always give the same bytes."""
    context = template.context(job.case, specimen=job.specimen)
    context["compliance_notes"] = list(job.notes) if job.specimen else []
    issue_date = job.case["issue_date"]
    if job.format == PDF:
        identity = f"{job.payload_sha256}:{template.version}:{job.locale}:{job.specimen}"
        content = render_pdf(template, context, identity=identity)
    elif job.format == DOCX:
        created = datetime(issue_date.year, issue_date.month, issue_date.day)
        content = render_docx(template, context, created=created)
    elif job.format == HTML:
        content = render_html(template, context)
    else:  # the schemas refuse other formats before this point
        raise ValueError(f"unknown format {job.format!r}")
    return Rendered(
        content=content,
        media_type=MEDIA_TYPES[job.format],
        format=job.format,
        template_id=template.id,
        template_version=template.version,
    )
