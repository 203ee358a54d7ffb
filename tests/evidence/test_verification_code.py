"""The recipient's verification code and QR code on the last page of every issued document."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import segno

from doc_service.documents.request import load_request
from doc_service.render import render_document
from doc_service.render.verification import (
    PLACEHOLDER_CODE,
    id_prefix,
    verification_code,
    verify_url,
)
from tests.support import docx_text, load_example, make_app, pdf_pages

PUBLIC_URL = "https://documents.example.invalid"
# the mask pattern today's templates pin (_shared/render.json)
QR_MASK = 2
TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "legal"
DOCUMENT_TYPES = ("dunning_letter", "lawyer_letter", "litigation_notice", "repayment_agreement")


def issue(client: Any, document_type: str, fmt: str, locale: str = "zh-CN") -> tuple[dict, bytes]:
    body = {**load_example(document_type), "format": fmt, "locale": locale}
    response = client.post("/v1/documents", json=body)
    assert response.status_code == 201, response.get_data(as_text=True)
    record: dict[str, Any] = response.get_json()
    return record, client.get(record["links"]["content"]).data


@pytest.fixture
def app(tmp_path: Path) -> Any:
    app = make_app(tmp_path, PUBLIC_URL=PUBLIC_URL)
    # a litigation notice needs an earlier letter on the case
    issue(app.test_client(), "dunning_letter", "docx")
    yield app
    app.extensions["doc_service"].engine.dispose()


def test_a_code_names_the_first_60_bits_of_the_id_and_forgives_misreadings() -> None:
    document_id = "0123456789abcdeffedcba9876543210"
    code = verification_code(document_id)
    assert code == "04HM-ASW9-NF6Y"
    assert id_prefix(code) == document_id[:15]
    # lower case, spaces for dashes and O for 0 are what people type; I and L read as 1
    assert id_prefix("o4hmasw9nf6y") == document_id[:15]
    assert id_prefix("0 4HM ASW9 NF6Y") == document_id[:15]
    assert id_prefix("I4HM-ASW9-NF6Y") == id_prefix("14HM-ASW9-NF6Y") == id_prefix("L4HMASW9NF6Y")
    assert id_prefix("I2") is None and id_prefix("0U8T-5CY4-TMFE") is None


@pytest.mark.parametrize("locale", ["zh-CN", "en-GB"])
@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_every_issued_pdf_prints_its_code_on_the_last_page_only(
    app: Any, document_type: str, locale: str
) -> None:
    record, content = issue(app.test_client(), document_type, "pdf", locale)
    pages = pdf_pages(content)
    code = verification_code(record["id"])
    assert code in pages[-1].replace("\n", "")
    assert "documents.example.invalid" in pages[-1]
    assert all(code not in page for page in pages[:-1])


@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_every_issued_docx_ends_with_its_code_and_the_qr_code_of_its_page(
    app: Any, document_type: str
) -> None:
    record, content = issue(app.test_client(), document_type, "docx")
    text = docx_text(content)
    assert f"核验码： \n{verification_code(record['id'])}\n" in text
    assert "扫描二维码，或访问 https://documents.example.invalid/verify 输入核验码" in text
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        images = [name for name in archive.namelist() if name.startswith("word/media/")]
        assert len(images) == 1
        printed = archive.read(images[0])
    expected = io.BytesIO()
    qr = segno.make(verify_url(PUBLIC_URL, record["id"]), error="m", micro=False, mask=QR_MASK)
    qr.save(expected, kind="png", scale=8, border=0)
    assert printed == expected.getvalue()


def test_the_pdf_qr_code_holds_the_verify_url_of_the_document(app: Any) -> None:
    services = app.extensions["doc_service"]
    request = load_request({**load_example("dunning_letter"), "format": "html"})
    job = replace(request.render_job(), document_id="ab" * 16, public_url=PUBLIC_URL)
    template = services.templates.current("dunning_letter", "zh-CN")
    html = render_document(job=job, template=template).content.decode("utf-8")
    qr = segno.make(f"{PUBLIC_URL}/verify/{'ab' * 16}", error="m", micro=False, mask=QR_MASK)
    assert qr.svg_data_uri(border=0, omitsize=True) in html
    assert verification_code("ab" * 16) in html


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_specimen_prints_a_placeholder_and_no_code(app: Any, fmt: str) -> None:
    body = {**load_example("lawyer_letter"), "format": fmt}
    response = app.test_client().post("/v1/previews", json=body)
    assert response.status_code == 200
    text = "".join(pdf_pages(response.data)) if fmt == "pdf" else docx_text(response.data)
    assert PLACEHOLDER_CODE in text
    assert "预览不含核验码" in text.replace("\n", "")
    assert "documents.example.invalid" not in text
    if fmt == "docx":
        assert "word/media/" not in "".join(zipfile.ZipFile(io.BytesIO(response.data)).namelist())


def test_the_typed_code_opens_the_documents_page(app: Any) -> None:
    client = app.test_client()
    record, content = issue(client, "dunning_letter", "pdf")
    code = verification_code(record["id"])
    for typed in (code, code.lower().replace("-", ""), code.replace("0", "O")):
        page = client.get(f"/verify/{typed}")
        assert page.status_code == 200, typed
        assert "北京示例消费金融有限公司" in page.get_data(as_text=True)
    checked = client.post(f"/verify/{code}", data={"file": (io.BytesIO(content), "letter.pdf")})
    assert "Issued by this service, unaltered" in checked.get_data(as_text=True)
    form = client.get("/verify")
    assert form.status_code == 200 and 'name="code"' in form.get_data(as_text=True)
    typed = client.get("/verify", query_string={"code": code})
    assert typed.status_code == 303 and typed.headers["Location"].endswith(f"/verify/{code}")
    assert client.get("/verify/ZZZZ-ZZZZ-ZZZZ").status_code == 404
    assert client.get("/verify/not-a-code").status_code == 404


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_document_rebuilds_with_the_address_it_printed(tmp_path: Path, fmt: str) -> None:
    before = make_app(tmp_path, PUBLIC_URL=PUBLIC_URL)
    record, _ = issue(before.test_client(), "lawyer_letter", fmt)
    before.extensions["doc_service"].engine.dispose()
    # the service moved: today's setting must not change what the record printed
    after = make_app(tmp_path, PUBLIC_URL="https://elsewhere.example.invalid")
    report = after.test_client().get(f"/v1/documents/{record['id']}/verification").get_json()
    assert report["ok"] and report["reproducible"], report
    after.extensions["doc_service"].engine.dispose()


def issue_with_older_settings(
    tmp_path: Path, edit: Any, document_type: str, fmt: str
) -> tuple[dict, bytes]:
    """Issue a document from a copy of today's templates whose render.json ``edit`` changed,
    as a version from before that setting existed."""
    old = tmp_path / "templates"
    shutil.copytree(TEMPLATES, old)
    settings_file = old / "_shared" / "render.json"
    settings = json.loads(settings_file.read_text("utf-8"))
    edit(settings)
    settings_file.write_text(json.dumps(settings), "utf-8")
    before = make_app(tmp_path, PUBLIC_URL=PUBLIC_URL, TEMPLATE_ROOT=str(old))
    issued = issue(before.test_client(), document_type, fmt)
    before.extensions["doc_service"].engine.dispose()
    return issued


def assert_rebuilds_under_todays_templates(tmp_path: Path, record: dict) -> None:
    """Check an older version's document still verifies once today's templates are current."""
    after = make_app(tmp_path, PUBLIC_URL=PUBLIC_URL).test_client()
    current = after.get(f"/v1/templates/{record['document_type']}/zh-CN").get_json()["version"]
    assert current != record["template"]["version"]
    report = after.get(f"/v1/documents/{record['id']}/verification").get_json()
    assert report["ok"] and report["reproducible"], report
    after.application.extensions["doc_service"].engine.dispose()


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_documents_issued_before_the_code_still_verify(tmp_path: Path, fmt: str) -> None:
    def without_code(settings: dict) -> None:
        del settings["verification"]

    record, content = issue_with_older_settings(tmp_path, without_code, "dunning_letter", fmt)
    text = "".join(pdf_pages(content)) if fmt == "pdf" else docx_text(content)
    assert verification_code(record["id"]) not in text and "核验码" not in text
    assert_rebuilds_under_todays_templates(tmp_path, record)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_documents_whose_qr_mask_the_encoder_chose_still_verify(tmp_path: Path, fmt: str) -> None:
    def without_mask(settings: dict) -> None:
        del settings["verification"]["qr_mask"]

    record, content = issue_with_older_settings(tmp_path, without_mask, "lawyer_letter", fmt)
    # that version printed the code whose mask the encoder scored best ...
    chosen = segno.make(verify_url(PUBLIC_URL, record["id"]), error="m", micro=False)
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            printed = next(n for n in archive.namelist() if n.startswith("word/media/"))
            expected = io.BytesIO()
            chosen.save(expected, kind="png", scale=8, border=0)
            assert archive.read(printed) == expected.getvalue()

    # ... and still rebuilds to its bytes once today's templates pin a mask
    assert_rebuilds_under_todays_templates(tmp_path, record)


@pytest.mark.postgres
def test_the_typed_code_finds_the_document_on_postgresql(
    tmp_path: Path, postgres_schema_url: str
) -> None:
    app = make_app(tmp_path, PUBLIC_URL=PUBLIC_URL, DATABASE_URL=postgres_schema_url)
    client = app.test_client()
    record, content = issue(client, "dunning_letter", "docx")
    code = verification_code(record["id"])
    assert code in docx_text(content)
    # the id range the code names is read through the primary key under the server's collation
    page = client.get(f"/verify/{code.lower()}")
    assert page.status_code == 200 and "张*" in page.get_data(as_text=True)
    assert client.get("/verify/" + "Z" * 12).status_code == 404
    report = client.get(f"/v1/documents/{record['id']}/verification").get_json()
    assert report["ok"] and report["reproducible"], report
    app.extensions["doc_service"].engine.dispose()
