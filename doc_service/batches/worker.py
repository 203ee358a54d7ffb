"""Start a batch worker: `python -m doc_service.batches.worker` (what `make worker` runs)."""

from __future__ import annotations

import logging
import os
import socket
import sys
import threading
from typing import Any

from celery import Celery
from celery.signals import task_received, worker_process_init, worker_ready, worker_shutdown

from doc_service.audit import make_engine
from doc_service.batches.engine import RUN_CHUNK, make_celery
from doc_service.batches.store import mark_received
from doc_service.batches.tasks import register, runtime, sweep
from doc_service.config import load_settings
from doc_service.documents.warmup import settle_heap, warm_up
from doc_service.schema import migrate_in_subprocess
from doc_service.telemetry.tracing import instrument_celery

log = logging.getLogger(__name__)


def create_worker_app(settings: dict[str, Any] | None = None) -> Celery:
    """Build the Celery app with the batch tasks registered."""
    app = make_celery(settings or load_settings())
    register(app)
    return app


class Sweeper(threading.Thread):
    """Every few seconds, re-send the work of dead workers (any worker may do it, all at once)."""

    def __init__(self, app: Celery, settings: dict[str, Any]) -> None:
        super().__init__(name="batch-sweeper", daemon=True)
        self.app = app
        self.lease = float(settings["BATCH_LEASE_SECONDS"])
        self.engine = make_engine(settings["DATABASE_URL"])
        self.stopped = threading.Event()

    def run(self) -> None:
        """Sweep until stopped; a failed sweep is logged and tried again next time."""
        interval = max(1.0, self.lease / 4)
        while not self.stopped.wait(interval):
            try:
                sweep(self.app, self.engine, self.lease)
            except Exception:
                log.exception("batch sweep failed")


def main(argv: list[str] | None = None) -> int:
    """Run one worker: prefork processes, one task each at a time, on the batch queue."""
    settings = load_settings()
    if settings["MIGRATE_ON_START"]:
        # in a child: the pool's processes fork from this one and would inherit Alembic
        migrate_in_subprocess()
    app = create_worker_app(settings)
    # WeasyPrint narrates every render at INFO; a batch would drown the worker's own log
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    sweeper = Sweeper(app, settings)

    @worker_ready.connect(weak=False)
    def start_sweeper(**_: Any) -> None:
        sweeper.start()

    @task_received.connect(weak=False)
    def lease_on_receipt(request: Any, **_: Any) -> None:
        if request.name == RUN_CHUNK:
            batch_id, chunk = request.args
            mark_received(sweeper.engine, batch_id, chunk, sweeper.lease)

    @worker_process_init.connect(weak=False)
    def prepare_process(**_: Any) -> None:
        # traces start in the forked process (an exporter's thread must not cross a fork),
        # off unless an OTLP endpoint is set; then, as a gunicorn worker, every template renders
        # once and the heap settles, so the night's first letter is as fast as its thousandth
        instrument_celery()
        warm_up(runtime().templates)
        settle_heap()

    @worker_shutdown.connect(weak=False)
    def stop_sweeper(**_: Any) -> None:
        sweeper.stopped.set()

    args = [
        "worker",
        f"--loglevel={os.environ.get('DOC_SERVICE_LOG_LEVEL', 'INFO')}",
        "--pool=prefork",
        f"--concurrency={settings['WORKER_CONCURRENCY']}",
        f"--queues={settings['BATCH_QUEUE']}",
        f"--hostname=batches-{os.getpid()}@{socket.gethostname()}",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        *(argv if argv is not None else sys.argv[1:]),
    ]
    app.worker_main(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
