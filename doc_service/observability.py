"""Request ids, one JSON log line per request, redaction of personal data, security headers."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Iterable
from typing import Any, TextIO

from flask import Flask, Response, g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-Id"
REDACTED = "[redacted]"

access_log = logging.getLogger("doc_service.access")

# An incoming request id is kept only when it is short, plain and carries no personal data.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")

# What personal data and secrets look like. Digits next to letters (hex digests, ids) are left
# alone; digits next to Chinese text are not, since names and numbers are often written together.
_NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"
_PATTERNS = [
    # Authorization values, whatever the scheme's case
    re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+"),
    # resident ID numbers: 18 characters (last may be X) and the old 15-digit form
    re.compile(_NOT_ALNUM_BEFORE + r"(?:\d{17}[\dXx]|\d{15})" + _NOT_ALNUM_AFTER),
    # mainland mobiles, with or without +86 and spaces or dashes
    re.compile(_NOT_ALNUM_BEFORE + r"(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}" + _NOT_ALNUM_AFTER),
    # landlines and 400/800 service numbers: 010-6500-1234, 0755 1234 5678, 400-800-1234
    re.compile(_NOT_ALNUM_BEFORE + r"(?:0\d{2,3}|[48]00)[ -]?\d{3,4}[ -]?\d{4}" + _NOT_ALNUM_AFTER),
    # any other long run of digits: bank accounts, card numbers, passports with spaces
    re.compile(_NOT_ALNUM_BEFORE + r"\+?\d(?:[ -]?\d){10,}" + _NOT_ALNUM_AFTER),
    # email addresses
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
]

# JSON keys whose string values are personal data: collected per request and never logged raw.
PERSONAL_KEYS = frozenset(
    {
        "name",
        "id_number",
        "phone",
        "address",
        "email",
        "legal_representative",
        "number",
        "organization",
        "license_number",
        "guarantor",
    }
)

# Secrets known for the whole process (plain API keys from the configuration).
_PROCESS_SECRETS: set[str] = set()


def remember_secrets(values: Iterable[str]) -> None:
    """Add strings that must never appear in a log line of this process."""
    _PROCESS_SECRETS.update(v for v in values if len(v) >= 4)


def _request_values() -> list[str]:
    """Return the personal strings of the current request's JSON body and its bearer token."""
    if not has_request_context():
        return []
    cached = g.get("_log_sensitive")
    if cached is not None:
        return list(cached)
    values: set[str] = set()
    token = request.headers.get("Authorization", "")
    if token:
        values.add(token.split(" ", 1)[-1].strip())
    try:
        # only a body the view already read and cached; never read (or wait for) one here
        raw = request.get_data(cache=True) if request.is_json and request.content_length else b""
        if raw and len(raw) <= 1024 * 1024:
            _collect(json.loads(raw), values, key="")
    except Exception:  # noqa: S110 — a body that does not parse has no values to hide
        pass
    ordered = sorted((v for v in values if len(v) >= 2), key=len, reverse=True)
    g._log_sensitive = ordered
    return ordered


def _collect(node: Any, found: set[str], *, key: str, depth: int = 0) -> None:
    """Gather the string values under personal keys, walking at most 20 levels."""
    if depth > 20:
        return
    if isinstance(node, dict):
        for name, value in node.items():
            _collect(value, found, key=str(name), depth=depth + 1)
    elif isinstance(node, list):
        for item in node[:1000]:
            _collect(item, found, key=key, depth=depth + 1)
    elif isinstance(node, str) and key in PERSONAL_KEYS:
        found.add(node)


