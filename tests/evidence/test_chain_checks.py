"""Background chain re-checks: queued over HTTP, run by a worker, progress and report stored."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from doc_service.documents.chain_checks import run_check
from tests.batches.batch_support import Worker, batch_settings, close_app
from tests.support import load_example, make_app


def services_of(client: Any) -> Any:
    return client.application.extensions["doc_service"]


def issue(client: Any, count: int = 1) -> None:
    body = {**load_example("dunning_letter"), "format": "docx"}
    for _ in range(count):
        response = client.post("/v1/documents", json=body)
        assert response.status_code == 201, response.get_data(as_text=True)


def start(client: Any, **query: str) -> dict[str, Any]:
    response = client.post("/v1/audit/chain/checks", query_string=query)
    assert response.status_code == 202, response.get_data(as_text=True)
    assert response.headers["Location"].endswith(f"/v1/audit/chain/checks/{response.json['id']}")
    body: dict[str, Any] = response.get_json()
    return body


def run(client: Any, check_id: str) -> dict[str, Any]:
    """Run the check as the worker does, then read it back over HTTP."""
    assert run_check(services_of(client), check_id) == "done"
    body: dict[str, Any] = client.get(f"/v1/audit/chain/checks/{check_id}").get_json()
    return body


def rewrite(client: Any, seq: int) -> None:
    """An insider edits a record's field in place, leaving its stored hashes as they were."""
    engine = create_engine(services_of(client).settings["DATABASE_URL"])
    with engine.begin() as conn:
        conn.execute(text("DROP TRIGGER IF EXISTS documents_no_update"))
        conn.execute(text(f"UPDATE documents SET created_by = 'forger' WHERE seq = {seq}"))
    engine.dispose()


@pytest.fixture
def client(signing_app: Any) -> Any:
    return signing_app()


def test_a_check_is_queued_then_reports_progress_and_its_report(client: Any) -> None:
    issue(client, 3)
    queued = start(client)
    assert queued["status"] == "queued" and queued["mode"] == "full" and queued["report"] is None
    # the message waits in the embedded broker's queue for a worker
    queue = Path(services_of(client).settings["DATA_DIR"]) / "broker" / "queue"
    assert any("check_chain" in p.read_text("utf-8", "replace") for p in queue.iterdir())
    done = run(client, queued["id"])
    assert done["status"] == "done" and done["ok"] is True
    assert (done["checked"], done["total"], done["from_seq"]) == (3, 3, 0)
    assert done["report"]["length"] == 3 and done["report"]["events"]["ok"]
    assert done["started_at"] and done["finished_at"]
    assert client.get("/v1/audit/chain/checks/" + "0" * 32).status_code == 404
    assert client.post("/v1/audit/chain/checks?since=yesterday").status_code == 400


def test_since_anchor_starts_at_the_last_verified_anchor_and_covers_what_follows(
    client: Any,
) -> None:
    issue(client, 3)
    assert client.post("/v1/audit/anchors").status_code == 201
    verified = run(client, start(client)["id"])
    assert verified["ok"] and verified["report"]["anchor"]["seq"] == 1
    issue(client, 2)
    assert client.post("/v1/audit/anchors").status_code == 201  # anchor 2 at record 5
    issue(client, 1)
    # record 4 lies between the verified anchor and the latest one, record 6 after the latest:
    # neither edit moves an anchored head, so only walking the records finds them
    rewrite(client, 4)
    rewrite(client, 6)
    check = run(client, start(client, since="anchor")["id"])
    report = check["report"]
    assert check["mode"] == "since-anchor" and check["ok"] is False
    assert (check["from_seq"], check["total"], check["checked"]) == (3, 3, 3)
    assert report["from_anchor"] == 1 and report["anchors"]["checked"] == 2
    assert report["first_bad_seq"] == 4
    assert "seq 4: record_hash does not match the record's fields" in report["problems"]
    assert "seq 6: record_hash does not match the record's fields" in report["problems"]
    # the synchronous check starts at the same anchor
    synchronous = client.get("/v1/audit/chain?since=anchor").get_json()
    assert synchronous["from_anchor"] == 1 and synchronous["first_bad_seq"] == 4


def test_a_rewrite_an_earlier_anchor_fixed_is_reported_though_the_latest_holds(
    client: Any,
) -> None:
    issue(client, 2)
    assert client.post("/v1/audit/anchors").status_code == 201
    assert run(client, start(client)["id"])["ok"]
    issue(client, 1)
    # the forger rewrites record 2 and re-anchors the forged state: the new anchor holds,
    # the verified one does not
    engine = create_engine(services_of(client).settings["DATABASE_URL"])
    with engine.begin() as conn:
        conn.execute(text("DROP TRIGGER IF EXISTS documents_no_update"))
        conn.execute(
            text("UPDATE documents SET record_hash = 'x' || substr(record_hash, 2) WHERE seq = 2")
        )
    engine.dispose()
    assert client.post("/v1/audit/anchors").status_code == 201
    report = client.get("/v1/audit/chain?since=anchor").get_json()
    assert report["ok"] is False and report["anchor"]["ok"]
    assert any(
        "record 2 is not the anchored chain head" in p for p in report["anchors"]["problems"]
    )


def test_only_auditors_and_admins_start_and_read_checks(tmp_path: Path) -> None:
    keys = {
        "sub": {"key": "s" * 32, "roles": ["submitter"]},
        "aud": {"key": "a" * 32, "roles": ["auditor"]},
        "adm": {"key": "d" * 32, "roles": ["admin"]},
    }
    app = make_app(tmp_path, AUTH="on", API_KEYS=keys)
    client = app.test_client()

    def as_(key: str) -> dict[str, str]:
        return {"Authorization": "Bearer " + key * 32}

    assert client.post("/v1/audit/chain/checks", headers=as_("s")).status_code == 403
    started = client.post("/v1/audit/chain/checks", headers=as_("a"))
    assert started.status_code == 202
    location = started.headers["Location"]
    assert client.get(location, headers=as_("s")).status_code == 403
    assert client.get(location, headers=as_("d")).get_json()["status"] == "queued"
    assert client.post("/v1/audit/chain/checks", headers=as_("d")).status_code == 202
    close_app(app)


def test_a_worker_process_runs_the_check(tmp_path: Path) -> None:
    settings = batch_settings(tmp_path, None)
    app = make_app(tmp_path, **settings)
    client = app.test_client()
    issue(client, 2)
    worker = Worker(settings, tmp_path / "worker.log")
    try:
        location = start(client)["id"]
        deadline = time.monotonic() + 150
        while True:
            check = client.get(f"/v1/audit/chain/checks/{location}").get_json()
            if check["status"] in ("done", "failed") or time.monotonic() > deadline:
                break
            time.sleep(0.5)
    finally:
        worker.stop()
        close_app(app)
    assert check["status"] == "done", (tmp_path / "worker.log").read_text("utf-8")[-3000:]
    assert check["ok"] and check["checked"] == check["total"] == 2
