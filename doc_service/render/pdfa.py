"""PDF/A-3u for issued PDFs: the case and a manifest as associated files, with fixed dates."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pydyf
from weasyprint import Attachment

from doc_service.render.compiled import CompiledTemplate
from doc_service.render.job import RenderJob

PDFA_3U = "pdf/a-3u"
VARIANTS = (PDFA_3U,)


def _unique_associated_files(_document: Any, pdf: pydyf.PDF) -> None:
    """Keep each associated file once: WeasyPrint 70 lists every attachment twice in /AF."""
    listed = pdf.catalog.get("AF")
    if listed is None:
        return
    unique: list[Any] = []
    for reference in listed:
        if reference not in unique:
            unique.append(reference)
    pdf.catalog["AF"] = pydyf.Array(unique)


def manifest(job: RenderJob, template: CompiledTemplate) -> dict[str, Any]:
    """Return what the document was made from, as embedded next to the case."""
    return {
        "document_type": job.document_type,
        "locale": job.locale,
        "payload_sha256": job.payload_sha256,
        "template": {"id": template.id, "version": template.version},
        "pdf_variant": job.pdf_variant,
    }


def pdfa_options(job: RenderJob, template: CompiledTemplate) -> dict[str, Any]:
    """Return WeasyPrint's write_pdf options for the job's variant ({} for a plain PDF)."""
    if job.pdf_variant is None:
        return {}
    if job.pdf_variant not in VARIANTS:
        raise ValueError(f"unsupported PDF variant {job.pdf_variant!r}")
    issued = job.case["issue_date"]
    # dates from the case, never the clock: a rebuild gives the same bytes
    stamp = datetime(issued.year, issued.month, issued.day, tzinfo=UTC)
    dated = {"created": stamp, "modified": stamp}
    described = json.dumps(manifest(job, template), sort_keys=True, ensure_ascii=False)
    attachments = [
        Attachment(
            string=job.payload_json or "",
            name="case.json",
            description="The case data the document was rendered from (RFC 8785 JSON)",
            relationship="Source",
            **dated,
        ),
        Attachment(
            string=described,
            name="manifest.json",
            description="Document type, locale, payload SHA-256 and template version",
            relationship="Data",
            **dated,
        ),
    ]
    return {
        "pdf_variant": job.pdf_variant,
        "attachments": attachments,
        "finisher": _unique_associated_files,
    }
