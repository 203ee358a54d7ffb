"""A 200-item batch on each broker, its worker killed halfway: every item issued exactly once."""

from __future__ import annotations

from collections import Counter
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

pytestmark = pytest.mark.slow
CASES = 4
PER_CASE = 50


@pytest.fixture(params=["embedded", "rabbitmq", "redis"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, Any]]:
    chosen = batch_settings(tmp_path, broker_or_skip(request.param))
    yield chosen
    delete_queue(chosen)


def test_a_killed_worker_leaves_no_duplicate_and_no_gap(
    settings: dict[str, Any], tmp_path: Path
) -> None:
    app = make_app(tmp_path, **settings)
    client = app.test_client()
    sample = load_example("dunning_letter")
    # 4 cases x 50 letters each: every case's versions must come out 1..50, none twice
    items = [with_case(sample, f"C-2025-90000{i % CASES}") for i in range(CASES * PER_CASE)]
    # two workers append at once; one of them dies halfway, the other finishes its chunk
    first = Worker(settings, tmp_path / "worker-1.log")
    second = Worker(settings, tmp_path / "worker-2.log")
    try:
        response = client.post("/v1/batches", json={"items": items})
        assert response.status_code == 202, response.get_json()
        location = response.headers["Location"]
        wait_for(client, location, issued=len(items) // 2)
        first.kill()
        halfway = client.get(location).get_json()
        assert halfway["counts"]["issued"] < len(items)
        summary = wait_for(client, location)
    finally:
        first.stop()
        second.stop()
        close_app(app)

    assert summary["status"] == "succeeded", summary
    assert summary["counts"]["issued"] == len(items)
    batch_id = summary["id"]
    services = app.extensions["doc_service"]
    with services.sessions() as session:
        rows = batch_records(session, batch_id)
        chain = verify_chain(session)
    assert len(rows) == len(items)
    assert len({row.idempotency_key for row in rows}) == len(items)
    assert versions_by_case(rows) == {
        f"C-2025-90000{c}": list(range(1, PER_CASE + 1)) for c in range(CASES)
    }
    assert chain.ok, chain
    assert chain.length == len(items)
    listed = []
    cursor = None
    while True:
        page = client.get(f"{location}/items" + (f"?cursor={cursor}" if cursor else "")).get_json()
        listed.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert [item["index"] for item in listed] == list(range(len(items)))
    assert Counter(item["status"] for item in listed) == {"issued": len(items)}
    assert {item["document"]["id"] for item in listed} == {row.id for row in rows}
