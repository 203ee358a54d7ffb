"""Helpers of the security tests: keys for every role, apps with auth on, problem checks."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from flask import Flask

from tests.support import (  # noqa: F401 — re-exported for the security tests
    DOCUMENT_TYPES,
    DOCX_MEDIA_TYPE,
    compact,
    document_text,
    load_example,
    make_app,
)

PROBLEM = "application/problem+json"
ROLES = ("submitter", "reviewer", "auditor", "admin", "metrics")
# one key per role; "key" entries are plain secrets, the admin's is configured by its SHA-256
SECRETS = {role: f"test-{role}-secret-0123456789" for role in ROLES}
BAD_SECRET = "test-nobody-secret-0123456789"


def api_keys() -> dict[str, dict[str, Any]]:
    """Return the DOC_SERVICE_API_KEYS table of the tests: one key per role."""
    table: dict[str, dict[str, Any]] = {}
    for role, secret in SECRETS.items():
        if role == "admin":
            digest = hashlib.sha256(secret.encode()).hexdigest()
            table[f"{role}-key"] = {"key_sha256": digest, "roles": [role]}
        else:
            table[f"{role}-key"] = {"key": secret, "roles": [role]}
    return table


def bearer(role: str) -> dict[str, str]:
    """Return the Authorization header of a role's key."""
    return {"Authorization": f"Bearer {SECRETS[role]}"}


def secure_app(tmp_path: Path, **overrides: Any) -> Flask:
    """Build an app with auth on and one key per role, its state under tmp_path."""
    settings: dict[str, Any] = {"AUTH": "on", "API_KEYS": api_keys()}
    settings.update(overrides)
    return make_app(tmp_path, **settings)


def assert_problem(response: Any, *statuses: int) -> dict[str, Any]:
    """Assert a problem+json answer with one of these statuses; return its body."""
    body = response.get_data(as_text=True)[:500]
    assert response.status_code in statuses, (response.status_code, body)
    assert response.mimetype == PROBLEM, (response.mimetype, body)
    problem = response.get_json()
    assert problem["status"] == response.status_code
    return problem
