"""The page policy: Content-Security-Policy and hardening headers of everything served here."""

from __future__ import annotations

import base64
import hashlib
import re
import threading

from flask import Response, current_app, request

from doc_service.api.current import services
from doc_service.documents.request import load_request
from doc_service.render import render_document
from doc_service.render.compiled import CompiledTemplate
from doc_service.render.formats import HTML
from schemas.catalogue import sample_case

# An HTML preview: inline styles of the template, nothing fetched, no script, own origin.
DOCUMENT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox"
)
DOCS_ENDPOINT = "api-docs.openapi_swagger_ui"
PREVIEW_ENDPOINT = "preview.page"
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_PREVIEW_POLICY_KEY = "doc_service_preview_csp"
_lock = threading.Lock()


def csp_hash(text: str | bytes) -> str:
    """Return the CSP source expression that allows exactly this inline text."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return f"'sha256-{base64.b64encode(hashlib.sha256(data).digest()).decode('ascii')}'"


def page_csp(style_hashes: list[str]) -> str:
    """Return a page's policy: everything from 'self', inline document styles by hash."""
    directives = {
        "default-src": "'none'",
        "script-src": "'self'",
        "style-src": " ".join(["'self'", *style_hashes]),
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


def docs_csp(body: bytes) -> str:
    """Return Swagger UI's policy: its assets from /docs/assets/, its one inline script by hash."""
    hashes = " ".join(csp_hash(script) for script in _INLINE_SCRIPT.findall(body))
    return (
        f"default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def _sample_styles(template: CompiledTemplate) -> set[str]:
    """Return the inline stylesheets the HTML rendition of one template carries."""
    body = {
        "document_type": template.document_type,
        "format": HTML,
        "locale": template.locale,
        "case": sample_case(template.document_type, services().templates.root),
    }
    job = load_request(body).render_job(specimen=True)
    html = render_document(job=job, template=template).content.decode("utf-8")
    return set(_STYLE.findall(html))


def document_style_hashes() -> list[str]:
    """Return the hashes of the stylesheets HTML renditions inline, for the preview iframe.

    A `srcdoc` frame inherits the page's policy, so its `<style>` elements need their hashes
    listed; they come from template files only (never from a case), hence fixed per version.
    """
    styles: set[str] = set()
    for template in services().templates.all():
        try:
            styles |= _sample_styles(template)
        except Exception:  # noqa: S112 - a template without a usable sample simply adds nothing
            continue
    return sorted(csp_hash(style) for style in styles)


def preview_policy() -> str:
    """Return the preview page's policy, computed once per process."""
    policy = current_app.extensions.get(_PREVIEW_POLICY_KEY)
    if policy is None:
        with _lock:
            policy = current_app.extensions.get(_PREVIEW_POLICY_KEY)
            if policy is None:
                policy = page_csp(document_style_hashes())
                current_app.extensions[_PREVIEW_POLICY_KEY] = policy
    return policy


def security_headers(response: Response) -> None:
    """Add the headers every response carries, and a policy on every HTML page."""
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    if request.path.startswith("/v1/") or request.endpoint == PREVIEW_ENDPOINT:
        # personal data (the API) or a shell that must pick up new assets: never cached
        headers.setdefault("Cache-Control", "no-store")
    if response.mimetype != "text/html":
        headers.setdefault("X-Frame-Options", "DENY")
        return
    if request.path.startswith("/v1/"):
        policy, frames = DOCUMENT_CSP, "SAMEORIGIN"
    elif request.endpoint == DOCS_ENDPOINT:
        policy, frames = docs_csp(response.get_data()), "DENY"
    elif request.endpoint == PREVIEW_ENDPOINT:
        policy, frames = preview_policy(), "DENY"
    else:
        policy, frames = page_csp([]), "DENY"
    headers.setdefault("Content-Security-Policy", policy)
    headers.setdefault("X-Frame-Options", frames)
