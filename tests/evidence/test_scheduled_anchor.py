"""The scheduled anchor: Celery beat sends it every DOC_SERVICE_ANCHOR_INTERVAL seconds."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from doc_service.batches import tasks
from doc_service.batches.schedule import ANCHOR
from doc_service.batches.worker import create_worker_app
from doc_service.config import load_settings
from tests.support import load_example


def worker_app(tmp_path: Path, **environ: str) -> Any:
    variables = {"DOC_SERVICE_DATA_DIR": str(tmp_path), **environ}
    return create_worker_app(load_settings(environ=variables))


def test_the_anchor_is_scheduled_at_the_configured_interval(tmp_path: Path) -> None:
    app = worker_app(
        tmp_path, DOC_SERVICE_TSA_URL="http://127.0.0.1:9/", DOC_SERVICE_ANCHOR_INTERVAL="900"
    )
    entry = app.conf.beat_schedule["anchor-the-audit-chain"]
    assert entry["task"] == ANCHOR and ANCHOR in app.tasks
    assert entry["schedule"] == timedelta(seconds=900)
    assert app.conf.beat_schedule_filename == str(tmp_path.resolve() / "celerybeat-schedule")
    hourly = worker_app(tmp_path, DOC_SERVICE_TSA_URL="http://127.0.0.1:9/")
    assert hourly.conf.beat_schedule["anchor-the-audit-chain"]["schedule"] == timedelta(hours=1)


@pytest.mark.parametrize(
    "environ",
    [{"DOC_SERVICE_ANCHOR_INTERVAL": "0", "DOC_SERVICE_TSA_URL": "http://127.0.0.1:9/"}, {}],
)
def test_no_anchor_is_scheduled_when_turned_off_or_without_a_tsa(
    tmp_path: Path, environ: dict[str, str]
) -> None:
    assert worker_app(tmp_path, **environ).conf.beat_schedule == {}


@pytest.fixture
def worker_services(signing_app: Any) -> Any:
    client = signing_app()
    services = client.application.extensions["doc_service"]
    # the worker process's services: the app's database, blob store and TSA
    tasks._services[os.getpid()] = services
    yield client
    tasks._services.pop(os.getpid(), None)


def test_the_scheduled_task_anchors_what_changed_since_the_last_anchor(
    worker_services: Any,
) -> None:
    client = worker_services
    task = create_worker_app(client.application.extensions["doc_service"].settings).tasks[ANCHOR]
    body = {**load_example("dunning_letter"), "format": "docx"}
    assert client.post("/v1/documents", json=body).status_code == 201
    first = task()
    assert first == 1
    assert task() is None  # nothing issued or logged since: no second anchor
    assert client.post("/v1/documents", json=body).status_code == 201
    assert task() == 2
    anchors = client.get("/v1/audit/anchors").get_json()["anchors"]
    assert [(a["seq"], a["record_count"], a["created_by"]) for a in anchors] == [
        (1, 1, "scheduler"),
        (2, 2, "scheduler"),
    ]
    report = client.get("/v1/audit/chain").get_json()
    assert report["ok"] and report["anchor"]["seq"] == 2 and report["anchor"]["ok"]
