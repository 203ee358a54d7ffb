"""Issuing and auditing over HTTP, on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from sqlalchemy import text

from doc_service.services import Services
from tests.support import docx_text, pdf_pages

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def services_of(client: Any) -> Services:
    return client.application.extensions["doc_service"]


def issue(client: Any, body: dict[str, Any], **headers: str) -> Any:
    return client.post("/v1/documents", json=body, headers=headers)


def blob_files(client: Any) -> list[Path]:
    root = Path(services_of(client).settings["DATA_DIR"]) / "blobs"
    return sorted(p for p in root.rglob("*") if p.is_file() and "sha256" in p.parts)


def test_issue_returns_the_record_and_the_exact_bytes(issuer: Any, example: Any) -> None:
    response = issue(issuer, example())
    assert response.status_code == 201
    record = response.get_json()
    assert response.headers["Location"] == f"/v1/documents/{record['id']}"
    assert record["version"] == 1
    assert record["case_id"] == "C-2025-000123"
    assert record["template"]["id"] == "dunning_letter/zh-CN"
    assert record["created_by"] == "anonymous"
    assert record["previous_record_hash"] is None
    content = issuer.get(record["links"]["content"])
    assert content.status_code == 200
    assert content.mimetype == "application/pdf"
    assert hashlib.sha256(content.data).hexdigest() == record["sha256"]
    assert content.headers["ETag"] == f'"{record["sha256"]}"'
    disposition = content.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    expected_name = quote("催收函-C-2025-000123-v1.pdf", safe="")
    assert f"filename*=UTF-8''{expected_name}" in disposition
    assert "样稿" not in "".join(pdf_pages(content.data))  # an issued document is no specimen
    assert issuer.get(record["links"]["self"]).get_json() == record


def test_versions_count_per_case_and_type_and_chain_links(issuer: Any, example: Any) -> None:
    first = issue(issuer, example()).get_json()
    second = issue(issuer, example()).get_json()
    other_type = issue(issuer, example("lawyer_letter")).get_json()
    assert (first["version"], second["version"], other_type["version"]) == (1, 2, 1)
    assert second["previous_record_hash"] == first["record_hash"]
    assert other_type["previous_record_hash"] == second["record_hash"]
    chain = issuer.get("/v1/audit/chain").get_json()
    assert chain == {**chain, "ok": True, "length": 3, "head": other_type["record_hash"]}


def test_accept_pdf_returns_the_file_with_its_identity(issuer: Any, example: Any) -> None:
    response = issue(issuer, example(), Accept="application/pdf")
    assert response.status_code == 201
    assert response.mimetype == "application/pdf"
    assert response.headers["X-Document-Version"] == "1"
    record = issuer.get(f"/v1/documents/{response.headers['X-Document-Id']}").get_json()
    assert response.headers["ETag"] == f'"{record["sha256"]}"'
    assert "张三" in "".join(pdf_pages(response.data))


def test_docx_documents_are_issued_too(issuer: Any, example: Any) -> None:
    response = issue(issuer, {**example(), "format": "docx"}, Accept=DOCX)
    assert response.status_code == 201
    assert "壹万叁仟伍佰捌拾元贰角叁分" in docx_text(response.data)


def test_html_is_for_previews_only(issuer: Any, example: Any) -> None:
    response = issue(issuer, {**example(), "format": "html"})
    assert response.status_code == 422
    assert "format" in response.get_json()["errors"]


def test_idempotency_key_replays_or_conflicts(issuer: Any, example: Any) -> None:
    first = issue(issuer, example(), **{"Idempotency-Key": "batch-7/row-1"})
    again = issue(issuer, example(), **{"Idempotency-Key": "batch-7/row-1"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json() == first.get_json()
    changed = example()
    changed["case"]["letter_number"] = "另一编号"
    conflict = issue(issuer, changed, **{"Idempotency-Key": "batch-7/row-1"})
    assert conflict.status_code == 409
    assert conflict.mimetype == "application/problem+json"
    listing = issuer.get("/v1/cases/C-2025-000123/documents").get_json()
    assert len(listing["documents"]) == 1


def test_case_listing_is_newest_first_filtered_and_paged(issuer: Any, example: Any) -> None:
    for _ in range(3):
        issue(issuer, example())
    issue(issuer, example("lawyer_letter"))
    page = issuer.get("/v1/cases/C-2025-000123/documents?document_type=dunning_letter&limit=2")
    body = page.get_json()
    assert [d["version"] for d in body["documents"]] == [3, 2]
    rest = issuer.get(
        f"/v1/cases/C-2025-000123/documents?document_type=dunning_letter&cursor={body['next_cursor']}"
    ).get_json()
    assert [d["version"] for d in rest["documents"]] == [1]
    assert issuer.get("/v1/cases/C-2025-000123/documents?limit=0").status_code == 400
    assert issuer.get("/v1/cases/C-2025-000123/documents?cursor=nonsense").status_code == 400


def test_verification_reproduces_the_document(issuer: Any, example: Any) -> None:
    for fmt in ("pdf", "docx"):
        record = issue(issuer, {**example(), "format": fmt}).get_json()
        report = issuer.get(f"/v1/documents/{record['id']}/verification").get_json()
        assert report["stored_bytes_ok"] and report["chain_ok"] and report["reproducible"], report


def test_presented_bytes_are_identified(issuer: Any, example: Any) -> None:
    record = issue(issuer, example()).get_json()
    data = issuer.get(record["links"]["content"]).data
    found = issuer.post("/v1/verifications", data=data, content_type="application/pdf").get_json()
    assert found["issued"] is True
    assert found["record"]["id"] == record["id"]
    altered = data.replace(b"/Title", b"/Titl\x65", 1) + b"\n%"
    unknown = issuer.post("/v1/verifications", data=altered, content_type="application/pdf")
    assert unknown.get_json()["issued"] is False


def test_audit_events_record_issue_and_reads_oldest_first(issuer: Any, example: Any) -> None:
    record = issue(issuer, example()).get_json()
    issuer.get(record["links"]["content"])
    events = issuer.get("/v1/audit/events").get_json()["events"]
    assert [e["tag"] for e in events] == ["document:issue", "document:read"]
    assert all(e["document_id"] == record["id"] for e in events)
    later = issuer.get(f"/v1/audit/events?after={events[0]['seq']}").get_json()["events"]
    assert [e["tag"] for e in later] == ["document:read"]


def test_edited_blob_is_reported(issuer: Any, example: Any) -> None:
    record = issue(issuer, example()).get_json()
    services = services_of(issuer)
    path = services.blobs.path_of(record["sha256"])  # type: ignore[attr-defined]
    path.chmod(0o644)
    path.write_bytes(path.read_bytes().replace(b"%%EOF", b"%%EOF\n% edited"))
    report = issuer.get(f"/v1/documents/{record['id']}/verification").get_json()
    assert report["stored_bytes_ok"] is False
    content = issuer.get(record["links"]["content"])
    assert content.status_code == 500
    assert content.mimetype == "application/problem+json"
    assert "edited" not in content.get_data(as_text=True)


def test_edited_record_breaks_the_chain(issuer: Any, example: Any) -> None:
    first = issue(issuer, example()).get_json()
    issue(issuer, example())
    engine = services_of(issuer).engine
    with engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.execute(text("DROP TRIGGER IF EXISTS documents_no_update"))
        else:
            connection.execute(text("ALTER TABLE documents DISABLE TRIGGER USER"))
        connection.execute(
            text("UPDATE documents SET case_id = 'C-FORGED' WHERE id = :id"), {"id": first["id"]}
        )
    chain = issuer.get("/v1/audit/chain").get_json()
    assert chain["ok"] is False
    assert chain["first_bad_seq"] == first["seq"]
    report = issuer.get(f"/v1/documents/{first['id']}/verification").get_json()
    assert report["chain_ok"] is False


def test_refused_database_update_is_append_only(issuer: Any, example: Any) -> None:
    record = issue(issuer, example()).get_json()
    engine = services_of(issuer).engine
    with pytest.raises(Exception, match="append-only"), engine.begin() as connection:
        connection.execute(
            text("UPDATE documents SET size = 1 WHERE id = :id"), {"id": record["id"]}
        )


def test_unknown_document_is_a_problem_404(issuer: Any) -> None:
    response = issuer.get("/v1/documents/does-not-exist")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
