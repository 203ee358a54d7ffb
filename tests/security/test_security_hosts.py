"""Nothing the service answers is built from a forged Host header."""

from __future__ import annotations

from pathlib import Path

import pytest
from security_support import assert_problem, make_app


def test_a_doubled_slash_is_not_redirected_to_the_host_the_client_named(tmp_path: Path) -> None:
    client = make_app(tmp_path).test_client()
    response = client.get("/v1//templates", headers={"Host": "evil.example"})
    assert response.status_code == 404
    assert "Location" not in response.headers


def test_trusted_hosts_refuse_any_other_host(tmp_path: Path) -> None:
    app = make_app(tmp_path, TRUSTED_HOSTS="docs.lender.example, .internal.example")
    client = app.test_client()
    problem = assert_problem(client.get("/healthz", headers={"Host": "evil.example"}), 400)
    assert "evil.example" in problem["detail"]
    for host in ("docs.lender.example", "docs.lender.example:8000", "a.internal.example"):
        assert client.get("/healthz", headers={"Host": host}).status_code == 200


def test_trusted_hosts_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOC_SERVICE_TRUSTED_HOSTS", "docs.lender.example")
    app = make_app(tmp_path)
    assert app.config["TRUSTED_HOSTS"] == ["docs.lender.example"]
    assert make_app(tmp_path / "other", TRUSTED_HOSTS="").config["TRUSTED_HOSTS"] is None
