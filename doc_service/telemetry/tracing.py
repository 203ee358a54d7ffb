"""OpenTelemetry traces: off unless an OTLP endpoint is set, started in each worker after fork.

The use cases open spans through ``span()``, which costs nothing while tracing is off. Span
attributes name the document's kind, never the case: no names, ID numbers or phone numbers.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SpanExporter
    from opentelemetry.trace import Span, Tracer
    from sqlalchemy.engine import Engine

ENDPOINT_ENV = "DOC_SERVICE_OTLP_ENDPOINT"
STANDARD_ENDPOINT_ENV = "OTEL_EXPORTER_OTLP_ENDPOINT"
# probes and scrapes would drown the traces that matter
EXCLUDED_URLS = "healthz,readyz,metrics"

_provider: TracerProvider | None = None
_tracer: Tracer | None = None


def tracing_on() -> bool:
    """Tell whether this process exports spans."""
    return _tracer is not None


@contextmanager
def span(name: str, **attributes: str | int | bool) -> Iterator[Span | None]:
    """Open a child span (no-op while tracing is off); exceptions are named, never quoted."""
    if _tracer is None:
        yield None
        return
    from opentelemetry.trace import Status, StatusCode

    with _tracer.start_as_current_span(
        name, attributes=attributes, record_exception=False, set_status_on_exception=False
    ) as current:
        try:
            yield current
        except BaseException as exc:
            # a message may quote the payload; the exception's type is enough to find the code
            current.set_status(Status(StatusCode.ERROR, type(exc).__name__))
            raise


def _exporter_from_environment(environ: Mapping[str, str]) -> SpanExporter | None:
    """Return the OTLP/HTTP exporter the environment asks for, or None."""
    own = environ.get(ENDPOINT_ENV, "").strip()
    if not own and not environ.get(STANDARD_ENDPOINT_ENV, "").strip():
        return None
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    if not own:
        return OTLPSpanExporter()  # reads OTEL_EXPORTER_OTLP_* itself
    url = own.rstrip("/")
    return OTLPSpanExporter(endpoint=url if url.endswith("/v1/traces") else url + "/v1/traces")


def start_tracing(
    environ: Mapping[str, str] | None = None,
    *,
    exporter: SpanExporter | None = None,
    batch: bool | None = None,
) -> bool:
    """Start exporting spans when an endpoint is set (or an exporter given); True when on."""
    global _provider, _tracer
    if _provider is not None and exporter is None:
        return True
    env = os.environ if environ is None else environ
    from_env = exporter is None
    exporter = exporter or _exporter_from_environment(env)
    if exporter is None:
        return False
    from opentelemetry import trace
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

    name = env.get("OTEL_SERVICE_NAME") or "doc_service"
    provider = TracerProvider(resource=Resource.create({"service.name": name}))
    # batches in a background thread for a real collector; synchronously for a given exporter
    batched = from_env if batch is None else batch
    processor = BatchSpanProcessor(exporter) if batched else SimpleSpanProcessor(exporter)
    provider.add_span_processor(processor)
    if from_env:
        trace.set_tracer_provider(provider)  # the Celery instrumentation reads the global one
    _provider, _tracer = provider, provider.get_tracer("doc_service")
    return True


def flush() -> None:
    """Export every finished span now (the batch processor otherwise waits)."""
    if _provider is not None:
        _provider.force_flush()


def stop_tracing() -> None:
    """Flush and forget the provider (tests; a worker's exit)."""
    global _provider, _tracer
    if _provider is not None:
        _provider.shutdown()
    _provider = _tracer = None


def instrument_app(app: Flask, engine: Engine) -> None:
    """Trace the app's requests and its audit database's statements, when tracing is on."""
    if _provider is None:
        return
    from opentelemetry.instrumentation.flask import FlaskInstrumentor
    from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
    from opentelemetry.metrics import get_meter

    FlaskInstrumentor().instrument_app(app, tracer_provider=_provider, excluded_urls=EXCLUDED_URLS)
    # this engine only, by its events: the instrumentor's version gate refuses SQLAlchemy 2.1 and
    # its global hooks would patch create_engine once per process; no bound parameters are kept
    usage = get_meter("doc_service").create_up_down_counter("db.client.connections.usage")
    EngineTracer(_provider.get_tracer("opentelemetry.instrumentation.sqlalchemy"), engine, usage)


def instrument_celery() -> None:
    """Trace Celery tasks; the batch worker calls this from worker_process_init."""
    if start_tracing():
        from opentelemetry.instrumentation.celery import CeleryInstrumentor

        CeleryInstrumentor().instrument(tracer_provider=_provider)


def register_tracing(app: Flask) -> None:
    """Start tracing if configured (a no-op after gunicorn's post_fork did) and instrument."""
    start_tracing()
    instrument_app(app, app.extensions["doc_service"].engine)
