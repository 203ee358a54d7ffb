"""Benchmark: the lawyer's letter in process and over HTTP, every template's render time, and
issue throughput with the record written.

Run with `make bench`. Figures are medians over several runs; the machine is shared and noisy,
so compare ratios between rows rather than absolute numbers across machines.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from doc_service import create_app
from doc_service.documents import load_request
from doc_service.documents.warmup import settle_heap
from doc_service.render import RenderJob, render_document
from schemas.catalogue import DOCUMENT_TYPES
from scripts.bench_http import bench_http
from scripts.bench_support import example, p95, timings

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
RENDER_ROWS = [
    *[(kind, fmt, "zh-CN") for kind in DOCUMENT_TYPES for fmt in ("pdf", "docx", "html")],
    *[(kind, "pdf", locale) for kind in DOCUMENT_TYPES for locale in ("zh-TW", "en-GB")],
]


def bench_render(runs: int) -> None:
    """Print median and p95 render time per (type, format, locale), in one process."""
    with tempfile.TemporaryDirectory() as data_dir:
        app = create_app({"DATA_DIR": data_dir})
        templates = app.extensions["doc_service"].templates
        print(f"render, one process, {runs} renders each after warm-up")
        print(f"  {'document':<20} {'format':<6} {'locale':<7} {'median ms':>10} {'p95 ms':>8}")
        for document_type, fmt, locale in RENDER_ROWS:
            body = {**example(document_type), "format": fmt, "locale": locale}
            job = load_request(body).render_job()
            template = templates.current(document_type, locale)
            samples = timings(lambda job=job, template=template: render_once(job, template), runs)
            median, worst = statistics.median(samples) * 1000, p95(samples) * 1000
            print(f"  {document_type:<20} {fmt:<6} {locale:<7} {median:>10.1f} {worst:>8.1f}")


def bench_letter(runs: int) -> None:
    """Print the lawyer's letter's render time in PDF and DOCX, and its size, in one process."""
    with tempfile.TemporaryDirectory() as data_dir:
        app = create_app({"DATA_DIR": data_dir})
        template = app.extensions["doc_service"].templates.current("lawyer_letter", "zh-CN")
        print(f"lawyer's letter zh-CN, one process, {runs} renders after warm-up")
        for fmt in ("pdf", "docx"):
            body = {**example("lawyer_letter"), "format": fmt}
            job = load_request(body).render_job()
            size = len(render_document(job=job, template=template).content)
            for _ in range(3):
                render_once(job, template)
            settle_heap()  # as a gunicorn worker after its warm-up
            cpu_started = time.process_time()
            samples = timings(lambda job=job: render_once(job, template), runs, warmup=0)
            # CPU time: what a loaded machine inflates least (the wall times include waiting)
            cpu = (time.process_time() - cpu_started) * 1000 / runs
            median, worst = statistics.median(samples) * 1000, p95(samples) * 1000
            print(
                f"  {fmt:<5} median {median:6.1f} ms  p95 {worst:6.1f} ms  CPU {cpu:6.1f} ms"
                f"  {size:,} bytes"
            )


def render_once(job: RenderJob, template: Any) -> None:
    """Render one document (the same call previews and issued documents make)."""
    render_document(job=job, template=template)


def issue_rate(database_url: str, count: int) -> float:
    """Return documents per second issued (rendered, stored and recorded) in one process."""
    with tempfile.TemporaryDirectory() as data_dir:
        app = create_app({"DATA_DIR": data_dir, "DATABASE_URL": database_url})
        client = app.test_client()
        body = example("dunning_letter")
        started = time.perf_counter()
        for index in range(count):
            body["case"]["case_id"] = f"BENCH-{int(started)}-{index % 7}"
            response = client.post("/v1/documents", json=body)
            assert response.status_code == 201, response.get_data(as_text=True)
        elapsed = time.perf_counter() - started
        app.extensions["doc_service"].engine.dispose()
    return count / elapsed


def postgres_schema_url() -> str | None:
    """Create a scratch schema for the benchmark and return its URL (None without PostgreSQL)."""
    try:
        engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS bench CASCADE"))
            connection.execute(text("CREATE SCHEMA bench"))
        engine.dispose()
    except Exception as exc:  # a missing server is a skipped row, not a failed benchmark
        print(f"  postgresql: skipped ({type(exc).__name__})")
        return None
    return f"{POSTGRES_URL}?options=-csearch_path%3Dbench"


def bench_issue(count: int, repeats: int) -> None:
    """Print the median issue throughput on SQLite and PostgreSQL."""
    print(f"issue throughput, dunning letter PDF ({count} documents, median of {repeats})")
    with tempfile.TemporaryDirectory() as scratch:
        sqlite_url = f"sqlite:///{scratch}/bench.db"
        rates = [issue_rate(sqlite_url, count) for _ in range(repeats)]
        print(f"  sqlite      {statistics.median(rates):6.2f} documents/s")
    pg_url = postgres_schema_url()
    if pg_url:
        rates = [issue_rate(pg_url, count) for _ in range(repeats)]
        print(f"  postgresql  {statistics.median(rates):6.2f} documents/s")


def main() -> None:
    """Run the benchmarks chosen on the command line (all by default)."""
    logging.getLogger("doc_service").setLevel(logging.ERROR)  # no access line per request
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--issue-count", type=int, default=20)
    parser.add_argument("--http-pdf", type=int, default=40, help="PDFs per HTTP phase")
    parser.add_argument("--http-docx", type=int, default=200, help="DOCX per HTTP phase")
    parser.add_argument("--http-repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: the config's)")
    parser.add_argument(
        "--soak", type=int, default=0, help="documents issued after the HTTP rows, RSS printed"
    )
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument(
        "--only",
        choices=["letter", "profile", "http", "render", "issue", "evidence", "overhead", "batch"],
    )
    parser.add_argument("--profile-pdf", type=int, default=20, help="PDFs the profile issues")
    parser.add_argument("--profile-docx", type=int, default=200, help="DOCX the profile issues")
    args = parser.parse_args()
    if args.only in (None, "letter"):
        bench_letter(args.runs)
    if args.only in (None, "profile"):
        from scripts.bench_profile import bench_profile

        bench_profile({"pdf": args.profile_pdf, "docx": args.profile_docx})
    if args.only in (None, "http"):
        counts = {"pdf": args.http_pdf, "docx": args.http_docx}
        bench_http(counts, args.workers, args.http_repeats, soak=args.soak)
    if args.only in (None, "render"):
        bench_render(args.runs)
    if args.only in (None, "issue"):
        bench_issue(args.issue_count, repeats=3)
    if args.only in (None, "evidence"):
        from scripts.bench_evidence import bench_evidence

        bench_evidence(min(args.runs, 10))
    if args.only in (None, "overhead"):
        from scripts.bench_overhead import bench_overhead

        bench_overhead(example("dunning_letter"), args.issue_count)
    if args.only in (None, "batch"):
        from scripts.bench_batch import bench_batch

        bench_batch(args.batch_size)


if __name__ == "__main__":
    main()
