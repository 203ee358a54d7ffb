"""A request that fails at any step leaves no record, no event and no stray blob."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session

from doc_service.audit.blobs import FileBlobStore
from doc_service.audit.chain import verify_chain
from doc_service.audit.models import AuditEvent, Document
from doc_service.audit.store import AppendHooks
from tests.audit.helpers import append, stored_files


class Injected(RuntimeError):
    """The failure a test injects."""


def _fail(*_args: Any) -> None:
    raise Injected("injected")


HOOKS = {
    "after_blob_put": AppendHooks(after_blob_put=_fail),
    "before_insert": AppendHooks(before_insert=_fail),
    "before_commit": AppendHooks(before_commit=_fail),
}


def _counts(engine: Engine) -> tuple[int, int]:
    with Session(engine) as s:
        return (
            s.scalar(select(func.count()).select_from(Document)) or 0,
            s.scalar(select(func.count()).select_from(AuditEvent)) or 0,
        )


@pytest.mark.parametrize("step", sorted(HOOKS))
def test_failure_leaves_nothing_behind(
    store_engine: Engine, file_blobs: FileBlobStore, blob_root: Path, step: str
) -> None:
    kept = append(store_engine, file_blobs, content=b"an earlier letter")
    with pytest.raises(Injected):
        append(store_engine, file_blobs, content=b"doomed letter", hooks=HOOKS[step])
    assert _counts(store_engine) == (1, 1)
    assert stored_files(blob_root) == [file_blobs.path_of(kept.sha256)]
    with Session(store_engine) as s:
        assert verify_chain(s).ok
    after = append(store_engine, file_blobs)
    assert (after.version, after.seq, after.previous_record_hash) == (2, 2, kept.record_hash)


def test_failure_of_the_database_commit_itself(
    store_engine: Engine, file_blobs: FileBlobStore, blob_root: Path
) -> None:
    kept = append(store_engine, file_blobs)
    armed = [True]

    def refuse_commit_once(_conn: Any) -> None:
        if armed and armed.pop():
            raise Injected("commit refused")

    event.listen(store_engine, "commit", refuse_commit_once)
    try:
        with pytest.raises(Injected):
            append(store_engine, file_blobs, content=b"doomed letter")
    finally:
        event.remove(store_engine, "commit", refuse_commit_once)
    assert _counts(store_engine) == (1, 1)
    assert stored_files(blob_root) == [file_blobs.path_of(kept.sha256)]


def test_failure_while_writing_the_blob(
    store_engine: Engine, file_blobs: FileBlobStore, blob_root: Path, monkeypatch: Any
) -> None:
    def broken_link(*_args: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "link", broken_link)
    monkeypatch.setattr(os, "replace", broken_link)
    with pytest.raises(OSError, match="disk full"):
        append(store_engine, file_blobs, content=b"doomed letter")
    assert _counts(store_engine) == (0, 0)
    assert stored_files(blob_root) == []


def test_blob_written_but_store_raised_is_discarded(
    store_engine: Engine, file_blobs: FileBlobStore, blob_root: Path, monkeypatch: Any
) -> None:
    real_put = file_blobs.put

    def put_then_fail(data: bytes, **known: Any) -> str:
        real_put(data, **known)
        raise OSError("connection reset after upload")

    monkeypatch.setattr(file_blobs, "put", put_then_fail)
    with pytest.raises(OSError):
        append(store_engine, file_blobs, content=b"doomed letter")
    assert stored_files(blob_root) == []


@pytest.mark.parametrize("step", sorted(HOOKS))
def test_failure_keeps_bytes_another_record_uses(
    store_engine: Engine, file_blobs: FileBlobStore, step: str
) -> None:
    kept = append(store_engine, file_blobs, content=b"same bytes")
    with pytest.raises(Injected):
        append(store_engine, file_blobs, content=b"same bytes", hooks=HOOKS[step])
    assert file_blobs.get(kept.sha256) == b"same bytes"


def test_blob_discarded_by_a_failed_request_is_restored_before_commit(
    store_engine: Engine, file_blobs: FileBlobStore
) -> None:
    # Another request with the same bytes failed and discarded them after our put
    def discard_behind_our_back(digest: str) -> None:
        file_blobs.discard(digest)

    record = append(
        store_engine,
        file_blobs,
        content=b"shared bytes",
        hooks=AppendHooks(after_blob_put=discard_behind_our_back),
    )
    assert file_blobs.get(record.sha256) == b"shared bytes"


def test_database_down_still_raises_the_original_error(
    tmp_path: Path, file_blobs: FileBlobStore
) -> None:
    from doc_service.audit.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}")
    with pytest.raises(Exception, match="unable to open database"):
        append(engine, file_blobs, content=b"bytes")
    engine.dispose()