def redact(text: str) -> str:
    """Replace personal data, tokens and known secrets in a string with a marker."""
    for secret in sorted(_PROCESS_SECRETS, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    for value in _request_values():
        text = text.replace(value, REDACTED)
    for pattern in _PATTERNS:
        text = pattern.sub(REDACTED, text)
    return text


def _redact_value(value: Any) -> Any:
    """Redact strings inside a JSON-able value."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: _redact_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_redact_value(v) for v in value]
    return value


_STANDARD_ATTRS = frozenset(
    logging.LogRecord("", 0, "", 0, "", None, None).__dict__.keys()
    | {"message", "asctime", "taskName"}
)


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object per line, redacted."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the record as a single redacted JSON line."""
        entry: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                entry[key] = value if _jsonable(value) else repr(value)
        if "request_id" not in entry and has_request_context() and g.get("request_id"):
            entry["request_id"] = g.request_id
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        line = json.dumps(_redact_value(entry), ensure_ascii=False, default=repr)
        # a final pass over the whole line: nothing that looks personal leaves this function
        return redact(line)


def _jsonable(value: Any) -> bool:
    """Tell whether json.dumps takes the value as it is."""
    return isinstance(value, str | int | float | bool | type(None) | dict | list)


class RedactingFilter(logging.Filter):
    """Redact a record in place, so every handler after this one sees the clean text too."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Replace the message, arguments and exception text with redacted strings."""
        try:
            record.msg = redact(record.getMessage())
            record.args = None
            if record.exc_info and not record.exc_text:
                record.exc_text = logging.Formatter().formatException(record.exc_info)
            if record.exc_text:
                record.exc_text = redact(record.exc_text)
                # keep the traceback text, drop the live exception and its message
                record.exc_info = None
        except Exception:  # a log filter must never fail the request it reports on
            record.msg, record.args = "log record could not be redacted", None
        return True


class StderrHandler(logging.StreamHandler[TextIO]):
    """Write to whatever sys.stderr is at the time (test runners swap it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        """Return the current standard error."""
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        """Ignore: the handler always writes to the current standard error."""


def json_handler() -> logging.Handler:
    """Return a stderr handler that writes redacted JSON lines."""
    handler = StderrHandler()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactingFilter())
    return handler


def configure_logging(level: str = "INFO") -> None:
    """Send every log record through one redacting JSON handler on the root logger (once)."""
    root = logging.getLogger()
    # gunicorn.conf.py may have installed the same formatter already: never log a line twice
    if not any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        root.addHandler(json_handler())
    service = logging.getLogger("doc_service")
    if service.level == logging.NOTSET:
        service.setLevel(level)


# Content-Security-Policy of each kind of HTML this service serves.
DOCUMENT_CSP = (
    # an HTML preview: inline styles of the template, nothing fetched, no script, own origin
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox"
)
PAGE_CSP = (
    # the service's own pages (the preview page shell): scripts and styles from this origin only
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; frame-src 'self' blob:; object-src 'none'; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
DOCS_ENDPOINT = "api-docs.openapi_swagger_ui"
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)


def docs_csp(body: bytes) -> str:
    """Return Swagger UI's policy: its assets from /docs/assets/, its one inline script by hash."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(body)
    )
    return (
        f"default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def security_headers(response: Response) -> None:
    """Add the headers every response carries, and a policy on every HTML page."""
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    if request.path.startswith("/v1/"):
        # responses under /v1 carry personal data: no shared or browser cache keeps them
        headers.setdefault("Cache-Control", "no-store")
    if response.mimetype != "text/html":
        return
    if request.path.startswith("/v1/"):
        policy, frames = DOCUMENT_CSP, "SAMEORIGIN"
    elif request.endpoint == DOCS_ENDPOINT:
        policy, frames = docs_csp(response.get_data()), "DENY"
    else:
        policy, frames = PAGE_CSP, "DENY"
    headers.setdefault("Content-Security-Policy", policy)
    headers.setdefault("X-Frame-Options", frames)


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


def register_observability(app: Flask) -> None:
    """Install the request hooks and the JSON log handler."""
    configure_logging(app.config.get("LOG_LEVEL", "INFO"))
    remember_secrets(
        str(entry["key"])
        for entry in (app.config.get("API_KEYS") or {}).values()
        if isinstance(entry, dict) and "key" in entry
    )
    app.before_request(_start_request)
    app.after_request(_finish_request)
