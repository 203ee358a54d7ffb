"""Where an issue's CPU time goes: the lawyer's letter's issue path and PDF render by stage.

CPU time (time.process_time), not wall time, so a loaded machine inflates every stage alike
and the shares stay comparable; each stage is timed by wrapping the function that does it.
"""

from __future__ import annotations

import gc
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pydyf
import weasyprint.document
import weasyprint.pdf

import doc_service.api.documents
import doc_service.documents.issuing
import doc_service.render.compiled
import doc_service.render.pdf
from doc_service import create_app
from doc_service.documents.warmup import settle_heap
from scripts.bench_support import example

ACCEPT = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# (module, function, stage) of an issue request; what no stage claims is Flask, auth, logging
ISSUE_STAGES = [
    (doc_service.api.documents, "load_document_request", "read and validate the body"),
    (doc_service.documents.issuing, "request_digest", "canonical JSON and request hash"),
    (doc_service.documents.issuing, "review", "compliance guard"),
    (doc_service.documents.issuing, "render_bounded", "render"),
    (doc_service.documents.issuing, "append_document", "store bytes, append record"),
]
# stages inside a PDF render (WeasyPrint 70); layout is what render() spends beyond its parts
PDF_STAGES = [
    (doc_service.render.compiled.CompiledTemplate, "context", "values and clause texts"),
    (doc_service.render.pdf, "render_html_text", "Jinja markup"),
    (weasyprint.document, "get_all_computed_styles", "CSS cascade"),
    (weasyprint.document, "build_formatting_structure", "box tree"),
    (weasyprint.document.Page, "paint", "drawing"),
    (weasyprint.pdf, "build_fonts_dictionary", "font subsetting and embedding"),
    (pydyf.PDF, "write", "PDF serialising and zlib"),
]


@contextmanager
def timed(stages: list[tuple[Any, str, str]], spent: Counter[str]) -> Iterator[None]:
    """Add each stage function's CPU time to ``spent`` while the block runs."""
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in stages]

    def wrap(function: Callable[..., Any], label: str) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] += time.process_time() - started

        return wrapper

    for (owner, name, label), (_, _, function) in zip(stages, originals, strict=True):
        setattr(owner, name, wrap(function, label))
    try:
        yield
    finally:
        for owner, name, function in originals:
            setattr(owner, name, function)


def print_shares(title: str, spent: Counter[str], total: float, count: int, rest: str) -> None:
    """Print each stage's CPU ms per document and share of the total, then what is left."""
    print(f"  {title}: {total * 1000 / count:.1f} CPU ms per document")
    for label, seconds in [*spent.items(), (rest, total - sum(spent.values()))]:
        print(f"    {label:<34} {seconds * 1000 / count:7.1f} ms {seconds / total * 100:5.1f} %")


def bench_profile(counts: dict[str, int]) -> None:
    """Print the stage split of issuing the lawyer's letter (PDF and DOCX) and of its PDF render."""
    print("where the CPU time goes, lawyer's letter zh-CN, issued in one process (Flask client)")
    with tempfile.TemporaryDirectory() as data_dir:
        app = create_app({"DATA_DIR": data_dir})
        client = app.test_client()
        for fmt, count in counts.items():
            body = {**example("lawyer_letter"), "format": fmt}

            def issue(index: int, body: dict[str, Any] = body, fmt: str = fmt) -> None:
                body["case"]["case_id"] = f"PROFILE-{fmt}-{index}"
                response = client.post("/v1/documents", json=body, headers={"Accept": ACCEPT[fmt]})
                assert response.status_code == 201, response.get_data(as_text=True)[:300]

            for index in range(3):
                issue(-1 - index)
            settle_heap()  # as a gunicorn worker after its warm-up
            spent: Counter[str] = Counter()
            stages = ISSUE_STAGES + (PDF_STAGES if fmt == "pdf" else [])
            started = time.process_time()
            with timed(stages, spent):
                for index in range(count):
                    issue(index)
            total = time.process_time() - started
            issue_labels = [label for _, _, label in ISSUE_STAGES]
            if fmt == "pdf":
                parts = Counter({label: spent[label] for _, _, label in PDF_STAGES})
                rest = "layout, HTML parsing, the rest"
                print_shares("PDF render", parts, spent["render"], count, rest)
            shares = Counter({label: spent[label] for label in issue_labels})
            rest = "HTTP layer: Flask, auth, log"
            print_shares(f"{fmt.upper()} issue", shares, total, count, rest)
        gc.unfreeze()
