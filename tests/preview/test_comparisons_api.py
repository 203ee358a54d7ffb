"""Template versions and comparisons over HTTP, the preview page's headers, the diff itself."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

import pytest
from flask import Flask
from preview_support import EDITED, MARK, PinnedTemplates, example_request

from doc_service import create_app
from doc_service.documents.comparison import diff_rows, document_lines, sentences

TYPE, LOCALE = EDITED
VERSIONS_URL = f"/v1/templates/{TYPE}/{LOCALE}/versions"


def comparison_body(app: Flask, **fields: Any) -> dict[str, Any]:
    body = example_request(app, TYPE, LOCALE, "html")
    body.pop("format")
    return {**body, **fields}


def test_versions_lists_current_first_then_the_pinned_one(
    pinned_app: Flask, pinned: PinnedTemplates
) -> None:
    response = pinned_app.test_client().get(VERSIONS_URL)
    assert response.status_code == 200
    versions = response.get_json()["versions"]
    current = pinned_app.extensions["doc_service"].templates.current(TYPE, LOCALE).version
    assert versions[0] == {
        "version": current,
        "first_used_at": None,
        "current": True,
        "committed_at": None,  # this template root is no git checkout
        "subject": None,
        "live": False,
    }
    assert versions[1]["version"] == pinned.old_version != current
    assert versions[1]["current"] is False
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+Z", versions[1]["first_used_at"])


def test_versions_of_an_unknown_template_is_a_404(pinned_app: Flask) -> None:
    response = pinned_app.test_client().get("/v1/templates/dunning_letter/fr-FR/versions")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_comparison_names_the_changed_sentence(pinned_app: Flask, pinned: PinnedTemplates) -> None:
    body = comparison_body(pinned_app, base_version=pinned.old_version)
    response = pinned_app.test_client().post("/v1/previews/comparisons", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    result = response.get_json()
    assert result["base"]["version"] == pinned.old_version
    assert result["base"]["current"] is False and result["base"]["first_used_at"]
    assert result["head"]["current"] is True
    assert result["identical"] is False
    changed = [row for row in result["rows"] if row["op"] != "equal"]
    assert changed == [
        {
            "op": "replace",
            "base": pinned.old_sentence,
            "head": pinned.new_sentence,
            "base_segments": [{"op": "equal", "text": pinned.old_sentence}],
            "head_segments": [
                {"op": "equal", "text": pinned.old_sentence[:-1]},
                {"op": "insert", "text": MARK},
                {"op": "equal", "text": "。"},
            ],
        }
    ]
    assert result["stats"]["replace"] == 1
    # the case is in both renditions, unchanged
    equal = " ".join(row["base"] for row in result["rows"] if row["op"] == "equal")
    assert body["case"]["creditor"]["name"] in equal


def test_comparing_a_version_with_itself_is_identical(pinned_app: Flask) -> None:
    client = pinned_app.test_client()
    current = client.get(VERSIONS_URL).get_json()["versions"][0]["version"]
    body = comparison_body(pinned_app, base_version=current, head_version=current)
    result = client.post("/v1/previews/comparisons", json=body).get_json()
    assert result["identical"] is True
    assert {row["op"] for row in result["rows"]} == {"equal"}


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"base_version": "0" * 64}, "base_version"),
        ({"base_version": "not-a-digest"}, "base_version"),
        ({}, "base_version"),
        ({"base_version": "0" * 64, "format": "pdf"}, "format"),
    ],
)
def test_bad_versions_are_named(pinned_app: Flask, fields: dict[str, Any], path: str) -> None:
    body = comparison_body(pinned_app, **fields)
    response = pinned_app.test_client().post("/v1/previews/comparisons", json=body)
    assert response.status_code == 422
    assert path in response.get_json()["errors"]


def test_an_invalid_case_is_a_localised_422_naming_the_field(
    pinned_app: Flask, pinned: PinnedTemplates
) -> None:
    body = comparison_body(pinned_app, base_version=pinned.old_version)
    body["case"]["debtor"]["id_number"] = "110105198503075419"
    client = pinned_app.test_client()
    english = client.post("/v1/previews/comparisons", json=body)
    assert english.status_code == 422
    assert english.get_json()["errors"]["case.debtor.id_number"] == ["check digit does not match"]
    chinese = client.post(
        "/v1/previews/comparisons", json=body, headers={"Accept-Language": "zh-CN"}
    )
    assert "case.debtor.id_number" in chinese.get_json()["errors"]


def test_both_endpoints_are_in_the_openapi_description(pinned_app: Flask) -> None:
    spec = pinned_app.test_client().get("/openapi.json").get_json()
    versions = spec["paths"]["/v1/templates/{document_type}/{locale}/versions"]["get"]
    comparisons = spec["paths"]["/v1/previews/comparisons"]["post"]
    assert "200" in versions["responses"] and "200" in comparisons["responses"]
    request_schema = comparisons["requestBody"]["content"]["application/json"]["schema"]
    assert {"document_type", "case", "base_version"} <= set(request_schema["required"])


@pytest.fixture(scope="module")
def auth_app(pinned: PinnedTemplates) -> Flask:
    keys = {
        "legal": {"key": "reviewer-secret-0123456789", "roles": ["reviewer"]},
        "upstream": {"key": "submitter-secret-0123456789", "roles": ["submitter"]},
    }
    return create_app(pinned.settings(AUTH="on", API_KEYS=keys))


def test_endpoints_need_the_reviewer_role(auth_app: Flask, pinned: PinnedTemplates) -> None:
    client = auth_app.test_client()
    assert client.get(VERSIONS_URL).status_code == 401
    submitter = {"Authorization": "Bearer submitter-secret-0123456789"}
    reviewer = {"Authorization": "Bearer reviewer-secret-0123456789"}
    assert client.get(VERSIONS_URL, headers=submitter).status_code == 403
    assert client.get(VERSIONS_URL, headers=reviewer).status_code == 200
    body = {"base_version": pinned.old_version}
    assert client.post("/v1/previews/comparisons", json=body).status_code == 401
    assert client.post("/v1/previews/comparisons", json=body, headers=submitter).status_code == 403


def test_the_page_shell_is_served_to_anyone_under_a_strict_policy(auth_app: Flask) -> None:
    client = auth_app.test_client()
    response = client.get("/preview")
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    header = response.headers["Content-Security-Policy"]
    policy = dict(directive.strip().split(" ", 1) for directive in header.split(";"))
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["default-src"] == "'none'"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "http" not in response.headers["Content-Security-Policy"]
    page = response.get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)", page), "inline script"
    assert not re.search(r"\son[a-z]+=", page), "inline event handler"
    assert not re.search(r"\sstyle=|<style", page), "inline style"
    assert not re.search(r"(src|href)=\"(https?:)?//", page), "resource from elsewhere"
    for asset in re.findall(r'(?:src|href)="(/preview/static/[^"]+)"', page):
        static = client.get(asset)
        assert static.status_code == 200, asset
        assert static.headers["X-Content-Type-Options"] == "nosniff"
        static.close()


def test_the_policy_allows_exactly_the_styles_of_the_html_specimen(pinned_app: Flask) -> None:
    client = pinned_app.test_client()
    policy = client.get("/preview").headers["Content-Security-Policy"]
    body = example_request(pinned_app, "dunning_letter", "zh-CN", "html")
    html = client.post("/v1/previews", json=body).get_data(as_text=True)
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert styles
    for style in styles:
        digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_static_files_never_reach_outside_the_service(pinned_app: Flask) -> None:
    client = pinned_app.test_client()
    for name in ("app.js", "api.js", "form.js", "diff.js", "i18n.js", "frame.js", "preview.css"):
        response = client.get(f"/preview/static/{name}")
        text = response.get_data(as_text=True)
        response.close()
        assert not re.search(r"https?://", text), name
        assert "innerHTML" not in text and "eval(" not in text, name


def test_document_text_is_split_into_sentences() -> None:
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body><h1>催收函</h1>"
        "<p>第一句。第二句！</p><table><tr><td>本金</td><td>1.00</td></tr></table>"
        "<p>First one. Second one? third</p><div class='specimen'>样稿</div></body></html>"
    )
    lines = document_lines(html)
    cell = "本金 | 1.00"
    assert lines == ["催收函", "第一句。第二句！", cell, "First one. Second one? third"]
    assert sentences(lines) == [
        "催收函", "第一句。", "第二句！", cell, "First one.", "Second one? third",
    ]  # fmt: skip


def test_diff_rows_align_replacements_deletions_and_insertions() -> None:
    rows = diff_rows(["a", "b", "c", "d"], ["a", "B", "d", "e"])
    assert [(row["op"], row["base"], row["head"]) for row in rows] == [
        ("equal", "a", "a"),
        ("replace", "b", "B"),
        ("delete", "c", None),
        ("equal", "d", "d"),
        ("insert", None, "e"),
    ]
    assert rows[1]["base_segments"] == [{"op": "delete", "text": "b"}]
    assert rows[1]["head_segments"] == [{"op": "insert", "text": "B"}]
