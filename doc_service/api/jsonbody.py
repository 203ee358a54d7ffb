"""Read a JSON request body exactly: decimals stay decimals, bad bodies become 4xx problems."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from flask import Request

from doc_service.api.problems import Problem
from doc_service.i18n import N_
from doc_service.logs.redaction import remember_request_body

JSON_MEDIA_TYPES = {"application/json"}
MALFORMED = N_("Malformed JSON")


def _reject_constant(name: str) -> Any:
    """Refuse NaN and Infinity, which JSON does not have."""
    raise ValueError(f"{name} is not valid JSON")


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Refuse duplicate keys, which would let two readers see two different payloads."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def parse_json_bytes(raw: bytes) -> Any:
    """Parse UTF-8 JSON with exact decimals; raise Problem(400) when it is not JSON."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Problem(400, "malformed-json", MALFORMED, N_("body is not valid UTF-8")) from exc
    try:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_constant=_reject_constant,
            object_pairs_hook=_reject_duplicates,
        )
    except RecursionError as exc:
        raise Problem(400, "malformed-json", MALFORMED, N_("body is nested too deeply")) from exc
    except ValueError as exc:
        raise Problem(400, "malformed-json", MALFORMED, str(exc)) from exc


def read_body(request: Request, *, cache: bool = True) -> bytes:
    """Return the whole body, or raise 413 when it is larger than the request's limit.

    A body with Content-Length is refused up front by Werkzeug; a chunked one is only cut at
    the limit, and parsing the cut would accept what the client never sent as such.
    """
    data = request.get_data(cache=cache)
    limit = request.max_content_length
    chunked = request.content_length is None
    if (
        chunked
        and limit is not None
        and len(data) >= limit
        and request.environ["wsgi.input"].read(1)
    ):
        raise Problem(
            413,
            "payload-too-large",
            N_("Request body too large"),
            N_("at most {limit} bytes").format(limit=limit),
        )
    return data


def read_json_object(request: Request) -> dict[str, Any]:
    """Return the body as a JSON object after checking media type and shape."""
    if request.mimetype not in JSON_MEDIA_TYPES:
        raise Problem(
            415,
            "unsupported-media-type",
            N_("Unsupported media type"),
            N_("send the case as application/json"),
        )
    raw = read_body(request)
    remember_request_body(raw)
    body = parse_json_bytes(raw)
    if not isinstance(body, dict):
        raise Problem(400, "malformed-json", MALFORMED, N_("the body must be a JSON object"))
    return body
