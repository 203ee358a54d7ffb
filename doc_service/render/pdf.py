"""PDF rendition through WeasyPrint, deterministic so issued documents rebuild byte for byte."""

from __future__ import annotations

import hashlib
from typing import Any

from weasyprint import HTML

from doc_service.render.compiled import CompiledTemplate
from doc_service.render.fetcher import TEMPLATE_BASE_URL
from doc_service.render.html import render_html_text


def render_pdf(template: CompiledTemplate, context: dict[str, Any], *, identity: str) -> bytes:
    """Return the PDF; its identifier derives from ``identity`` and dates from the issue date."""
    markup = render_html_text(template, context, inline_css=False)
    document = HTML(string=markup, base_url=TEMPLATE_BASE_URL, url_fetcher=template.fetcher).render(
        stylesheets=[template.stylesheet], font_config=template.font_config
    )
    identifier = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32].encode("ascii")
    # tagged (structure tree, /Lang, reading order) so screen readers can read the letter;
    # a PDF/A-3 variant keeps the tags: only the *a variants force them, none removes them
    return bytes(document.write_pdf(pdf_identifier=identifier, pdf_tags=True))
