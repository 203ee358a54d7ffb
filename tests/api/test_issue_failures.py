"""A failure at any step of issuing leaves nothing behind and shows no internals."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest

import doc_service.documents.issuing as issuing
import doc_service.documents.rendering as rendering
from doc_service.audit import AppendHooks
from doc_service.audit.models import TemplateVersion


class Injected(RuntimeError):
    """A failure planted by the test."""


def boom(*_: Any, **__: Any) -> None:
    raise Injected("secret internals /etc/passwd")


def document_blobs(client: Any) -> list[Path]:
    """Return stored document blobs (template files are pinned separately, before rendering)."""
    services = client.application.extensions["doc_service"]
    root = Path(services.settings["DATA_DIR"]) / "blobs"
    pinned = set()
    with services.sessions() as session:
        for row in session.query(TemplateVersion):
            pinned.add(row.manifest_sha256)
            pinned.update(json.loads(services.blobs.get(row.manifest_sha256)).values())
    return [p for p in root.rglob("*") if p.is_file() and p.name not in pinned]


def with_hooks(monkeypatch: pytest.MonkeyPatch, **hooks: Any) -> None:
    monkeypatch.setattr(
        issuing,
        "append_document",
        functools.partial(issuing.append_document, hooks=AppendHooks(**hooks)),
    )


STEPS = {
    "render": lambda mp: mp.setattr(rendering, "render_document", boom),
    "blob write": lambda mp: with_hooks(mp, after_blob_put=boom),
    "insert": lambda mp: with_hooks(mp, before_insert=boom),
    "commit": lambda mp: with_hooks(mp, before_commit=boom),
}


@pytest.mark.parametrize("step", STEPS)
def test_failure_leaves_no_record_no_blob_and_a_clean_chain(
    issuer: Any, example: Any, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    first = issuer.post("/v1/documents", json=example()).get_json()
    before = document_blobs(issuer)
    STEPS[step](monkeypatch)
    response = issuer.post("/v1/documents", json=example())
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    body = response.get_data(as_text=True)
    assert "secret" not in body and "Traceback" not in body and "passwd" not in body
    monkeypatch.undo()
    assert document_blobs(issuer) == before
    listing = issuer.get("/v1/cases/C-2025-000123/documents").get_json()["documents"]
    assert [d["id"] for d in listing] == [first["id"]]
    chain = issuer.get("/v1/audit/chain").get_json()
    assert chain["ok"] is True and chain["length"] == 1
    assert issuer.post("/v1/documents", json=example()).get_json()["version"] == 2
