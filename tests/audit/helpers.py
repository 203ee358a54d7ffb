"""Helpers shared by the audit tests and their spawned worker processes."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from doc_service.audit.blobs import BlobStore
from doc_service.audit.records import DocumentDraft, Record, canonical_payload
from doc_service.audit.store import append_document

CASE: dict[str, Any] = {"case_id": "C-2025-000123", "arrears": {"total": "13580.23"}}


def append(
    engine: Engine,
    blobs: BlobStore,
    *,
    content: bytes | None = None,
    case_id: str = "C-2025-000123",
    document_type: str = "lawyer_letter",
    **extra: Any,
) -> Record:
    """Append one document with plausible defaults."""
    payload_json, _ = canonical_payload({**CASE, "case_id": case_id})
    settings = {key: extra.pop(key) for key in ("clock", "hooks") if key in extra}
    draft = DocumentDraft(
        case_id=case_id,
        document_type=document_type,
        format="pdf",
        locale="zh-CN",
        media_type="application/pdf",
        payload_json=payload_json,
        template_id=f"{document_type}/zh-CN",
        template_version="a" * 64,
        actor=extra.pop("actor", "submitter-key"),
        **extra,
    )
    content = content if content is not None else secrets.token_bytes(64)
    return append_document(engine, draft, content=content, blob_store=blobs, **settings)


def stored_files(root: Path) -> list[Path]:
    """List every file under a blob root (temp files included)."""
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
