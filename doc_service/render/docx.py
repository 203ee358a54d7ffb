"""DOCX rendition through docxtpl, with fixed zip timestamps so the bytes are reproducible.

Renders take the template version's package frame (render/docx_package.py), which gives the
bytes docxtpl and python-docx would write without parsing and re-saving the whole package;
docxtpl's own path stays for versions and renders the frame cannot take, and as the reference
the frame is tested against.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from docx.opc.coreprops import CoreProperties
from docxtpl import DocxTemplate

from doc_service.render.compiled import CompiledTemplate
from doc_service.render.docx_package import UnsupportedPackage
from doc_service.render.docx_parts import render_package
from doc_service.render.docx_zip import normalise_zip
from doc_service.render.verification import inline_image, with_docx_image


class _PatchCachingTemplate(DocxTemplate):
    """A DocxTemplate that reuses docxtpl's tag clean-up of each part across renders."""

    def __init__(self, template: CompiledTemplate) -> None:
        super().__init__(io.BytesIO(template.docx_bytes))
        self._patch = template.docx_patch

    def patch_xml(self, src_xml: str) -> str:
        """Return docxtpl's cleaned-up XML; the same part of a version always cleans the same."""
        return self._patch(src_xml)


def render_docx(template: CompiledTemplate, context: dict[str, Any], *, created: datetime) -> bytes:
    """Return the DOCX, from the version's package frame when it has one."""
    try:
        return render_docx_from_package(template, context, created=created)
    except UnsupportedPackage:
        # this version or this render needs docxtpl's own path (the frame checks, never guesses)
        return render_docx_with_docxtpl(template, context, created=created)


def render_docx_from_package(
    template: CompiledTemplate, context: dict[str, Any], *, created: datetime
) -> bytes:
    """Return the DOCX from the version's package frame; UnsupportedPackage when it has none
    or when this render needs more than the frame models."""
    package = template.docx_package
    if package is None:
        raise UnsupportedPackage(f"{template.id} renders through docxtpl")
    return render_package(package, template.markup_env, context, _stamp(context, created=created))


def render_docx_with_docxtpl(
    template: CompiledTemplate, context: dict[str, Any], *, created: datetime
) -> bytes:
    """Return the DOCX through a fresh DocxTemplate (docxtpl objects are not shareable)."""
    document = _PatchCachingTemplate(template)
    context = with_docx_image(context, inline_image(document))
    document.render(context, jinja_env=template.markup_env, autoescape=True)
    _stamp(context, created=created)(document.docx.core_properties)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def _stamp(context: dict[str, Any], *, created: datetime) -> Any:
    """Return what sets the document's title, author, language and dates after docxtpl."""

    def stamp(properties: CoreProperties) -> None:
        properties.title = context["t"]["title"]
        properties.author = context["issuer_name"]
        properties.last_modified_by = context["issuer_name"]
        properties.language = context["lang"]
        properties.created = created
        properties.modified = created
        properties.revision = 1

    return stamp
