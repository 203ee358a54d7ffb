"""HTTP benchmark: the lawyer's letter issued through gunicorn by 1, 2 and 4 clients.

Starts the service as deployed (gunicorn.conf.py, its worker count and warm-up) on a free port
with a scratch data dir, waits until every worker has warmed, then issues documents: each
request a new case, so each is rendered, guarded, stored and recorded. Prints the median and
p95 latency, issued documents per second, bytes, and each worker's RSS before and after.
Standard library only on the client side; one connection per request.
"""

from __future__ import annotations

import copy
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from schemas.catalogue import sample_case

ROOT = Path(__file__).resolve().parent.parent
ACCEPT = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def free_port() -> int:
    """Return a TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_mib(pid: int) -> float:
    """Return a process's resident set size in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pids: list[int]) -> float:
    """Return the CPU time (user + system) the processes have used, in seconds."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def workers_of(master: int) -> list[int]:
    """Return the PIDs of the gunicorn master's worker processes."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                found.append(int(entry.name))
    return sorted(found)


class Server:
    """gunicorn serving the app on a scratch data dir, as `make run` starts it."""

    def __init__(self, data_dir: str, workers: int | None) -> None:
        self.port = free_port()
        self.env = {
            **os.environ,
            "DOC_SERVICE_PORT": str(self.port),
            "DOC_SERVICE_DATA_DIR": data_dir,
            "DOC_SERVICE_LOG_LEVEL": "info",
        }
        if workers:
            self.env["DOC_SERVICE_WORKERS"] = str(workers)
        self.log_path = Path(data_dir) / "server.log"
        bin_dir = Path(sys.executable).parent
        subprocess.run([sys.executable, "-m", "doc_service.migrate"], env=self.env, check=True)
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [str(bin_dir / "gunicorn"), "--config", "gunicorn.conf.py", "app:app"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_warm(self, timeout: float = 300) -> None:
        """Wait until every worker has warmed its templates (or, without warm-up, answers)."""
        warms = "post_worker_init" in (ROOT / "gunicorn.conf.py").read_text("utf-8")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.log_path.read_text("utf-8", "replace")
            workers = workers_of(self.process.pid)
            if workers and text.count("templates warmed") >= len(workers):
                return
            if workers and not warms and self.ready():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.5)
        raise RuntimeError(f"service did not warm; see {self.log_path}")

    def ready(self) -> bool:
        """Tell whether /readyz answers 200."""
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            connection.request("GET", "/readyz")
            return connection.getresponse().status == 200
        except OSError:
            return False

    def workers_rss(self) -> dict[int, float]:
        """Return each worker's RSS in MiB."""
        return {pid: rss_mib(pid) for pid in workers_of(self.process.pid)}

    def stop(self) -> None:
        """Stop gunicorn (its master ends the workers)."""
        self.process.terminate()
        self.process.wait(timeout=60)

    def errors(self) -> list[str]:
        """Return the log lines of errors the service wrote (a failed request's traceback)."""
        text = self.log_path.read_text("utf-8", "replace")
        return [line for line in text.splitlines() if '"level": "ERROR"' in line]


class Client:
    """Issue documents over HTTP, each request a new case."""

    def __init__(self, port: int, body: dict[str, Any]) -> None:
        self.port = port
        self.body = body
        self.count = 0
        self.lock = threading.Lock()

    def issue(self, fmt: str) -> tuple[float, int]:
        """Issue one document; return the latency in ms and the document's size."""
        body = copy.deepcopy(self.body)
        body["format"] = fmt
        with self.lock:
            self.count += 1
            body["case"]["case_id"] = f"BENCH-{os.getpid()}-{self.count}"
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Content-Type": "application/json", "Accept": ACCEPT[fmt]}
        connection.request("POST", "/v1/documents", body=data, headers=headers)
        response = connection.getresponse()
        content = response.read()
        connection.close()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 201:
            raise RuntimeError(f"{fmt}: {response.status} {content[:300]!r}")
        return elapsed, len(content)

    def phase(self, fmt: str, count: int, clients: int, workers: list[int]) -> dict[str, float]:
        """Issue ``count`` documents from ``clients`` threads; return latency, throughput and
        the workers' CPU time per document (what the rate would be on idle cores follows)."""
        latencies: list[float] = []
        sizes: list[int] = []
        left = [count]

        def loop() -> None:
            while True:
                with self.lock:
                    if left[0] <= 0:
                        return
                    left[0] -= 1
                elapsed, size = self.issue(fmt)
                with self.lock:
                    latencies.append(elapsed)
                    sizes.append(size)

        threads = [threading.Thread(target=loop) for _ in range(clients)]
        cpu_before = cpu_seconds(workers)
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        cpu = cpu_seconds(workers) - cpu_before
        ordered = sorted(latencies)
        return {
            "median": statistics.median(latencies),
            "p95": ordered[max(0, round(0.95 * len(ordered)) - 1)],
            "rate": len(latencies) / wall,
            "bytes": statistics.median(sizes),
            "cpu_ms": cpu * 1000 / len(latencies),
        }


