"""Fixtures: an audit database on SQLite and PostgreSQL, blob stores on disk and on moto S3."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from doc_service.audit.blobs import FileBlobStore
from doc_service.audit.db import make_engine
from doc_service.audit.records import Record
from tests.audit.helpers import append


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
