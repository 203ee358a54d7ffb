"""Fixtures of the preview page: a template root with a pinned older version, a live server."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from preview_support import (
    EDITED,
    LiveServer,
    PinnedTemplates,
    edit_a_clause,
    example_request,
)

from doc_service import create_app
from doc_service.config import DEFAULTS
from doc_service.documents.comparison import document_lines, sentences


@pytest.fixture(scope="session")
def pinned(tmp_path_factory: pytest.TempPathFactory) -> PinnedTemplates:
    """Issue a document with today's template, then edit a clause: two versions, one pinned."""
    base = tmp_path_factory.mktemp("pinned")
    root = base / "legal"
    shutil.copytree(DEFAULTS["TEMPLATE_ROOT"], root)
    settings = {"DATA_DIR": str(base / "var"), "TEMPLATE_ROOT": str(root), "TESTING": True}
    app = create_app(settings)
    document_type, locale = EDITED
    body = example_request(app, document_type, locale, "pdf")
    with app.test_client() as client:
        issued = client.post("/v1/documents", json=body)
        assert issued.status_code == 201, issued.get_data(as_text=True)
        old_version = issued.get_json()["template"]["version"]
        html = client.post("/v1/previews", json={**body, "format": "html"})
        assert html.status_code == 200
    rendered = sentences(document_lines(html.get_data(as_text=True)))
    old, new = edit_a_clause(root / document_type / locale / "clauses.yaml", rendered)
    app.extensions["doc_service"].engine.dispose()
    return PinnedTemplates(base / "var", root, old_version, old, new)


@pytest.fixture(scope="session")
def pinned_app(pinned: PinnedTemplates) -> Flask:
    """Return an app whose current dunning_letter/zh-CN differs from the pinned one."""
    return create_app(pinned.settings())


@pytest.fixture
def live_server() -> Iterator[Callable[[Flask], LiveServer]]:
    """Return a factory of live servers, all stopped after the test."""
    servers: list[LiveServer] = []

    def start(app: Flask) -> LiveServer:
        server = LiveServer(app)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
