"""One error envelope for the whole service: RFC 9457 problem+json."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, g, json
from werkzeug.exceptions import HTTPException

from doc_service.api.language import response_language
from doc_service.i18n import N_, translator

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "https://doc-service.invalid/problems/"

log = logging.getLogger(__name__)


class Problem(Exception):
    """A failure the client should see as a problem+json response."""

    def __init__(
        self,
        status: int,
        slug: str,
        title: str,
        detail: str | None = None,
        headers: dict[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(title)
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
        self.headers = headers or {}
        self.extensions = extensions

    def body(self) -> dict[str, Any]:
        """Return the problem document."""
        doc: dict[str, Any] = {"type": PROBLEM_BASE + self.slug, "title": self.title}
        doc["status"] = self.status
        if self.detail:
            doc["detail"] = self.detail
        doc.update(self.extensions)
        return doc


INVALID_PAYLOAD = N_("Invalid case payload")
# Werkzeug's own titles of the HTTP errors this service answers, listed for the catalogue.
HTTP_TITLES = (N_("Not Found"), N_("Method Not Allowed"), N_("Bad Request"), N_("Not Acceptable"))


def validation_problem(errors: dict[str, list[str]], title: str = INVALID_PAYLOAD) -> Problem:
    """Build the 422 problem that names every invalid field by its dotted path."""
    count = len(errors)
    detail = N_("1 field is invalid") if count == 1 else N_("{count} fields are invalid")
    return Problem(422, "validation", title, detail.format(count=count), errors=errors)


def localise(body: dict[str, Any]) -> dict[str, Any]:
    """Translate a problem's title, detail and field messages into the request's language."""
    translate = translator(response_language())
    for key in ("title", "detail"):
        if isinstance(body.get(key), str):
            body[key] = translate(body[key])
    if isinstance(body.get("errors"), dict):
        body["errors"] = {
            path: [translate(message) for message in messages]
            for path, messages in body["errors"].items()
        }
    return body


def problem_response(problem: Problem) -> Response:
    """Serialise a problem with its media type and headers."""
    body = localise(problem.body())
    request_id = g.get("request_id")
    if request_id:
        body.setdefault("request_id", request_id)
    response = Response(
        json.dumps(body, ensure_ascii=False), status=problem.status, mimetype=PROBLEM_MEDIA_TYPE
    )
    response.headers.update(problem.headers)
    return response


_HTTP_SLUGS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    409: "conflict",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation",
    429: "too-many-requests",
}


def from_http_exception(exc: HTTPException) -> Problem:
    """Map Werkzeug's HTTP errors (404, 405, 413 …) onto the problem envelope."""
    status = exc.code or 500
    headers = {}
    if status == 405 and exc.get_response().headers.get("Allow"):
        headers["Allow"] = exc.get_response().headers["Allow"]
    if status == 413:
        return Problem(413, "payload-too-large", N_("Request body too large"), exc.description)
    slug = _HTTP_SLUGS.get(status, "http-error")
    return Problem(status, slug, exc.name, exc.description, headers=headers)


def register_error_handlers(app: Flask) -> None:
    """Answer every error, expected or not, with problem+json and no internals."""

    @app.errorhandler(Problem)
    def _problem(exc: Problem) -> Response:
        return problem_response(exc)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response:
        return problem_response(from_http_exception(exc))

    # security issue: memory exhaustion outside a guarded render (RLIMIT_AS in the worker) is
    # a 503 the client may retry, not a 500, and leaves the worker able to answer
    @app.errorhandler(MemoryError)
    def _memory(exc: MemoryError) -> Response:
        log.error("out of memory", extra={"request_id": g.get("request_id")})
        return problem_response(
            Problem(
                503,
                "render-unavailable",
                N_("Service temporarily out of memory"),
                headers={"Retry-After": "30"},
            )
        )

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        log.exception("unhandled error", extra={"request_id": g.get("request_id")})
        return problem_response(Problem(500, "internal", N_("Internal server error")))


# OpenAPI: every error of every operation is this document, served as application/problem+json.
PROBLEM_RESPONSE_NAME = "PROBLEM"
PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "request_id": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "additionalProperties": True,
}


def document_problems(api: Any) -> None:
    """Describe errors as problem+json in the OpenAPI document (flask-smorest's default differs).

    Call right after ``Api(app)`` and before registering blueprints: each operation's
    ``default`` response then points at this problem response.
    """
    api.spec.components.schema("Problem", PROBLEM_SCHEMA)
    api.spec.components.response(
        PROBLEM_RESPONSE_NAME,
        {
            "description": "An RFC 9457 problem (4xx or 5xx)",
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        },
    )
    api.DEFAULT_ERROR_RESPONSE_NAME = PROBLEM_RESPONSE_NAME
