"""doc_service: renders and issues the pre-suit collection documents of a lender."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the WSGI app: settings, then services, then blueprints and handlers."""
    # imported here: the use cases, the bench and the CLI tools import doc_service without Flask
    from flask import Flask

    from doc_service.api import register_api
    from doc_service.api.access_log import register_access_log
    from doc_service.api.auth import register_auth
    from doc_service.api.current import register_services
    from doc_service.api.domain_problems import register_domain_problems
    from doc_service.api.metrics import register_metrics
    from doc_service.api.problems import register_error_handlers
    from doc_service.api.recipients import register_recipients
    from doc_service.config import load_settings
    from doc_service.preview import register_preview
    from doc_service.telemetry.tracing import register_tracing

    app = Flask(__name__, static_folder=None)
    # "/v1//templates" is a 404, not a redirect to an absolute URL built from the Host header
    app.url_map.merge_slashes = False
    settings = load_settings(config)
    app.config.update(settings)
    app.config["MAX_CONTENT_LENGTH"] = settings["MAX_BODY_BYTES"]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    # first: request ids, JSON access log and security headers wrap every other hook
    register_access_log(app)
    register_auth(app)
    register_services(app)
    register_tracing(app)
    register_api(app)
    register_preview(app)
    register_recipients(app)
    register_metrics(app)
    # after the API: flask-smorest installs its own HTTP error handler, ours replaces it
    register_error_handlers(app)
    register_domain_problems(app)
    return app
