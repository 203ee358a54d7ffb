"""Fixtures of the preview page: a template root with a pinned older version, a live server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from preview_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    EDITED,
    TIMEOUT_MS,
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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Launch Debian's Chromium once per module, or skip when it or Playwright is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """Return a factory of pages in fresh contexts (own storage), closed after the test."""
    contexts: list[Any] = []

    def make(width: int = 1440, height: int = 900, **options: Any) -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": height},
            accept_downloads=True,
            locale="en-US",  # the page must not follow the browser's language
            **options,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        opened = context.new_page()
        opened.console_messages = []
        opened.on("console", lambda message: opened.console_messages.append(message.text))
        opened.on("pageerror", lambda error: opened.console_messages.append(f"pageerror: {error}"))
        return opened

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page: Callable[..., Any]) -> Any:
    """Return a page at 1440×900."""
    return open_page()


@pytest.fixture
def shoot(tmp_path: Path) -> Callable[[Any, str], None]:
    """Save a screenshot, also into DOC_SERVICE_SCREENSHOT_DIR when that is set."""
    wanted = os.environ.get("DOC_SERVICE_SCREENSHOT_DIR")

    def take(page: Any, name: str) -> None:
        data = page.screenshot(path=str(tmp_path / f"{name}.png"))
        if wanted:
            Path(wanted).mkdir(parents=True, exist_ok=True)
            (Path(wanted) / f"{name}.png").write_bytes(data)

    return take
