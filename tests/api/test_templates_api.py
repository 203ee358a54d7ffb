"""Reviewers see every template with its version and a sample case that renders."""

from __future__ import annotations

from typing import Any

import pytest

from doc_service.render import fonts
from tests.support import DOCUMENT_TYPES, compact, document_text

LOCALES = ("zh-CN", "zh-HK", "zh-TW", "en-US", "en-GB")


def test_catalogue_lists_every_type_and_locale_with_its_own_version(client: Any) -> None:
    templates = client.get("/v1/templates").get_json()["templates"]
    pairs = {(t["document_type"], t["locale"]) for t in templates}
    assert pairs == {(t, loc) for t in DOCUMENT_TYPES for loc in LOCALES}
    versions = [t["version"] for t in templates]
    assert len(set(versions)) == len(versions)
    assert all(len(v) == 64 for v in versions)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_sample_case_of_every_template_renders(
    client: Any, document_type: str, locale: str
) -> None:
    detail = client.get(f"/v1/templates/{document_type}/{locale}").get_json()
    assert detail["id"] == f"{document_type}/{locale}"
    response = client.post("/v1/previews", json={**detail["sample_request"], "format": "docx"})
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert compact(detail["sample_case"]["debtor"]["name"]) in document_text(response.data, "docx")


@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_the_joint_example_is_offered_in_the_templates_locale(
    client: Any, document_type: str
) -> None:
    detail = client.get(f"/v1/templates/{document_type}/en-GB").get_json()
    joint = detail["example_requests"]["joint"]
    assert joint["locale"] == "en-GB"
    assert [g["guarantee_type"] for g in joint["case"]["guarantors"]] == [
        "joint_and_several",
        "general",
    ]
    response = client.post("/v1/previews", json=joint)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    text = document_text(response.data, "pdf")
    assert all(party["name"] in text for party in joint["case"]["co_debtors"])


def test_unknown_template_is_a_problem_404(client: Any) -> None:
    response = client.get("/v1/templates/subpoena/zh-CN")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_openapi_describes_the_public_paths(client: Any) -> None:
    spec = client.get("/openapi.json").get_json()
    for path in (
        "/v1/documents",
        "/v1/documents/{document_id}",
        "/v1/documents/{document_id}/content",
        "/v1/documents/{document_id}/verification",
        "/v1/cases/{case_id}/documents",
        "/v1/verifications",
        "/v1/audit/events",
        "/v1/audit/chain",
        "/v1/templates",
        "/v1/templates/{document_type}/{locale}",
        "/v1/previews",
    ):
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 200


def test_readiness_reports_fonts_subsetting_and_storage(client: Any) -> None:
    body = client.get("/readyz").get_json()
    assert body["status"] == "ready"
    for check in ("font_subsetting", "fonts", "templates", "database", "blob_store"):
        assert body["checks"][check]["ok"] is True, check


def test_service_refuses_to_start_without_font_subsetting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from tests.support import make_app

    monkeypatch.setattr(fonts, "harfbuzz_subsetting_available", lambda: False)
    with pytest.raises(fonts.RendererNotReady, match="libharfbuzz-subset0"):
        make_app(tmp_path)
