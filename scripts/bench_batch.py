"""Benchmark a night's batch: PDF letters of mixed types through 1 and then 2 workers.

Part of `make bench` (`python -m scripts.bench --only batch --batch-size N`). Each run gets a
fresh data directory and the embedded broker; workers are warmed up before the clock starts.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from doc_service import create_app
from schemas.catalogue import sample_case

ROOT = Path(__file__).resolve().parent.parent
# a litigation notice needs an earlier letter to the same case, so the night's mix leaves it out
TYPES = ("dunning_letter", "dunning_letter", "lawyer_letter", "repayment_agreement")
# different debtors mean different glyphs in each letter's font subsets, as in a real night
DEBTORS = ("张三", "李四", "王五", "赵六", "陈晓明", "刘芳", "杨伟", "黄静", "周杰", "吴敏")


def letters(count: int, tag: str) -> list[dict[str, Any]]:
    """Return `count` PDF requests cycling through the letter types, one case each."""
    items = []
    for index in range(count):
        document_type = TYPES[index % len(TYPES)]
        case = sample_case(document_type)
        case["case_id"] = f"NIGHT-{tag}-{index:05d}"
        case["debtor"]["name"] = DEBTORS[index % len(DEBTORS)]
        items.append(
            {"document_type": document_type, "format": "pdf", "locale": "zh-CN", "case": case}
        )
    return items


def start_workers(
    settings: dict[str, Any], count: int, logs: Path
) -> list[subprocess.Popen[bytes]]:
    """Start `count` worker processes sharing the settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOC_SERVICE_")}
    env.update({f"DOC_SERVICE_{key}": str(value) for key, value in settings.items()})
    env["PYTHONPATH"] = str(ROOT)
    return [
        subprocess.Popen(
            [sys.executable, "-m", "doc_service.batches.worker"],
            cwd=ROOT,
            env=env,
            stdout=(logs / f"worker-{n}.log").open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for n in range(count)
    ]


def run_batch(client: Any, items: list[dict[str, Any]], outputs: list[str]) -> dict[str, Any]:
    """Submit a batch; return its summary once every item is done, with the seconds it took."""
    started = time.perf_counter()
    response = client.post("/v1/batches", json={"items": items, "outputs": outputs})
    assert response.status_code == 202, response.get_data(as_text=True)
    location = response.headers["Location"]
    while (summary := client.get(location).get_json())["counts"]["pending"]:
        time.sleep(0.5)
    summary["items_seconds"] = time.perf_counter() - started
    while summary["status"] in ("queued", "running"):
        time.sleep(0.5)
        summary = client.get(location).get_json() | {"items_seconds": summary["items_seconds"]}
    summary["all_seconds"] = time.perf_counter() - started
    return summary


def throughput(count: int, workers: int) -> dict[str, Any]:
    """Run one batch of `count` letters on `workers` workers; return its figures."""
    with tempfile.TemporaryDirectory() as scratch:
        settings = {"DATA_DIR": f"{scratch}/var", "BATCH_QUEUE": "bench.batches"}
        app = create_app(settings)
        client = app.test_client()
        processes = start_workers(settings, workers, Path(scratch))
        try:
            run_batch(client, letters(2 * workers, "warm"), [])  # templates compiled, fonts read
            summary = run_batch(client, letters(count, f"w{workers}"), ["print_pdf"])
            blobs = app.extensions["doc_service"].blobs
            with app.extensions["doc_service"].sessions() as session:
                from doc_service.audit.models import Document

                letters_bytes = sum(
                    row.size
                    for row in session.query(Document).filter(
                        Document.case_id.like(f"NIGHT-w{workers}-%")
                    )
                )
            sha = summary["outputs"]["print_pdf_sha256"]
            summary["print_bytes"] = blobs.stream(sha).size if sha else 0
            summary["letters_bytes"] = letters_bytes
        finally:
            for process in processes:
                os.killpg(process.pid, signal.SIGTERM)
            for process in processes:
                process.wait(timeout=60)
            app.extensions["doc_service"].engine.dispose()
    return summary


def _spin(seconds: float, counts: Any) -> None:
    """Count loop turns for `seconds`: pure CPU work, nothing shared."""
    # a session of its own, as each worker has: with the kernel's autogroup scheduling a
    # session shares one slice of the CPU however many processes it runs
    os.setsid()
    deadline = time.perf_counter() + seconds
    turns = 0
    while time.perf_counter() < deadline:
        for _ in range(10_000):
            turns += 1
    counts.put(turns)


def cpu_ceiling(seconds: float = 4.0) -> float:
    """Return how much more CPU work 2 processes get done than 1 on this machine right now.

    On a machine others share, this (not 2.0) is what the batch's ratio can reach: two busy
    sessions get more of the CPU than one, but not twice as much.
    """
    import multiprocessing

    done = {}
    for processes in (1, 2):
        counts: Any = multiprocessing.Queue()
        workers = [
            multiprocessing.Process(target=_spin, args=(seconds, counts)) for _ in range(processes)
        ]
        for worker in workers:
            worker.start()
        done[processes] = sum(counts.get() for _ in workers)
        for worker in workers:
            worker.join()
    return done[2] / done[1]


def bench_batch(count: int) -> None:
    """Print docs/s of one batch with 1 and 2 workers, their ratio, and the print file's size."""
    print(f"batch of {count} PDF documents (dunning and lawyer's letters, agreements; zh-CN)")
    rates = {}
    ceilings = []
    for workers in (1, 2):
        ceilings.append(cpu_ceiling())
        figures = throughput(count, workers)
        rates[workers] = count / figures["items_seconds"]
        print(
            f"  {workers} worker{'s' if workers > 1 else ' '}  {rates[workers]:6.2f} documents/s"
            f"  ({figures['items_seconds']:.0f} s for the items, {figures['all_seconds']:.0f} s"
            f" with the print file; {figures['counts']['issued']} issued)"
        )
        print(
            f"            print file {figures['print_bytes'] / 1e6:.1f} MB,"
            f" {figures['outputs']['print_pdf_pages']} pages;"
            f" the letters alone {figures['letters_bytes'] / 1e6:.1f} MB"
        )
    ceilings.append(cpu_ceiling())
    print(f"  2 workers / 1 worker: {rates[2] / rates[1]:.2f}x")
    print(
        "  the machine's own ceiling meanwhile (2 CPU-bound processes / 1, before, between and"
        f" after the runs): {', '.join(f'{c:.2f}x' for c in ceilings)}"
    )
    print(f"  10,000 letters at the 2-worker rate: {10_000 / rates[2] / 60:.0f} min")
