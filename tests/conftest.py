"""Shared fixtures: an app on a temporary data dir, example bodies, text of rendered documents."""

from __future__ import annotations

import copy
import io
import json
import os
import re
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, make_url, text

from doc_service import create_app
from doc_service.migrate import upgrade

PG_URL_ENV = "DOC_SERVICE_TEST_POSTGRES_URL"
PG_DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """Return the PostgreSQL server URL, or skip when it cannot be reached."""
    url = os.environ.get(PG_URL_ENV) or PG_DEFAULT_URL
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception:
        pytest.skip(f"PostgreSQL not reachable at {_shown(url)}")
    finally:
        engine.dispose()
    return url


@pytest.fixture
def postgres_schema_url(postgres_url: str) -> Iterator[str]:
    """Yield a URL whose search_path is a fresh schema, dropped afterwards."""
    schema = f"t_{secrets.token_hex(6)}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(postgres_url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Return the URL of a freshly migrated, empty audit database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'db' / 'audit.db'}"
    else:
        url = request.getfixturevalue("postgres_schema_url")
    upgrade(url)
    return url


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
