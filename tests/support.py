"""Helpers the tests share: example bodies, apps on temporary data dirs, text of documents."""

from __future__ import annotations

import http.server
import io
import json
import re
import threading
from pathlib import Path
from typing import Any

import docx
import pypdf
from flask import Flask

from doc_service import create_app
from schemas.catalogue import DOCUMENT_TYPES, sample_case_path

__all__ = ["DOCUMENT_TYPES", "load_example", "make_app"]

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

Body = dict[str, Any]


def load_example(document_type: str) -> Body:
    """Return a fresh zh-CN PDF request for the sample case a document type ships with."""
    case = json.loads(sample_case_path(document_type).read_text("utf-8"))
    return {"document_type": document_type, "format": "pdf", "locale": "zh-CN", "case": case}


def render_body(body: Body, *, specimen: bool = False) -> bytes:
    """Render a request body straight through the renderer (no app, no audit record)."""
    from doc_service.audit import canonical_payload
    from doc_service.config import DEFAULTS
    from doc_service.render import RenderJob, render_document
    from doc_service.render.registry import TemplateRegistry
    from schemas import DocumentRequestSchema

    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = TemplateRegistry(Path(DEFAULTS["TEMPLATE_ROOT"]))
    request = DocumentRequestSchema().load(body)
    _, digest = canonical_payload(request["case"])
    kind, fmt, locale = request["document_type"], request["format"], request["locale"]
    job = RenderJob(kind, fmt, locale, request["case"], digest, specimen=specimen)
    return render_document(job=job, template=_REGISTRY.current(kind, locale)).content


_REGISTRY: Any = None


def make_app(tmp_path: Path, **overrides: Any) -> Flask:
    """Build an app whose state lives under tmp_path."""
    settings = {"DATA_DIR": str(tmp_path / "var"), "TESTING": True}
    settings.update(overrides)
    return create_app(settings)


def pdf_pages(data: bytes) -> list[str]:
    """Return the extracted text of each PDF page."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [page.extract_text() or "" for page in reader.pages]


def docx_text(data: bytes) -> str:
    """Return the text of a DOCX: body paragraphs and tables in order, then headers and footers."""
    document = docx.Document(io.BytesIO(data))
    parts: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append(
                "".join(node.text or "" for node in child.iter() if node.tag.endswith("}t"))
            )
        elif tag == "tbl":
            for cell_text in child.iter():
                if cell_text.tag.endswith("}t") and cell_text.text:
                    parts.append(cell_text.text)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def compact(text: str) -> str:
    """Drop all whitespace, so words wrapped across PDF lines compare equal."""
    return re.sub(r"\s+", "", text)


def document_text(data: bytes, fmt: str) -> str:
    """Return the compact text of a PDF, DOCX or HTML document."""
    if fmt == "pdf":
        return compact("".join(pdf_pages(data)))
    if fmt == "docx":
        return compact(docx_text(data))
    import html as html_module

    text = re.sub(r"<style.*?</style>|<title>.*?</title>", "", data.decode(), flags=re.S)
    return compact(html_module.unescape(re.sub(r"<[^>]+>", "", text)))


class Canary:
    """A local HTTP server that counts every request it receives."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        canary = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                canary.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/css")
                self.end_headers()
                self.wfile.write(b"body{}")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
