"""Fixtures: a local CA and RFC 3161 TSA on 127.0.0.1, and apps that sign what they issue."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from doc_service.evidence.localpki import LocalPKI, LocalTSA
from tests.support import make_app

PASSWORD = "local-test-password"  # a throwaway key of the local test PKI


@pytest.fixture(scope="session")
def pki() -> LocalPKI:
    return LocalPKI.create()


@pytest.fixture(scope="session")
def tsa(pki: LocalPKI) -> Iterator[LocalTSA]:
    server = LocalTSA(pki)
    yield server
    server.close()


@pytest.fixture(scope="session")
def pki_files(pki: LocalPKI, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return pki.write(tmp_path_factory.mktemp("pki"), PASSWORD)


@pytest.fixture
def signing_app(
    tmp_path: Path, pki_files: dict[str, Path], tsa: LocalTSA
) -> Iterator[Callable[..., FlaskClient]]:
    """Return a factory of clients of apps that sign with the local PKI (settings overridable)."""
    apps: list[Any] = []

    def make(**overrides: Any) -> FlaskClient:
        settings = {
            "SIGNING_KEY": str(pki_files["p12"]),
            "SIGNING_KEY_PASSWORD": PASSWORD,
            "TSA_URL": tsa.url,
            **overrides,
        }
        app = make_app(tmp_path / f"app{len(apps)}", **settings)
        apps.append(app)
        client = app.test_client()
        client.application = app
        return client

    yield make
    for app in apps:
        app.extensions["doc_service"].engine.dispose()
