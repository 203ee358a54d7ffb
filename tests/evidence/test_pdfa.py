"""Issued PDFs are PDF/A-3u with the case and a manifest as associated files (structural checks).

veraPDF is the validator to run where it exists; these tests check the parts it would look at
first: the XMP identification, the output intent, embedded fonts with widths, no encryption and
the associated files with their relationships and fixed dates.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pypdf
import pytest

from tests.support import load_example, make_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    app = make_app(tmp_path_factory.mktemp("pdfa"))
    with app.test_client() as test_client:
        yield test_client
    app.extensions["doc_service"].engine.dispose()


def issue(client: Any, body: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    response = client.post("/v1/documents", json=body)
    assert response.status_code == 201, response.get_data(as_text=True)
    record = response.get_json()
    return record, client.get(record["links"]["content"]).data


def fonts(reader: pypdf.PdfReader) -> list[Any]:
    found = []
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            found.append(font.get_object())
    return found


def test_an_issued_pdf_is_pdf_a_3u_with_the_case_inside(client: Any) -> None:
    record, data = issue(client, load_example("dunning_letter"))
    reader = pypdf.PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="U"' in xmp
    intent = root["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1" and "/DestOutputProfile" in intent
    assert "/Encrypt" not in reader.trailer
    for font in fonts(reader):
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
        assert "/W" in descendant or "/Widths" in descendant, font["/BaseFont"]
    associated = [ref.get_object() for ref in root["/AF"]]
    assert len(associated) == 2 == len({id(a) for a in associated})  # each file listed once
    by_name = {a["/F"]: a for a in associated}
    assert by_name["case.json"]["/AFRelationship"] == "/Source"
    assert by_name["manifest.json"]["/AFRelationship"] == "/Data"
    case = by_name["case.json"]["/EF"]["/F"].get_object()
    assert hashlib.sha256(case.get_data()).hexdigest() == record["payload_sha256"]
    assert case["/Params"]["/CreationDate"].startswith("D:20250307")  # the issue date
    manifest = json.loads(by_name["manifest.json"]["/EF"]["/F"].get_object().get_data())
    assert manifest["template"]["version"] == record["template"]["version"]
    assert reader.pages[0].extract_text()  # still a letter to read
    report = client.get(f"/v1/documents/{record['id']}/verification").get_json()
    assert report["ok"] and report["reproducible"]


def test_pdf_variant_null_issues_a_plain_pdf(client: Any) -> None:
    record, data = issue(client, {**load_example("lawyer_letter"), "pdf_variant": None})
    reader = pypdf.PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert "/AF" not in root and "/OutputIntents" not in root
    report = client.get(f"/v1/documents/{record['id']}/verification").get_json()
    assert report["ok"] and report["reproducible"]
    bad = client.post(
        "/v1/documents", json={**load_example("lawyer_letter"), "pdf_variant": "pdf/x"}
    )
    assert bad.status_code == 422 and "pdf_variant" in bad.get_json()["errors"]


def test_previews_stay_plain(client: Any, tmp_path: Path) -> None:
    preview = client.post("/v1/previews", json=load_example("dunning_letter"))
    assert preview.status_code == 200
    root = pypdf.PdfReader(io.BytesIO(preview.data)).trailer["/Root"]
    assert "/AF" not in root
