"""A finished batch: refusals per item, an archive matching the records, a duplex print file, a
signed callback."""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from batch_support import CALLBACK_SECRET, Worker, batch_settings, wait_for, with_case

from doc_service.batches.callback import SIGNATURE_HEADER, verify
from tests.support import compact, load_example, make_app, pdf_pages

pytestmark = pytest.mark.slow


class Receiver:
    """An HTTP server on 127.0.0.1 that keeps every POST it gets."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.arrived = threading.Event()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((dict(self.headers), body))
                self.send_response(204)
                self.end_headers()
                outer.arrived.set()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/batches"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.server.shutdown()
    server.server.server_close()


def test_outputs_refusals_and_callback(tmp_path: Path, receiver: Receiver) -> None:
    settings = batch_settings(tmp_path, None)
    app = make_app(tmp_path, **settings)
    client = app.test_client()
    items = [
        with_case(load_example("dunning_letter"), "C-2025-700001", "pdf"),
        with_case(load_example("lawyer_letter"), "C-2025-700002", "pdf"),
        with_case(load_example("dunning_letter"), "C-2025-700003", "docx"),
        with_case(load_example("dunning_letter"), "C-2025-700004", "pdf"),
        with_case(load_example("litigation_notice"), "C-2025-700005", "pdf"),
    ]
    items[3]["case"]["loan"]["annual_interest_rate"] = "0.3600"  # above the legal ceiling
    items[4]["case"]["debtor"]["id_number"] = "not a number"
    body = {
        "items": items,
        "outputs": ["archive", "print_pdf"],
        "callback_url": receiver.url,
        "on_invalid": "skip",
    }
    worker = Worker(settings, tmp_path / "worker.log")
    try:
        response = client.post("/v1/batches", json=body)
        assert response.status_code == 202, response.get_json()
        location = response.headers["Location"]
        summary = wait_for(client, location)
        assert receiver.arrived.wait(60), "no callback"
    finally:
        worker.stop()

    assert summary["status"] == "partially_failed"
    counts = summary["counts"]
    assert (counts["issued"], counts["refused"], counts["invalid"]) == (3, 1, 1)
    refused = client.get(f"{location}/items?status=refused").get_json()["items"]
    assert [item["index"] for item in refused] == [3]
    rules = [v["path"] for v in refused[0]["problem"]["violations"]]
    assert "case.loan.annual_interest_rate" in rules
    invalid = client.get(f"{location}/items?status=invalid").get_json()["items"]
    assert [item["index"] for item in invalid] == [4]
    assert "case.debtor.id_number" in invalid[0]["problem"]["errors"]
    issued = client.get(f"{location}/items?status=issued").get_json()["items"]
    records = {
        item["index"]: client.get(item["document"]["links"]["self"]).get_json() for item in issued
    }

    archive = client.get(f"{location}/archive")
    assert archive.status_code == 200
    assert hashlib.sha256(archive.data).hexdigest() == summary["outputs"]["archive_sha256"]
    with zipfile.ZipFile(io.BytesIO(archive.data)) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        documents = manifest["documents"]
        assert [d["index"] for d in documents] == [0, 1, 2]
        for entry in documents:
            record = records[entry["index"]]
            assert entry["file"].startswith(f"{record['case_id']}_{record['document_type']}")
            assert (entry["document_id"], entry["version"], entry["sha256"]) == (
                record["id"],
                record["version"],
                record["sha256"],
            )
            assert hashlib.sha256(bundle.read(entry["file"])).hexdigest() == record["sha256"]

    printed = client.get(f"{location}/print.pdf")
    assert printed.status_code == 200
    assert hashlib.sha256(printed.data).hexdigest() == summary["outputs"]["print_pdf_sha256"]
    pages = pdf_pages(printed.data)
    expected = 0
    for index in (0, 1):  # the PDF letters; the DOCX one is not in the print file
        letter = pdf_pages(client.get(records[index]["links"]["content"]).data)
        # each letter starts on a right-hand page: an even page count before it
        assert expected % 2 == 0
        assert pages[expected : expected + len(letter)] == letter
        if len(letter) % 2:
            assert compact(pages[expected + len(letter)]) == ""  # the blank back
        expected += len(letter) + len(letter) % 2
    assert len(pages) == expected == summary["outputs"]["print_pdf_pages"]

    headers, sent = receiver.received[0]
    assert verify(CALLBACK_SECRET, headers[SIGNATURE_HEADER], sent)
    assert not verify("another secret", headers[SIGNATURE_HEADER], sent)
    delivered = json.loads(sent)
    assert delivered["id"] == summary["id"]
    assert delivered["status"] == "partially_failed"
    assert delivered["counts"]["issued"] == 3


def test_address_sheets_go_before_each_letter_on_a_front_page(tmp_path: Path) -> None:
    settings = batch_settings(tmp_path, None)
    app = make_app(tmp_path, **settings)
    client = app.test_client()
    chinese = with_case(load_example("dunning_letter"), "C-2025-710001", "pdf")
    english = with_case(load_example("dunning_letter"), "C-2025-710002", "pdf")
    english["locale"] = "en-GB"
    english["case"]["debtor"]["i18n"] = {"en": {"name": "Zhang San", "address": "1 Main St"}}
    body = {
        "items": [chinese, english],
        "outputs": ["print_pdf"],
        "print_pdf": {"address_sheet": True},
    }
    worker = Worker(settings, tmp_path / "worker.log")
    try:
        location = client.post("/v1/batches", json=body).headers["Location"]
        summary = wait_for(client, location)
    finally:
        worker.stop()
    assert summary["status"] == "succeeded", summary
    issued = client.get(f"{location}/items").get_json()["items"]
    letters = [pdf_pages(client.get(i["document"]["links"]["content"]).data) for i in issued]
    printed = client.get(f"{location}/print.pdf")
    assert hashlib.sha256(printed.data).hexdigest() == summary["outputs"]["print_pdf_sha256"]
    pages = pdf_pages(printed.data)
    start = 0
    for item, letter in zip(issued, letters, strict=True):
        sheet = compact(pages[start])
        assert item["document"]["id"] in sheet
        assert compact(pages[start + 1]) == ""  # the sheet's back
        assert pages[start + 2 : start + 2 + len(letter)] == letter
        start += 2 + len(letter) + len(letter) % 2
    assert len(pages) == start == summary["outputs"]["print_pdf_pages"]
    first, second = compact(pages[0]), compact(pages[2 + len(letters[0]) + len(letters[0]) % 2])
    # Chinese post: the address, then the name and 收; English post: the name, then the address
    assert first.index("北京市海淀区中关村大街1号院3号楼502室") < first.index("张三收")
    assert "C-2025-710001" in first
    assert second.index("ZhangSan") < second.index("1MainSt")
