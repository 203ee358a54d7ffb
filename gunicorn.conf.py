"""Gunicorn settings for doc_service: ``gunicorn app:app`` reads this file from the repo root.

Sync workers, one request at a time each, so a render's deadline can use SIGALRM in the main
thread (doc_service.render.limits); each worker caps its own address space after the fork,
renders every template once before it serves (the first request is as fast as the tenth), and
is recycled after a bounded number of requests so fragmentation and leaks cannot pile up.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

_PREFIX = "DOC_SERVICE_"


def _env_int(name: str, default: int) -> int:
    """Read an integer DOC_SERVICE_* variable."""
    raw = os.environ.get(_PREFIX + name, "")
    return int(raw) if raw.strip() else default


bind = f"{os.environ.get(_PREFIX + 'HOST') or '127.0.0.1'}:{_env_int('PORT', 8000)}"
worker_class = "sync"
# one more worker than cores: a worker waits on I/O for part of each issue (SQLite and blob
# fsync: ~8 % of a DOCX's time on a local disk; PostgreSQL and S3 round trips: more), and the
# extra worker keeps the cores busy meanwhile. PDFs are CPU-bound (~5 % waiting).
workers = _env_int("WORKERS", multiprocessing.cpu_count() + 1)
# rendering is CPU-bound: one request per worker; the render deadline stops runaway documents
# well before gunicorn's own timeout kills the worker
timeout = _env_int("RENDER_TIMEOUT_SECONDS", 60) + 30
graceful_timeout = 30
# sync workers close each connection after its response; keep-alive applies to other workers
keepalive = 5
# memory stays flat over thousands of requests (make bench prints worker RSS before and after);
# recycling is a safety net, rare enough that a DOCX load (hundreds a second) does not pay a
# worker's start and warm-up every few seconds
max_requests = _env_int("MAX_REQUESTS", 20000)
max_requests_jitter = max(1, max_requests // 10)
# the heartbeat file on tmpfs: a slow or full disk must not make healthy workers look dead
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
# no preload: each worker opens its own database connections after the fork
preload_app = False
# request line and headers stay small; bodies are bounded by MAX_BODY_BYTES in the app
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
# no control socket: its default path is shared by every instance of the same user
control_socket_disable = True
# the app logs one JSON line per request itself (doc_service.api.access_log); no second log
accesslog = None
errorlog = "-"
loglevel = os.environ.get(_PREFIX + "LOG_LEVEL", "info").lower()
logconfig_dict: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "doc_service.logs.RedactingFilter"}},
    "formatters": {"json": {"()": "doc_service.logs.JsonFormatter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["redact"],
            "stream": "ext://sys.stderr",
        }
    },
    "root": {"level": "WARNING", "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
        # the app's own access line has the request id and key; gunicorn's would repeat it
        "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
        "doc_service": {"level": "INFO"},
    },
}
# address-space ceiling of each worker in MiB (0: none); a render past it fails with a 503.
# A worker measured ~450 MiB of address space after rendering every document type.
worker_memory_mb = _env_int("WORKER_MEMORY_MB", 2048)


def post_fork(server: Any, worker: Any) -> None:
    """Cap the new worker's memory, so a runaway render ends in MemoryError, not the OOM killer."""
    from doc_service.render.limits import set_memory_ceiling
    from doc_service.serving import quiet_gunicorn

    # no Server: gunicorn banner, and gunicorn's own 400/414/431 answers are problem+json
    quiet_gunicorn()
    start_tracing_after_fork()
    if set_memory_ceiling(worker_memory_mb):
        server.log.info("worker %s: address space capped at %s MiB", worker.pid, worker_memory_mb)


def post_worker_init(worker: Any) -> None:
    """Render each template once in the new worker before it takes a request, then settle."""
    from doc_service.documents.warmup import settle_heap, warm_up

    seconds = warm_up(worker.wsgi.extensions["doc_service"].templates)
    settle_heap()
    worker.log.info("worker %s: templates warmed in %.1f s", worker.pid, seconds)


def on_starting(server: Any) -> None:
    """Migrate the audit database and prepare the metrics directory before any worker forks."""
    from doc_service.telemetry.multiproc import prepare_directory

    migrate_before_fork(server)
    server.log.info("metrics directory %s", prepare_directory())


def migrate_before_fork(server: Any) -> None:
    """Bring the schema to head once, in a child: the workers find it there and skip Alembic."""
    from doc_service.config import load_settings
    from doc_service.schema import migrate_in_subprocess

    # what the master imports every worker inherits: Alembic (~10 MiB) runs in a child instead
    if load_settings()["MIGRATE_ON_START"]:
        migrate_in_subprocess()
        server.log.info("audit database migrated")


def when_ready(server: Any) -> None:
    """Serve the merged metrics without a key on DOC_SERVICE_METRICS_PORT, when set."""
    port = _env_int("METRICS_PORT", 0)
    if port:
        from doc_service.telemetry.multiproc import serve_metrics_port

        host = os.environ.get(_PREFIX + "METRICS_HOST") or bind.rsplit(":", 1)[0]
        serve_metrics_port(host, port)


def child_exit(server: Any, worker: Any) -> None:
    """Mark a dead worker in the metrics directory, so its live gauges stop counting."""
    from doc_service.telemetry.multiproc import mark_worker_dead

    mark_worker_dead(worker.pid)


def start_tracing_after_fork() -> None:
    """Start exporting traces in the new worker: the exporter's thread must not cross a fork."""
    from doc_service.telemetry.tracing import start_tracing

    start_tracing()
