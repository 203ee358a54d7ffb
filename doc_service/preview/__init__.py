"""The legal-staff preview page: a static shell that talks to the public API like any client."""

from __future__ import annotations

import threading

from flask import Blueprint, Flask, Response, current_app, render_template

from doc_service.preview.security import content_security_policy, document_style_hashes
from doc_service.services import services

bp = Blueprint(
    "preview",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/preview/static",
)
_CSP_KEY = "doc_service_preview_csp"
_lock = threading.Lock()


def page_policy() -> str:
    """Return the page's Content-Security-Policy, computed once per process."""
    policy = current_app.extensions.get(_CSP_KEY)
    if policy is None:
        with _lock:
            policy = current_app.extensions.get(_CSP_KEY)
            if policy is None:
                policy = content_security_policy(document_style_hashes(services()))
                current_app.extensions[_CSP_KEY] = policy
    return policy


@bp.get("/preview")
def page() -> Response:
    """Serve the preview page's shell to everyone; every piece of data comes from the API.

    With DOC_SERVICE_AUTH=on a browser opening /preview cannot send a Bearer header, so the
    shell holds no data and needs no role. Its script asks for an API key when a call answers
    401, keeps it in sessionStorage (gone with the tab) and sends ``Authorization: Bearer …``
    on every fetch; the API endpoints enforce the reviewer role as for any other client.
    """
    response = Response(render_template("preview/page.html"), mimetype="text/html")
    response.headers["Content-Security-Policy"] = page_policy()
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.after_request
def _harden(response: Response) -> Response:
    """Forbid MIME sniffing, framing and referrers on the page and its static files."""
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


def register_preview(app: Flask) -> None:
    """Mount the preview page and its static files."""
    app.register_blueprint(bp)
