"""GET /metrics (role `metrics`) and the per-response counter by route template."""

from __future__ import annotations

import os

from flask import Flask, Response, request
from sqlalchemy import func, select

from doc_service.api.auth import requires
from doc_service.api.current import services
from doc_service.audit.models import Document
from doc_service.retention.holds import held_cases
from doc_service.telemetry import metrics
from doc_service.telemetry.multiproc import ENV, multiprocess_registry


def _count_response(response: Response) -> Response:
    """Count the response under its route template; unrouted paths share one label."""
    route = request.url_rule.rule if request.url_rule is not None else "unmatched"
    metrics.HTTP_RESPONSES.labels(
        request.method, route, metrics.status_class(response.status_code)
    ).inc()
    return response


def refresh_gauges() -> None:
    """Read the figures the gauges show now: chain length, holds, fonts, readiness."""
    from doc_service.render.fonts import harfbuzz_subsetting_available, missing_font_families

    current = services()
    with current.sessions() as session:
        length = session.scalar(select(func.coalesce(func.max(Document.seq), 0)))
        holds = len(held_cases(session))
    metrics.LEGAL_HOLDS.set(holds)
    metrics.CHAIN_LENGTH.set(length or 0)
    missing = missing_font_families()
    subsetting = harfbuzz_subsetting_available()
    metrics.FONTS_MISSING.set(len(missing))
    metrics.FONT_SUBSETTING.set(1 if subsetting else 0)
    storage_ok = all(check["ok"] for check in current.storage_checks().values())
    ready = storage_ok and subsetting and not missing and bool(current.templates.all())
    metrics.READY.set(1 if ready else 0)


@requires("metrics")
def metrics_view() -> Response:
    """Return every doc_service_* series in the Prometheus text format."""
    from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

    refresh_gauges()
    registry = multiprocess_registry() if os.environ.get(ENV) else REGISTRY
    return Response(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)


def register_metrics(app: Flask) -> None:
    """Mount /metrics and count every response."""
    app.add_url_rule("/metrics", "metrics", metrics_view, methods=["GET"])
    app.after_request(_count_response)
