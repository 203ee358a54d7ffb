"""Responses that carry a document's bytes, with a safe UTF-8 file name."""

from __future__ import annotations

import re
from urllib.parse import quote

from flask import Response

from doc_service.render import Rendered
from doc_service.render.formats import HTML

_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """Return a Content-Disposition with an ASCII fallback and the RFC 6266 UTF-8 name."""
    ascii_name = filename.encode("ascii", "ignore").decode() or "document"
    # a leading '-' or '.' makes a saved name an option or a hidden file on the command line
    ascii_name = _UNSAFE.sub("_", ascii_name).lstrip("-.") or "document"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def document_response(rendered: Rendered, *, filename_stem: str, status: int = 200) -> Response:
    """Return the rendered bytes: HTML inline, PDF and DOCX as downloads."""
    safe_stem = _UNSAFE.sub("_", filename_stem)
    # content_type, not mimetype: the HTML media type already names its charset (it was doubled)
    response = Response(rendered.content, status=status, content_type=rendered.media_type)
    response.headers["Content-Disposition"] = content_disposition(
        f"{safe_stem}.{rendered.format}", inline=rendered.format == HTML
    )
    response.headers["X-Template-Version"] = rendered.template_version
    return response
