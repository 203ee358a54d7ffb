"""Batch state in the audit database: create, lease chunks, record item outcomes, count."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, Executable, func, insert, select, update
from sqlalchemy.orm import Session

from doc_service.audit.db import write_session as write
from doc_service.audit.models import utc_now
from doc_service.batches.models import Batch, BatchChunk, BatchItem

PAGE_SIZE = 100
IDLE_LEASES = 2
# the last items of a batch go out in chunks this many times smaller, so the workers run out
# of work together instead of one finishing a full chunk while the others stand idle
TAIL_CHUNKS = 2
TAIL_DIVISOR = 5


def changed(session: Session, statement: Executable) -> int:
    """Run an UPDATE and return how many rows it changed."""
    return cast(CursorResult[Any], session.execute(statement)).rowcount


@dataclass(frozen=True)
class PlannedItem:
    """One item of a submitted batch: its request (canonical JSON) or the problem that skips it."""

    index: int
    request_json: str | None
    problem: dict[str, Any] | None = None


def chunk_numbers(count: int, size: int) -> list[int]:
    """Return the chunk of each of `count` items: full chunks, then a tail of small ones."""
    tail = min(count, TAIL_CHUNKS * size)
    small = max(1, size // TAIL_DIVISOR)
    head = count - tail
    head_chunks = -(-head // size)
    return [
        position // size if position < head else head_chunks + (position - head) // small
        for position in range(count)
    ]


def create_batch(
    engine: Engine,
    items: Sequence[PlannedItem],
    *,
    actor: str,
    language: str,
    outputs: list[str],
    callback_url: str | None,
    idempotency_key: str | None,
    request_sha256: str,
    chunk_size: int,
) -> tuple[Batch, list[int]]:
    """Store a batch with its items and chunks; return it and the chunks to send."""
    now = utc_now()
    batch_id = uuid.uuid4().hex
    rows = []
    # only valid items take a place in a chunk; skipped ones are done from the start
    valid = [item.index for item in items if item.request_json is not None]
    chunk_of = dict(zip(valid, chunk_numbers(len(valid), chunk_size), strict=True))
    for item in items:
        rows.append(
            {
                "batch_id": batch_id,
                "index": item.index,
                "chunk": chunk_of.get(item.index, -1),
                "status": "queued" if item.request_json is not None else "invalid",
                "request_json": item.request_json,
                "problem": item.problem,
                "updated_at": now,
            }
        )
    chunks = sorted(set(chunk_of.values()))
    batch = Batch(
        id=batch_id,
        status="queued",
        actor=actor,
        language=language,
        total=len(items),
        chunks=len(chunks),
        outputs=outputs,
        callback_url=callback_url,
        idempotency_key=idempotency_key,
        request_sha256=request_sha256,
        cancel_requested=False,
        created_at=now,
    )
    with write(engine) as session:
        session.add(batch)
        session.flush()
        if rows:
            session.execute(insert(BatchItem), rows)
        if chunks:
            session.execute(
                insert(BatchChunk),
                [
                    {"batch_id": batch_id, "chunk": c, "status": "queued", "attempts": 0}
                    for c in chunks
                ],
            )
    return batch, chunks


def get_batch(session: Session, batch_id: str) -> Batch | None:
    """Return one batch."""
    return session.get(Batch, batch_id[:32])


def find_by_key(session: Session, key: str) -> Batch | None:
    """Return the batch an Idempotency-Key created."""
    return session.scalar(select(Batch).where(Batch.idempotency_key == key))


def claim_chunk(engine: Engine, batch_id: str, chunk: int, owner: str, lease: float) -> bool:
    """Lease a chunk unless it is done or another live worker holds it."""
    now = utc_now()
    with write(engine) as session:
        claimed = changed(
            session,
            update(BatchChunk)
            .where(
                BatchChunk.batch_id == batch_id,
                BatchChunk.chunk == chunk,
                BatchChunk.status != "done",
                BatchChunk.status.in_(("queued", "received")) | (BatchChunk.lease_until < now),
            )
            .values(
                status="running",
                owner=owner,
                lease_until=now + timedelta(seconds=lease),
                attempts=BatchChunk.attempts + 1,
            ),
        )
        if claimed:
            session.execute(
                update(Batch)
                .where(Batch.id == batch_id, Batch.started_at.is_(None))
                .values(started_at=now, status="running"),
            )
    return bool(claimed)


def mark_received(engine: Engine, batch_id: str, chunk: int, lease: float) -> None:
    """Lease a queued chunk as soon as a worker takes its message off the queue.

    A worker killed between taking a message and running it would otherwise leave the chunk
    'queued' with its message gone (the embedded broker does not redeliver); leased, it is
    re-sent when the lease runs out like any chunk of a dead worker.
    """
    now = utc_now()
    with write(engine) as session:
        session.execute(
            update(BatchChunk)
            .where(
                BatchChunk.batch_id == batch_id,
                BatchChunk.chunk == chunk,
                BatchChunk.status == "queued",
            )
            .values(status="received", lease_until=now + timedelta(seconds=lease))
        )


def pending_items(session: Session, batch_id: str, chunk: int) -> list[BatchItem]:
    """Return the chunk's items not yet done, in order."""
    query = (
        select(BatchItem)
        .where(
            BatchItem.batch_id == batch_id,
            BatchItem.chunk == chunk,
            BatchItem.status.in_(("queued", "running")),
        )
        .order_by(BatchItem.index)
    )
    return list(session.scalars(query))


