"""The Celery tasks: issue a chunk of items, finish a batch (outputs, status), call back."""

from __future__ import annotations

import json
import logging
import os
import socket
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from celery import Celery, Task
from sqlalchemy import Engine, update
from sqlalchemy.exc import SQLAlchemyError

from doc_service.audit.models import utc_now
from doc_service.batches import callback, outputs, store
from doc_service.batches.engine import (
    CALLBACK_MAX_DELAY,
    CHECK_CHAIN,
    DELIVER_CALLBACK,
    FINISH_BATCH,
    RUN_CHUNK,
)
from doc_service.batches.models import Batch, BatchItem, wants_address_sheet
from doc_service.batches.schedule import ANCHOR, anchor_if_changed
from doc_service.batches.summary import batch_summary
from doc_service.config import load_settings
from doc_service.documents import ComplianceRefused, DocumentError, load_request
from doc_service.documents.chain_checks import run_check
from doc_service.documents.issuing import issue_document
from doc_service.services import Services, build_services

log = logging.getLogger(__name__)
CALLBACK_RETRIES = 8
# items started (and outcomes recorded) per commit: a killed worker's unrecorded outcomes are
# found again by their Idempotency-Keys, so fewer commits cost nothing but a coarser progress
ITEMS_PER_COMMIT = 5
# the lease is renewed well before it runs out, even inside a run of slow items
RENEW_FRACTION = 3
FINISH_LEASE_FACTOR = 5
_services: dict[int, Services] = {}


def runtime() -> Services:
    """Return this process's services, built after the fork (one set per worker process)."""
    pid = os.getpid()
    if pid not in _services:
        _services[pid] = build_services(load_settings())
    return _services[pid]


def item_key(batch_id: str, index: int) -> str:
    """Return an item's Idempotency-Key: a redone item finds its first record, never a second."""
    return f"batch:{batch_id}:{index}"


def problem_of(exc: Exception) -> dict[str, Any]:
    """Return the problem+json body a client would have seen for this refusal."""
    from doc_service.api.domain_problems import PROBLEMS

    for kind in type(exc).__mro__:
        if kind in PROBLEMS:
            return PROBLEMS[kind](exc).body()
    return {"title": "Document could not be issued", "status": 500, "detail": type(exc).__name__}


def issue_item(services: Services, batch: Batch, item: BatchItem) -> tuple[str, str | None, Any]:
    """Issue one item; return its state, document id and problem."""
    body = json.loads(item.request_json or "{}")
    try:
        request = load_request(body)
        issued = issue_document(
            services,
            request,
            actor=batch.actor,
            language=batch.language,
            idempotency_key=item_key(batch.id, item.index),
            request_id=f"batch:{batch.id}",
        )
    except ComplianceRefused as exc:
        return "refused", None, problem_of(exc)
    except SQLAlchemyError:
        raise  # the store is down: the chunk's lease runs out and it is redone
    except (DocumentError, ValueError) as exc:
        return "failed", None, problem_of(exc)
    except Exception as exc:  # one bad item must not stop the other 9,999
        log.exception("batch %s item %s failed", batch.id, item.index)
        return "failed", None, problem_of(exc)
    return "issued", issued.record.id, None


def run_chunk(app: Celery, batch_id: str, chunk: int) -> str:
    """Lease a chunk and issue its pending items one by one, renewing the lease as it goes."""
    services = runtime()
    lease = services.settings["BATCH_LEASE_SECONDS"]
    owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    engine = services.engine
    if not store.claim_chunk(engine, batch_id, chunk, owner, lease):
        return "skipped"  # done, or a live worker holds it
    with services.sessions() as session:
        batch = store.get_batch(session, batch_id)
        items = store.pending_items(session, batch_id, chunk)
    if batch is None:
        return "gone"
    outcomes: list[store.Outcome] = []
    asked: set[int] = set()
    startable: set[int] = set()
    renewed = time.monotonic()
    for position, item in enumerate(items):
        if item.index not in asked or time.monotonic() - renewed > lease / RENEW_FRACTION:
            # one commit per few items: their start, the outcomes so far, the lease renewed
            upcoming = [later.index for later in items[position : position + ITEMS_PER_COMMIT]]
            startable = store.start_items(
                engine, batch_id, upcoming, owner, lease, previous=outcomes
            )
            asked, outcomes, renewed = set(upcoming), [], time.monotonic()
        if item.index not in startable:
            continue  # cancelled, or finished by a worker that took over
        state, document_id, problem = issue_item(services, batch, item)
        outcomes.append(store.Outcome(item.index, state, document_id, problem))
    if store.finish_chunk(engine, batch_id, chunk, last=outcomes):
        app.send_task(FINISH_BATCH, args=[batch_id])
    return "done"


