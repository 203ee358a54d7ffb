"""PAdES: issued PDFs are signed with a trusted timestamp; the render stays the signed prefix."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature

from doc_service.evidence.config import signing_config
from doc_service.evidence.keys import validation_context
from doc_service.evidence.localpki import LocalPKI
from doc_service.evidence.signing import signature_report
from tests.evidence.conftest import PASSWORD
from tests.support import DOCX_MEDIA_TYPE, load_example, pdf_pages


def issue(client: Any, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/v1/documents", json=body)
    assert response.status_code == 201, response.get_data(as_text=True)
    record: dict[str, Any] = response.get_json()
    return record


def test_issued_pdf_is_signed_b_t_and_its_render_rebuilds(signing_app: Any, pki: LocalPKI) -> None:
    client = signing_app()
    record = issue(client, load_example("dunning_letter"))
    content = client.get(record["links"]["content"]).data
    assert hashlib.sha256(content).hexdigest() == record["sha256"]
    render = record["render"]
    assert render["size"] < record["size"] == len(content)
    assert hashlib.sha256(content[: render["size"]]).hexdigest() == render["sha256"]
    # pyHanko itself, trusting only the local root, accepts signature and timestamp
    embedded = PdfFileReader(io.BytesIO(content)).embedded_signatures[0]
    context = validation_context((pki.asn1(pki.root),))
    status = validate_pdf_signature(embedded, context, ts_validation_context=context)
    assert status.bottom_line and status.timestamp_validity is not None
    assert status.timestamp_validity.trusted
    assert "张三" in "".join(pdf_pages(content))  # still the same letter to read
    report = client.get(f"/v1/documents/{record['id']}/verification").get_json()
    assert report["ok"] and report["reproducible"] and report["stored_bytes_ok"]
    assert report["signature"]["ok"] and report["signature"]["trusted"]
    assert report["signature"]["coverage"] == "ENTIRE_FILE"
    assert "Local Document Signer" in report["signature"]["signer"]
    # the recipient's signed file is what /v1/verifications recognises
    lookup = client.post("/v1/verifications", data=content).get_json()
    assert lookup["issued"] and lookup["record"]["id"] == record["id"]


def test_pem_key_b_lta_adds_validation_data_and_a_document_timestamp(
    signing_app: Any, pki_files: dict[str, Path]
) -> None:
    client = signing_app(SIGNING_KEY=str(pki_files["pem"]), SIGNATURE_LEVEL="B-LTA")
    record = issue(client, load_example("lawyer_letter"))
    report = client.get(f"/v1/documents/{record['id']}/verification").get_json()
    assert report["ok"] and report["reproducible"]
    assert report["signature"]["document_timestamps"] == 1
    assert report["signature"]["modification_level"] == "LTA_UPDATES"


def test_an_untrusted_root_fails_the_signature_verdict(signing_app: Any, tmp_path: Path) -> None:
    other = LocalPKI.create("Other").write(tmp_path / "other", "other")
    client = signing_app(TRUST_ROOTS=str(other["roots"]))
    record = issue(client, load_example("dunning_letter"))
    report = client.get(f"/v1/documents/{record['id']}/verification").get_json()
    assert report["reproducible"] and report["stored_bytes_ok"] and report["chain_ok"]
    assert report["signature"]["intact"] and not report["signature"]["trusted"]
    assert report["ok"] is False


def test_an_altered_signed_file_is_not_intact(signing_app: Any) -> None:
    client = signing_app()
    record = issue(client, load_example("dunning_letter"))
    content = client.get(record["links"]["content"]).data
    cut = record["render"]["size"] // 2
    # one byte inside the signed range changes: the digest no longer matches
    altered = content[:cut] + bytes([content[cut] ^ 1]) + content[cut + 1 :]
    roots = client.application.extensions["doc_service"].signing.trust_roots
    assert signature_report(altered, roots)["ok"] is False
    assert signature_report(content, roots)["ok"] is True


def test_a_tsa_that_does_not_answer_issues_nothing(signing_app: Any) -> None:
    client = signing_app(TSA_URL="http://127.0.0.1:9/tsa")
    response = client.post("/v1/documents", json=load_example("dunning_letter"))
    assert response.status_code == 503
    problem = response.get_json()
    assert problem["type"].endswith("signing-unavailable")
    assert response.headers["Retry-After"]
    assert client.get("/v1/audit/chain").get_json()["length"] == 0


def test_docx_is_issued_unsigned(signing_app: Any) -> None:
    client = signing_app()
    record = issue(client, {**load_example("dunning_letter"), "format": "docx"})
    assert record["media_type"] == DOCX_MEDIA_TYPE
    assert "render" not in record
    report = client.get(f"/v1/documents/{record['id']}/verification").get_json()
    assert report["ok"] and "signature" not in report


def test_a_signature_larger_than_the_reservation_is_signed_all_the_same(
    pki_files: dict[str, Path], tsa: Any, monkeypatch: Any
) -> None:
    import pypdf

    from doc_service.evidence import signing

    blank = io.BytesIO()
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(blank)
    config = signing_config(
        {"SIGNING_KEY": str(pki_files["p12"]), "SIGNING_KEY_PASSWORD": PASSWORD, "TSA_URL": tsa.url}
    )
    assert config is not None
    monkeypatch.setattr(signing, "RESERVED_BYTES", 64)
    signed = signing.sign_pdf(config, blank.getvalue())
    assert signed.startswith(blank.getvalue())
    assert signature_report(signed, config.trust_roots)["ok"]
