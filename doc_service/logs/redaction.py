"""Redaction of personal data and secrets from every log line."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from flask import g, has_request_context, request

REDACTED = "[redacted]"

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


def remember_request_body(raw: bytes) -> None:
    """Note the body a view read, chunked or not, so its personal values are redacted too."""
    if has_request_context():
        g._log_request_body = raw
        g.pop("_log_sensitive", None)


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
        raw = g.get("_log_request_body") or (
            request.get_data(cache=True) if request.is_json and request.content_length else b""
        )
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


def redact_value(value: Any) -> Any:
    """Redact strings inside a JSON-able value."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: redact_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_value(v) for v in value]
    return value
