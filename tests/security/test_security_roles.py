"""Every endpoint of the URL map × every role, no key and a bad key: API.md's role column holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from security_support import BAD_SECRET, PROBLEM, ROLES, bearer, secure_app

from doc_service.api.auth import required_roles

OPEN = frozenset({"anyone"})

# The one table of who may call what (API.md "Endpoints"; admin holds every role).
# A route of the app missing here fails test_every_endpoint_enforces_its_roles.
EXPECTED: dict[tuple[str, str], frozenset[str]] = {
    ("GET", "/healthz"): OPEN,
    ("GET", "/readyz"): OPEN,
    ("GET", "/openapi.json"): OPEN,
    ("GET", "/docs"): OPEN,
    ("GET", "/docs/assets/<path:filename>"): OPEN,
    # the page shell holds no data; everything it shows comes from reviewer endpoints
    ("GET", "/preview"): OPEN,
    ("GET", "/preview/static/<path:filename>"): OPEN,
    # the recipient's check: only what the letter already says (tests/evidence/test_recipients)
    ("GET", "/verify/<document_id>"): OPEN,
    ("POST", "/verify/<document_id>"): OPEN,
    ("GET", "/verify"): OPEN,
    ("POST", "/v1/documents"): frozenset({"submitter"}),
    ("GET", "/v1/documents/<document_id>"): frozenset({"submitter", "auditor"}),
    ("GET", "/v1/documents/<document_id>/content"): frozenset({"submitter", "auditor"}),
    ("GET", "/v1/cases/<case_id>/documents"): frozenset({"submitter", "auditor"}),
    ("GET", "/v1/documents/<document_id>/verification"): frozenset({"auditor"}),
    ("GET", "/v1/documents/<document_id>/evidence"): frozenset({"auditor"}),
    ("POST", "/v1/batches"): frozenset({"submitter"}),
    ("GET", "/v1/batches"): frozenset({"submitter", "auditor"}),
    ("GET", "/v1/batches/<batch_id>"): frozenset({"submitter", "auditor"}),
    ("DELETE", "/v1/batches/<batch_id>"): frozenset({"submitter"}),
    ("GET", "/v1/batches/<batch_id>/items"): frozenset({"submitter", "auditor"}),
    ("GET", "/v1/batches/<batch_id>/archive"): frozenset({"submitter", "auditor"}),
    ("GET", "/v1/batches/<batch_id>/print.pdf"): frozenset({"submitter", "auditor"}),
    ("POST", "/v1/verifications"): frozenset({"auditor"}),
    ("GET", "/v1/audit/events"): frozenset({"auditor"}),
    ("GET", "/v1/audit/chain"): frozenset({"auditor"}),
    ("POST", "/v1/audit/anchors"): frozenset({"admin"}),
    ("GET", "/v1/audit/anchors"): frozenset({"auditor"}),
    ("POST", "/v1/audit/chain/checks"): frozenset({"auditor"}),
    ("GET", "/v1/audit/chain/checks/<check_id>"): frozenset({"auditor"}),
    ("GET", "/v1/templates"): frozenset({"reviewer"}),
    ("GET", "/v1/templates/<document_type>/<locale>"): frozenset({"reviewer"}),
    ("GET", "/v1/templates/<document_type>/<locale>/versions"): frozenset({"reviewer"}),
    ("POST", "/v1/previews"): frozenset({"reviewer"}),
    ("POST", "/v1/previews/comparisons"): frozenset({"reviewer"}),
    # the preview page's named test cases, each reviewer key seeing only its own
    ("GET", "/v1/preview-cases"): frozenset({"reviewer"}),
    ("GET", "/v1/preview-cases/<path:name>"): frozenset({"reviewer"}),
    ("PUT", "/v1/preview-cases/<path:name>"): frozenset({"reviewer"}),
    ("DELETE", "/v1/preview-cases/<path:name>"): frozenset({"reviewer"}),
    # not in API.md's table: the guard's dry run and its policy, decided in the views
    ("POST", "/v1/compliance/check"): frozenset({"submitter", "reviewer"}),
    ("GET", "/v1/policies/current"): frozenset({"submitter", "reviewer", "auditor"}),
    # API.md "Operations": Prometheus scrapes with a key of its own
    ("GET", "/metrics"): frozenset({"metrics"}),
    ("GET", "/v1/cases/<case_id>/hold"): frozenset({"admin"}),
    ("POST", "/v1/cases/<case_id>/hold"): frozenset({"admin"}),
    ("DELETE", "/v1/cases/<case_id>/hold"): frozenset({"admin"}),
    ("POST", "/v1/retention/purge"): frozenset({"admin"}),
}

ARGUMENTS = {
    "document_id": "0" * 32,
    "batch_id": "0" * 32,
    "check_id": "0" * 32,
    "case_id": "C-2025-000123",
    "document_type": "dunning_letter",
    "locale": "zh-CN",
    "filename": "swagger-ui.css",
    "name": "overdue-90",
}
CALLERS = (*ROLES, "no key", "bad key")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return secure_app(tmp_path_factory.mktemp("roles"))


def routes(app: Flask) -> list[tuple[str, str, str]]:
    """Return (method, rule, endpoint) of every route, HEAD and OPTIONS aside."""
    found = []
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((method, rule.rule, rule.endpoint))
    return sorted(found)


def url_of(rule: str) -> str:
    """Fill a rule's variables with harmless values."""
    for name, value in ARGUMENTS.items():
        for converter in ("", "path:"):
            rule = rule.replace(f"<{converter}{name}>", value)
    assert "<" not in rule, f"no test value for a variable of {rule}"
    return rule


