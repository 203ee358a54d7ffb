"""Batch bookkeeping in the database: chunks with a small tail, a few items started per commit."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from doc_service.batches import store
from doc_service.batches.store import Outcome, PlannedItem, chunk_numbers
from tests.support import make_app


def test_chunks_are_full_then_a_fifth_as_large_at_the_tail() -> None:
    numbers = chunk_numbers(2000, 25)
    sizes = Counter(numbers)
    assert numbers == sorted(numbers)
    assert [sizes[c] for c in range(78)] == [25] * 78
    assert [sizes[c] for c in range(78, len(sizes))] == [5] * 10
    assert chunk_numbers(3, 25) == [0, 0, 0]
    assert chunk_numbers(0, 25) == []


def test_items_start_a_few_per_commit_and_cancelled_ones_never(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    engine = app.extensions["doc_service"].engine
    planned = [PlannedItem(i, '{"document_type": "dunning_letter"}') for i in range(8)]
    batch, chunks = store.create_batch(
        engine,
        planned,
        actor="night",
        language="zh",
        outputs=[],
        callback_url=None,
        idempotency_key=None,
        request_sha256="0" * 64,
        chunk_size=25,
    )
    assert chunks == [0, 1]  # all eight in the tail: a chunk of five, then one of three
    assert store.claim_chunk(engine, batch.id, 0, "worker-a", 60)
    assert store.start_items(engine, batch.id, [0, 1], "worker-a", 60) == {0, 1}
    store.cancel(engine, batch.id)  # items 2..7 have not started
    done = [Outcome(0, "issued", "d" * 32), Outcome(1, "failed", None, {"status": 500})]
    assert store.start_items(engine, batch.id, [2, 3], "worker-a", 60, previous=done) == set()
    with app.extensions["doc_service"].sessions() as session:
        assert store.counts(session, batch.id) == {"issued": 1, "failed": 1, "cancelled": 6}
    engine.dispose()
