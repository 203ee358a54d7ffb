"""A wording change reviewed before it goes live: the working tree against committed versions."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from preview_support import MARK, LiveServer, edit_a_clause, example_request

from doc_service import create_app
from doc_service.config import DEFAULTS
from doc_service.documents.comparison import document_lines, sentences

TYPE, LOCALE = "lawyer_letter", "zh-CN"  # never issued: the audit store knows no version of it
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Legal",
    "GIT_AUTHOR_EMAIL": "legal@example.invalid",
    "GIT_COMMITTER_NAME": "Legal",
    "GIT_COMMITTER_EMAIL": "legal@example.invalid",
    "GIT_AUTHOR_DATE": "2025-03-07T09:30:00+00:00",
    "GIT_COMMITTER_DATE": "2025-03-07T09:30:00+00:00",
    "PATH": "/usr/bin:/bin",
    "HOME": "/nonexistent",
}

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, env=GIT_ENV, capture_output=True)


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Flask, str, str]:
    """A template root under git: HEAD is live, the working tree edits one sentence."""
    base = tmp_path_factory.mktemp("working-tree")
    root = base / "legal"
    shutil.copytree(DEFAULTS["TEMPLATE_ROOT"], root)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "律师函措辞定稿")
    settings = {"DATA_DIR": str(base / "var"), "TEMPLATE_ROOT": str(root), "TESTING": True}
    app = create_app(settings)
    body = {**example_request(app, TYPE, LOCALE, "html")}
    html = app.test_client().post("/v1/previews", json=body).get_data(as_text=True)
    old, new = edit_a_clause(root / TYPE / LOCALE / "clauses.yaml", sentences(document_lines(html)))
    app.extensions["doc_service"].engine.dispose()
    return create_app(settings), old, new


def test_the_live_committed_version_is_listed_and_compared_with_the_working_tree(
    reviewed: tuple[Flask, str, str],
) -> None:
    app, old, new = reviewed
    client = app.test_client()
    versions = client.get(f"/v1/templates/{TYPE}/{LOCALE}/versions").get_json()["versions"]
    assert versions[0]["current"] is True and versions[0]["live"] is False
    live = versions[1]
    assert live["live"] is True
    assert live["subject"] == "律师函措辞定稿"
    assert live["committed_at"] == "2025-03-07T09:30:00Z"
    assert live["first_used_at"] is None  # never issued, still comparable

    body = example_request(app, TYPE, LOCALE, "html")
    body.pop("format")
    response = client.post(
        "/v1/previews/comparisons", json={**body, "base_version": live["version"]}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    changed = [row for row in response.get_json()["rows"] if row["op"] != "equal"]
    assert [(row["base"], row["head"]) for row in changed] == [(old, new)]


@pytest.mark.browser
def test_the_compare_tab_reviews_the_change_names_versions_and_exports_a_report(
    reviewed: tuple[Flask, str, str],
    live_server: Callable[[Flask], LiveServer],
    open_page: Callable[..., Any],
    shoot: Callable[[Any, str], None],
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    expect = sync_api.expect
    app, old, new = reviewed
    server = live_server(app)
    page = open_page(1400, 1000)
    page.goto(f"{server.url}/preview#{TYPE}/{LOCALE}")
    page.click("#tab-diff")
    changed = page.locator("#diff-rows tr.op-replace")
    expect(changed).to_have_count(1)
    expect(changed.locator("ins")).to_have_text(MARK)
    expect(changed.locator("td.side-head")).to_have_text(new)
    base = page.locator("#base-select option:checked")
    expect(base).to_contain_text("线上")
    expect(base).to_contain_text("2025年3月7日")
    expect(base).to_contain_text("首处改动")
    expect(page.locator("#head-select option:checked")).to_contain_text("工作区")
    shoot(page, "zh-working-tree-diff-1400")
    with page.expect_download() as download:
        page.click("#export-diff")
    report = Path(download.value.path()).read_text("utf-8")
    assert old in report and new in report
    assert download.value.suggested_filename.endswith(".html")