@dataclass(frozen=True)
class Outcome:
    """How an item ended: its state, and the document it became or the problem that stopped it."""

    index: int
    status: str
    document_id: str | None = None
    problem: dict[str, Any] | None = None


def _record(session: Session, batch_id: str, outcome: Outcome, now: Any) -> None:
    """Write an item's outcome in the session's transaction."""
    session.execute(
        update(BatchItem)
        .where(BatchItem.batch_id == batch_id, BatchItem.index == outcome.index)
        .values(
            status=outcome.status,
            document_id=outcome.document_id,
            problem=outcome.problem,
            updated_at=now,
        )
    )


def start_items(
    engine: Engine,
    batch_id: str,
    indices: Sequence[int],
    owner: str,
    lease: float,
    *,
    previous: Sequence[Outcome] = (),
) -> set[int]:
    """Record the outcomes so far, mark the next items running, renew the chunk's lease; return
    the items that may start (not cancelled, not finished by a worker that took over).

    One transaction for all of it: on a shared database each commit is a turn at the single
    write lock (and an fsync), which every worker's items queue for.
    """
    now = utc_now()
    with write(engine) as session:
        for outcome in previous:
            _record(session, batch_id, outcome, now)
        startable = set(
            session.scalars(
                select(BatchItem.index).where(
                    BatchItem.batch_id == batch_id,
                    BatchItem.index.in_(list(indices)),
                    BatchItem.status.in_(("queued", "running")),
                )
            )
        )
        if startable:
            session.execute(
                update(BatchItem)
                .where(BatchItem.batch_id == batch_id, BatchItem.index.in_(list(startable)))
                .values(status="running", updated_at=now)
            )
        session.execute(
            update(BatchChunk)
            .where(BatchChunk.batch_id == batch_id, BatchChunk.owner == owner)
            .values(lease_until=now + timedelta(seconds=lease)),
        )
    return startable


def finish_chunk(
    engine: Engine, batch_id: str, chunk: int, *, last: Sequence[Outcome] = ()
) -> bool:
    """Record the last outcomes and mark the chunk done; True when it was the batch's last
    chunk, so the batch can be finished."""
    with write(engine) as session:
        now = utc_now()
        for outcome in last:
            _record(session, batch_id, outcome, now)
        unfinished = session.scalar(
            select(func.count())
            .select_from(BatchItem)
            .where(BatchItem.batch_id == batch_id, BatchItem.chunk == chunk)
            .where(BatchItem.status.in_(("queued", "running")))
        )
        if unfinished:
            return False  # another worker took the chunk over after our lease ran out
        session.execute(
            update(BatchChunk)
            .where(BatchChunk.batch_id == batch_id, BatchChunk.chunk == chunk)
            .values(status="done", lease_until=None)
        )
        open_chunks = session.scalar(
            select(func.count())
            .select_from(BatchChunk)
            .where(BatchChunk.batch_id == batch_id, BatchChunk.status != "done")
        )
    return open_chunks == 0


def claim_finish(engine: Engine, batch_id: str, lease: float) -> bool:
    """Lease the batch's finishing step (outputs, final status) once every chunk is done."""
    now = utc_now()
    with write(engine) as session:
        open_chunks = session.scalar(
            select(func.count())
            .select_from(BatchChunk)
            .where(BatchChunk.batch_id == batch_id, BatchChunk.status != "done")
        )
        if open_chunks:
            return False
        return bool(
            changed(
                session,
                update(Batch)
                .where(Batch.id == batch_id, Batch.finished_at.is_(None))
                .where(Batch.finish_lease_until.is_(None) | (Batch.finish_lease_until < now))
                .values(finish_lease_until=now + timedelta(seconds=lease)),
            )
        )


def renew_finish(engine: Engine, batch_id: str, lease: float) -> None:
    """Extend the finishing step's lease while its outputs are still being built."""
    until = utc_now() + timedelta(seconds=lease)
    with write(engine) as session:
        session.execute(
            update(Batch)
            .where(Batch.id == batch_id, Batch.finished_at.is_(None))
            .values(finish_lease_until=until)
        )


