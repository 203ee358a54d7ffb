"""The hostile corpus against every format: a 4xx problem or the text shown literally, never a
5xx, and rendering fetches nothing (a canary HTTP server must see no request)."""

from __future__ import annotations

import copy
import json
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from hostile_corpus import (
    INSTALMENTS_HOSTILE,
    MALFORMED_BODIES,
    MEDIA_TYPES_REFUSED,
    MULTI_MEGABYTE,
    TEXTS,
    HostileText,
)
from marshmallow import ValidationError
from security_support import (
    DOCUMENT_TYPES,
    DOCX_MEDIA_TYPE,
    assert_problem,
    compact,
    document_text,
    load_example,
    make_app,
)

from schemas import DocumentRequestSchema, flatten_errors
from tests.support import Canary

_SCHEMA = DocumentRequestSchema()
JSON_ENDPOINTS = ("/v1/documents", "/v1/previews", "/v1/compliance/check")


@pytest.fixture(scope="module")
def canary() -> Iterator[Canary]:
    server = Canary()
    yield server
    server.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return make_app(tmp_path_factory.mktemp("hostile"))


def string_paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Yield the path of every string in a JSON value."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from string_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from string_paths(value, (*path, index))
    elif isinstance(node, str):
        yield path


def put(case: dict[str, Any], path: tuple[Any, ...], value: str) -> None:
    node: Any = case
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    if path == ("creditor", "name"):  # the repayment account must be the creditor's own
        case["repayment"]["account"]["name"] = value


def accepts(body: dict[str, Any], path: tuple[Any, ...], text: str) -> bool:
    """Tell whether the schema lets ``text`` into the field at ``path``."""
    trial = copy.deepcopy(body)
    put(trial["case"], path, text)
    try:
        _SCHEMA.load(trial)
    except ValidationError as exc:
        dotted = "case." + ".".join(map(str, path))
        return not any(key.startswith(dotted) for key in flatten_errors(exc.normalized_messages()))
    return True


def hostile_body(document_type: str, text: str) -> tuple[dict[str, Any], list[str]]:
    """Return the example with ``text`` in every free-text field that takes it, and the fields."""
    body = load_example(document_type)
    body["case"].setdefault("options", {})["mask_personal_data"] = False
    taken = []
    for path in list(string_paths(body["case"])):
        if path == ("repayment", "account", "name"):
            continue  # follows creditor.name
        if accepts(body, path, text):
            put(body["case"], path, text)
            taken.append(".".join(map(str, path)))
    return body, taken


def assert_shown(content: bytes, fmt: str, text: str) -> None:
    shown = document_text(content, fmt)
    assert compact(text) in shown, f"{fmt}: {text!r} not shown literally"
    assert "root:x:0:0" not in shown  # /etc/passwd never read into a document


