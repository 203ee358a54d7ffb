"""The preview page end to end in a real headless Chromium against a real server."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdf
import pytest
from flask import Flask
from preview_support import CHROMIUM, EDITED, MARK, LiveServer, PinnedTemplates, example_request

from doc_service import create_app

NEW_NAME = "李四海"
BAD_ID = "110105198503075419"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}"),
]
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed (pip install playwright)"
)


def field(page: Any, path: str) -> Any:
    return page.locator(f'[data-path="{path}"]')


def field_error(page: Any, path: str) -> Any:
    return page.locator(f'.field.invalid:has([data-path="{path}"]) .field-error')


def document(page: Any) -> Any:
    return page.frame_locator("#doc-frame").locator("body")


def expected_errors(app: Flask, body: dict[str, Any], language: str) -> dict[str, list[str]]:
    """Return the errors the API itself gives for a body, in a language."""
    with app.test_client() as client:
        response = client.post("/v1/previews", json=body, headers={"Accept-Language": language})
    assert response.status_code == 422
    return response.get_json()["errors"]


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in reader.pages))


def other_template(app: Flask) -> tuple[str, str]:
    """Return a template of another type, in a locale other than zh-CN when one exists."""
    with app.test_client() as client:
        templates = client.get("/v1/templates").get_json()["templates"]
    others = [t for t in templates if t["document_type"] != EDITED[0]]
    assert others, "only one document type is installed"
    preferred = [t for t in others if t["document_type"] == "lawyer_letter"] or others
    chosen = next((t for t in preferred if t["locale"] != "zh-CN"), preferred[0])
    return chosen["document_type"], chosen["locale"]


def test_a_reviewer_edits_a_case_sees_errors_downloads_and_compares(
    pinned_app: Flask,
    pinned: PinnedTemplates,
    live_server: Callable[[Flask], LiveServer],
    page: Any,
    shoot: Callable[[Any, str], None],
) -> None:
    expect = sync_api.expect
    server = live_server(pinned_app)
    document_type, locale = EDITED
    page.goto(f"{server.url}/preview")

    # opens in Chinese on the first template, with the sample case rendered in the frame
    expect(page.locator("#editor-heading")).to_have_text("案件信息")
    expect(field(page, "debtor.name")).to_have_value(re.compile(r".+"))
    # no script runs in the specimen; same-origin only lets the page mark and measure it
    assert page.get_attribute("#doc-frame", "sandbox") == "allow-same-origin"
    sample_name = field(page, "debtor.name").input_value()
    expect(document(page)).to_contain_text(sample_name)
    shoot(page, "zh-initial")

    # another type and locale: its own sections, its own language in the document
    other_type, other_locale = other_template(pinned_app)
    page.select_option("#type-select", other_type)
    page.select_option("#locale-select", other_locale)
    expect(page.frame_locator("#doc-frame").locator("html")).to_have_attribute("lang", other_locale)
    if other_type == "lawyer_letter":
        expect(page.locator('[data-section="law_firm"]')).to_be_visible()
        expect(field(page, "law_firm.lawyers.0.license_number")).to_be_visible()
    shoot(page, "zh-other-template")

    # back to the template with two versions
    page.select_option("#type-select", document_type)
    page.select_option("#locale-select", locale)
    expect(page.frame_locator("#doc-frame").locator("html")).to_have_attribute("lang", locale)
    expect(page.locator('[data-section="law_firm"]')).to_have_count(0)

    # a wrong check digit: the API's message, in Chinese, on the ID field
    body = example_request(pinned_app, document_type, locale, "html")
    body["case"]["debtor"]["id_number"] = BAD_ID
    chinese = expected_errors(pinned_app, body, "zh-CN")["case.debtor.id_number"]
    english = expected_errors(pinned_app, body, "en")["case.debtor.id_number"]
    field(page, "debtor.id_number").fill(BAD_ID)
    expect(field_error(page, "debtor.id_number")).to_have_text("；".join(chinese))
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#stale")).to_be_visible()
    shoot(page, "zh-error")

    # in English, the same error comes back in English
    page.click('[data-lang="en"]')
    expect(page.locator("#editor-heading")).to_have_text("Case")
    expect(field_error(page, "debtor.id_number")).to_have_text("; ".join(english))
    shoot(page, "en-error")
    page.click('[data-lang="zh"]')
    expect(field_error(page, "debtor.id_number")).to_have_text("；".join(chinese))

    # fixed, with a new debtor: the error goes and the preview shows the new name
    field(page, "debtor.id_number").fill(pinned_app_valid_id(pinned_app))
    field(page, "debtor.name").fill(NEW_NAME)
    expect(document(page)).to_contain_text(NEW_NAME)
    expect(page.locator(".field.invalid")).to_have_count(0)
    expect(page.locator("#error-summary")).to_be_hidden()
    expect(page.locator("#compliance")).to_be_visible()

    # the PDF specimen carries the new name
    with page.expect_download() as download:
        page.click("#download-pdf")
    saved = Path(download.value.path())
    assert download.value.suggested_filename.endswith(".pdf")
    assert NEW_NAME in pdf_text(saved.read_bytes())

    # the comparison of the pinned version with today's shows the edited sentence
    page.click("#tab-diff")
    expect(page.locator("#base-select")).to_have_value(pinned.old_version)
    changed = page.locator("#diff-rows tr.op-replace")
    expect(changed).to_have_count(1)
    expect(changed.locator("ins")).to_have_text(MARK)
    expect(changed.locator("td.side-base")).to_have_text(pinned.old_sentence)
    expect(changed.locator("td.side-head")).to_have_text(pinned.new_sentence)
    shoot(page, "zh-diff")
    page.click('[data-lang="en"]')
    expect(page.locator("#diff-summary")).to_contain_text("1 changed")
    shoot(page, "en-diff")

    violations = [m for m in page.console_messages if "Content Security Policy" in m]
    assert not violations, violations
    assert not [m for m in page.console_messages if m.startswith("pageerror")]


def pinned_app_valid_id(app: Flask) -> str:
    body = example_request(app, *EDITED, "html")
    return str(body["case"]["debtor"]["id_number"])


@pytest.fixture(scope="module")
def auth_app(pinned: PinnedTemplates) -> Flask:
    keys = {"legal": {"key": "reviewer-secret-0123456789", "roles": ["reviewer"]}}
    return create_app(pinned.settings(AUTH="on", API_KEYS=keys))


def test_with_auth_on_the_page_asks_for_a_key_and_keeps_it_for_the_tab(
    auth_app: Flask,
    live_server: Callable[[Flask], LiveServer],
    page: Any,
    shoot: Callable[[Any, str], None],
) -> None:
    expect = sync_api.expect
    server = live_server(auth_app)
    sent: list[str | None] = []
    page.on(
        "request",
        lambda request: (
            sent.append(request.headers.get("authorization")) if "/v1/" in request.url else None
        ),
    )
    page.goto(f"{server.url}/preview")
    dialog = page.locator("#auth-dialog")
    expect(dialog).to_be_visible()
    page.fill("#auth-key", "wrong-key")
    page.click("#auth-submit")
    expect(page.locator("#auth-error")).to_be_visible()
    shoot(page, "zh-auth")
    page.fill("#auth-key", "reviewer-secret-0123456789")
    page.click("#auth-submit")
    expect(dialog).to_be_hidden()
    expect(field(page, "debtor.name")).to_have_value(re.compile(r".+"))
    expect(document(page)).to_contain_text(field(page, "debtor.name").input_value())
    assert page.evaluate("Object.values(sessionStorage)") == ["reviewer-secret-0123456789"]
    assert sent[-1] == "Bearer reviewer-secret-0123456789"

    # a reload in the same tab needs no new key
    sent.clear()
    page.reload()
    expect(field(page, "debtor.name")).to_have_value(re.compile(r".+"))
    expect(dialog).to_be_hidden()
    assert sent and all(header == "Bearer reviewer-secret-0123456789" for header in sent)


def test_the_specimens_banner_speaks_the_letters_language(
    pinned_app: Flask, live_server: Callable[[Flask], LiveServer], page: Any
) -> None:
    expect = sync_api.expect
    server = live_server(pinned_app)
    banner = page.frame_locator("#doc-frame").locator(".compliance-banner")
    # the page in Chinese, the specimen in English: the banner on the letter is English
    page.goto(f"{server.url}/preview#litigation_notice/en-GB")
    expect(page.locator("#editor-heading")).to_have_text("案件信息")
    field(page, "loan.overdue_annual_rate").fill("0.3000")
    expect(banner).to_contain_text("overdue annual rate 30.00% exceeds")
    # the page in English, the specimen in Chinese: the banner on the letter is Chinese
    page.click('[data-lang="en"]')
    page.select_option("#locale-select", "zh-CN")
    expect(page.frame_locator("#doc-frame").locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator("#editor-heading")).to_have_text("Case")
    field(page, "loan.overdue_annual_rate").fill("0.3000")
    expect(banner).to_contain_text("逾期年利率")


def test_the_form_offers_joint_borrowers_and_guarantors(
    pinned_app: Flask, live_server: Callable[[Flask], LiveServer], page: Any
) -> None:
    expect = sync_api.expect
    server = live_server(pinned_app)
    page.goto(f"{server.url}/preview")
    expect(field(page, "debtor.name")).to_have_value(re.compile(r".+"))
    for section in ("co_debtors", "guarantors"):
        expect(page.locator(f'button[data-add="{section}"]')).to_be_visible()
    # an added guarantor has every field of the joint example's, the guarantee type a choice
    page.click('button[data-add="guarantors"]')
    expect(field(page, "guarantors.0.guarantee_contract_number")).to_be_visible()
    expect(field(page, "guarantors.0.guarantee_type")).to_be_visible()
    expect(field(page, "guarantors.0.legal_representative")).to_be_visible()