def print_rss(when: str, rss: dict[int, float], start: dict[int, float] | None = None) -> None:
    """Print each worker's RSS, and its growth since ``start`` when given."""
    line = f"  worker RSS MiB {when + ':':<7} " + ", ".join(f"{v:.0f}" for v in rss.values())
    if start:
        growth = [rss[pid] / start[pid] - 1 for pid in rss if pid in start]
        if growth:
            line += f"  (growth {max(growth) * 100:+.1f} % at most)"
    print(line)


def soak_run(
    server: Server, client: Client, total: int, pids: list[int], start: dict[int, float]
) -> None:
    """Issue ``total`` more documents, 24 DOCX to a PDF, by 4 clients; print RSS as it goes
    (growth since ``start``, the warmed workers)."""
    print(f"  memory over {total:,} more documents (24 DOCX to 1 PDF, 4 clients)")
    done = 0
    while done < total:
        chunk = min(1000, total - done)
        client.phase("docx", chunk - chunk // 25, 4, pids)
        client.phase("pdf", chunk // 25, 4, pids)
        done += chunk
        print_rss(f"{done:,}", server.workers_rss(), start)


def bench_http(counts: dict[str, int], workers: int | None, repeats: int, soak: int = 0) -> None:
    """Print the HTTP figures of the lawyer's letter, medians over ``repeats`` runs per row;
    then, with ``soak``, the workers' RSS over that many more documents."""
    body = {
        "document_type": "lawyer_letter",
        "format": "pdf",
        "locale": "zh-CN",
        "case": sample_case("lawyer_letter"),
    }
    with tempfile.TemporaryDirectory() as data_dir:
        server = Server(data_dir, workers)
        try:
            server.wait_warm()
            before = server.workers_rss()
            client = Client(server.port, body)
            print(f"issued over HTTP, lawyer's letter zh-CN, {len(before)} gunicorn workers")
            print(f"  load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            print(
                f"  {'format':<6} {'clients':>7} {'median ms':>10} {'p95 ms':>8} {'docs/s':>7}"
                f" {'CPU ms/doc':>10} {'bytes':>9}"
            )
            pids = sorted(before)
            first: dict[str, list[float]] = {}
            for fmt in ("pdf", "docx"):
                # one client, right after the start: the first document of each worker (the one
                # that pins the template in the store) against those after it
                first[fmt] = [client.issue(fmt)[0] for _ in range(2 * len(pids) + 2)]
                for clients in (1, 2, 4):
                    runs = [client.phase(fmt, counts[fmt], clients, pids) for _ in range(repeats)]
                    row = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
                    print(
                        f"  {fmt:<6} {clients:>7} {row['median']:>10.1f} {row['p95']:>8.1f}"
                        f" {row['rate']:>7.1f} {row['cpu_ms']:>10.1f} {row['bytes']:>9,.0f}"
                    )
            print("  CPU ms/doc: the workers' CPU time per issued document; on idle cores the")
            print("  service issues about (cores / CPU time) documents per second")
            for fmt, latencies in first.items():
                shown = ", ".join(f"{value:.0f}" for value in latencies)
                print(f"  first {fmt} documents after the start, ms: {shown}")
            after = server.workers_rss()
            print(f"  issued {client.count} documents")
            print_rss("before", before)
            print_rss("after", after, before)
            if soak:
                soak_run(server, client, soak, pids, before)
            if sorted(before) != sorted(server.workers_rss()):
                print("  (a worker was recycled during the run)")
        except RuntimeError:
            print("\n".join(server.errors()[-3:]))  # the scratch dir and its log go with it
            raise
        finally:
            server.stop()
