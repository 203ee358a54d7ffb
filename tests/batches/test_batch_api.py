"""Submitting batches: every item checked up front, options refused, idempotency, cancel."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from batch_support import batch_settings, with_case
from flask.testing import FlaskClient

from doc_service.batches.callback import sign, verify
from tests.support import load_example, make_app

PROBLEM = "application/problem+json"


@pytest.fixture
def client(tmp_path: Path) -> FlaskClient:
    # the embedded broker and no worker: submissions stay queued
    return make_app(tmp_path, **batch_settings(tmp_path, None)).test_client()


def letters(count: int) -> list[dict[str, Any]]:
    sample = load_example("dunning_letter")
    return [with_case(sample, f"C-2025-8000{i:02d}") for i in range(count)]


def test_an_invalid_item_refuses_the_batch_by_index_and_path(client: FlaskClient) -> None:
    items = letters(3)
    del items[1]["case"]["debtor"]["name"]
    items[2]["format"] = "html"
    response = client.post("/v1/batches", json={"items": items})
    assert response.status_code == 422
    assert response.mimetype == PROBLEM
    errors = response.get_json()["errors"]
    assert set(errors) == {"items.1.case.debtor.name", "items.2.format"}
    queued = client.get("/v1/batches/" + "0" * 32)
    assert queued.status_code == 404


def test_skip_queues_the_valid_items_and_reports_the_invalid(client: FlaskClient) -> None:
    items = letters(3)
    items[0]["case"]["loan"]["principal"] = "-5"
    response = client.post("/v1/batches", json={"items": items, "on_invalid": "skip"})
    assert response.status_code == 202
    summary = response.get_json()
    assert response.headers["Location"] == f"/v1/batches/{summary['id']}"
    assert summary["status"] == "queued"
    assert summary["counts"] == {
        "total": 3,
        "issued": 0,
        "refused": 0,
        "failed": 0,
        "invalid": 1,
        "cancelled": 0,
        "pending": 2,
    }
    invalid = client.get(f"{response.headers['Location']}/items?status=invalid").get_json()
    assert [item["index"] for item in invalid["items"]] == [0]
    assert "case.loan.principal" in invalid["items"][0]["problem"]["errors"]


def test_a_callback_to_a_host_not_allowed_is_refused(client: FlaskClient) -> None:
    for url in ("http://169.254.169.254/latest", "https://example.com/hook", "file:///etc/passwd"):
        response = client.post("/v1/batches", json={"items": letters(1), "callback_url": url})
        assert response.status_code == 422, url
        assert "callback_url" in response.get_json()["errors"]


def test_ndjson_bodies_beyond_the_single_document_limit(client: FlaskClient) -> None:
    # 200 letters are well over MAX_BODY_BYTES (256 KB) but within the batch limit
    items = letters(1) * 200
    body = "\n".join(json.dumps(item, ensure_ascii=False) for item in items).encode()
    assert len(body) > 256 * 1024
    response = client.post(
        "/v1/batches?outputs=archive", data=body, content_type="application/x-ndjson"
    )
    assert response.status_code == 202, response.get_json()
    assert response.get_json()["counts"]["total"] == 200
    assert response.get_json()["outputs"]["requested"] == ["archive"]
    broken = body + b"\n{not json"
    response = client.post("/v1/batches", data=broken, content_type="application/x-ndjson")
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["items.200"]


def test_idempotency_key_returns_the_first_batch(client: FlaskClient) -> None:
    body = {"items": letters(2)}
    headers = {"Idempotency-Key": "night-2025-03-07"}
    first = client.post("/v1/batches", json=body, headers=headers)
    again = client.post("/v1/batches", json=copy.deepcopy(body), headers=headers)
    assert first.status_code == again.status_code == 202
    assert first.headers["Location"] == again.headers["Location"]
    other = client.post("/v1/batches", json={"items": letters(3)}, headers=headers)
    assert other.status_code == 409
    assert other.mimetype == PROBLEM


def test_delete_cancels_what_has_not_started(client: FlaskClient) -> None:
    location = client.post("/v1/batches", json={"items": letters(4)}).headers["Location"]
    response = client.delete(location)
    assert response.status_code == 200
    assert response.get_json()["counts"]["cancelled"] == 4
    page = client.get(f"{location}/items?status=cancelled").get_json()
    assert [item["index"] for item in page["items"]] == [0, 1, 2, 3]
    archive = client.get(f"{location}/archive")
    assert archive.status_code == 404
    assert archive.mimetype == PROBLEM


def test_outputs_of_an_unfinished_batch_are_not_ready(client: FlaskClient) -> None:
    body = {"items": letters(1), "outputs": ["archive", "print_pdf"]}
    location = client.post("/v1/batches", json=body).headers["Location"]
    for output in ("archive", "print.pdf"):
        response = client.get(f"{location}/{output}")
        assert response.status_code == 409
        assert response.headers["Retry-After"]


def test_bad_options_and_unknown_batches(client: FlaskClient) -> None:
    response = client.post("/v1/batches", json={"items": letters(1), "outputs": ["fax"]})
    assert response.status_code == 422
    assert "outputs" in response.get_json()["errors"]
    assert client.post("/v1/batches", json={"items": []}).status_code == 422
    missing = client.get("/v1/batches/" + "f" * 32)
    assert missing.status_code == 404
    assert missing.mimetype == PROBLEM


@pytest.mark.parametrize(
    ("options", "outputs", "path"),
    [
        ({"address_sheet": "yes"}, ["print_pdf"], "print_pdf.address_sheet"),
        ({"address_sheet": True}, ["archive"], "print_pdf.address_sheet"),
        ({"window": "DL"}, ["print_pdf"], "print_pdf.window"),
        ([True], ["print_pdf"], "print_pdf"),
    ],
)
def test_bad_print_options_are_named(
    client: FlaskClient, options: Any, outputs: list[str], path: str
) -> None:
    body = {"items": letters(1), "outputs": outputs, "print_pdf": options}
    response = client.post("/v1/batches", json=body)
    assert response.status_code == 422
    assert response.mimetype == PROBLEM
    assert list(response.get_json()["errors"]) == [path]


def test_address_sheets_are_asked_for_in_json_or_as_a_query_parameter(
    client: FlaskClient,
) -> None:
    body = {"items": letters(1), "outputs": ["print_pdf"], "print_pdf": {"address_sheet": True}}
    summary = client.post("/v1/batches", json=body).get_json()
    assert summary["outputs"]["requested"] == ["print_pdf"]
    assert summary["outputs"]["print_pdf_address_sheet"] is True
    line = json.dumps(letters(1)[0], ensure_ascii=False).encode()
    sent = client.post(
        "/v1/batches?outputs=print_pdf&address_sheet=true",
        data=line,
        content_type="application/x-ndjson",
    )
    assert sent.get_json()["outputs"]["print_pdf_address_sheet"] is True
    plain = client.post("/v1/batches", json={"items": letters(1), "outputs": ["print_pdf"]})
    assert plain.get_json()["outputs"]["print_pdf_address_sheet"] is False
    wrong = client.post(
        "/v1/batches?outputs=print_pdf&address_sheet=maybe",
        data=line,
        content_type="application/x-ndjson",
    )
    assert wrong.status_code == 422
    assert list(wrong.get_json()["errors"]) == ["print_pdf.address_sheet"]


def test_signature_verifies_within_the_replay_window_only() -> None:
    body = b'{"status":"succeeded"}'
    header = sign("secret", body, 1_800_000_000)
    assert verify("secret", header, body, now=1_800_000_100)
    assert not verify("secret", header, body + b" ", now=1_800_000_100)
    assert not verify("other", header, body, now=1_800_000_100)
    assert not verify("secret", header, body, now=1_800_000_000 + 301)
    assert not verify("secret", "v1=deadbeef", body)


def test_a_callback_needs_a_secret_to_sign_with(tmp_path: Path) -> None:
    settings = batch_settings(tmp_path, None, CALLBACK_SECRET=None)
    client = make_app(tmp_path, **settings).test_client()
    body = {"items": letters(1), "callback_url": "http://127.0.0.1:9/hook"}
    response = client.post("/v1/batches", json=body)
    assert response.status_code == 422
    assert "secret" in response.get_json()["errors"]["callback_url"][0]


def test_a_bad_cursor_is_a_400(client: FlaskClient) -> None:
    location = client.post("/v1/batches", json={"items": letters(1)}).headers["Location"]
    for cursor in ("--5", "abc", "1e9"):
        response = client.get(f"{location}/items?cursor={cursor}")
        assert response.status_code == 400, cursor


def test_batches_are_listed_newest_first_a_page_at_a_time(client: FlaskClient) -> None:
    ids = [
        client.post("/v1/batches", json={"items": letters(1)}).get_json()["id"] for _ in range(3)
    ]
    first = client.get("/v1/batches?limit=2").get_json()
    assert [batch["id"] for batch in first["batches"]] == ids[::-1][:2]
    assert first["batches"][0]["counts"]["pending"] == 1
    rest = client.get(f"/v1/batches?limit=2&cursor={first['next_cursor']}").get_json()
    assert [batch["id"] for batch in rest["batches"]] == [ids[0]]
    assert rest["next_cursor"] is None
    bad = client.get("/v1/batches?limit=0")
    assert bad.status_code == 400
    assert list(bad.get_json()["errors"]) == ["limit"]


def test_the_openapi_document_describes_batches_and_their_print_options(
    client: FlaskClient,
) -> None:
    spec = client.get("/openapi.json").get_json()
    batches = spec["paths"]["/v1/batches"]
    assert {"get", "post"} <= set(batches)
    body = batches["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["print_pdf"]["properties"]["address_sheet"]["type"] == "boolean"
    query = {p["name"] for p in batches["post"]["parameters"] if p["in"] == "query"}
    assert {"outputs", "callback_url", "on_invalid", "address_sheet"} <= query
    for path in ("/v1/batches/{batch_id}", "/v1/batches/{batch_id}/items"):
        assert "get" in spec["paths"][path]
    printed = spec["paths"]["/v1/batches/{batch_id}/print.pdf"]["get"]["responses"]["200"]
    assert "application/pdf" in printed["content"]
