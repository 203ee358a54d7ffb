"""A 200-item batch on PostgreSQL (the production audit database) through Redis, two workers
appending at once: 200 records, versions without gaps, a chain that verifies."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from batch_support import (
    Worker,
    batch_records,
    batch_settings,
    broker_or_skip,
    close_app,
    delete_queue,
    versions_by_case,
    wait_for,
    with_case,
)

from doc_service.audit import verify_chain
from tests.support import load_example, make_app

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
CASES = 4
PER_CASE = 50


@pytest.fixture
def settings(tmp_path: Path, postgres_schema_url: str) -> Iterator[dict[str, Any]]:
    chosen = batch_settings(
        tmp_path,
        broker_or_skip("redis"),
        DATABASE_URL=postgres_schema_url,
        BATCH_CHUNK_SIZE=25,
    )
    yield chosen
    delete_queue(chosen)


def test_a_batch_on_postgresql_issues_every_item_once_in_order(
    settings: dict[str, Any], tmp_path: Path
) -> None:
    app = make_app(tmp_path, **settings)
    client = app.test_client()
    sample = load_example("dunning_letter")
    # four cases, fifty letters each, interleaved: both workers append to every case
    items = [with_case(sample, f"C-2025-91000{i % CASES}") for i in range(CASES * PER_CASE)]
    workers = [Worker(settings, tmp_path / f"worker-{n}.log") for n in (1, 2)]
    try:
        response = client.post("/v1/batches", json={"items": items, "outputs": ["archive"]})
        assert response.status_code == 202, response.get_json()
        location = response.headers["Location"]
        summary = wait_for(client, location, timeout=300)
        archive = client.get(f"{location}/archive")
    finally:
        for worker in workers:
            worker.stop()
        close_app(app)

    assert summary["status"] == "succeeded", summary
    assert summary["counts"]["issued"] == len(items)
    services = app.extensions["doc_service"]
    with services.sessions() as session:
        rows = batch_records(session, summary["id"])
        chain = verify_chain(session, blob_store=services.blobs)
    assert len(rows) == len({row.idempotency_key for row in rows}) == len(items)
    assert versions_by_case(rows) == {
        f"C-2025-91000{c}": list(range(1, PER_CASE + 1)) for c in range(CASES)
    }
    assert chain.ok, chain
    assert chain.length == len(items)
    services.engine.dispose()
    assert hashlib.sha256(archive.data).hexdigest() == summary["outputs"]["archive_sha256"]
    with zipfile.ZipFile(io.BytesIO(archive.data)) as bundle:
        listed = json.loads(bundle.read("manifest.json"))["documents"]
    assert {(d["document_id"], d["version"], d["sha256"]) for d in listed} == {
        (row.id, row.version, row.sha256) for row in rows
    }
