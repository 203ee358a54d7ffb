"""/openapi.json says the contract the validation enforces: what it calls valid is accepted."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from marshmallow import Schema, ValidationError

from schemas.fields import Amount, Name, Phone, Rate
from tests.support import make_app


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    client = make_app(tmp_path_factory.mktemp("spec")).test_client()
    return client.get("/openapi.json").get_json()


@pytest.fixture
def client(tmp_path: Path) -> FlaskClient:
    return make_app(tmp_path).test_client()


def component(spec: dict[str, Any], name: str, field: str) -> dict[str, Any]:
    return spec["components"]["schemas"][name]["properties"][field]


def accepts(field: Any, value: Any) -> bool:
    """Tell whether a strict field loads this value."""
    schema = Schema.from_dict({"value": field})()
    try:
        schema.load({"value": value})
    except ValidationError:
        return False
    return True


TEXT_SAMPLES = [
    "张三",
    "O'Brien-Smith",
    "𠮷野家",  # beyond the BMP, printable
    "张\u200b三",  # zero-width space
    "张\u00ad三",  # soft hyphen
    "张\U000e0041三",  # tag character
    "张\U000f0001三",  # private use, plane 15
    "张\ufffe三",  # noncharacter
    "张\u202e三",  # bidi override
    "张\t三",
    " 张三",
    "张三\u3000",
    "\u00a0",
    "",
    "x" * 100,
    "x" * 101,
]


@pytest.mark.parametrize("value", TEXT_SAMPLES)
def test_a_name_is_described_exactly(spec: dict[str, Any], value: str) -> None:
    described = component(spec, "Creditor", "name")
    fits = (
        described["minLength"] <= len(value) <= described["maxLength"]
        and re.search(described["pattern"], value) is not None
    )
    assert fits == accepts(Name(), value)


@pytest.mark.parametrize("value", ["010-1234 5678", "+86 (10) 1234", " 0101", "0101 ", "---", "1"])
def test_a_phone_is_described_exactly(spec: dict[str, Any], value: str) -> None:
    pattern = component(spec, "Creditor", "phone")["pattern"]
    assert (re.search(pattern, value) is not None) == accepts(Phone(), value)


AMOUNTS = [
    "0",
    "0.00",
    "12345.67",
    "007.5",
    "1.234",
    "-1",
    "1e5",
    "999999999999.99",
    "1000000000000",
]


@pytest.mark.parametrize("value", AMOUNTS)
def test_an_amount_string_is_described_exactly(spec: dict[str, Any], value: str) -> None:
    string = component(spec, "Arrears", "total")["anyOf"][0]
    assert (re.search(string["pattern"], value) is not None) == accepts(Amount(), value)


@pytest.mark.parametrize("value", ["0", "1", "0.144", "1.000000", "1.0000001", "0.1234567", "2"])
def test_a_rate_string_is_described_exactly(spec: dict[str, Any], value: str) -> None:
    string = component(spec, "Loan", "annual_interest_rate")["anyOf"][0]
    assert (re.search(string["pattern"], value) is not None) == accepts(Rate(), value)


def test_a_long_amount_string_is_refused_not_parsed() -> None:
    assert not accepts(Amount(), "0" * 64 + "1x")


def operation(spec: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    return spec["paths"][path][method]


def parameter(spec: dict[str, Any], path: str, method: str, name: str) -> dict[str, Any]:
    found = [p for p in operation(spec, path, method).get("parameters", []) if p["name"] == name]
    found += [p for p in spec["paths"][path].get("parameters", []) if p["name"] == name]
    return found[0]["schema"]


def test_after_has_the_maximum_the_log_enforces(spec: dict[str, Any], client: FlaskClient) -> None:
    highest = parameter(spec, "/v1/audit/events", "get", "after")["maximum"]
    assert client.get(f"/v1/audit/events?after={highest}").status_code == 200
    assert client.get(f"/v1/audit/events?after={highest + 1}").status_code == 400


def test_a_cursor_of_the_described_shape_is_accepted(
    spec: dict[str, Any], client: FlaskClient
) -> None:
    pattern = parameter(spec, "/v1/cases/{case_id}/documents", "get", "cursor")["pattern"]
    assert re.search(pattern, "s0") and not re.search(pattern, "")
    assert client.get("/v1/cases/C-1/documents?cursor=s0").status_code == 200
    assert client.get("/v1/cases/C-1/documents?cursor=").status_code == 400


def test_a_verification_needs_a_body(spec: dict[str, Any], client: FlaskClient) -> None:
    body = operation(spec, "/v1/verifications", "post")["requestBody"]
    assert body["required"] is True
    assert body["content"]["application/octet-stream"]["schema"]["minLength"] == 1
    assert client.post("/v1/verifications", data=b"").status_code == 400


def test_a_comparison_takes_a_whole_case(spec: dict[str, Any]) -> None:
    body = operation(spec, "/v1/previews/comparisons", "post")["requestBody"]
    case = body["content"]["application/json"]["schema"]["properties"]["case"]
    assert case["allOf"] == [{"$ref": "#/components/schemas/Case"}]


def test_issuing_describes_only_the_formats_it_keeps(spec: dict[str, Any]) -> None:
    body = operation(spec, "/v1/documents", "post")["requestBody"]
    parts = body["content"]["application/json"]["schema"]["allOf"]
    assert parts[1]["properties"]["format"]["enum"] == ["pdf", "docx"]


def test_the_rules_beyond_the_schema_are_listed(spec: dict[str, Any]) -> None:
    description = spec["components"]["schemas"]["DocumentRequest"]["description"]
    assert "principal + interest + penalty_interest + fees" in description
    assert "check digit does not match" in description
