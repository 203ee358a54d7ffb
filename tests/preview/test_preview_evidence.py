"""The preview page edits the litigation notice's evidence list like any list of the case."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdf
import pytest
from flask import Flask
from preview_support import CHROMIUM, LiveServer

from doc_service import create_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = sync_api.expect

RENAMED = "借款合同原件及补充协议"
ADDED = ("催收通话录音", "证明本司已多次催告借款人还款")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return create_app({"DATA_DIR": str(tmp_path_factory.mktemp("evidence")), "TESTING": True})


def field(page: Any, path: str) -> Any:
    return page.locator(f'[data-path="{path}"]')


def specimen(page: Any) -> Any:
    return page.frame_locator("#doc-frame").locator("body")


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in reader.pages))


def expected_error(app: Flask, path: str) -> str:
    """Return the API's own message for pages 0, in Chinese."""
    with app.test_client() as client:
        body = client.get("/v1/templates/litigation_notice/zh-CN").get_json()["sample_request"]
        body["case"]["litigation"]["evidence"][0]["pages"] = 0
        response = client.post("/v1/previews", json=body, headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 422
    return "；".join(response.get_json()["errors"][f"case.{path}"])


def test_a_reviewer_edits_adds_and_removes_evidence(
    app: Flask,
    live_server: Callable[[Flask], LiveServer],
    page: Any,
    shoot: Callable[[Any, str], None],
) -> None:
    server = live_server(app)
    page.goto(f"{server.url}/preview#litigation_notice/zh-CN")
    first = "litigation.evidence.0"
    expect(field(page, f"{first}.title")).to_have_value(re.compile("借款合同"))
    expect(field(page, f"{first}.pages")).to_have_value("12")
    expect(page.locator('[data-path="litigation.evidence"] .list-title')).to_have_text("证据")
    expect(specimen(page)).to_contain_text("证据目录")

    # an edited title shows in the specimen's table
    field(page, f"{first}.title").fill(RENAMED)
    expect(specimen(page).locator("table.evidence")).to_contain_text(RENAMED)

    # a fourth exhibit, shaped like the others
    page.click('button[data-add="litigation.evidence"]')
    added = "litigation.evidence.3"
    expect(field(page, f"{added}.title")).to_be_focused()
    field(page, f"{added}.title").fill(ADDED[0])
    field(page, f"{added}.purpose").fill(ADDED[1])
    field(page, f"{added}.pages").fill("2")
    row = specimen(page).locator("table.evidence tbody tr").nth(3)
    expect(row).to_contain_text(ADDED[0])
    expect(row).to_contain_text(ADDED[1])
    shoot(page, "evidence-added")

    # a bad page count: the API's message at that field
    field(page, f"{first}.pages").fill("0")
    error = page.locator(f'.field.invalid:has([data-path="{first}.pages"]) .field-error')
    expect(error).to_have_text(expected_error(app, f"{first}.pages"))
    field(page, f"{first}.pages").fill("12")
    expect(page.locator(".field.invalid")).to_have_count(0)

    # the second exhibit removed: three rows, the added one now third
    page.click('button[data-remove="litigation.evidence.1"]')
    expect(specimen(page).locator("table.evidence tbody tr")).to_have_count(3)
    expect(specimen(page).locator("table.evidence")).not_to_contain_text("放款凭证")

    with page.expect_download() as download:
        page.click("#download-pdf")
    text = pdf_text(Path(download.value.path()).read_bytes())
    assert RENAMED in text and ADDED[0] in text and "放款凭证" not in text
    assert not [m for m in page.console_messages if m.startswith("pageerror")]
