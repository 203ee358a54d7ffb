"""What metrics and tracing add to one request, against the time of a PDF issue.

An end-to-end A/B of PDF issues cannot see 2 % through the render's own ±20 % noise, so each
part is measured where it is visible: the metrics one issue records (in multi-process mode, as
under gunicorn), the spans one issue opens (counted, then timed in bulk), and the request span
of the Flask instrumentation (A/B on a cheap endpoint, interleaved).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult

ROOT = Path(__file__).resolve().parent.parent
LOOPS = 2000

# The metrics one issue request records: its response, its render, its issue and its count.
_METRICS_LOOP = """
import time
from doc_service.telemetry import metrics
labels = ("dunning_letter", "pdf", "zh-CN")
started = time.perf_counter()
for _ in range({loops}):
    metrics.HTTP_RESPONSES.labels("POST", "/v1/documents", "2xx").inc()
    metrics.RENDER_SECONDS.labels("dunning_letter", "pdf").observe(0.35)
    metrics.ISSUE_SECONDS.labels("dunning_letter", "pdf").observe(0.4)
    metrics.DOCUMENTS_ISSUED.labels(*labels).inc()
print((time.perf_counter() - started) / {loops})
"""


class DroppingExporter(SpanExporter):
    """Accept spans and keep none (what a collector costs this process, minus the network)."""

    def __init__(self) -> None:
        self.count = 0

    def export(self, spans: Any) -> SpanExportResult:
        self.count += len(spans)
        return SpanExportResult.SUCCESS


def metrics_seconds_per_request() -> float:
    """Return the metrics cost of one issue request in multi-process mode (a fresh process)."""
    with tempfile.TemporaryDirectory() as directory:
        env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": directory}
        out = subprocess.run(
            [sys.executable, "-c", _METRICS_LOOP.format(loops=LOOPS)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return float(out.strip())


def _issue(client: Any, body: dict[str, Any], index: int) -> float:
    body["case"]["case_id"] = f"BENCH-OVERHEAD-{index % 7}"
    started = time.perf_counter()
    response = client.post("/v1/documents", json=body)
    elapsed = time.perf_counter() - started
    assert response.status_code == 201, response.get_data(as_text=True)[:300]
    return elapsed


def _gets(client: Any, url: str, count: int) -> float:
    started = time.perf_counter()
    for _ in range(count):
        client.get(url)
    return (time.perf_counter() - started) / count


def bench_overhead(example: dict[str, Any], count: int) -> None:
    """Print the metrics and tracing cost per request and their share of a PDF issue."""
    from doc_service import create_app
    from doc_service.telemetry import tracing

    with tempfile.TemporaryDirectory() as plain_dir, tempfile.TemporaryDirectory() as traced_dir:
        plain = create_app({"DATA_DIR": plain_dir}).test_client()
        exporter = DroppingExporter()
        tracing.start_tracing(exporter=exporter, batch=True)  # as in production
        traced = create_app({"DATA_DIR": traced_dir}).test_client()
        body = {**example, "case": dict(example["case"])}
        for index in range(3):  # warm-up: templates, fonts, pinned versions
            _issue(traced, body, index)
        tracing.flush()
        before = exporter.count
        issue_times = [_issue(traced, body, index) for index in range(count)]
        tracing.flush()
        spans_per_issue = (exporter.count - before) / count
        record = traced.post("/v1/documents", json=body).get_json()["links"]["self"]
        plain_record = plain.post("/v1/documents", json=body).get_json()["links"]["self"]
        tracing.flush()
        before = exporter.count
        _gets(traced, record, 1)
        tracing.flush()
        spans_per_get = exporter.count - before
        deltas = []
        for _ in range(25):  # interleaved, so drift in machine load hits both sides
            deltas.append(_gets(traced, record, 40) - _gets(plain, plain_record, 40))
        tracing.stop_tracing()
    # the spans an issue opens beyond those of a record read, each timed like the read's
    per_request_tracing = (
        max(0.0, statistics.median(deltas)) * spans_per_issue / max(spans_per_get, 1)
    )
    per_request_metrics = metrics_seconds_per_request()
    issue = statistics.median(issue_times)
    print(f"instrumentation overhead, dunning letter PDF issue ({count} issues, median)")
    print(f"  issue (tracing on)        {issue * 1000:8.1f} ms")
    print(f"  spans per issue           {spans_per_issue:8.0f}")
    for name, cost in (("metrics", per_request_metrics), ("tracing", per_request_tracing)):
        print(f"  {name:<9} per request     {cost * 1000:8.3f} ms  {cost / issue * 100:6.2f} %")
    total = per_request_metrics + per_request_tracing
    print(f"  together                  {total * 1000:8.3f} ms  {total / issue * 100:6.2f} %")
