"""Shared fixtures: an app on a temporary data dir, example bodies, text of rendered documents."""

from __future__ import annotations

import copy
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, make_url, text

from doc_service.migrate import upgrade
from tests.support import DOCUMENT_TYPES, Body, load_example, make_app

PG_URL_ENV = "DOC_SERVICE_TEST_POSTGRES_URL"
PG_DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """Return the PostgreSQL server URL, or skip when it cannot be reached."""
    url = os.environ.get(PG_URL_ENV) or PG_DEFAULT_URL
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception:
        pytest.skip(f"PostgreSQL not reachable at {_shown(url)}")
    finally:
        engine.dispose()
    return url


@pytest.fixture
def postgres_schema_url(postgres_url: str) -> Iterator[str]:
    """Yield a URL whose search_path is a fresh schema, dropped afterwards."""
    schema = f"t_{secrets.token_hex(6)}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(postgres_url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Return the URL of a freshly migrated, empty audit database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'db' / 'audit.db'}"
    else:
        url = request.getfixturevalue("postgres_schema_url")
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def examples() -> dict[str, Body]:
    """Return every example request, keyed by document type (copy before changing)."""
    return {name: load_example(name) for name in DOCUMENT_TYPES}


@pytest.fixture
def example() -> Callable[[str], Body]:
    """Return a factory of fresh example bodies."""
    return lambda document_type="dunning_letter": copy.deepcopy(load_example(document_type))


@pytest.fixture(scope="session")
def shared_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """Return one app per test process, for tests that only render (templates compile once)."""
    return make_app(tmp_path_factory.mktemp("shared"))


@pytest.fixture
def client(shared_app: Flask) -> Iterator[FlaskClient]:
    """Return a test client of the shared app."""
    with shared_app.test_client() as test_client:
        yield test_client


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    """Return a fresh app with its own database and blob store."""
    return make_app(tmp_path)


@pytest.fixture
def render(client: FlaskClient) -> Callable[..., Any]:
    """Return a helper that POSTs a preview and returns the response, asserting success."""

    def _render(body: Body, fmt: str, **headers: str) -> Any:
        response = client.post("/v1/previews", json={**body, "format": fmt}, headers=headers)
        assert response.status_code == 200, response.get_data(as_text=True)[:2000]
        return response

    return _render


@pytest.fixture
def issuer(tmp_path: Path, database_url: str) -> Iterator[FlaskClient]:
    """Return a client of an app on a fresh audit database (SQLite, then PostgreSQL)."""
    app = make_app(tmp_path, DATABASE_URL=database_url)
    with app.test_client() as client:
        client.application = app
        yield client
    app.extensions["doc_service"].engine.dispose()
