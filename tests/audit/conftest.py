"""Fixtures: an audit database on SQLite and PostgreSQL, blob stores on disk and on moto S3."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.orm import Session

from doc_service.audit.blobs import FileBlobStore
from doc_service.audit.db import make_engine
from doc_service.audit.records import Record
from doc_service.migrate import upgrade
from tests.audit.helpers import append

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


@pytest.fixture
def store_engine(database_url: str) -> Iterator[Engine]:
    """Yield an engine on the migrated audit database."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(store_engine: Engine) -> Iterator[Session]:
    """Yield a plain session for reads and raw checks."""
    with Session(store_engine) as s:
        yield s


@pytest.fixture
def blob_root(tmp_path: Path) -> Path:
    return tmp_path / "blobs"


@pytest.fixture
def file_blobs(blob_root: Path) -> FileBlobStore:
    return FileBlobStore(blob_root)


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """Run one moto S3 server for the session, with dummy credentials in the environment."""
    from moto.server import ThreadedMotoServer

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AWS_ACCESS_KEY_ID", "testing")
        mp.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        mp.setenv("AWS_SESSION_TOKEN", "testing")
        mp.setenv("AWS_DEFAULT_REGION", "us-east-1")
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        host, port = server.get_host_and_port()
        try:
            yield f"http://{host}:{port}"
        finally:
            server.stop()


@pytest.fixture
def s3_client(moto_endpoint: str) -> Any:
    import boto3

    return boto3.client("s3", endpoint_url=moto_endpoint, region_name="us-east-1")


@pytest.fixture
def s3_bucket(s3_client: Any) -> str:
    bucket = f"audit-{secrets.token_hex(6)}"
    s3_client.create_bucket(Bucket=bucket)
    return bucket


@pytest.fixture
def appender(store_engine: Engine, file_blobs: FileBlobStore) -> Callable[..., Record]:
    """Return append() bound to this test's database and file blob store."""

    def _append(**kwargs: Any) -> Record:
        return append(store_engine, file_blobs, **kwargs)

    return _append
