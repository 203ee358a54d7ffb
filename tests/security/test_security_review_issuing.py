"""Findings of the adversarial review about issuing: negotiation, races, dependencies, keys."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from security_support import DOCX_MEDIA_TYPE, assert_problem, make_app
from sqlalchemy import text

from doc_service.migrate import upgrade


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


def assert_unavailable(response: Any, dependency: str) -> None:
    problem = assert_problem(response, 503)
    assert problem["type"].endswith(f"/{dependency}-unavailable")
    assert problem["dependency"] == dependency
    assert int(response.headers["Retry-After"]) > 0


def test_unreachable_database_is_a_503_to_retry_and_recovers_by_itself(
    tmp_path: Path, example: Any
) -> None:
    database = tmp_path / "later" / "audit.db"  # its directory does not exist yet
    app = make_app(tmp_path, DATABASE_URL=f"sqlite:///{database}", MIGRATE_ON_START=False)
    client = app.test_client()
    assert_unavailable(issue(client, example()), "database")
    assert_unavailable(client.get("/v1/cases/C-2025-000123/documents"), "database")
    database.parent.mkdir()
    upgrade(f"sqlite:///{database}")
    assert issue(client, example()).status_code == 201


@pytest.mark.postgres
def test_refused_postgresql_connection_is_a_503(tmp_path: Path, example: Any) -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:9/test?connect_timeout=2"
    client = make_app(tmp_path, DATABASE_URL=url, MIGRATE_ON_START=False).test_client()
    assert_unavailable(issue(client, example()), "database")


def test_unwritable_blob_store_is_a_503_and_leaves_no_record(
    issuer: Any, example: Any, tmp_path: Path
) -> None:
    blobs = issuer.application.extensions["doc_service"].blobs
    root = blobs.root
    blocker = tmp_path / "not-a-directory"
    blocker.write_bytes(b"")
    blobs.root = blocker / "blobs"  # every write below a regular file fails, even as root
    assert_unavailable(issue(issuer, example()), "blob-store")
    blobs.root = root
    assert issuer.get("/v1/cases/C-2025-000123/documents").get_json()["documents"] == []
    assert issue(issuer, example()).get_json()["version"] == 1


# two templates pinned at once; neither needs an earlier document of the case (escalation)
BURST_TYPES = ("dunning_letter", "repayment_agreement")


@pytest.mark.slow
def test_a_burst_on_a_fresh_store_issues_every_document(
    tmp_path: Path, database_url: str, example: Any
) -> None:
    # each worker pins a template version on its first issue; the pins must not race the appends
    app = make_app(tmp_path, DATABASE_URL=database_url)
    app.extensions["doc_service"].templates.all()  # compile up front: the burst is about the store
    start = threading.Barrier(8)

    def issue_two(index: int) -> list[int]:
        client = app.test_client()
        start.wait()
        statuses = []
        for document_type in BURST_TYPES[index % 2 :] + BURST_TYPES[: index % 2]:
            body = {**example(document_type), "format": "docx"}
            statuses.append(issue(client, body).status_code)
        return statuses

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = [status for result in pool.map(issue_two, range(8)) for status in result]
    assert statuses == [201] * 16
    for document_type in BURST_TYPES:
        listing = app.test_client().get(
            f"/v1/cases/{example(document_type)['case']['case_id']}/documents"
            f"?document_type={document_type}"
        )
        versions = sorted(d["version"] for d in listing.get_json()["documents"])
        assert versions == list(range(1, 9)), document_type
    assert app.test_client().get("/v1/audit/chain").get_json()["ok"] is True
    app.extensions["doc_service"].engine.dispose()


def issue_numbered(client: Any, body: dict[str, Any], number: int) -> dict[str, Any]:
    """Issue a document whose bytes differ from its siblings' (its own letter number)."""
    body["case"]["letter_number"] = f"NO-{number}"
    response = issue(client, body)
    assert response.status_code == 201
    return dict(response.get_json())


def test_the_chain_report_sweeps_the_stored_bytes(issuer: Any, example: Any) -> None:
    first, _second, third = (issue_numbered(issuer, example(), n) for n in range(3))
    blobs = issuer.application.extensions["doc_service"].blobs
    blobs.path_of(first["sha256"]).unlink()
    corrupt = blobs.path_of(third["sha256"])
    corrupt.chmod(0o644)
    corrupt.write_bytes(corrupt.read_bytes() + b"% edited")
    report = issuer.get("/v1/audit/chain").get_json()
    assert report["ok"] is False
    assert report["blobs_ok"] is False
    assert report["bad_blobs"] == 2
    assert report["first_bad_seq"] is None  # the records themselves are intact
    problems = " ".join(report["problems"])
    assert f"seq {first['seq']}: stored bytes are missing" in problems
    assert f"seq {third['seq']}: stored bytes do not hash" in problems


def test_the_neighbour_of_a_deleted_record_is_not_reported_linked(
    issuer: Any, example: Any
) -> None:
    first, second, third = (issue_numbered(issuer, example(), n) for n in range(3))
    engine = issuer.application.extensions["doc_service"].engine
    with engine.begin() as connection:
        for table in ("documents", "audit_events", "document_payloads"):
            if connection.dialect.name == "sqlite":
                for trigger in ("no_delete", "purge_only"):
                    connection.execute(text(f"DROP TRIGGER IF EXISTS {table}_{trigger}"))
            else:
                connection.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
        # an insider removes the whole record: its events, its payload and the row itself
        connection.execute(text("DELETE FROM audit_events WHERE document_id = :id"), second)
        connection.execute(text("DELETE FROM document_payloads WHERE document_id = :id"), second)
        connection.execute(text("DELETE FROM documents WHERE id = :id"), second)
    for neighbour in (first, third):
        report = issuer.get(f"/v1/documents/{neighbour['id']}/verification").get_json()
        assert report["chain_ok"] is False, neighbour["seq"]
        assert report["ok"] is False
