"""The legal-staff preview page: a static shell that talks to the public API like any client."""

from __future__ import annotations

from flask import Blueprint, Flask, Response, render_template

bp = Blueprint(
    "preview",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/preview/static",
)


@bp.get("/preview")
def page() -> Response:
    """Serve the preview page's shell to everyone; every piece of data comes from the API.

    With DOC_SERVICE_AUTH=on a browser opening /preview cannot send a Bearer header, so the
    shell holds no data and needs no role. Its script asks for an API key when a call answers
    401, keeps it in sessionStorage (gone with the tab) and sends ``Authorization: Bearer …``
    on every fetch; the API endpoints enforce the reviewer role as for any other client. Its
    Content-Security-Policy comes from the page policy (doc_service.api.page_policy).
    """
    return Response(render_template("preview/page.html"), mimetype="text/html")


def register_preview(app: Flask) -> None:
    """Mount the preview page and its static files."""
    app.register_blueprint(bp)
