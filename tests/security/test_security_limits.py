"""A runaway render becomes a clean 503 problem with nothing stored; memory caps and recycling."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from security_support import assert_problem, load_example, make_app
from sqlalchemy import text

import doc_service.documents.issuing
import doc_service.documents.rendering
from doc_service.api.current import services
from doc_service.render.limits import (
    RenderLimitExceeded,
    RenderTimeout,
    run_limited,
    set_memory_ceiling,
)


def slow_render(seconds: float) -> Any:
    """Return a render_document stand-in that sleeps (like a runaway template) first."""
    real = doc_service.documents.rendering.render_document

    def render(**kwargs: Any) -> Any:
        time.sleep(seconds)
        return real(**kwargs)

    return render


def blob_files(app: Flask) -> list[Path]:
    root = Path(app.config["DATA_DIR"]) / "blobs"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def record_count(app: Flask) -> int:
    with services_of(app).engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM documents")).scalar_one())


def services_of(app: Flask) -> Any:
    with app.app_context():
        return services()


@pytest.fixture
def tiny_timeout_app(tmp_path: Path) -> Flask:
    return make_app(tmp_path, RENDER_TIMEOUT_SECONDS=0.2)


def test_slow_issue_is_a_503_and_stores_nothing(
    tiny_timeout_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(doc_service.documents.rendering, "render_document", slow_render(5))
    client = tiny_timeout_app.test_client()
    started = time.perf_counter()
    response = client.post("/v1/documents", json=load_example("dunning_letter"))
    assert time.perf_counter() - started < 3, "the deadline did not stop the render"
    problem = assert_problem(response, 503)
    assert problem["type"].endswith("/render-unavailable")
    assert response.headers["Retry-After"]
    assert record_count(tiny_timeout_app) == 0
    assert blob_files(tiny_timeout_app) == []


def test_slow_preview_is_a_503(tiny_timeout_app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc_service.documents.rendering, "render_document", slow_render(5))
    response = tiny_timeout_app.test_client().post(
        "/v1/previews", json=load_example("dunning_letter")
    )
    assert_problem(response, 503)


def test_memory_exhaustion_in_a_render_is_a_503_and_stores_nothing(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    def exhausted(**kwargs: Any) -> Any:
        raise MemoryError

    monkeypatch.setattr(doc_service.documents.rendering, "render_document", exhausted)
    response = app.test_client().post("/v1/documents", json=load_example("dunning_letter"))
    assert_problem(response, 503)
    assert record_count(app) == 0
    assert blob_files(app) == []


def test_a_normal_render_is_untouched_by_the_deadline(tiny_timeout_app: Flask) -> None:
    tiny_timeout_app.config["RENDER_TIMEOUT_SECONDS"] = 30
    services_of(tiny_timeout_app).settings["RENDER_TIMEOUT_SECONDS"] = 30
    response = tiny_timeout_app.test_client().post(
        "/v1/documents", json=load_example("dunning_letter")
    )
    assert response.status_code == 201


def test_deadline_outside_the_main_thread_falls_back_to_a_helper_thread() -> None:
    outcome: dict[str, Any] = {}

    def worker() -> None:
        started = time.perf_counter()
        try:
            run_limited(lambda: time.sleep(3), seconds=0.2)
        except RenderLimitExceeded as exceeded:
            outcome["reason"] = exceeded.reason
        outcome["elapsed"] = time.perf_counter() - started
        outcome["value"] = run_limited(lambda: 42, seconds=1)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(10)
    assert "longer than 0.2 s" in outcome["reason"] and outcome["elapsed"] < 2
    assert outcome["value"] == 42


def test_the_alarm_is_cleared_after_each_render() -> None:
    import signal

    assert run_limited(lambda: "done", seconds=5) == "done"
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with pytest.raises(RenderLimitExceeded):
        run_limited(lambda: time.sleep(2), seconds=0.05)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert issubclass(RenderTimeout, Exception)


def test_memory_ceiling_in_a_child_process() -> None:
    import multiprocessing

    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_allocate_past_the_ceiling, args=(queue,))
    process.start()
    process.join(30)
    assert queue.get(timeout=5) == "MemoryError"


def _allocate_past_the_ceiling(queue: Any) -> None:
    import resource

    used = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    set_memory_ceiling(int(used) + 2048)
    try:
        blocks = [bytearray(256 * 1024 * 1024) for _ in range(16)]
        queue.put(f"allocated {len(blocks)}")
    except MemoryError:
        queue.put("MemoryError")


def test_gunicorn_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    import runpy

    monkeypatch.setenv("DOC_SERVICE_HOST", "0.0.0.0")
    monkeypatch.setenv("DOC_SERVICE_PORT", "8123")
    settings = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    assert settings["worker_class"] == "sync"
    assert settings["max_requests"] > 0 and settings["max_requests_jitter"] > 0
    assert settings["timeout"] > 60 and settings["accesslog"] is None
    assert settings["bind"] == "0.0.0.0:8123"
    assert callable(settings["post_fork"])
    formatter = settings["logconfig_dict"]["formatters"]["json"]["()"]
    assert formatter == "doc_service.logs.JsonFormatter"
