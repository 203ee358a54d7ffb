"""Prometheus multi-process mode under gunicorn: one shared directory, cleaned at start.

gunicorn.conf.py calls these from its hooks: the master prepares the directory before any worker
forks (workers inherit PROMETHEUS_MULTIPROC_DIR and write their values there), marks each dead
worker so its live gauges vanish, and may serve the merged figures on a port of their own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ENV = "PROMETHEUS_MULTIPROC_DIR"
_PREFIX = "DOC_SERVICE_"


def metrics_directory(environ: dict[str, str] | None = None) -> Path:
    """Return the multi-process directory: $PROMETHEUS_MULTIPROC_DIR or <DATA_DIR>/metrics."""
    env = os.environ if environ is None else environ
    if env.get(ENV):
        return Path(env[ENV])
    return Path(env.get(_PREFIX + "DATA_DIR") or "./var").resolve() / "metrics"


def prepare_directory(environ: dict[str, str] | None = None) -> Path:
    """Empty the directory (figures of a previous run would be summed in) and export it."""
    directory = metrics_directory(environ)
    directory.mkdir(parents=True, exist_ok=True)
    # only prometheus_client's own files: the directory may be one an operator chose
    for stale in directory.glob("*.db"):
        stale.unlink(missing_ok=True)
    os.environ[ENV] = str(directory)
    return directory


def mark_worker_dead(pid: int) -> None:
    """Drop a dead worker's live gauges; its counters stay summed in."""
    if os.environ.get(ENV):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)


def multiprocess_registry() -> Any:
    """Return a registry that merges every worker's files."""
    from prometheus_client import CollectorRegistry, multiprocess

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


def serve_metrics_port(host: str, port: int) -> None:
    """Serve the merged metrics, without a key, on a port of their own (from the master)."""
    from prometheus_client import start_http_server

    start_http_server(port, addr=host, registry=multiprocess_registry())
