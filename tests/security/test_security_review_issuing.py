"""Findings of the adversarial review about issuing: negotiation, races, dependencies, keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from security_support import DOCX_MEDIA_TYPE, assert_problem


def issue(client: Any, body: dict[str, Any], **headers: str) -> Any:
    return client.post("/v1/documents", json=body, headers=headers)


def blob_files(client: Any) -> list[Path]:
    root = Path(client.application.extensions["doc_service"].settings["DATA_DIR"]) / "blobs"
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_unacceptable_format_is_refused_before_anything_is_issued(
    issuer: Any, example: Any
) -> None:
    body = {**example(), "format": "docx"}
    for _ in range(3):  # retries must not add versions either
        problem = assert_problem(issue(issuer, body, Accept="application/pdf"), 406)
        assert "docx" in problem["detail"]
    listing = issuer.get("/v1/cases/C-2025-000123/documents").get_json()
    assert listing["documents"] == []
    assert blob_files(issuer) == []
    issued = issue(issuer, body, Accept=DOCX_MEDIA_TYPE)
    assert issued.status_code == 201
    assert issued.headers["X-Document-Version"] == "1"
