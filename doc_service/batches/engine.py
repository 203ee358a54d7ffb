"""The Celery app of the batches, configured from the service's settings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from doc_service.batches.schedule import beat_schedule

if TYPE_CHECKING:
    from celery import Celery

RUN_CHUNK = "doc_service.batches.run_chunk"
FINISH_BATCH = "doc_service.batches.finish_batch"
DELIVER_CALLBACK = "doc_service.batches.deliver_callback"
CHECK_CHAIN = "doc_service.batches.check_chain"
# RabbitMQ closes a channel whose delivery stays unacknowledged past its consumer_timeout
# (30 minutes by default): no task may run that long, or its chunk would be redelivered forever
RABBITMQ_CONSUMER_TIMEOUT = 30 * 60
CALLBACK_MAX_DELAY = 600


def broker_url(settings: dict[str, Any]) -> str:
    """Return the configured broker, or the embedded one (files under DATA_DIR)."""
    return settings.get("BROKER_URL") or "filesystem://"


def embedded_options(settings: dict[str, Any]) -> dict[str, Any]:
    """Return the filesystem transport's folders: one queue folder, processed files removed."""
    root = Path(settings["DATA_DIR"]) / "broker"
    queue = root / "queue"
    processed = root / "processed"
    control = root / "control"
    for folder in (queue, processed, control):
        folder.mkdir(parents=True, exist_ok=True)
    return {
        "data_folder_in": str(queue),
        "data_folder_out": str(queue),
        "processed_folder": str(processed),
        "store_processed": False,
        "control_folder": str(control),
        "polling_interval": 0.1,
    }


def task_limits(settings: dict[str, Any]) -> tuple[int, int]:
    """Return the soft and hard time limits of a chunk task, in seconds."""
    per_chunk = settings["BATCH_CHUNK_SIZE"] * (settings["RENDER_TIMEOUT_SECONDS"] + 15)
    hard = min(per_chunk + 60, RABBITMQ_CONSUMER_TIMEOUT - 120)
    return hard - 60, hard


def make_celery(settings: dict[str, Any]) -> Celery:
    """Build the Celery app: late acks, prefetch 1, deliberate timeouts, no result backend."""
    # Celery and Kombu (~5 MiB) load with the first batch a web worker sends, not with the app
    from celery import Celery

    url = broker_url(settings)
    soft, hard = task_limits(settings)
    app = Celery("doc_service", set_as_current=False)
    transport: dict[str, Any] = {}
    if url.startswith("filesystem://"):
        transport = embedded_options(settings)
    elif url.startswith(("redis://", "rediss://")):
        # Redis redelivers an unacknowledged message after visibility_timeout: longer than any
        # task may run and than any retry delay, or a live task would run twice
        transport = {"visibility_timeout": max(hard, CALLBACK_MAX_DELAY) + 300}
    app.conf.update(
        broker_url=url,
        broker_transport_options=transport,
        broker_connection_retry_on_startup=True,
        task_default_queue=settings["BATCH_QUEUE"],
        task_serializer="json",
        accept_content=["json"],
        # results and batch state live in the audit database, not in a result backend
        task_ignore_result=True,
        # acknowledge after the work, one message per worker process at a time: a killed
        # worker's message goes back to the queue and holds no others hostage
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        worker_cancel_long_running_tasks_on_connection_loss=True,
        task_soft_time_limit=soft,
        task_time_limit=hard,
        # no remote control, events or gossip: the embedded broker has no fanout, and batches
        # need none of them
        worker_enable_remote_control=False,
        worker_send_task_events=False,
        worker_hijack_root_logger=False,
        beat_schedule=beat_schedule(settings),
        beat_schedule_filename=str(Path(settings["DATA_DIR"]) / "celerybeat-schedule"),
    )
    return app
