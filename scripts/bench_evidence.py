"""Benchmark the evidence steps per document: PAdES B-T and B-LTA signing with a local TSA."""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from doc_service import create_app
from doc_service.documents import load_request
from doc_service.evidence.config import signing_config
from doc_service.evidence.localpki import LocalPKI, LocalTSA
from doc_service.evidence.signing import sign_pdf, signature_report
from doc_service.render import render_document
from scripts.bench_support import example, p95, timings

PASSWORD = "bench-only"  # a throwaway key made for this run


def _discarding(action: Callable[[], object]) -> Callable[[], None]:
    """Wrap an action so its result is dropped (timings wants a procedure)."""

    def run() -> None:
        action()

    return run


def bench_evidence(runs: int) -> None:
    """Print the median and p95 time a signature adds to one issued PDF, per level."""
    pki = LocalPKI.create("Bench")
    tsa = LocalTSA(pki)
    try:
        with tempfile.TemporaryDirectory() as data_dir:
            paths = pki.write(Path(data_dir) / "pki", PASSWORD)
            app = create_app({"DATA_DIR": data_dir})
            templates = app.extensions["doc_service"].templates
            job = load_request(example("dunning_letter")).render_job()
            template = templates.current("dunning_letter", "zh-CN")
            pdf = render_document(job=job, template=template).content
            print(f"evidence, dunning letter PDF ({len(pdf) // 1024} KiB), {runs} runs each")
            print(f"  {'step':<32} {'median ms':>10} {'p95 ms':>8}")
            for variant in (None, "pdf/a-3u"):
                variant_job = replace(job, pdf_variant=variant)
                samples = timings(
                    _discarding(lambda j=variant_job: render_document(job=j, template=template)),
                    runs,
                    1,
                )
                name = f"render {variant or 'plain PDF'}"
                median, worst = statistics.median(samples) * 1000, p95(samples) * 1000
                print(f"  {name:<32} {median:>10.1f} {worst:>8.1f}")
            for level in ("B-T", "B-LTA"):
                settings = {
                    "SIGNING_KEY": str(paths["p12"]),
                    "SIGNING_KEY_PASSWORD": PASSWORD,
                    "TSA_URL": tsa.url,
                    "SIGNATURE_LEVEL": level,
                }
                config = signing_config(settings)
                assert config is not None
                signed = sign_pdf(config, pdf)
                for name, action in (
                    (f"sign {level} (local TSA)", lambda c=config: sign_pdf(c, pdf)),
                    (
                        f"validate {level}",
                        lambda c=config, s=signed: signature_report(s, c.trust_roots),
                    ),
                ):
                    samples = timings(_discarding(action), runs, 1)
                    median, worst = statistics.median(samples) * 1000, p95(samples) * 1000
                    print(f"  {name:<32} {median:>10.1f} {worst:>8.1f}")
            app.extensions["doc_service"].engine.dispose()
    finally:
        tsa.close()
