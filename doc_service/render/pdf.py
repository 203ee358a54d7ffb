"""PDF rendition through WeasyPrint, deterministic so issued documents rebuild byte for byte."""

from __future__ import annotations

import hashlib
from typing import Any

from weasyprint import HTML

from doc_service.render.collector import fewer_collections
from doc_service.render.compiled import CompiledTemplate
from doc_service.render.fetcher import TEMPLATE_BASE_URL
from doc_service.render.html import render_html_text
from doc_service.render.settings import zlib_level


def render_pdf(
    template: CompiledTemplate,
    context: dict[str, Any],
    *,
    identity: str,
    options: dict[str, Any] | None = None,
) -> bytes:
    """Return the PDF; its identifier derives from ``identity`` and dates from the issue date."""
    markup = render_html_text(template, context, inline_css=False)
    style = template.pdf_style
    identifier = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32].encode("ascii")
    # options: the PDF/A variant and its associated files (doc_service.render.pdfa); tags (the
    # structure tree screen readers read) as the template version pins them (render.json)
    tagging = {"pdf_tags": True} if template.settings.pdf_tags else {}
    with fewer_collections():
        html = HTML(string=markup, base_url=TEMPLATE_BASE_URL, url_fetcher=template.fetcher)
        document = html.render(stylesheets=list(style.stylesheets), font_config=style.font_config)
        with zlib_level(template.settings.zlib_level):
            return bytes(
                document.write_pdf(pdf_identifier=identifier, **tagging, **(options or {}))
            )
