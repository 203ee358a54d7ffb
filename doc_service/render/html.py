"""HTML rendition: the template's own markup with the stylesheet inlined (previews only)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from doc_service.render.compiled import CompiledTemplate


def render_html_text(
    template: CompiledTemplate, context: dict[str, Any], *, inline_css: bool
) -> str:
    """Return the document as an HTML string; inline the stylesheet for a standalone file."""
    # the stylesheet is a template file, never payload text
    css = Markup(template.stylesheet_text.replace("</", "<\\/")) if inline_css else None  # noqa: S704
    return template.html.render({**context, "inline_css": css})


def render_html(template: CompiledTemplate, context: dict[str, Any]) -> bytes:
    """Return a standalone UTF-8 HTML file of the document."""
    return render_html_text(template, context, inline_css=True).encode("utf-8")
