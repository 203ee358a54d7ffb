"""Findings of the adversarial review about input: invisible characters, odd parameters."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from security_support import DOCX_MEDIA_TYPE, assert_problem, load_example, make_app

import doc_service.api.previews
from doc_service.api.downloads import content_disposition
from tests.support import compact, pdf_pages


@pytest.mark.parametrize(
    ("field", "text", "code_point"),
    [
        (("creditor", "name"), "某某小额贷款有限公司\ufffe", "U+FFFE"),
        (("law_firm", "name"), "某某律师事务所\uffff", "U+FFFF"),
        (("debtor", "name"), "张\u200b三", "U+200B"),
        (("debtor", "address"), "\u3164北京市", "U+3164"),
    ],
)
def test_invisible_characters_are_refused_by_code_point_and_path(
    client: Any, example: Any, field: tuple[str, str], text: str, code_point: str
) -> None:
    body = {**example("lawyer_letter"), "format": "docx"}
    section, name = field
    body["case"][section][name] = text
    if field == ("creditor", "name"):  # the repayment account must be the creditor's own
        body["case"]["repayment"]["account"]["name"] = text
    for endpoint in ("/v1/documents", "/v1/previews"):
        response = client.post(endpoint, json=body, headers={"Accept": DOCX_MEDIA_TYPE})
        problem = assert_problem(response, 422)
        messages = problem["errors"][f"case.{section}.{name}"]
        assert any(code_point in message for message in messages), messages


@pytest.mark.parametrize("value", ["²", "①", "１０", "٣", "10²", "-1", "1e2", " 5", "9" * 40])
@pytest.mark.parametrize(
    "url", ["/v1/cases/C-2025-000123/documents?limit={}", "/v1/audit/events?after={}"]
)
def test_query_integers_take_ascii_digits_only(client: Any, url: str, value: str) -> None:
    problem = assert_problem(client.get(url.format(quote(value))), 400)
    assert problem["errors"]


HOSTILE_PARAMETERS = [
    ("/v1/documents/{}", 404),
    ("/v1/documents/{}/content", 404),
    ("/v1/documents/{}/verification", 404),
    ("/v1/cases/{}/documents", 400),
    ("/v1/cases/C-2025-000123/documents?document_type={}", 400),
    ("/v1/cases/C-2025-000123/documents?cursor={}", 400),
    ("/templates/{}/zh-CN/versions", 404),
    ("/templates/dunning_letter/{}/versions", 404),
]


HOSTILE_VALUES = ("\x00", "a\x00b", "..", ".", "张三", "x" * 300, "%", "'")


@pytest.mark.parametrize(("url", "status"), HOSTILE_PARAMETERS)
def test_path_and_query_parameters_are_checked_before_the_database(
    issuer: Any, url: str, status: int
) -> None:
    for value in HOSTILE_VALUES:
        assert_problem(issuer.get(url.format(quote(value, safe=""))), status)


def chunked(client: Any, url: str, data: bytes, content_type: str, **headers: str) -> Any:
    """POST a body as a chunked stream, as gunicorn hands one over (input terminated)."""
    return client.post(
        url,
        input_stream=io.BytesIO(data),
        headers={"Transfer-Encoding": "chunked", "Content-Type": content_type, **headers},
        environ_overrides={"wsgi.input_terminated": True},
    )


def test_a_chunked_body_over_the_limit_is_refused_not_cut(tmp_path: Path) -> None:
    client = make_app(tmp_path, MAX_VERIFY_BYTES=64 * 1024).test_client()
    padded = json.dumps(load_example("dunning_letter")).encode() + b" " * (3 * 1024 * 1024)
    for url in ("/v1/documents", "/v1/previews", "/v1/compliance/check"):
        problem = assert_problem(chunked(client, url, padded, "application/json"), 413)
        assert problem["type"].endswith("/payload-too-large")
    big_file = b"%PDF-1.7\n" + b"0" * (128 * 1024)
    assert_problem(chunked(client, "/v1/verifications", big_file, "application/pdf"), 413)
    within = json.dumps({**load_example("dunning_letter"), "format": "html"}).encode()
    assert chunked(client, "/v1/previews", within, "application/json").status_code == 200


def test_a_chunked_body_is_redacted_from_the_logs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = make_app(tmp_path).test_client()
    body = load_example("dunning_letter")
    debtor = body["case"]["debtor"]

    def failing(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"cannot render {debtor['name']} {debtor['id_number']}")

    monkeypatch.setattr(doc_service.api.previews, "render_request", failing)
    capsys.readouterr()
    response = chunked(client, "/v1/previews", json.dumps(body).encode(), "application/json")
    assert response.status_code == 500
    logged = capsys.readouterr().err
    assert "cannot render" in logged
    assert debtor["name"] not in logged
    assert debtor["id_number"] not in logged


def test_a_long_latin_name_wraps_inside_the_page(client: Any) -> None:
    body = load_example("dunning_letter")
    body["locale"] = "en-US"
    name = "Wolfeschlegelsteinhausenbergerdorff" * 2 + "Voralternwarengewissenhaft"
    body["case"]["debtor"]["name"] = name
    response = client.post("/v1/previews", json=body)
    assert response.status_code == 200
    lines = "\n".join(pdf_pages(response.data)).splitlines()
    assert name in compact("".join(lines))
    # wrapped: the name is on the page, split over lines, instead of one line running off it
    assert not any(name in line for line in lines)


def test_the_ascii_fallback_file_name_never_starts_with_a_dash() -> None:
    disposition = content_disposition("催收函-C-1-v1.pdf")
    assert 'filename="C-1-v1.pdf"' in disposition
    assert 'filename="document"' in content_disposition("--.pdf"[:2])