URL_ATTRIBUTES = {"src", "href", "data", "action", "formaction", "srcset", "style", "poster"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def assert_inert_html(content: bytes, canary: Canary) -> None:
    """No element of the HTML came from the payload: no script, frame, or outside URL."""
    parser = _Tags()
    parser.feed(content.decode("utf-8"))
    for tag, attrs in parser.tags:
        assert tag not in {"script", "iframe", "object", "embed", "img", "link", "svg", "image"}
        assert ("http-equiv", "refresh") not in attrs
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in URL_ATTRIBUTES:
                assert canary.url not in (value or "") and "file:" not in (value or ""), tag


CASES = [pytest.param(i, t, id=t.id) for i, t in enumerate(TEXTS)]


@pytest.mark.parametrize(("index", "hostile"), CASES)
def test_hostile_text_in_every_field_and_format(
    app: Flask, canary: Canary, index: int, hostile: HostileText
) -> None:
    text = hostile.text.replace("{canary}", canary.url)
    document_type = DOCUMENT_TYPES[index % len(DOCUMENT_TYPES)]
    body, fields = hostile_body(document_type, text)
    client = app.test_client()
    if hostile.expect == "rejected":
        assert not fields, f"{hostile.id} let into {fields}"
        refused = load_example(document_type)
        refused["case"]["debtor"]["name"] = text
        for endpoint in JSON_ENDPOINTS:
            problem = assert_problem(client.post(endpoint, json=refused), 422)
            assert "case.debtor.name" in problem["errors"]
        return
    assert "debtor.name" in fields and len(fields) >= 8, fields
    for fmt in ("pdf", "docx", "html"):
        response = client.post("/v1/previews", json={**body, "format": fmt})
        assert response.status_code == 200, response.get_data(as_text=True)[:1000]
        if fmt == "html":
            assert_inert_html(response.data, canary)
        assert_shown(response.data, fmt, text)
    issued_format = "pdf" if index % 4 == 0 else "docx"  # PDFs are the slow ones
    # the guard reads contact.hours for times ("…:42993/x" looks like 42:99): keep it plain here
    body["case"]["contact"]["hours"] = load_example(document_type)["case"]["contact"]["hours"]
    if document_type == "litigation_notice":  # the escalation rule wants an earlier letter
        earlier = client.post("/v1/documents", json=load_example("dunning_letter"))
        assert earlier.status_code == 201, earlier.get_data(as_text=True)[:1000]
    response = client.post("/v1/documents", json={**body, "format": issued_format})
    assert response.status_code == 201, response.get_data(as_text=True)[:1000]
    content = client.get(response.get_json()["links"]["content"])
    assert content.status_code == 200
    assert_shown(content.data, issued_format, text)
    assert canary.requests == [], f"rendering fetched {canary.requests}"


def test_canary_server_answers_so_silence_means_nothing_was_fetched(canary: Canary) -> None:
    before = len(canary.requests)
    with urllib.request.urlopen(canary.url + "/control", timeout=5) as reply:
        assert reply.status == 200
    assert len(canary.requests) == before + 1
    canary.requests.clear()


@pytest.mark.parametrize("endpoint", JSON_ENDPOINTS)
@pytest.mark.parametrize("name", sorted(MALFORMED_BODIES))
def test_malformed_bodies_are_4xx_problems(app: Flask, endpoint: str, name: str) -> None:
    response = app.test_client().post(
        endpoint, data=MALFORMED_BODIES[name], content_type="application/json"
    )
    assert_problem(response, 400, 413, 422)


@pytest.mark.parametrize("endpoint", JSON_ENDPOINTS)
@pytest.mark.parametrize("media_type", MEDIA_TYPES_REFUSED)
def test_wrong_media_types_are_415(app: Flask, endpoint: str, media_type: str) -> None:
    raw = json.dumps(load_example("dunning_letter")).encode()
    response = app.test_client().post(endpoint, data=raw, headers={"Content-Type": media_type})
    assert_problem(response, 415)


@pytest.mark.parametrize("endpoint", JSON_ENDPOINTS)
def test_multi_megabyte_bodies_are_413(app: Flask, endpoint: str) -> None:
    raw = b'{"padding": "' + b"x" * MULTI_MEGABYTE + b'"}'
    assert_problem(app.test_client().post(endpoint, data=raw, content_type="application/json"), 413)


def instalment_plan(count: int) -> dict[str, Any]:
    """Return a repayment agreement with ``count`` instalments of 0.01 on consecutive days."""
    import datetime as dt
    from decimal import Decimal

    body = load_example("repayment_agreement")
    case = body["case"]
    start = dt.date.fromisoformat(case["issue_date"])
    items = [
        {"due_date": (start + dt.timedelta(days=i)).isoformat(), "amount": "0.01"}
        for i in range(count)
    ]
    case["agreement"]["installments"] = items
    case["agreement"]["total"] = str(Decimal("0.01") * count)
    case["agreement"].pop("waived", None)
    # the rest of the arrears is stated, so the agreement closes
    gap = Decimal(case["arrears"]["total"]) - Decimal("0.01") * count
    case["agreement"]["remainder"] = {"amount": str(gap), "treatment": "waived"}
    return body


def test_twenty_thousand_instalments_are_refused(app: Flask, tmp_path: Path) -> None:
    raw = json.dumps(instalment_plan(INSTALMENTS_HOSTILE))
    client = app.test_client()
    assert_problem(client.post("/v1/previews", data=raw, content_type="application/json"), 413)
    # with the size limit out of the way, the schema's list limit refuses it
    roomy = make_app(tmp_path, MAX_BODY_BYTES=8 * 1024 * 1024).test_client()
    problem = assert_problem(
        roomy.post("/v1/previews", data=raw, content_type="application/json"), 422
    )
    assert "case.agreement.installments" in problem["errors"]


def test_three_hundred_sixty_instalments_is_the_limit(app: Flask) -> None:
    client = app.test_client()
    problem = assert_problem(client.post("/v1/previews", json=instalment_plan(361)), 422)
    assert "case.agreement.installments" in problem["errors"]
    body = instalment_plan(360)
    _SCHEMA.load(body)  # the boundary is valid; the compliance notes may differ, the schema not
    response = client.post("/v1/previews", json={**body, "format": "docx"})
    assert response.status_code in (200, 422), response.get_data(as_text=True)[:500]
    assert response.status_code < 500


def test_verification_body_limit(tmp_path: Path) -> None:
    client = make_app(tmp_path, MAX_VERIFY_BYTES=1024 * 1024).test_client()
    big = b"%PDF" + b"\0" * (2 * 1024 * 1024)
    assert_problem(client.post("/v1/verifications", data=big, content_type="application/pdf"), 413)
    small = client.post(
        "/v1/verifications", data=b"%PDF" + b"\0" * 4096, content_type=DOCX_MEDIA_TYPE
    )
    assert small.status_code == 200 and small.get_json()["issued"] is False
