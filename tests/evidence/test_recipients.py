"""The recipient's check: public, rate-limited, four facts only, and an answer about a file."""

from __future__ import annotations

import io
import re
from pathlib import Path

from tests.support import load_example, make_app


def test_the_public_page_shows_four_facts_and_checks_a_file(tmp_path: Path) -> None:
    app = make_app(tmp_path, AUTH="on", API_KEYS={"s": {"key": "k" * 32, "roles": ["submitter"]}})
    client = app.test_client()
    body = load_example("dunning_letter")
    issued = client.post(
        "/v1/documents",
        json=body,
        headers={"Authorization": "Bearer " + "k" * 32, "Accept": "application/pdf"},
    )
    assert issued.status_code == 201, issued.get_data(as_text=True)
    document_id = issued.headers["X-Document-Id"]
    page = client.get(f"/verify/{document_id}")  # no key
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "北京示例消费金融有限公司" in html and "催收函" in html and "2025-03-07" in html
    assert "张*" in html
    case = body["case"]
    secrets = [
        "张三",
        case["case_id"],
        case["debtor"]["id_number"],
        case["debtor"]["phone"],
        case["debtor"]["address"],
        case["loan"]["contract_number"],
        case["loan"]["principal"],
        case["arrears"]["principal"],
        case["creditor"]["uscc"],
    ]
    text = re.sub(r"\s+", "", html)
    for secret in secrets:
        assert re.sub(r"\s+", "", str(secret)) not in text, secret
    good = client.post(
        f"/verify/{document_id}", data={"file": (io.BytesIO(issued.data), "letter.pdf")}
    )
    assert "Issued by this service, unaltered" in good.get_data(as_text=True)
    altered = issued.data[:-10] + b"0" * 10
    bad = client.post(f"/verify/{document_id}", data={"file": (io.BytesIO(altered), "letter.pdf")})
    answer = bad.get_data(as_text=True)
    assert "not the document this service issued" in answer and "unaltered" not in answer
    assert client.get("/verify/" + "0" * 32).status_code == 404
    # the form for the printed code needs no key either
    assert client.get("/verify").status_code == 200
    app.extensions["doc_service"].engine.dispose()


def test_the_public_page_is_rate_limited(tmp_path: Path) -> None:
    app = make_app(tmp_path, VERIFY_RATE_PER_MINUTE=3)
    client = app.test_client()
    answers = [client.get("/verify/" + "0" * 32).status_code for _ in range(5)]
    assert answers == [404, 404, 404, 429, 429]
    limited = client.get("/verify/" + "0" * 32)
    assert limited.headers["Retry-After"] == "60"
    assert limited.get_json()["type"].endswith("rate-limited")
    app.extensions["doc_service"].engine.dispose()
