"""Metrics under gunicorn with two workers: figures of both are merged, stale files are dropped."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def healthz_count(text: str) -> float:
    """Return the 2xx count of GET /healthz in a scrape."""
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "doc_service_http_responses_total" and sample.labels == {
                "method": "GET",
                "route": "/healthz",
                "status_class": "2xx",
            }:
                return sample.value
    return 0.0


def wait_until_up(url: str, deadline: float) -> None:
    while True:
        try:
            get(url)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.fixture
def server(tmp_path: Path):
    """Run gunicorn with two workers and a metrics port; yield (app URL, metrics URL, dir)."""
    port, metrics_port = free_port(), free_port()
    metrics_dir = tmp_path / "var" / "metrics"
    metrics_dir.mkdir(parents=True)
    (metrics_dir / "counter_99999.db").write_bytes(b"left by a previous run")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DOC_SERVICE_", "PROMETHEUS"))},
        "DOC_SERVICE_DATA_DIR": str(tmp_path / "var"),
        "DOC_SERVICE_PORT": str(port),
        "DOC_SERVICE_WORKERS": "2",
        "DOC_SERVICE_METRICS_PORT": str(metrics_port),
    }
    process = subprocess.Popen(
        [str(GUNICORN), "--config", "gunicorn.conf.py", "app:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", time.monotonic() + 120)
        yield f"http://127.0.0.1:{port}", f"http://127.0.0.1:{metrics_port}/metrics", metrics_dir
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


def test_two_workers_are_counted_together(server) -> None:
    app_url, metrics_url, metrics_dir = server
    assert not (metrics_dir / "counter_99999.db").exists()  # cleaned when the master started
    before = healthz_count(get(metrics_url))
    for _ in range(20):
        get(f"{app_url}/healthz")
    # the app's own /metrics and the master's port merge the same per-worker files
    assert healthz_count(get(metrics_url)) == before + 20
    assert healthz_count(get(f"{app_url}/metrics")) == before + 20
    pids = {path.stem.rsplit("_", 1)[-1] for path in metrics_dir.glob("counter_*.db")}
    assert len(pids) >= 1