def call(client: Any, method: str, url: str, caller: str) -> Any:
    """Call an endpoint as one caller, with a body that is valid JSON but not a valid case."""
    headers = {}
    if caller == "bad key":
        headers["Authorization"] = f"Bearer {BAD_SECRET}"
    elif caller != "no key":
        headers.update(bearer(caller))
    if method == "POST" and url == "/v1/verifications":
        return client.post(url, data=b"%PDF-1.7 not issued here", headers=headers)
    if method in {"POST", "PUT", "PATCH"}:
        return client.open(url, method=method, json={}, headers=headers)
    return client.open(url, method=method, headers=headers)


def verdict(response: Any, caller: str, allowed: frozenset[str]) -> str | None:
    """Return what is wrong with one answer, or None."""
    status = response.status_code
    if status >= 500:
        return f"{status} server error"
    if allowed is OPEN:
        return f"{status} on an open endpoint" if status in (401, 403) else None
    if caller in ("no key", "bad key"):
        expected = 401
    elif caller == "admin" or caller in allowed:
        return f"{status} for an allowed role" if status in (401, 403) else None
    else:
        expected = 403
    if status != expected:
        return f"{status}, expected {expected}"
    if response.mimetype != PROBLEM:
        return f"{status} as {response.mimetype}, not problem+json"
    if expected == 401 and not response.headers.get("WWW-Authenticate", "").startswith("Bearer"):
        return "401 without WWW-Authenticate: Bearer"
    return None


def test_every_endpoint_enforces_its_roles(app: Flask) -> None:
    failures = []
    client = app.test_client()
    for method, rule, _ in routes(app):
        allowed = EXPECTED.get((method, rule))
        if allowed is None:
            failures.append(f"{method} {rule}: no role decision in EXPECTED")
            continue
        for caller in CALLERS:
            response = call(client, method, url_of(rule), caller)
            problem = verdict(response, caller, allowed)
            response.close()  # file responses (docs assets) hold an open file until closed
            if problem:
                failures.append(f"{method} {rule} as {caller}: {problem}")
    assert not failures, "\n".join(failures)


def test_decorators_name_the_same_roles_as_the_table(app: Flask) -> None:
    mismatches = []
    for method, rule, endpoint in routes(app):
        allowed = EXPECTED.get((method, rule))
        declared = required_roles(app, endpoint, method)
        if allowed is OPEN or allowed is None:
            continue
        if declared is None or set(declared) != allowed:
            mismatches.append(f"{method} {rule}: @requires{declared} but table says {allowed}")
    assert not mismatches, "\n".join(mismatches)


def test_a_route_without_a_role_decision_refuses_everyone(tmp_path: Path) -> None:
    app = secure_app(tmp_path)

    @app.get("/v1/forgotten")
    def forgotten() -> dict[str, str]:
        return {"secret": "data"}

    client = app.test_client()
    for role in ROLES:
        response = client.get("/v1/forgotten", headers=bearer(role))
        assert response.status_code == 403, role
        assert response.mimetype == PROBLEM
    assert client.get("/v1/forgotten").status_code == 401


def test_created_by_is_the_key_name(tmp_path: Path) -> None:
    from security_support import load_example

    client = secure_app(tmp_path).test_client()
    response = client.post(
        "/v1/documents", json=load_example("dunning_letter"), headers=bearer("submitter")
    )
    assert response.status_code == 201, response.get_data(as_text=True)[:500]
    assert response.get_json()["created_by"] == "submitter-key"


def test_hashed_key_and_malformed_authorization(app: Flask) -> None:
    client = app.test_client()
    assert client.get("/v1/audit/chain", headers=bearer("admin")).status_code == 200
    for value in ("Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "bearer " + "x" * 5000, "Token abc"):
        response = client.get("/v1/audit/chain", headers={"Authorization": value})
        assert response.status_code == 401, value
        assert response.mimetype == PROBLEM


def test_unauthenticated_request_is_refused_before_its_body_is_read(app: Flask) -> None:
    client = app.test_client()
    response = client.post("/v1/documents", data=b"\xff not json", content_type="text/plain")
    assert response.status_code == 401
