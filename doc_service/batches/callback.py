"""Signed callbacks: allowed hosts only, HMAC-SHA256 over "<t>.<body>", verified in a window."""

from __future__ import annotations

import hashlib
import hmac
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

SIGNATURE_HEADER = "X-Doc-Service-Signature"
REPLAY_WINDOW_SECONDS = 300
TIMEOUT_SECONDS = 10


class CallbackRefused(ValueError):
    """The callback URL is not one this service may call."""


def allowed_hosts(settings: dict[str, Any]) -> frozenset[str]:
    """Return DOC_SERVICE_CALLBACK_HOSTS as a set of lower-case host names."""
    raw = str(settings.get("CALLBACK_HOSTS") or "")
    return frozenset(host.strip().lower() for host in raw.split(",") if host.strip())


def check_url(url: str, settings: dict[str, Any]) -> str:
    """Return the URL when its scheme is http(s) and its host is allowed; raise otherwise."""
    if len(url) > 2000:
        raise CallbackRefused("the callback URL is too long")
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise CallbackRefused("the callback URL must be http:// or https:// with a host")
    if parts.username or parts.password:
        raise CallbackRefused("the callback URL must not carry credentials")
    # a client controls this outbound request: only hosts the operator listed, never others
    if parts.hostname.lower() not in allowed_hosts(settings):
        raise CallbackRefused(
            f"callbacks may go only to: {', '.join(sorted(allowed_hosts(settings))) or '-'}"
        )
    return url


def secret_for(settings: dict[str, Any], actor: str) -> str | None:
    """Return the callback secret of the API key that submitted the batch, or the service's."""
    entry = (settings.get("API_KEYS") or {}).get(actor)
    if isinstance(entry, dict) and entry.get("callback_secret"):
        return str(entry["callback_secret"])
    return settings.get("CALLBACK_SECRET") or None


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """Return the signature header's value for a body sent at a Unix time."""
    message = str(timestamp).encode("ascii") + b"." + body
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify(
    secret: str,
    header: str,
    body: bytes,
    *,
    now: float | None = None,
    window: int = REPLAY_WINDOW_SECONDS,
) -> bool:
    """Tell whether a signature header fits the body and was made within the replay window."""
    fields = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(fields["t"])
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - timestamp) > window:
        return False
    expected = sign(secret, body, timestamp).split(",v1=", 1)[1]
    return hmac.compare_digest(expected, fields.get("v1", ""))


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Refuse redirects: one could lead the request to a host that is not allowed."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def post(url: str, body: bytes, secret: str, *, settings: dict[str, Any]) -> int:
    """POST the signed body once; return the status, raise on a network error or a 5xx/429."""
    check_url(url, settings)
    request = urllib.request.Request(url, data=body, method="POST")  # noqa: S310 (checked above)
    request.add_header("Content-Type", "application/json")
    request.add_header(SIGNATURE_HEADER, sign(secret, body, int(time.time())))
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        if exc.code >= 500 or exc.code == 429:
            raise
        return exc.code
