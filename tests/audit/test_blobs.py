"""Contract tests every BlobStore passes: the filesystem one and S3 (on a moto server)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest

from doc_service.audit import blobs
from doc_service.audit.blob_stores import blob_store_from_url
from doc_service.audit.blobs import (
    BlobCorrupted,
    BlobNotFound,
    BlobStore,
    FileBlobStore,
    blob_key,
)
from doc_service.audit.s3blobs import S3BlobStore
from tests.audit.helpers import stored_files

DATA = "催收函 / lawyer letter bytes".encode()
DIGEST = hashlib.sha256(DATA).hexdigest()


@pytest.fixture(params=["file", "s3"])
def blob_store(request: pytest.FixtureRequest, tmp_path: Path) -> BlobStore:
    if request.param == "file":
        return FileBlobStore(tmp_path / "blobs")
    client = request.getfixturevalue("s3_client")
    bucket = request.getfixturevalue("s3_bucket")
    return S3BlobStore(bucket=bucket, prefix="docs", client=client)


def corrupt(store: BlobStore, digest: str, data: bytes) -> None:
    """Replace a stored blob's bytes behind the store's back."""
    if isinstance(store, FileBlobStore):
        store.path_of(digest).write_bytes(data)
    else:
        assert isinstance(store, S3BlobStore)
        store.client.put_object(Bucket=store.bucket, Key=store.key_of(digest), Body=data)


def test_put_returns_sha256_and_get_returns_the_bytes(blob_store: BlobStore) -> None:
    assert blob_store.put(DATA) == DIGEST
    assert blob_store.exists(DIGEST)
    assert blob_store.get(DIGEST) == DATA


def test_put_is_idempotent_and_never_rewrites(blob_store: BlobStore, monkeypatch: Any) -> None:
    blob_store.put(DATA)
    if isinstance(blob_store, FileBlobStore):
        monkeypatch.setattr(os, "link", _refuse)
        monkeypatch.setattr(os, "replace", _refuse)
    else:
        assert isinstance(blob_store, S3BlobStore)
        monkeypatch.setattr(blob_store.client, "put_object", _refuse)
    assert blob_store.put(DATA) == DIGEST
    assert blob_store.get(DIGEST) == DATA


def test_empty_blob_round_trips(blob_store: BlobStore) -> None:
    digest = blob_store.put(b"")
    assert digest == hashlib.sha256(b"").hexdigest()
    assert blob_store.get(digest) == b""


def test_missing_blob(blob_store: BlobStore) -> None:
    assert not blob_store.exists(DIGEST)
    with pytest.raises(BlobNotFound):
        blob_store.get(DIGEST)


def test_corrupted_blob_is_detected_on_read(blob_store: BlobStore) -> None:
    blob_store.put(DATA)
    corrupt(blob_store, DIGEST, DATA + b" tampered")
    with pytest.raises(BlobCorrupted):
        blob_store.get(DIGEST)


def test_corrupted_blob_is_not_repaired_by_put(blob_store: BlobStore) -> None:
    blob_store.put(DATA)
    corrupt(blob_store, DIGEST, b"evidence of tampering")
    blob_store.put(DATA)
    with pytest.raises(BlobCorrupted):
        blob_store.get(DIGEST)


def test_discard_removes_the_blob(blob_store: BlobStore) -> None:
    blob_store.put(DATA)
    blob_store.discard(DIGEST)
    assert not blob_store.exists(DIGEST)
    blob_store.discard(DIGEST)  # discarding twice is harmless


def test_ping(blob_store: BlobStore) -> None:
    blob_store.ping()


@pytest.mark.parametrize("bad", ["../../etc/passwd", "ABC", DIGEST.upper(), DIGEST[:-1]])
def test_malformed_digest_is_refused(blob_store: BlobStore, bad: str) -> None:
    with pytest.raises(ValueError):
        blob_store.get(bad)


def test_put_file_stores_a_file_read_in_pieces(blob_store: BlobStore, tmp_path: Path) -> None:
    large = os.urandom(3 * 1024 * 1024 + 17)  # more than one piece
    source = tmp_path / "archive.zip"
    source.write_bytes(large)
    digest = blob_store.put_file(source)
    assert digest == hashlib.sha256(large).hexdigest()
    assert blob_store.get(digest) == large
    assert blob_store.put_file(source) == digest  # stored once


def test_stream_yields_the_bytes_in_pieces_with_their_size(
    blob_store: BlobStore, tmp_path: Path
) -> None:
    large = os.urandom(2 * 1024 * 1024 + 5)
    digest = blob_store.put(large)
    opened = blob_store.stream(digest)
    pieces = list(opened.chunks())
    assert opened.size == len(large)
    assert len(pieces) > 1 and b"".join(pieces) == large


def test_stream_of_a_corrupted_blob_fails_after_the_last_piece(blob_store: BlobStore) -> None:
    blob_store.put(DATA)
    corrupt(blob_store, DIGEST, DATA + b" tampered")
    with pytest.raises(BlobCorrupted):
        list(blob_store.stream(DIGEST).chunks())


def test_stream_of_a_missing_blob(blob_store: BlobStore) -> None:
    with pytest.raises(BlobNotFound):
        blob_store.stream(DIGEST)


def test_keys_are_content_addressed() -> None:
    assert blob_key(DIGEST) == f"sha256/{DIGEST[:2]}/{DIGEST[2:4]}/{DIGEST}"


def test_file_store_layout_and_no_temp_files_left(tmp_path: Path) -> None:
    store = FileBlobStore(tmp_path / "blobs")
    store.put(DATA)
    assert stored_files(tmp_path / "blobs") == [tmp_path / "blobs" / blob_key(DIGEST)]


def test_file_store_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: Any) -> None:
    store = FileBlobStore(tmp_path / "blobs")
    monkeypatch.setattr(os, "fsync", _refuse)
    with pytest.raises(OSError):
        store.put(DATA)
    assert stored_files(tmp_path / "blobs") == []


def test_s3_objects_live_under_the_prefix(s3_client: Any, s3_bucket: str) -> None:
    S3BlobStore(bucket=s3_bucket, prefix="/docs/", client=s3_client).put(DATA)
    keys = [o["Key"] for o in s3_client.list_objects_v2(Bucket=s3_bucket)["Contents"]]
    assert keys == [f"docs/{blob_key(DIGEST)}"]


def test_s3_ping_fails_for_a_missing_bucket(s3_client: Any) -> None:
    from doc_service.audit.blobs import BlobError

    with pytest.raises(BlobError):
        S3BlobStore(bucket="no-such-bucket-here", client=s3_client).ping()


def test_from_url_file(tmp_path: Path, monkeypatch: Any) -> None:
    absolute = blob_store_from_url(f"file://{tmp_path}/blobs")
    assert isinstance(absolute, FileBlobStore) and absolute.root == tmp_path / "blobs"
    monkeypatch.chdir(tmp_path)
    relative = blob_store_from_url("file://./var/blobs")
    assert isinstance(relative, FileBlobStore) and relative.root == Path("./var/blobs")


def test_from_url_s3_uses_the_configured_endpoint(
    moto_endpoint: str, s3_bucket: str, monkeypatch: Any
) -> None:
    monkeypatch.setenv("DOC_SERVICE_S3_ENDPOINT_URL", moto_endpoint)
    store = blob_store_from_url(f"s3://{s3_bucket}/tenant/a")
    assert isinstance(store, S3BlobStore) and store.prefix == "tenant/a"
    store.ping()
    assert store.get(store.put(DATA)) == DATA


@pytest.mark.parametrize("url", ["http://example.com/x", "s3:///no-bucket", "ftp://x"])
def test_from_url_rejects_unknown_urls(url: str) -> None:
    with pytest.raises(ValueError):
        blob_store_from_url(url)


def _refuse(*_args: Any, **_kwargs: Any) -> Any:
    raise OSError("injected failure")


def test_a_blob_in_new_folders_syncs_each_folder_entry(tmp_path: Path, monkeypatch: Any) -> None:
    synced: list[Path] = []
    real_fsync_dir = blobs._fsync_dir
    monkeypatch.setattr(
        blobs, "_fsync_dir", lambda path: synced.append(path) or real_fsync_dir(path)
    )
    store = FileBlobStore(tmp_path / "blobs")
    digest = store.put(b"a letter")
    path = store.path_of(digest)
    # every folder the put created is durable in its parent, and the file in its folder
    created = [folder for folder in path.parents if tmp_path in folder.parents]
    for folder in created:
        assert folder.parent in synced, (folder, synced)
    assert path.parent in synced
    # a blob beside it under the same top folder syncs only what it created: not the root
    synced.clear()
    top = path.parent.parent
    beside = next(
        data
        for n in range(100_000)
        if store.path_of(hashlib.sha256(data := f"{n}".encode()).hexdigest()).parent.parent == top
        and store.path_of(hashlib.sha256(data).hexdigest()).parent != path.parent
    )
    store.put(beside)
    leaf = store.path_of(hashlib.sha256(beside).hexdigest()).parent
    assert synced == [top, leaf]
