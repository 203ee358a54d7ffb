"""Many OS processes appending to one case at once: versions 1..N, one linear chain."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from doc_service.audit.chain import verify_chain
from doc_service.audit.models import Document
from tests.audit.workers import append_many

PROCESSES = 4
APPENDS_EACH = 25


@pytest.mark.slow
def test_concurrent_appends_stay_linear(
    database_url: str, store_engine: Engine, blob_root: Path
) -> None:
    context = multiprocessing.get_context("spawn")
    jobs = [(database_url, str(blob_root), worker, APPENDS_EACH) for worker in range(PROCESSES)]
    with context.Pool(PROCESSES) as pool:
        results = pool.starmap(append_many, jobs, chunksize=1)
    total = PROCESSES * APPENDS_EACH
    # each process saw its own versions strictly increase, and together they cover 1..N
    assert all(versions == sorted(versions) for versions in results)
    assert sorted(v for versions in results for v in versions) == list(range(1, total + 1))
    with Session(store_engine) as s:
        rows = s.execute(select(Document.version, Document.seq).order_by(Document.seq)).all()
        assert [row.version for row in rows] == list(range(1, total + 1))
        assert [row.seq for row in rows] == list(range(1, total + 1))
        report = verify_chain(s)
    assert report.ok and report.length == total
