"""Pinned template versions: files stored as blobs under a canonical manifest."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from doc_service.audit.blobs import BlobCorrupted, FileBlobStore
from doc_service.audit.models import TemplateVersion
from doc_service.audit.templates import (
    TemplateVersionMismatch,
    load_template_files,
    save_template_version,
    template_digest,
)

FILES = {"letter.html": b"<p>{{ debtor.name }}</p>", "style.css": b"p { margin: 0 }"}


def test_save_and_load_round_trip(store_engine: Engine, file_blobs: FileBlobStore) -> None:
    version = template_digest(FILES)
    with Session(store_engine) as s, s.begin():
        row = save_template_version(
            s, file_blobs, template_id="lawyer_letter/zh-CN", version=version, files=FILES
        )
        # the manifest is canonical, so its digest is the version the helper computes
        assert row.manifest_sha256 == version
    with Session(store_engine) as s:
        assert load_template_files(s, file_blobs, "lawyer_letter/zh-CN", version) == FILES
        manifest = json.loads(file_blobs.get(version))
        assert sorted(manifest) == sorted(FILES)


def test_saving_twice_is_idempotent(store_engine: Engine, file_blobs: FileBlobStore) -> None:
    for _ in range(2):
        with Session(store_engine) as s, s.begin():
            save_template_version(s, file_blobs, template_id="t", version="v1", files=FILES)
    with Session(store_engine) as s:
        assert s.scalar(select(func.count()).select_from(TemplateVersion)) == 1


def test_losing_the_insert_race_is_harmless(
    store_engine: Engine, file_blobs: FileBlobStore
) -> None:
    with Session(store_engine) as first, first.begin():
        save_template_version(first, file_blobs, template_id="t", version="v1", files=FILES)
    with Session(store_engine) as late, late.begin():
        # simulate a process that looked before the other one committed
        real_get = late.get
        blind = [True]

        def get_missing_once(*args: Any, **kwargs: Any) -> Any:
            return None if blind and blind.pop() else real_get(*args, **kwargs)

        late.get = get_missing_once  # type: ignore[method-assign]
        row = save_template_version(late, file_blobs, template_id="t", version="v1", files=FILES)
        assert row.version == "v1" and not blind
        # the transaction is still usable after the refused insert
        assert late.scalar(select(func.count()).select_from(TemplateVersion)) == 1


def test_same_version_with_other_files_is_refused(
    store_engine: Engine, file_blobs: FileBlobStore
) -> None:
    with Session(store_engine) as s, s.begin():
        save_template_version(s, file_blobs, template_id="t", version="v1", files=FILES)
    with Session(store_engine) as s, pytest.raises(TemplateVersionMismatch):
        save_template_version(s, file_blobs, template_id="t", version="v1", files={"x": b"y"})


def test_unknown_version_and_tampered_file(store_engine: Engine, file_blobs: FileBlobStore) -> None:
    with Session(store_engine) as s, s.begin():
        save_template_version(s, file_blobs, template_id="t", version="v1", files=FILES)
    with Session(store_engine) as s:
        with pytest.raises(LookupError):
            load_template_files(s, file_blobs, "t", "v2")
        css_digest = json.loads(file_blobs.get(template_digest(FILES)))["style.css"]
        file_blobs.path_of(css_digest).write_bytes(b"p { display: none }")
        with pytest.raises(BlobCorrupted):
            load_template_files(s, file_blobs, "t", "v1")
