"""What the preview page relies on from the service: saved cases, download names, tagged PDFs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from flask import Flask

from doc_service import create_app
from tests.support import DOCUMENT_TYPES, load_example, make_app

KEYS = {
    "legal-a": {"key": "secret-a-0123456789", "roles": ["reviewer"]},
    "legal-b": {"key": "secret-b-0123456789", "roles": ["reviewer"]},
    "clerk": {"key": "secret-c-0123456789", "roles": ["submitter"]},
}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    data = tmp_path_factory.mktemp("preview-service")
    return create_app({"DATA_DIR": str(data), "TESTING": True, "AUTH": "on", "API_KEYS": KEYS})


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_saved_cases_belong_to_the_reviewer_key_that_saved_them(app: Flask) -> None:
    case = load_example("lawyer_letter")["case"]
    case["debtor"]["name"] = "王五"
    with app.test_client() as client:
        put = client.put(
            "/v1/preview-cases/逾期 90 天",
            json={"document_type": "lawyer_letter", "case": case},
            headers=auth("secret-a-0123456789"),
        )
        assert put.status_code == 201, put.get_data(as_text=True)
        again = client.put(
            "/v1/preview-cases/逾期 90 天",
            json={"document_type": "lawyer_letter", "case": case},
            headers=auth("secret-a-0123456789"),
        )
        assert again.status_code == 200
        listed = client.get("/v1/preview-cases", headers=auth("secret-a-0123456789")).get_json()
        assert [c["name"] for c in listed["cases"]] == ["逾期 90 天"]
        loaded = client.get(
            "/v1/preview-cases/逾期 90 天", headers=auth("secret-a-0123456789")
        ).get_json()
        assert loaded["case"]["debtor"]["name"] == "王五"
        assert loaded["document_type"] == "lawyer_letter"

        # another reviewer sees none of them; a submitter may not look at all
        assert client.get("/v1/preview-cases", headers=auth("secret-b-0123456789")).get_json() == {
            "cases": []
        }
        assert (
            client.get(
                "/v1/preview-cases/逾期 90 天", headers=auth("secret-b-0123456789")
            ).status_code
            == 404
        )
        assert (
            client.get("/v1/preview-cases", headers=auth("secret-c-0123456789")).status_code == 403
        )
        assert client.get("/v1/preview-cases").status_code == 401

        deleted = client.delete("/v1/preview-cases/逾期 90 天", headers=auth("secret-a-0123456789"))
        assert deleted.status_code == 204
        assert (
            client.get(
                "/v1/preview-cases/逾期 90 天", headers=auth("secret-a-0123456789")
            ).status_code
            == 404
        )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"document_type": "memo", "case": {}}, "document_type"),
        ({"document_type": "lawyer_letter", "case": []}, "case"),
        ({"document_type": "lawyer_letter", "case": {}, "owner": "x"}, "owner"),
    ],
)
def test_a_bad_saved_case_names_its_field(app: Flask, body: dict[str, Any], field: str) -> None:
    with app.test_client() as client:
        response = client.put("/v1/preview-cases/x", json=body, headers=auth("secret-a-0123456789"))
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


@pytest.mark.parametrize(
    ("locale", "title", "word"),
    [("zh-CN", "律师函", "样稿"), ("zh-HK", "律師函", "樣稿"), ("en-GB", "", "specimen")],
)
def test_specimens_are_named_like_issued_documents(
    app: Flask, locale: str, title: str, word: str
) -> None:
    body = {**load_example("lawyer_letter"), "locale": locale}
    case_id = body["case"]["case_id"]
    with app.test_client() as client:
        response = client.post("/v1/previews", json=body, headers=auth("secret-a-0123456789"))
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    name = unquote(disposition.split("filename*=UTF-8''")[1])
    assert name.endswith(f"-{case_id}-{locale}-{word}.pdf"), name
    assert name.startswith(title)


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="pdfinfo (poppler-utils) is not installed")
@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_issued_and_preview_pdfs_are_tagged(document_type: str, tmp_path: Path) -> None:
    app = make_app(tmp_path)
    # issued in the catalogue's order so escalation lets the later types through
    earlier = DOCUMENT_TYPES[: DOCUMENT_TYPES.index(document_type)]
    with app.test_client() as client:
        for kind in earlier:
            assert client.post("/v1/documents", json=load_example(kind)).status_code == 201
        body = load_example(document_type)
        preview = client.post("/v1/previews", json=body)
        issued = client.post("/v1/documents", json=body, headers={"Accept": "application/pdf"})
    assert preview.status_code == 200
    assert issued.status_code == 201, issued.get_data(as_text=True)
    for kind, data in (("preview", preview.data), ("issued", issued.data)):
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(data)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
        assert re.search(r"^Tagged:\s+yes$", info.stdout, re.M), (kind, info.stdout)
