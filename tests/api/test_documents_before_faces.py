"""Documents issued before the pre-subset faces still verify: old versions render as they did."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.support import make_app, pdf_pages

LEGACY = Path(__file__).resolve().parents[1] / "fixtures" / "legacy"
# sha256 of the lawyer's letter the service issued from these files and this payload before
# the faces existed (full Noto collections, the stylesheet naming only them)
LEGACY_SHA256 = "bb748569daad36572b7265798998d7933b822059bb1716f37aa8dcb4ba8db75d"
LEGACY_VERSION = "ab42b2e1ae84a1b156c22ae737a94bcb6904e1ca4bce81d6756f3be214f94779"


def test_a_letter_issued_before_the_faces_still_verifies(tmp_path: Path) -> None:
    body = json.loads((LEGACY / "lawyer_letter.json").read_text("utf-8"))
    # a plain PDF, as every PDF was before issued PDFs became PDF/A-3u
    body["pdf_variant"] = None
    before = make_app(tmp_path, TEMPLATE_ROOT=str(LEGACY / "templates"))
    record = before.test_client().post("/v1/documents", json=body).get_json()
    # the old version renders today byte for byte as it did when it was current
    assert record["template"]["version"] == LEGACY_VERSION
    assert record["sha256"] == LEGACY_SHA256
    before.extensions["doc_service"].engine.dispose()

    after = make_app(tmp_path).test_client()  # today's templates, the same store
    current = after.get("/v1/templates/lawyer_letter/zh-CN").get_json()["version"]
    assert current != LEGACY_VERSION
    report = after.get(f"/v1/documents/{record['id']}/verification").get_json()
    assert report["stored_bytes_ok"] and report["chain_ok"] and report["reproducible"], report
    content = after.get(record["links"]["content"]).data
    assert hashlib.sha256(content).hexdigest() == LEGACY_SHA256
    assert "律师函" in "".join(pdf_pages(content))
