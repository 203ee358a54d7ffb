"""Start the scheduler of periodic tasks: `python -m doc_service.batches.beat` (one per deployment).

It sends the scheduled anchor (doc_service.batches.schedule) to the batch queue, where any
worker takes it; two schedulers would anchor twice as often, nothing worse.
"""

from __future__ import annotations

import os
import sys

from doc_service.batches.worker import create_worker_app
from doc_service.config import load_settings


def main(argv: list[str] | None = None) -> int:
    """Run Celery beat with the service's schedule, its state file under DATA_DIR."""
    settings = load_settings()
    app = create_worker_app(settings)
    if not app.conf.beat_schedule:
        print("nothing to schedule: set DOC_SERVICE_TSA_URL and DOC_SERVICE_ANCHOR_INTERVAL > 0")
        return 1
    level = os.environ.get("DOC_SERVICE_LOG_LEVEL", "INFO")
    app.start(["beat", f"--loglevel={level}", *(argv if argv is not None else sys.argv[1:])])
    return 0


if __name__ == "__main__":
    sys.exit(main())
