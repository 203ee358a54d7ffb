"""Shared fixtures: an app on a temporary data dir, example bodies, text of rendered documents."""

from __future__ import annotations

import copy
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest
from flask import Flask
from flask.testing import FlaskClient

from doc_service import create_app

EXAMPLES_DIR = Path(__file__).resolve().parent / "fixtures" / "examples"
DOCUMENT_TYPES = ("dunning_letter", "lawyer_letter", "litigation_notice", "repayment_agreement")
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

Body = dict[str, Any]


def load_example(document_type: str) -> Body:
    """Return a fresh copy of the shared example request of one document type."""
    return json.loads((EXAMPLES_DIR / f"{document_type}.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def examples() -> dict[str, Body]:
    """Return every example request, keyed by document type (copy before changing)."""
    return {name: load_example(name) for name in DOCUMENT_TYPES}


@pytest.fixture
def example() -> Callable[[str], Body]:
    """Return a factory of fresh example bodies."""
    return lambda document_type="dunning_letter": copy.deepcopy(load_example(document_type))


def make_app(tmp_path: Path, **overrides: Any) -> Flask:
    """Build an app whose state lives under tmp_path."""
    settings = {"DATA_DIR": str(tmp_path / "var"), "TESTING": True}
    settings.update(overrides)
    return create_app(settings)


@pytest.fixture(scope="session")
def shared_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """Return one app per test process, for tests that only render (templates compile once)."""
    return make_app(tmp_path_factory.mktemp("shared"))


@pytest.fixture
def client(shared_app: Flask) -> Iterator[FlaskClient]:
    """Return a test client of the shared app."""
    with shared_app.test_client() as test_client:
        yield test_client


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    """Return a fresh app with its own database and blob store."""
    return make_app(tmp_path)


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
            parts.append("".join(node.text or "" for node in child.iter() if node.tag.endswith("}t")))
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


@pytest.fixture
def render(client: FlaskClient) -> Callable[..., Any]:
    """Return a helper that POSTs a preview and returns the response, asserting success."""

    def _render(body: Body, fmt: str, **headers: str) -> Any:
        response = client.post("/v1/previews", json={**body, "format": fmt}, headers=headers)
        assert response.status_code == 200, response.get_data(as_text=True)[:2000]
        return response

    return _render


def document_text(data: bytes, fmt: str) -> str:
    """Return the compact text of a PDF, DOCX or HTML document."""
    if fmt == "pdf":
        return compact("".join(pdf_pages(data)))
    if fmt == "docx":
        return compact(docx_text(data))
    import html as html_module

    text = re.sub(r"<style.*?</style>|<title>.*?</title>", "", data.decode(), flags=re.S)
    return compact(html_module.unescape(re.sub(r"<[^>]+>", "", text)))
