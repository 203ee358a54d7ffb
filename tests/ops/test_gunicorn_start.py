"""gunicorn as deployed, on a new database: the master migrates it once, the workers then issue."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.ops.test_worker_imports import ROOT, service_env
from tests.support import load_example

GUNICORN = Path(sys.executable).with_name("gunicorn")

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_ready(url: str, deadline: float) -> None:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(url)
        time.sleep(0.5)


def test_gunicorn_on_a_new_database_migrates_it_and_issues(tmp_path: Path) -> None:
    port = free_port()
    env = {**service_env(tmp_path / "var"), "DOC_SERVICE_PORT": str(port)}
    env["DOC_SERVICE_WORKERS"] = "1"
    log = (tmp_path / "gunicorn.log").open("wb")
    command = [str(GUNICORN), "--config", "gunicorn.conf.py", "app:app"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        # the worker renders every template before it serves: slow on a busy machine
        wait_until_ready(f"{base}/readyz", time.monotonic() + 180)
        body = json.dumps({**load_example("dunning_letter"), "format": "docx"}).encode()
        request = urllib.request.Request(
            f"{base}/v1/documents", body, {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 201
            assert json.loads(response.read())["version"] == 1
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
        log.close()
    assert "audit database migrated" in (tmp_path / "gunicorn.log").read_text("utf-8")
