"""Joint borrowers and guarantors over HTTP: bad parties are 422s at their dotted path and leave no
record; a case with two debtors and two guarantors issues all four documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from schemas.catalogue import DOCUMENT_TYPES
from tests.support import document_text

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "legal"
PROBLEM = "application/problem+json"


def joint(document_type: str = "dunning_letter") -> dict[str, Any]:
    path = TEMPLATES / document_type / "examples" / "joint.json"
    return json.loads(path.read_text("utf-8"))


def errors_of(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 422, response.get_data(as_text=True)[:400]
    assert response.mimetype == PROBLEM
    problem = response.get_json()
    assert problem["type"].endswith("/problems/validation")
    return problem["errors"]


def _company_without_representative(case: dict[str, Any]) -> None:
    del case["guarantors"][1]["legal_representative"]


def _person_with_representative(case: dict[str, Any]) -> None:
    case["co_debtors"][0]["legal_representative"] = "赵六"


def _bad_uscc(case: dict[str, Any]) -> None:
    case["guarantors"][1]["id_number"] = "91310000MA1FL8XQ38"


def _unknown_guarantee(case: dict[str, Any]) -> None:
    case["guarantors"][1]["guarantee_type"] = "surety"


def _no_contract(case: dict[str, Any]) -> None:
    del case["guarantors"][0]["guarantee_contract_number"]


def _eleven_co_debtors(case: dict[str, Any]) -> None:
    case["co_debtors"] = case["co_debtors"] * 11


def _unknown_mode(case: dict[str, Any]) -> None:
    case["options"] = {"addressees": "some"}


def _unknown_party_field(case: dict[str, Any]) -> None:
    case["guarantors"][0]["relationship"] = "spouse"


BAD = {
    "company_without_representative": (
        _company_without_representative,
        "case.guarantors.1.legal_representative",
        "names its legal representative",
    ),
    "person_with_representative": (
        _person_with_representative,
        "case.co_debtors.0.legal_representative",
        "only a company",
    ),
    "bad_uscc": (_bad_uscc, "case.guarantors.1.id_number", "check character does not match"),
    "unknown_guarantee": (
        _unknown_guarantee,
        "case.guarantors.1.guarantee_type",
        "must be one of: joint_and_several, general",
    ),
    "no_contract": (_no_contract, "case.guarantors.0.guarantee_contract_number", "Missing"),
    "eleven_co_debtors": (_eleven_co_debtors, "case.co_debtors", "must have 0 to 10 items"),
    "unknown_mode": (_unknown_mode, "case.options.addressees", "must be one of: all, each"),
    "unknown_field": (_unknown_party_field, "case.guarantors.0.relationship", "Unknown field"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_a_bad_party_is_a_422_at_its_path_and_leaves_no_record(issuer: Any, name: str) -> None:
    change, path, fragment = BAD[name]
    body = joint()
    change(body["case"])
    errors = errors_of(issuer.post("/v1/documents", json=body))
    assert path in errors, errors
    assert fragment in " ".join(errors[path])
    listing = issuer.get("/v1/cases/C-2025-000123/documents").get_json()["documents"]
    assert listing == []


def test_the_agreements_guarantor_and_the_cases_guarantors_do_not_mix(client: Any) -> None:
    body = joint("repayment_agreement")
    body["case"]["agreement"]["guarantor"] = body["case"]["co_debtors"][0]
    errors = errors_of(client.post("/v1/previews", json=body))
    assert list(errors) == ["case.agreement.guarantor"]


def test_a_foreign_guarantor_with_a_passport_is_accepted(client: Any) -> None:
    body = joint()
    body["case"]["guarantors"][0].update(
        name="John Smith", id_type="passport", id_number="GB1234567", address="London"
    )
    response = client.post("/v1/previews", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)[:400]
    assert "JohnSmith" in document_text(response.data, "pdf")


@pytest.mark.parametrize("locale", ["zh-CN", "en-GB"])
def test_two_debtors_and_two_guarantors_issue_all_four_documents(issuer: Any, locale: str) -> None:
    issued = []
    for document_type in DOCUMENT_TYPES:
        for fmt in ("pdf", "docx"):
            body = {**joint(document_type), "locale": locale, "format": fmt}
            response = issuer.post("/v1/documents", json=body)
            assert response.status_code == 201, response.get_data(as_text=True)[:400]
            record = response.get_json()
            content = issuer.get(record["links"]["content"]).data
            text = document_text(content, fmt)
            for name in ("张三", "李四", "王五", "上海示例实业有限公司"):
                assert name in text, (document_type, fmt, name)
            issued.append(record["id"])
    listing = issuer.get("/v1/cases/C-2025-000123/documents?limit=50").get_json()["documents"]
    assert {d["id"] for d in listing} == set(issued)


def test_the_recipients_check_names_every_addressee_masked(issuer: Any) -> None:
    record = issuer.post("/v1/documents", json=joint()).get_json()
    page = issuer.get(f"/verify/{record['id']}").get_data(as_text=True)
    assert "张*、李*、王*、上" in page
    assert "张三" not in page


def test_one_letter_each_is_one_record(issuer: Any) -> None:
    body = joint()
    body["case"]["options"] = {"addressees": "each"}
    record = issuer.post("/v1/documents", json=body).get_json()
    listing = issuer.get("/v1/cases/C-2025-000123/documents").get_json()["documents"]
    assert [d["id"] for d in listing] == [record["id"]]
    text = document_text(issuer.get(record["links"]["content"]).data, "pdf")
    assert text.count("催收函") == 4


def test_the_escalation_order_is_per_case_not_per_addressee(issuer: Any) -> None:
    notice = joint("litigation_notice")
    refused = issuer.post("/v1/documents", json=notice)
    assert refused.status_code == 422
    assert [v["rule"] for v in refused.get_json()["violations"]] == ["escalation_order"]
    # one dunning letter of the case, whoever it addressed, lets the notice follow
    letter = joint()
    del letter["case"]["guarantors"]
    assert issuer.post("/v1/documents", json=letter).status_code == 201
    assert issuer.post("/v1/documents", json=notice).status_code == 201
