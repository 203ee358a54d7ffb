"""Pin template versions: their files as blobs, listed by a canonical manifest."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime

import rfc8785
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from doc_service.audit.blobs import BlobStore
from doc_service.audit.models import TemplateVersion, utc_now
from doc_service.render.snapshot import version_digest as template_digest

__all__ = [
    "TemplateVersionMismatch",
    "load_template_files",
    "save_template_version",
    "template_digest",
    "template_manifest",
]


class TemplateVersionMismatch(Exception):
    """A template version is already pinned with different files."""


def template_manifest(blob_store: BlobStore, files: Mapping[str, bytes]) -> bytes:
    """Store each file and return the canonical manifest {path: sha256}."""
    listing = {path: blob_store.put(data) for path, data in sorted(files.items())}
    return rfc8785.dumps(listing)


def save_template_version(
    session: Session,
    blob_store: BlobStore,
    *,
    template_id: str,
    version: str,
    files: Mapping[str, bytes],
    clock: Callable[[], datetime] = utc_now,
) -> TemplateVersion:
    """Store a template version's files and manifest once; return its row (caller commits)."""
    manifest_sha256 = blob_store.put(template_manifest(blob_store, files))
    existing = session.get(TemplateVersion, (template_id, version))
    if existing is None:
        row = TemplateVersion(
            template_id=template_id,
            version=version,
            manifest_sha256=manifest_sha256,
            first_used_at=clock(),
        )
        try:
            # a savepoint, so losing the race to another process leaves our transaction usable
            with session.begin_nested():
                session.add(row)
            return row
        except IntegrityError:
            existing = session.get(TemplateVersion, (template_id, version), populate_existing=True)
            if existing is None:
                raise
    if existing.manifest_sha256 != manifest_sha256:
        raise TemplateVersionMismatch(
            f"{template_id}@{version} is pinned with manifest {existing.manifest_sha256}"
        )
    return existing


def load_template_files(
    session: Session, blob_store: BlobStore, template_id: str, version: str
) -> dict[str, bytes]:
    """Return the files of a pinned template version, each verified against its hash."""
    row = session.get(TemplateVersion, (template_id, version))
    if row is None:
        raise LookupError(f"template {template_id}@{version} is not pinned")
    listing: dict[str, str] = json.loads(blob_store.get(row.manifest_sha256))
    return {path: blob_store.get(digest) for path, digest in listing.items()}
