"""The production front (deploy/nginx.conf before gunicorn.conf.py): slow clients, busy workers.

Starts the real configuration: gunicorn with the repository's settings on loopback, nginx with
the repository's config in front, both on free ports under a temporary directory.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from security_support import load_example

ROOT = Path(__file__).resolve().parents[2]
SLOW_CLIENTS = 64
TRICKLE_SECONDS = 5

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            time.sleep(0.5)
    raise TimeoutError(url)


@dataclass(frozen=True)
class Servers:
    """The base URLs of nginx (what clients reach) and of gunicorn behind it."""

    front: str
    app: str


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """Start gunicorn (2 sync workers) and nginx in front; yield both base URLs."""
    tmp = tmp_path_factory.mktemp("front")
    app_port, front_port = free_port(), free_port()
    env = {
        **os.environ,
        "DOC_SERVICE_HOST": "127.0.0.1",
        "DOC_SERVICE_PORT": str(app_port),
        "DOC_SERVICE_DATA_DIR": str(tmp / "var"),
        "DOC_SERVICE_WORKERS": "2",
        "DOC_SERVICE_AUTH": "off",
        "DOC_SERVICE_TRUSTED_HOSTS": "127.0.0.1,localhost",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    app = subprocess.Popen(
        [str(gunicorn), "--config", "gunicorn.conf.py", "app:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    prefix = tmp / "nginx"
    prefix.mkdir()
    config = (ROOT / "deploy" / "nginx.conf").read_text("utf-8")
    config = config.replace("/tmp/doc_service-nginx", str(prefix))
    config = config.replace("listen 8000;", f"listen 127.0.0.1:{front_port};")
    config = config.replace("127.0.0.1:8001", f"127.0.0.1:{app_port}")
    (prefix / "nginx.conf").write_text(config, "utf-8")
    nginx = subprocess.Popen(
        [
            "nginx",
            "-e",
            "stderr",
            "-p",
            str(prefix),
            "-c",
            str(prefix / "nginx.conf"),
            "-g",
            "daemon off;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{front_port}"
    try:
        # each worker renders every template before it serves: slow on a busy machine
        wait_for(f"{base}/readyz", time.monotonic() + 180)
        yield Servers(front=base, app=f"http://127.0.0.1:{app_port}")
    finally:
        for process in (nginx, app):
            process.terminate()
        for process in (nginx, app):
            process.wait(timeout=30)


@pytest.fixture(scope="module")
def front(servers: Servers) -> str:
    """Return nginx's base URL."""
    return servers.front


class Trickle:
    """Connections that send a request one byte every few seconds and never finish it."""

    def __init__(self, base: str, count: int) -> None:
        host, port = base.removeprefix("http://").split(":")
        self.sockets = [socket.create_connection((host, int(port))) for _ in range(count)]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        for sock in self.sockets:
            sock.sendall(b"POST /v1/documents HTTP/1.1\r\nHost: x\r\nContent-Length: 4096\r\nX-A: ")
        while not self.stop.wait(TRICKLE_SECONDS):
            for sock in self.sockets:
                # nginx closing a timed-out slow client is what is meant
                with contextlib.suppress(OSError):
                    sock.sendall(b"a")

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        for sock in self.sockets:
            sock.close()


@dataclass(frozen=True)
class Answer:
    """A response read in full, its connection closed."""

    status: int
    headers: Any
    body: bytes


def request(url: str, body: dict[str, Any] | None = None, timeout: float = 5) -> Answer:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if body is not None else {}
    call = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(call, timeout=timeout) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Answer(error.code, error.headers, error.read())


def test_slow_clients_take_neither_the_probe_nor_issuing_down(front: str) -> None:
    trickle = Trickle(front, SLOW_CLIENTS)
    try:
        for _ in range(3):  # across several trickle periods
            time.sleep(TRICKLE_SECONDS)
            assert request(f"{front}/healthz").status == 200
            assert request(f"{front}/readyz").status == 200  # answered by a worker
        body = {**load_example("dunning_letter"), "format": "docx"}
        issued = request(f"{front}/v1/documents", body, timeout=60)
        assert issued.status == 201
        assert json.loads(issued.body)["version"] == 1
    finally:
        trickle.close()


def test_the_probe_answers_while_every_worker_renders(front: str) -> None:
    body = {**load_example("repayment_agreement"), "format": "pdf"}
    with ThreadPoolExecutor(max_workers=6) as pool:
        renders = [pool.submit(request, f"{front}/v1/previews", body, 120) for _ in range(6)]
        time.sleep(1)
        assert request(f"{front}/healthz").status == 200
        assert all(render.result().status == 200 for render in renders)


def test_errors_of_the_front_are_problems_without_a_version_banner(front: str) -> None:
    too_long = request(f"{front}/v1/cases/{'x' * 20_000}/documents")
    assert too_long.status == 414
    assert too_long.headers["Content-Type"].startswith("application/problem+json")
    assert json.loads(too_long.body)["status"] == 414
    ok = request(f"{front}/healthz")
    assert ok.headers.get("Server", "") in {"", "nginx"}  # no version, no gunicorn


def raw_exchange(base: str, data: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes on a new connection; return the status, headers and body answered."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body


@pytest.mark.parametrize(
    ("data", "status"),
    [
        (b"GARBAGE<script>\r\n\r\n", 400),
        (b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 414),
        (b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n", 431),
    ],
    ids=["bad-request-line", "request-line-too-long", "header-too-long"],
)
def test_gunicorn_answers_what_it_cannot_parse_with_a_problem(
    servers: Servers, data: bytes, status: int
) -> None:
    answered, headers, body = raw_exchange(servers.app, data)
    assert answered == status
    assert headers["content-type"] == "application/problem+json"
    assert json.loads(body)["status"] == status
    assert b"<" not in body and b"aaaa" not in body and b"bbbb" not in body  # nothing echoed
    assert "gunicorn" not in headers.get("server", "")


def test_gunicorn_names_no_server(servers: Servers) -> None:
    answer = request(f"{servers.app}/healthz")
    assert answer.status == 200
    assert "gunicorn" not in answer.headers.get("Server", "")


def test_a_forged_host_is_refused_before_anything_is_built_from_it(front: str) -> None:
    status, headers, body = raw_exchange(
        front, b"GET /v1//templates HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
    )
    assert status == 400
    assert headers["content-type"].startswith("application/problem+json")
    assert "location" not in headers
    assert b"evil.example/v1" not in body
