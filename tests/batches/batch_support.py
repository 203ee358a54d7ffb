"""Batch test helpers: brokers, worker processes, polling a batch to its end."""

from __future__ import annotations

import contextlib
import copy
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from doc_service.audit.models import Document

ROOT = Path(__file__).resolve().parents[2]
BROKERS = {
    "embedded": None,
    "rabbitmq": os.environ.get("DOC_SERVICE_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//"),
    "redis": os.environ.get("DOC_SERVICE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0"),
}
CALLBACK_SECRET = "test-callback-secret-0123456789"
TERMINAL = {"succeeded", "partially_failed", "failed", "cancelled"}


def broker_or_skip(name: str) -> str | None:
    """Return the broker URL, or skip when its server does not answer."""
    url = BROKERS[name]
    if url is None:
        return None
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=2):
            pass
    except OSError:
        pytest.skip(f"{name} not reachable at {parts.hostname}:{parts.port}")
    return url


def batch_settings(tmp_path: Path, broker: str | None, **extra: Any) -> dict[str, Any]:
    """Return settings shared by the test's app and its workers; a queue of its own."""
    settings: dict[str, Any] = {
        "DATA_DIR": str(tmp_path / "var"),
        "BATCH_QUEUE": f"test.batches.{secrets.token_hex(4)}",
        "BATCH_LEASE_SECONDS": 4,
        "BATCH_CHUNK_SIZE": 10,
        "CALLBACK_HOSTS": "127.0.0.1",
        "CALLBACK_SECRET": CALLBACK_SECRET,
    }
    if broker:
        settings["BROKER_URL"] = broker
    settings.update(extra)
    return settings


class Worker:
    """One `python -m doc_service.batches.worker` in a process group of its own."""

    def __init__(self, settings: dict[str, Any], log: Path) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DOC_SERVICE_")}
        env.update({f"DOC_SERVICE_{key}": str(value) for key, value in settings.items()})
        env["PYTHONPATH"] = str(ROOT)
        self.log = log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "doc_service.batches.worker"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and its pool), as a dying machine would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        """Stop the worker if it still runs."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


def delete_queue(settings: dict[str, Any]) -> None:
    """Remove the test's queue from a real broker."""
    from kombu import Connection

    if not settings.get("BROKER_URL"):
        return
    with (
        Connection(settings["BROKER_URL"], connect_timeout=3) as connection,
        contextlib.suppress(Exception),  # already gone: nothing to tidy
    ):
        connection.default_channel.queue_delete(settings["BATCH_QUEUE"])


def close_app(app: Any) -> None:
    """Close the app's broker connections and database pool, so no socket outlives the test."""
    celery = app.extensions.get("doc_service_celery")
    if celery is not None:
        celery.close()
    app.extensions["doc_service"].engine.dispose()


def wait_for(client: FlaskClient, location: str, *, timeout: float = 150, **until: Any) -> Any:
    """Poll a batch until it ends (or until a count reaches a figure); return its summary."""
    deadline = time.monotonic() + timeout
    while True:
        summary = client.get(location).get_json()
        if until:
            if all(summary["counts"][k] >= v for k, v in until.items()):
                return summary
        elif summary["status"] in TERMINAL:
            return summary
        if time.monotonic() > deadline:
            raise AssertionError(f"batch did not get there in {timeout}s: {summary}")
        time.sleep(0.2)


def with_case(body: dict[str, Any], case_id: str, fmt: str = "docx") -> dict[str, Any]:
    """Return a copy of a request body for another case and format."""
    item = copy.deepcopy(body)
    item["case"]["case_id"] = case_id
    item["format"] = fmt
    return item


def batch_records(session: Any, batch_id: str) -> list[Any]:
    """Return the document records a batch's items issued (their keys name the batch)."""
    query = select(Document).where(Document.idempotency_key.like(f"%:batch:{batch_id}:%"))
    return list(session.scalars(query).all())


def versions_by_case(rows: list[Any]) -> dict[str, list[int]]:
    """Return each case's record versions in order: 1..n when none was issued twice or lost."""
    versions: dict[str, list[int]] = {}
    for row in rows:
        versions.setdefault(row.case_id, []).append(row.version)
    return {case: sorted(numbers) for case, numbers in versions.items()}
