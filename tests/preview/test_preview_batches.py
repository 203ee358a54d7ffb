"""The preview page's batches in a real headless Chromium: status, counts, outputs, live updates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from preview_support import CHROMIUM, LiveServer
from sqlalchemy import update

from doc_service.audit.models import utc_now
from doc_service.batches import store
from doc_service.batches.models import Batch, BatchItem
from tests.support import load_example, make_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}"),
]
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed (pip install playwright)"
)
ARCHIVE = b"PK\x05\x06" + b"\x00" * 18  # an empty ZIP, as a worker would have stored it


def submit(app: Flask, count: int) -> str:
    """Submit a batch of `count` letters (no worker runs: it stays queued); return its id."""
    sample = load_example("dunning_letter")
    items = []
    for index in range(count):
        item = {**sample, "case": {**sample["case"], "case_id": f"C-2025-72000{index}"}}
        items.append(item)
    body = {"items": items, "outputs": ["archive"]}
    response = app.test_client().post("/v1/batches", json=body)
    assert response.status_code == 202, response.get_json()
    return str(response.get_json()["id"])


def finish(app: Flask, batch_id: str, *, archive: bytes | None = None) -> None:
    """Leave a batch as a worker does when every item was issued."""
    services = app.extensions["doc_service"]
    values: dict[str, Any] = {"status": "succeeded", "started_at": utc_now()}
    values["finished_at"] = values["started_at"]
    if archive is not None:
        values["archive_sha256"] = services.blobs.put(archive)
    with store.write(services.engine) as session:
        session.execute(
            update(BatchItem).where(BatchItem.batch_id == batch_id).values(status="issued")
        )
        session.execute(update(Batch).where(Batch.id == batch_id).values(**values))


def test_the_page_lists_batches_follows_a_running_one_and_downloads_outputs(
    tmp_path: Path,
    live_server: Callable[[Flask], LiveServer],
    page: Any,
    shoot: Callable[[Any, str], None],
) -> None:
    expect = sync_api.expect
    app = make_app(tmp_path)
    done = submit(app, 2)
    finish(app, done, archive=ARCHIVE)
    running = submit(app, 3)
    server = live_server(app)
    page.goto(f"{server.url}/preview")

    rows = page.locator("#batches-rows tr")
    expect(rows).to_have_count(2)
    # newest first: the queued batch, then the finished one
    first, second = rows.nth(0), rows.nth(1)
    expect(first).to_have_attribute("data-batch", running)
    expect(first).to_contain_text("排队中")
    expect(first).to_contain_text("已出具 0 / 3")
    expect(first).to_contain_text("生成中…")
    expect(second).to_contain_text("已完成")
    expect(second).to_contain_text("已出具 2 / 2")
    expect(second.locator("progress")).to_have_attribute("value", "1")
    shoot(page, "batches-zh")

    page.click("#lang-en")
    expect(page.locator("#batches-heading")).to_have_text("Batches")
    expect(second).to_contain_text("Succeeded")
    expect(second).to_contain_text("2 of 2 issued")

    with page.expect_download() as download:
        second.get_by_role("button", name="ZIP").click()
    assert download.value.suggested_filename == f"batch-{done}.zip"
    assert Path(download.value.path()).read_bytes() == ARCHIVE

    # the page keeps asking while a batch runs: the worker's finish shows up without a click
    finish(app, running)
    expect(first).to_contain_text("Succeeded", timeout=15_000)
    expect(first).to_contain_text("3 of 3 issued")
    assert not [m for m in page.console_messages if "error" in m.lower()]
    shoot(page, "batches-en")
    app.extensions["doc_service"].engine.dispose()
