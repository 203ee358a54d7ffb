"""Path and query parameters, checked before any of them reaches the store."""

from __future__ import annotations

import re
from typing import Any

from flask import request

from doc_service.api.problems import Problem
from doc_service.audit.reads import CURSOR_PATTERN
from doc_service.documents import DocumentNotFound, TemplateNotFound
from doc_service.i18n import N_
from schemas.case import CASE_ID_PATTERN
from schemas.catalogue import DOCUMENT_TYPES, LOCALES

# ASCII only: str.isdigit() also admits '²', '①' and other scripts' digits, which int() refuses
# or reads as another number.
_DIGITS = re.compile(r"[0-9]{1,19}", re.ASCII)
_DOCUMENT_ID = re.compile(r"[0-9a-f]{32}", re.ASCII)
_CASE_ID = re.compile(CASE_ID_PATTERN, re.ASCII)
_CURSOR = re.compile(CURSOR_PATTERN, re.ASCII)
DOCUMENT_ID_PATTERN = _DOCUMENT_ID.pattern


def bad_parameter(name: str, message: str) -> Problem:
    """Return the 400 problem of one invalid path or query parameter."""
    return Problem(
        400, "bad-request", N_("Invalid parameter"), f"{name}: {message}", errors={name: [message]}
    )


def query_int(name: str, *, default: int, lowest: int, highest: int) -> int:
    """Read a bounded integer query parameter written in ASCII digits, or raise a 400 problem."""
    raw = request.args.get(name)
    if raw is None:
        return default
    if not _DIGITS.fullmatch(raw) or not lowest <= int(raw) <= highest:
        raise bad_parameter(name, f"must be an integer {lowest}..{highest}")
    return int(raw)


def query_choice(name: str, choices: tuple[str, ...]) -> str | None:
    """Read an optional query parameter that must be one of ``choices``."""
    raw = request.args.get(name)
    if raw is not None and raw not in choices:
        raise bad_parameter(name, f"must be one of: {', '.join(choices)}")
    return raw


def query_cursor(name: str = "cursor") -> str | None:
    """Read an optional paging cursor: the opaque token a previous page handed out."""
    raw = request.args.get(name)
    if raw is not None and not _CURSOR.fullmatch(raw):
        raise bad_parameter(name, "use next_cursor as given")
    return raw


def document_id(value: str) -> str:
    """Return a document id, or raise DocumentNotFound when it cannot name one."""
    if not _DOCUMENT_ID.fullmatch(value):
        raise DocumentNotFound(value)
    return value


def case_id(value: str) -> str:
    """Return a case id shaped as a request body's, or raise a 400 problem."""
    if not _CASE_ID.fullmatch(value):
        raise bad_parameter("case_id", "must be 1 to 64 of A-Z a-z 0-9 . _ - (not . or ..)")
    return value


def template_key(document_type: str, locale: str) -> tuple[str, str]:
    """Return a known document type and locale, or raise TemplateNotFound."""
    if document_type not in DOCUMENT_TYPES or locale not in LOCALES:
        raise TemplateNotFound(document_type[:64], locale[:16])
    return document_type, locale


def idempotency_key() -> str | None:
    """Return the Idempotency-Key header: 1 to 200 visible ASCII characters (inner spaces)."""
    key = request.headers.get("Idempotency-Key")
    if key is not None and not _IDEMPOTENCY_KEY.fullmatch(key):
        raise Problem(
            400,
            "bad-request",
            N_("Invalid Idempotency-Key"),
            N_("1 to 200 visible ASCII characters"),
        )
    return key


# The OpenAPI description of the parameters above, from the same patterns and bounds.
_IDEMPOTENCY_KEY = re.compile(r"[!-~](?:[ -~]{0,198}[!-~])?", re.ASCII)
IDEMPOTENCY_KEY_PARAMETER = {
    "in": "header",
    "name": "Idempotency-Key",
    "schema": {"type": "string", "pattern": f"^{_IDEMPOTENCY_KEY.pattern}$"},
}
CURSOR_PARAMETER = {
    "in": "query",
    "name": "cursor",
    "schema": {"type": "string", "pattern": f"^{CURSOR_PATTERN}$"},
}
DOCUMENT_ID_PARAMETER = {
    "in": "path",
    "name": "document_id",
    "required": True,
    "schema": {"type": "string", "pattern": f"^{DOCUMENT_ID_PATTERN}$"},
}
CASE_ID_PARAMETER = {
    "in": "path",
    "name": "case_id",
    "required": True,
    "schema": {"type": "string", "pattern": f"^{CASE_ID_PATTERN}$"},
}
TEMPLATE_KEY_PARAMETERS = [
    {
        "in": "path",
        "name": "document_type",
        "required": True,
        "schema": {"type": "string", "enum": list(DOCUMENT_TYPES)},
    },
    {
        "in": "path",
        "name": "locale",
        "required": True,
        "schema": {"type": "string", "enum": list(LOCALES)},
    },
]


def query_int_parameter(name: str, *, lowest: int, highest: int) -> dict[str, Any]:
    """Return the OpenAPI description of a query_int parameter."""
    schema = {"type": "integer", "minimum": lowest, "maximum": highest}
    return {"in": "query", "name": name, "schema": schema}


SEQ_AFTER_MAX = 2**62
# The OpenAPI parameters of a log paged by sequence number (audit events, anchors).
SEQ_PAGE_PARAMETERS = [
    query_int_parameter("after", lowest=0, highest=SEQ_AFTER_MAX),
    query_int_parameter("limit", lowest=1, highest=500),
]


def seq_page() -> tuple[int, int]:
    """Return the ``after`` sequence number and ``limit`` of a page of a log, checked."""
    after = query_int("after", default=0, lowest=0, highest=SEQ_AFTER_MAX)
    return after, query_int("limit", default=100, lowest=1, highest=500)


def next_after(items: list[dict[str, Any]], limit: int) -> int | None:
    """Return the ``after`` of the next page: the last item's seq when this page was full."""
    return items[-1]["seq"] if len(items) == limit else None
