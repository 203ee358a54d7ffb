"""Warm a worker before it serves: each current template renders its sample once per format.

The first render of a template loads its faces into Pango and HarfBuzz, fills the DOCX part
cache and compiles lazy Jinja paths; done at start, the first request is as fast as the tenth.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from doc_service.audit import canonical_payload
from doc_service.render import RenderJob, render_document
from doc_service.render.formats import DOCX, PDF
from doc_service.render.registry import TemplateRegistry
from schemas import DocumentRequestSchema

SAMPLE_NAME = "sample_case.json"
log = logging.getLogger(__name__)


def warm_up(registry: TemplateRegistry) -> float:
    """Render every current template's sample as PDF and DOCX; return the seconds it took."""
    started = time.perf_counter()
    schema = DocumentRequestSchema()
    for template in registry.all():
        sample = registry.root / template.document_type / SAMPLE_NAME
        try:
            body = _body(sample, template.document_type, template.locale)
            case = schema.load(body)["case"]
            digest = canonical_payload(case)[1]
            for fmt in (PDF, DOCX):
                job = RenderJob(template.document_type, fmt, template.locale, case, digest)
                render_document(job=job, template=template)
        except Exception:  # a template that cannot warm still serves (and readiness says why)
            log.exception("warming %s failed", template.id)
    return time.perf_counter() - started


def _body(sample: Path, document_type: str, locale: str) -> dict[str, object]:
    """Return a request body for one template from its type's sample case."""
    case = json.loads(sample.read_text("utf-8"))
    return {"document_type": document_type, "format": PDF, "locale": locale, "case": case}
