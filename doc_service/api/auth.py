"""API keys and roles: Bearer tokens checked in constant time, roles enforced per endpoint."""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import current_app, g, request

from doc_service.api.problems import Problem
from doc_service.i18n import N_

ROLES = ("submitter", "reviewer", "auditor", "admin", "metrics")
KEY_MIN_LENGTH = 16
# what a client can send after "Bearer ": visible ASCII, no spaces (RFC 9110 token68 and more)
_KEY_SHAPE = re.compile(r"[\x21-\x7e]+")
ANONYMOUS = "anonymous"

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class ApiKey:
    """One configured key: its name, the SHA-256 of its secret, and its roles."""

    name: str
    sha256: bytes
    roles: frozenset[str]


@dataclass(frozen=True)
class Principal:
    """Who is calling: the key's name (or 'anonymous' with auth off) and its roles."""

    name: str
    roles: frozenset[str]

    def may(self, allowed: tuple[str, ...]) -> bool:
        """Tell whether this caller holds one of the allowed roles (admin holds all)."""
        return "admin" in self.roles or bool(self.roles.intersection(allowed))


class KeyConfigError(ValueError):
    """DOC_SERVICE_API_KEYS is not a valid key table."""


def parse_keys(raw: Mapping[str, Any] | None) -> list[ApiKey]:
    """Read the key table of DOC_SERVICE_API_KEYS; plain secrets are hashed at once."""
    keys = []
    for name, entry in (raw or {}).items():
        if not isinstance(entry, Mapping):
            raise KeyConfigError(f"key {name!r}: expected an object")
        roles = frozenset(entry.get("roles") or ())
        unknown = roles.difference(ROLES)
        if unknown or not roles:
            raise KeyConfigError(f"key {name!r}: roles must be among {', '.join(ROLES)}")
        if "key" in entry:
            secret = entry["key"]
            # a blank or short key is guessable; one with spaces could never be presented
            if not isinstance(secret, str) or len(secret) < KEY_MIN_LENGTH:
                raise KeyConfigError(
                    f"key {name!r}: 'key' must be a string of at least {KEY_MIN_LENGTH} characters"
                )
            if not _KEY_SHAPE.fullmatch(secret):
                raise KeyConfigError(f"key {name!r}: 'key' must be visible ASCII without spaces")
            digest = hashlib.sha256(secret.encode("ascii")).digest()
        elif "key_sha256" in entry:
            try:
                digest = bytes.fromhex(str(entry["key_sha256"]))
            except ValueError as exc:
                raise KeyConfigError(f"key {name!r}: key_sha256 is not hex") from exc
            if len(digest) != 32:
                raise KeyConfigError(f"key {name!r}: key_sha256 must be 64 hex digits")
        else:
            raise KeyConfigError(f"key {name!r}: give 'key' or 'key_sha256'")
        keys.append(ApiKey(str(name), digest, roles))
    return keys


def bearer_token(authorization: str | None) -> str | None:
    """Return the token of a Bearer credential exactly as sent (the scheme in any case)."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    # only the separating spaces go: a token is compared as sent, never stripped of NBSP & co.
    token = token.lstrip(" ")
    return token or None


def identify(authorization: str | None, keys: list[ApiKey]) -> Principal | None:
    """Return the principal of a Bearer token, comparing against every key in constant time."""
    token = bearer_token(authorization)
    if token is None:
        return None
    presented = hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()
    found: ApiKey | None = None
    for key in keys:  # no early exit: timing must not tell which key came close
        if hmac.compare_digest(presented, key.sha256):
            found = key
    return Principal(found.name, found.roles) if found else None


def current_principal() -> Principal:
    """Return the caller of this request (anonymous with every role when auth is off)."""
    principal = g.get("principal")
    if principal is None:
        principal = _authenticate()
        g.principal = principal
    return principal


def _authenticate() -> Principal:
    """Identify the caller, or raise 401 when auth is on and the key is missing or wrong."""
    if current_app.config["AUTH"] != "on":
        return Principal(ANONYMOUS, frozenset(ROLES))
    principal = identify(request.headers.get("Authorization"), current_app.extensions["api_keys"])
    if principal is None:
        raise Problem(
            401,
            "unauthorized",
            N_("Missing or invalid API key"),
            N_("send 'Authorization: Bearer <key>'"),
            headers={"WWW-Authenticate": 'Bearer realm="doc_service"'},
        )
    return principal


def requires(*roles: str) -> Callable[[F], F]:
    """Allow a view only to callers holding one of these roles (admin always passes)."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            principal = current_principal()
            if not principal.may(roles):
                raise Problem(
                    403,
                    "forbidden",
                    N_("Role not granted"),
                    f"this endpoint needs one of the roles: {', '.join(roles)}",
                )
            return view(*args, **kwargs)

        wrapper.required_roles = roles  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


# Endpoints anyone may call: the probes, the API description and its browser, and the preview
# page shell (its data comes only from reviewer endpoints). Every other endpoint must name its
# roles with @requires; with auth on, one that does not refuses every caller (deny by default).
PUBLIC_RULES = frozenset(
    {"/healthz", "/readyz", "/openapi.json", "/docs", "/docs/assets/<path:filename>", "/preview"}
    | {"/verify"}
)
# /verify (the code form) and /verify/: the recipient's check, rate-limited, showing only what
# the letter already says
PUBLIC_PREFIXES = ("/preview/", "/verify/")


def is_public(rule: str) -> bool:
    """Tell whether a URL rule is open to callers without a key."""
    return rule in PUBLIC_RULES or rule.startswith(PUBLIC_PREFIXES)


def required_roles(app: Any, endpoint: str, method: str) -> tuple[str, ...] | None:
    """Return the roles @requires gave a view for this method, or None when it named none."""
    view = app.view_functions.get(endpoint)
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        name = "get" if method == "HEAD" else method.lower()
        view = getattr(view_class, name, None)
    return getattr(view, "required_roles", None)


def _authenticate_early() -> None:
    """Check the key before any view code runs; refuse endpoints without a role decision."""
    if current_app.config["AUTH"] != "on" or request.url_rule is None:
        return  # auth off, or a 404/405 that routing answers
    if request.method == "OPTIONS" or is_public(request.url_rule.rule):
        return
    current_principal()  # 401 here, before the body is read or parsed
    if required_roles(current_app, request.endpoint or "", request.method) is None:
        log.error("endpoint %s has no role decision: refused", request.url_rule.rule)
        raise Problem(
            403, "forbidden", N_("Role not granted"), N_("this endpoint is not open to callers")
        )


def register_auth(app: Any) -> None:
    """Load the key table; with auth on, refuse to start without keys."""
    keys = parse_keys(app.config.get("API_KEYS"))
    if app.config["AUTH"] == "on" and not keys:
        raise KeyConfigError("DOC_SERVICE_AUTH=on needs DOC_SERVICE_API_KEYS with at least one key")
    if app.config["AUTH"] != "on":
        log.warning("authentication is OFF: every caller has every role (set DOC_SERVICE_AUTH=on)")
    app.extensions["api_keys"] = keys
    # security: authenticate every non-public request up front and deny undecided endpoints
    app.before_request(_authenticate_early)
