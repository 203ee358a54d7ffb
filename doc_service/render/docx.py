"""DOCX rendition through docxtpl, with fixed zip timestamps so the bytes are reproducible."""

from __future__ import annotations

import io
import struct
import zipfile
from datetime import datetime
from typing import Any

from docxtpl import DocxTemplate

from doc_service.render.compiled import CompiledTemplate

# 1980-01-01 00:00:00 in MS-DOS form (the zip epoch), and "made on MS-DOS", 0644 attributes
_DOS_TIME, _DOS_DATE = 0, (0 << 9) | (1 << 5) | 1
_MADE_BY_DOS = 20  # version 2.0, system 0
_FILE_ATTRIBUTES = 0o644 << 16


class _PatchCachingTemplate(DocxTemplate):
    """A DocxTemplate that reuses docxtpl's tag clean-up of each part across renders."""

    def __init__(self, template: CompiledTemplate) -> None:
        super().__init__(io.BytesIO(template.docx_bytes))
        self._patched = template.docx_patched_parts

    def patch_xml(self, src_xml: str) -> str:
        """Return docxtpl's cleaned-up XML; the same part of a version always cleans the same."""
        patched = self._patched.get(src_xml)
        if patched is None:
            patched = self._patched.setdefault(src_xml, super().patch_xml(src_xml))
        return patched


def render_docx(template: CompiledTemplate, context: dict[str, Any], *, created: datetime) -> bytes:
    """Return the DOCX; a fresh DocxTemplate per call because docxtpl objects are not shareable."""
    document = _PatchCachingTemplate(template)
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
    """Set every entry's time, system and attributes to fixed values, in place.

    The writer stamps entries with the wall clock; patching the headers (rather than
    re-compressing every part) keeps the bytes reproducible at no cost.
    """
    patched = bytearray(data)
    archive = zipfile.ZipFile(io.BytesIO(data))
    for entry in archive.infolist():
        # local file header: signature(4) version(2) flags(2) method(2) time(2) date(2)
        struct.pack_into("<HH", patched, entry.header_offset + 10, _DOS_TIME, _DOS_DATE)
    offset = archive.start_dir
    for _ in archive.infolist():
        # central directory header: made-by at +4, time/date at +12, external attributes at +38
        struct.pack_into("<H", patched, offset + 4, _MADE_BY_DOS)
        struct.pack_into("<HH", patched, offset + 12, _DOS_TIME, _DOS_DATE)
        struct.pack_into("<I", patched, offset + 38, _FILE_ATTRIBUTES)
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", patched, offset + 28)
        offset += 46 + name_len + extra_len + comment_len
    return bytes(patched)