def counts(session: Session, batch_id: str) -> dict[str, int]:
    """Return how many items are in each state."""
    query = (
        select(BatchItem.status, func.count())
        .where(BatchItem.batch_id == batch_id)
        .group_by(BatchItem.status)
    )
    return {status: number for status, number in session.execute(query)}


def final_status(batch: Batch, by_state: dict[str, int]) -> str:
    """Name how a finished batch ended."""
    issued = by_state.get("issued", 0)
    if batch.cancel_requested and by_state.get("cancelled", 0):
        return "cancelled"
    if issued == batch.total:
        return "succeeded"
    return "partially_failed" if issued else "failed"


def cancel(engine: Engine, batch_id: str) -> int:
    """Cancel the items no worker has started; return how many."""
    now = utc_now()
    with write(engine) as session:
        session.execute(update(Batch).where(Batch.id == batch_id).values(cancel_requested=True))
        return changed(
            session,
            update(BatchItem)
            .where(BatchItem.batch_id == batch_id, BatchItem.status == "queued")
            .values(status="cancelled", updated_at=now),
        )


def list_batches(
    session: Session, *, before: str | None, limit: int
) -> tuple[list[Batch], str | None]:
    """Return a page of batches, newest first, after the batch `before`; and the next cursor."""
    query = select(Batch)
    if before is not None:
        anchor = get_batch(session, before)
        if anchor is not None:
            query = query.where(
                (Batch.created_at < anchor.created_at)
                | ((Batch.created_at == anchor.created_at) & (Batch.id < anchor.id))
            )
    rows = list(
        session.scalars(query.order_by(Batch.created_at.desc(), Batch.id.desc()).limit(limit + 1))
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].id if more else None)


def list_items(
    session: Session, batch_id: str, *, status: str | None, after: int
) -> tuple[list[BatchItem], int | None]:
    """Return a page of items after an index, and the cursor of the next page."""
    query = select(BatchItem).where(BatchItem.batch_id == batch_id, BatchItem.index > after)
    if status:
        query = query.where(BatchItem.status == status)
    rows = list(session.scalars(query.order_by(BatchItem.index).limit(PAGE_SIZE + 1)))
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return rows, (rows[-1].index if more else None)


def issued_items(session: Session, batch_id: str, *, after: int, limit: int) -> list[BatchItem]:
    """Return a page of the items that became documents, in order, after an index."""
    query = (
        select(BatchItem)
        .where(BatchItem.batch_id == batch_id, BatchItem.status == "issued")
        .where(BatchItem.index > after)
        .order_by(BatchItem.index)
        .limit(limit)
    )
    return list(session.scalars(query))


def stale_work(engine: Engine, lease: float) -> tuple[list[tuple[str, int]], list[str]]:
    """Return chunks to send again and batches to finish; mark the chunks re-sent."""
    now = utc_now()
    quiet = now - timedelta(seconds=IDLE_LEASES * lease)
    resend: list[tuple[str, int]] = []
    with write(engine) as session:
        live = select(Batch.id).where(Batch.finished_at.is_(None))
        expired = session.execute(
            select(BatchChunk.batch_id, BatchChunk.chunk).where(
                BatchChunk.batch_id.in_(live),
                BatchChunk.status.in_(("running", "received")),
                BatchChunk.lease_until < now,
            )
        )
        resend.extend((batch_id, chunk) for batch_id, chunk in expired)
        # a queued chunk whose message was lost (a send that failed at submit, a worker killed
        # between taking a message and leasing its chunk): re-sent only when its whole batch
        # has not moved for several leases, so a long queue is not flooded with duplicates
        moving = (
            select(BatchItem.batch_id)
            .where(BatchItem.batch_id.in_(live), BatchItem.updated_at > quiet)
            .distinct()
        )
        idle = session.execute(
            select(BatchChunk.batch_id, BatchChunk.chunk).where(
                BatchChunk.batch_id.in_(live),
                BatchChunk.status == "queued",
                BatchChunk.batch_id.not_in(moving),
                (BatchChunk.lease_until.is_(None)) | (BatchChunk.lease_until < now),
            )
        )
        resend.extend((batch_id, chunk) for batch_id, chunk in idle)
        for batch_id, chunk in resend:
            # the re-sent message gets a lease of its own before the next sweep considers it
            session.execute(
                update(BatchChunk)
                .where(BatchChunk.batch_id == batch_id, BatchChunk.chunk == chunk)
                .values(status="queued", lease_until=now + timedelta(seconds=lease))
            )
        unfinished = session.scalars(
            select(Batch.id).where(
                Batch.finished_at.is_(None),
                Batch.finish_lease_until.is_(None) | (Batch.finish_lease_until < now),
                ~select(BatchChunk.chunk)
                .where(BatchChunk.batch_id == Batch.id, BatchChunk.status != "done")
                .exists(),
            )
        ).all()
    return resend, list(unfinished)
