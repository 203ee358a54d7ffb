"""Code run in spawned processes by the concurrency tests (must be importable by name)."""

from __future__ import annotations

from doc_service.audit.blobs import FileBlobStore
from doc_service.audit.db import make_engine
from tests.audit.helpers import append


def append_many(database_url: str, blob_root: str, worker: int, count: int) -> list[int]:
    """Append `count` versions of one case's letter and return the versions received."""
    engine = make_engine(database_url)
    blobs = FileBlobStore(blob_root)
    try:
        return [
            append(engine, blobs, content=f"worker {worker} letter {i}".encode()).version
            for i in range(count)
        ]
    finally:
        engine.dispose()
