"""Retention and legal hold over HTTP: hold, purge, verify after purge, chain after purge.

Each test runs on SQLite and PostgreSQL, with the bytes on disk and in (moto) S3.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from doc_service.audit.models import Document
from doc_service.retention.purge import find_expired
from doc_service.services import Services
from tests.security.security_support import PROBLEM, bearer, secure_app

ADMIN = bearer("admin")
LATER = timedelta(days=5 * 366 + 1)  # past five years from today, whatever the leap years


@pytest.fixture(params=["file", "s3"])
def client(request: pytest.FixtureRequest, tmp_path: Path, database_url: str) -> Iterator[Any]:
    """Yield a client of an app with auth on, on this database and blob store."""
    settings: dict[str, Any] = {"DATABASE_URL": database_url}
    if request.param == "s3":
        endpoint = request.getfixturevalue("moto_endpoint")
        bucket = f"docs-{secrets.token_hex(6)}"
        request.getfixturevalue("s3_client").create_bucket(Bucket=bucket)
        settings.update(BLOB_URL=f"s3://{bucket}/documents", S3_ENDPOINT_URL=endpoint)
    app = secure_app(tmp_path, **settings)
    with app.test_client() as test_client:
        test_client.application = app
        yield test_client
    app.extensions["doc_service"].engine.dispose()


def services_of(client: Any) -> Services:
    return client.application.extensions["doc_service"]


def issue(client: Any, example: Any, case_id: str, document_type: str = "dunning_letter") -> dict:
    body = example(document_type)
    body["case"]["case_id"] = case_id
    # the contract number is printed, so each case's document has bytes of its own
    body["case"]["loan"]["contract_number"] = f"HT-{case_id}"
    body["format"] = "docx"
    response = client.post("/v1/documents", json=body, headers=bearer("submitter"))
    assert response.status_code == 201, response.get_data(as_text=True)[:500]
    return response.get_json()


def purge(client: Any, monkeypatch: Any, *, dry_run: bool = False) -> dict:
    """Run the purge over HTTP as if five years had passed."""
    future = datetime.now(UTC) + LATER
    monkeypatch.setattr("doc_service.api.retention.utc_now", lambda: future)
    url = "/v1/retention/purge" + ("?dry_run=true" if dry_run else "")
    response = client.post(url, headers=ADMIN)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()


def test_hold_purge_verify_and_chain(client: Any, example: Any, monkeypatch: Any) -> None:
    closed = issue(client, example, "C-CLOSED-1")
    held = issue(client, example, "C-HELD-1")
    chain_before = client.get("/v1/audit/chain", headers=bearer("auditor")).get_json()
    blobs = services_of(client).blobs

    hold = client.post(
        "/v1/cases/C-HELD-1/hold", json={"reason": "诉讼保全 (2026)京0105民初123号"}, headers=ADMIN
    )
    assert hold.status_code == 201
    assert hold.get_json()["held"] is True and hold.get_json()["by"] == "admin-key"
    again = client.post("/v1/cases/C-HELD-1/hold", json={"reason": "again"}, headers=ADMIN)
    assert again.status_code == 409 and again.mimetype == PROBLEM
    no_reason = client.post("/v1/cases/C-HELD-1/hold", json={}, headers=ADMIN)
    assert no_reason.status_code == 422 and "reason" in no_reason.get_json()["errors"]

    dry = purge(client, monkeypatch, dry_run=True)
    assert [item["document_id"] for item in dry["purged"]] == [closed["id"]]
    assert dry["held_cases"] == ["C-HELD-1"]
    assert client.get(closed["links"]["content"], headers=ADMIN).status_code == 200

    report = purge(client, monkeypatch)
    assert [item["document_id"] for item in report["purged"]] == [closed["id"]]
    assert report["blob_errors"] == []
    gone = client.get(closed["links"]["content"], headers=ADMIN)
    assert gone.status_code == 410 and gone.mimetype == PROBLEM
    assert gone.get_json()["purged_at"].startswith(str((datetime.now(UTC) + LATER).year))
    assert not blobs.exists(closed["sha256"])
    assert blobs.exists(held["sha256"])
    assert client.get(held["links"]["content"], headers=ADMIN).status_code == 200

    record = client.get(closed["links"]["self"], headers=ADMIN).get_json()
    assert record["record_hash"] == closed["record_hash"] and "purged_at" in record
    verification = client.get(
        f"/v1/documents/{closed['id']}/verification", headers=bearer("auditor")
    )
    assert verification.status_code == 200
    verdict = verification.get_json()
    assert verdict["purged"] is True and verdict["chain_ok"] is True and verdict["ok"] is True
    assert verdict["stored_bytes_ok"] is None and verdict["reproducible"] is None
    assert verdict["detail"].startswith(f"purged on {verdict['purged_at']}")

    chain_after = client.get("/v1/audit/chain", headers=bearer("auditor")).get_json()
    assert chain_after["ok"] is True
    assert (chain_after["length"], chain_after["head"]) == (2, chain_before["head"])
    with Session(services_of(client).engine) as session:
        payloads = session.execute(text("SELECT document_id FROM document_payloads")).all()
    assert [row[0] for row in payloads] == [held["id"]]

    release = client.delete(
        "/v1/cases/C-HELD-1/hold", json={"reason": "判决生效，案件终结"}, headers=ADMIN
    )
    assert release.status_code == 200 and release.get_json()["held"] is False
    assert client.delete("/v1/cases/C-HELD-1/hold?reason=x", headers=ADMIN).status_code == 409
    assert [item["case_id"] for item in purge(client, monkeypatch)["purged"]] == ["C-HELD-1"]
    assert client.get(held["links"]["content"], headers=ADMIN).status_code == 410

    events = client.get("/v1/audit/events?limit=500", headers=bearer("auditor")).get_json()
    tags = [event["tag"] for event in events["events"]]
    assert tags.count("document:purge") == 2
    assert (tags.count("case:hold"), tags.count("case:release")) == (1, 1)
    # a purged case can be written to again; its history's dates come from the records
    assert issue(client, example, "C-CLOSED-1")["version"] == 2
    assert client.get("/v1/audit/chain", headers=bearer("auditor")).get_json()["ok"] is True


def test_a_later_document_restarts_the_case_clock(client: Any, example: Any) -> None:
    first = issue(client, example, "C-ACTIVE-1")
    services = services_of(client)
    with Session(services.engine) as session:
        created = session.scalar(select(Document.created_at).where(Document.id == first["id"]))
        assert created is not None
        ends = services.policy.retention.expires("dunning_letter", created)
        assert ends == created.replace(year=created.year + 5) or ends.day == 28
        policy = services.policy
        assert find_expired(session, policy, ends - timedelta(seconds=1)) == []
        assert [e.document_id for e in find_expired(session, policy, ends)] == [first["id"]]
    second = issue(client, example, "C-ACTIVE-1", "lawyer_letter")
    with Session(services.engine) as session:
        # the lawyer's letter is the case's last document now: nothing of the case expires yet
        assert find_expired(session, services.policy, ends) == []
    assert second["version"] == 1
