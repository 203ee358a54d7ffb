"""Request ids and one JSON access line per request; the page policy's headers on the way out."""

from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Flask, Response, g, request

from doc_service.api.page_policy import security_headers
from doc_service.logs import configure_logging, redact, remember_secrets

REQUEST_ID_HEADER = "X-Request-Id"

access_log = logging.getLogger("doc_service.access")

# An incoming request id is kept only when it is short, plain and carries no personal data.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")


def _start_request() -> None:
    """Give the request an id (the caller's, when sane) and start its clock."""
    g.request_started = time.perf_counter()
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    if _SANE_REQUEST_ID.fullmatch(incoming) and redact(incoming) == incoming:
        g.request_id = incoming
    else:
        g.request_id = uuid.uuid4().hex


def _finish_request(response: Response) -> Response:
    """Stamp the request id and security headers, then log one line about the request."""
    request_id = g.get("request_id") or uuid.uuid4().hex
    response.headers[REQUEST_ID_HEADER] = request_id
    security_headers(response)
    principal = g.get("principal")
    started = g.get("request_started")
    duration_ms = round((time.perf_counter() - started) * 1000, 1) if started else None
    access_log.info(
        "%s %s %s",
        request.method,
        request.path,
        response.status_code,
        extra={
            "request_id": request_id,
            "method": request.method,
            "path": request.path,
            "route": request.url_rule.rule if request.url_rule else None,
            "status": response.status_code,
            "duration_ms": duration_ms,
            "key": principal.name if principal is not None else None,
            "bytes": response.calculate_content_length(),
        },
    )
    return response


def register_access_log(app: Flask) -> None:
    """Install the request hooks and the JSON log handler."""
    configure_logging(app.config.get("LOG_LEVEL", "INFO"))
    remember_secrets(
        str(entry["key"])
        for entry in (app.config.get("API_KEYS") or {}).values()
        if isinstance(entry, dict) and "key" in entry
    )
    app.before_request(_start_request)
    app.after_request(_finish_request)