def finish_batch(app: Celery, batch_id: str) -> str:
    """Build the requested outputs, store them, set the final status, then call back."""
    services = runtime()
    # building a 10,000-letter print file takes a while: a longer lease than a chunk's
    lease = FINISH_LEASE_FACTOR * services.settings["BATCH_LEASE_SECONDS"]
    if not store.claim_finish(services.engine, batch_id, lease):
        return "skipped"
    with services.sessions() as session:
        batch = store.get_batch(session, batch_id)
        assert batch is not None
        by_state = store.counts(session, batch_id)
    values = build_outputs(
        services,
        batch,
        issued=by_state.get("issued", 0),
        renew=lambda: store.renew_finish(services.engine, batch_id, lease),
    )
    values.update(status=store.final_status(batch, by_state), finished_at=utc_now())
    if batch.started_at is None:
        values["started_at"] = values["finished_at"]
    with store.write(services.engine) as session:
        # only the first finisher sets the outcome and calls back, should two ever race
        first = store.changed(
            session,
            update(Batch).where(Batch.id == batch_id, Batch.finished_at.is_(None)).values(**values),
        )
    if first and batch.callback_url:
        app.send_task(DELIVER_CALLBACK, args=[batch_id])
    return str(values["status"])


def build_outputs(
    services: Services, batch: Batch, *, issued: int, renew: Callable[[], None]
) -> dict[str, Any]:
    """Build and store the requested outputs; one that cannot be built is left out, logged."""
    values: dict[str, Any] = {}
    if not issued:
        return values
    try:
        # written to files piece by piece and uploaded from there: never whole in memory
        with tempfile.TemporaryDirectory(prefix="batch-outputs-") as scratch:
            if "archive" in batch.outputs:
                archive = Path(scratch, "archive.zip")
                outputs.build_archive(services, batch, archive, renew)
                values["archive_sha256"] = services.blobs.put_file(archive)
                archive.unlink()
            if "print_pdf" in batch.outputs:
                target = Path(scratch, "print.pdf")
                printed = outputs.build_print_pdf(
                    services,
                    batch,
                    target,
                    address_sheet=wants_address_sheet(batch.outputs),
                    renew=renew,
                )
                if printed.letters:
                    values["print_sha256"] = services.blobs.put_file(target)
                    values["print_pages"] = printed.pages
    except SQLAlchemyError:
        raise  # the store is down: the finishing lease runs out and it is tried again
    except Exception:  # a batch must end even when an output cannot be built
        log.exception("batch %s: an output could not be built", batch.id)
    return values


def deliver_callback(task: Task, batch_id: str) -> str:
    """POST the signed summary; retried with growing delays on network errors and 5xx."""
    services = runtime()
    with services.sessions() as session:
        batch = store.get_batch(session, batch_id)
        assert batch is not None and batch.callback_url
        body = json.dumps(batch_summary(session, batch), ensure_ascii=False).encode("utf-8")
    secret = callback.secret_for(services.settings, batch.actor)
    if secret is None:
        outcome = "not sent: no callback secret"
    else:
        try:
            status = callback.post(batch.callback_url, body, secret, settings=services.settings)
            outcome = f"delivered: {status}"
        except callback.CallbackRefused as exc:
            outcome = f"refused: {exc}"[:64]
        except OSError as exc:
            if task.request.retries >= CALLBACK_RETRIES:
                outcome = "failed after retries"
            else:
                delay = min(CALLBACK_MAX_DELAY, 5 * 2**task.request.retries)
                _set_callback_status(services, batch_id, f"retrying: {type(exc).__name__}")
                raise task.retry(countdown=delay, exc=exc) from exc
    _set_callback_status(services, batch_id, outcome)
    return outcome


def _set_callback_status(services: Services, batch_id: str, status: str) -> None:
    """Remember how the callback went."""
    with store.write(services.engine) as session:
        session.execute(
            update(Batch).where(Batch.id == batch_id).values(callback_status=status[:64])
        )


def sweep(app: Celery, engine: Engine, lease: float) -> int:
    """Re-send chunks whose worker died and batches never finished; return how many."""
    chunks, batches = store.stale_work(engine, lease)
    for batch_id, chunk in chunks:
        log.warning("re-sending batch %s chunk %s: no worker holds it", batch_id, chunk)
        app.send_task(RUN_CHUNK, args=[batch_id, chunk])
    for batch_id in batches:
        app.send_task(FINISH_BATCH, args=[batch_id])
    return len(chunks) + len(batches)


def register(app: Celery) -> None:
    """Register the batch tasks on a Celery app (on this app only: not shared with later apps)."""

    @app.task(name=RUN_CHUNK, bind=True, shared=False)
    def run_chunk_task(self: Task, batch_id: str, chunk: int) -> str:
        return run_chunk(self.app, batch_id, chunk)

    @app.task(name=FINISH_BATCH, bind=True, shared=False)
    def finish_batch_task(self: Task, batch_id: str) -> str:
        return finish_batch(self.app, batch_id)

    @app.task(name=ANCHOR, bind=True, shared=False)
    def anchor_task(self: Task) -> int | None:
        anchor = anchor_if_changed(runtime())
        return anchor.seq if anchor is not None else None

    @app.task(name=CHECK_CHAIN, bind=True, shared=False)
    def check_chain_task(self: Task, check_id: str) -> str:
        return run_check(runtime(), check_id)

    @app.task(name=DELIVER_CALLBACK, bind=True, max_retries=CALLBACK_RETRIES, shared=False)
    def deliver_callback_task(self: Task, batch_id: str) -> str:
        return deliver_callback(self, batch_id)
