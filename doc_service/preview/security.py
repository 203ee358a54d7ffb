"""The page's Content-Security-Policy: scripts and styles only from this service, no framing."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import TYPE_CHECKING

from doc_service.audit import canonical_payload
from doc_service.render import RenderJob, render_document
from doc_service.render.formats import HTML
from schemas import DocumentRequestSchema

if TYPE_CHECKING:
    from doc_service.render.compiled import CompiledTemplate
    from doc_service.services import Services

_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_SCHEMA = DocumentRequestSchema()


def csp_hash(text: str) -> str:
    """Return the CSP source expression that allows exactly this inline text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _sample_styles(services: Services, template: CompiledTemplate) -> set[str]:
    """Return the inline stylesheets the HTML rendition of one template carries."""
    sample = services.templates.root / template.document_type / "sample_case.json"
    body = {
        "document_type": template.document_type,
        "format": HTML,
        "locale": template.locale,
        "case": json.loads(sample.read_text(encoding="utf-8")),
    }
    case = _SCHEMA.load(body)["case"]
    job = RenderJob(
        document_type=template.document_type,
        format=HTML,
        locale=template.locale,
        case=case,
        payload_sha256=canonical_payload(case)[1],
        specimen=True,
    )
    html = render_document(job=job, template=template).content.decode("utf-8")
    return set(_STYLE.findall(html))


def document_style_hashes(services: Services) -> list[str]:
    """Return the hashes of the stylesheets HTML renditions inline, for the preview iframe.

    A `srcdoc` frame inherits the page's policy, so its `<style>` elements need their hashes
    listed; they come from template files only (never from a case), hence fixed per version.
    """
    styles: set[str] = set()
    for template in services.templates.all():
        try:
            styles |= _sample_styles(services, template)
        except Exception:  # noqa: S112 - a template without a usable sample simply adds nothing
            continue
    return sorted(csp_hash(style) for style in styles)


def content_security_policy(style_hashes: list[str]) -> str:
    """Return the page's policy: everything from 'self', the document styles by hash."""
    styles = " ".join(["'self'", *style_hashes])
    directives = {
        "default-src": "'none'",
        "script-src": "'self'",
        "style-src": styles,
        "img-src": "'self' data: blob:",
        "font-src": "'self'",
        "connect-src": "'self'",
        # the PDF specimen is shown from a blob: URL; the HTML one is a srcdoc frame
        "frame-src": "'self' blob:",
        "child-src": "'self' blob:",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'none'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())
