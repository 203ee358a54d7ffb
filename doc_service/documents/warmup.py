"""Warm a worker before it serves: each current template renders its sample once per format.

The first render of a template loads its faces into Pango and HarfBuzz, fills the DOCX part
cache and compiles lazy Jinja paths; done at start, the first request is as fast as the tenth.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import time

from doc_service.documents.request import load_request
from doc_service.render import render_document
from doc_service.render.formats import DOCX, PDF
from doc_service.render.registry import TemplateRegistry
from schemas.catalogue import sample_case

log = logging.getLogger(__name__)


def warm_up(registry: TemplateRegistry) -> float:
    """Render every current template's sample as PDF and DOCX; return the seconds it took."""
    started = time.perf_counter()
    for template in registry.all():
        try:
            case = sample_case(template.document_type, registry.root)
            for fmt in (PDF, DOCX):
                body = {"document_type": template.document_type, "format": fmt, "case": case}
                job = load_request(body, locale=template.locale).render_job()
                render_document(job=job, template=template)
        except Exception:  # a template that cannot warm still serves (and readiness says why)
            log.exception("warming %s failed", template.id)
    return time.perf_counter() - started


def settle_heap() -> None:
    """After the warm-up: hand freed memory back and keep the warmed objects out of GC scans.

    A worker holds ~240,000 long-lived objects (modules, compiled templates, schemas); frozen,
    the collections a render triggers no longer walk them: about half the GC time of a PDF
    (the other half render/collector.py saves).
    """
    gc.collect()
    _malloc_trim()
    gc.freeze()


def _malloc_trim() -> None:
    """Return glibc's free heap pages to the system (the warm-up's peak leaves many behind)."""
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc: nothing to trim
        return
    if trim is not None:
        trim(0)
