"""Security headers: nosniff everywhere, a CSP on every HTML page, downloads as attachments."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from security_support import DOCX_MEDIA_TYPE, bearer, load_example, secure_app


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return secure_app(tmp_path_factory.mktemp("headers"))


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def assert_html_hardened(response: Any, frame_ancestors: str) -> dict[str, list[str]]:
    assert response.mimetype == "text/html"
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["frame-ancestors"] == [frame_ancestors]
    assert "'unsafe-inline'" not in policy.get("script-src", [])
    assert "'unsafe-eval'" not in policy.get("script-src", [])
    assert policy.get("object-src", policy.get("default-src")) == ["'none'"]
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    return policy


def test_swagger_ui_policy_allows_its_local_assets_and_its_one_inline_script(app: Flask) -> None:
    client = app.test_client()
    page = client.get("/docs")
    policy = assert_html_hardened(page, "'none'")
    assert "'self'" in policy["script-src"] and "'self'" in policy["style-src"]
    assert policy["connect-src"] == ["'self'"]  # fetches /openapi.json, "try it out" calls
    for inline in re.findall(rb"<script>(.*?)</script>", page.data, re.S):
        digest = base64.b64encode(hashlib.sha256(inline).digest()).decode()
        assert f"'sha256-{digest}'" in policy["script-src"]
    for asset in re.findall(r'(?:src|href)="(/docs/assets/[^"]+)"', page.get_data(as_text=True)):
        served = client.get(asset)
        assert served.status_code == 200, asset
        assert served.headers["X-Content-Type-Options"] == "nosniff"
        served.close()


def test_preview_page_shell(app: Flask) -> None:
    assert_html_hardened(app.test_client().get("/preview"), "'none'")


@pytest.mark.parametrize("document_type", ["dunning_letter", "repayment_agreement"])
def test_html_preview_is_sandboxed_and_fetches_nothing(app: Flask, document_type: str) -> None:
    body = {**load_example(document_type), "format": "html"}
    response = app.test_client().post("/v1/previews", json=body, headers=bearer("reviewer"))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    policy = assert_html_hardened(response, "'self'")
    assert policy["default-src"] == ["'none'"] and "sandbox" in policy
    assert "script-src" not in policy and "connect-src" not in policy
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("fmt", "media_type"), [("pdf", "application/pdf"), ("docx", DOCX_MEDIA_TYPE)]
)
def test_downloads_are_attachments(app: Flask, fmt: str, media_type: str) -> None:
    client = app.test_client()
    body = {**load_example("dunning_letter"), "format": fmt}
    preview = client.post("/v1/previews", json=body, headers=bearer("reviewer"))
    assert preview.mimetype == media_type
    assert preview.headers["Content-Disposition"].startswith("attachment;")
    record = client.post("/v1/documents", json=body, headers=bearer("submitter")).get_json()
    content = client.get(record["links"]["content"], headers=bearer("auditor"))
    assert content.headers["Content-Disposition"].startswith("attachment;")
    assert content.headers["X-Content-Type-Options"] == "nosniff"
    assert content.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("method", "path", "role"),
    [
        ("GET", "/healthz", None),
        ("GET", "/openapi.json", None),
        ("GET", "/nowhere", None),
        ("GET", "/v1/audit/chain", None),
        ("GET", "/v1/audit/chain", "reviewer"),
        ("DELETE", "/v1/previews", "reviewer"),
        ("GET", "/v1/templates", "reviewer"),
    ],
)
def test_every_response_forbids_sniffing(
    app: Flask, method: str, path: str, role: str | None
) -> None:
    headers = bearer(role) if role else {}
    response = app.test_client().open(path, method=method, headers=headers)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Request-Id"]
    if response.status_code >= 400:
        assert response.mimetype == "application/problem+json"


def test_a_500_shows_no_internals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import doc_service.api.templates

    def broken() -> Any:
        raise RuntimeError("secret internals /etc/doc_service")

    monkeypatch.setattr(doc_service.api.templates, "services", broken)
    response = secure_app(tmp_path).test_client().get("/v1/templates", headers=bearer("reviewer"))
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert "secret internals" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)
