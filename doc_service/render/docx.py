"""DOCX rendition through docxtpl, with fixed zip timestamps so the bytes are reproducible."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

from docxtpl import DocxTemplate

from doc_service.render.compiled import CompiledTemplate

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def render_docx(template: CompiledTemplate, context: dict[str, Any], *, created: datetime) -> bytes:
    """Return the DOCX; a fresh DocxTemplate per call because docxtpl objects are not shareable."""
    document = DocxTemplate(io.BytesIO(template.docx_bytes))
    document.render(context, jinja_env=template.markup_env, autoescape=True)
    properties = document.docx.core_properties
    properties.title = context["t"]["title"]
    properties.author = context["issuer_name"]
    properties.last_modified_by = context["issuer_name"]
    properties.language = context["lang"]
    properties.created = created
    properties.modified = created
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, keeping entry order and content."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, source.read(entry.filename))
    return output.getvalue()
