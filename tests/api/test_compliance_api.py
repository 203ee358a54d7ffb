"""The compliance guard over HTTP: refusals name the rule and path, and leave nothing behind."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from doc_service.compliance import DEFAULT_POLICY_PATH
from tests.support import make_app, pdf_pages


@pytest.fixture
def guarded(tmp_path: Path) -> Any:
    """Return a client of an app with its own audit store."""
    app = make_app(tmp_path)
    with app.test_client() as client:
        yield client


def refused(response: Any, rule: str, path: str) -> dict[str, Any]:
    """Assert a compliance refusal naming the rule at the path; return the violation."""
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["type"].endswith("/problems/compliance")
    matches = [v for v in problem["violations"] if v["rule"] == rule and v["path"] == path]
    assert matches, problem["violations"]
    return matches[0]


def nothing_stored(client: Any, case_id: str = "C-2025-000123") -> bool:
    return client.get(f"/v1/cases/{case_id}/documents").get_json()["documents"] == []


def test_interest_above_the_cap_is_refused_and_nothing_is_stored(
    guarded: Any, example: Any
) -> None:
    body = example()
    body["case"]["loan"]["overdue_annual_rate"] = "0.3000"
    violation = refused(
        guarded.post("/v1/documents", json=body), "interest_cap", "case.loan.overdue_annual_rate"
    )
    assert "24" in violation["message"]
    assert nothing_stored(guarded)
    events = guarded.get("/v1/audit/events").get_json()["events"]
    assert events == []


def test_interest_at_the_cap_passes(guarded: Any, example: Any) -> None:
    body = example()
    body["case"]["loan"]["overdue_annual_rate"] = "0.2400"
    assert guarded.post("/v1/documents", json=body).status_code == 201


def test_short_notice_is_refused(guarded: Any, example: Any) -> None:
    body = example()
    body["case"]["repayment"]["deadline"] = "2025-03-10"
    refused(guarded.post("/v1/documents", json=body), "notice_period", "case.repayment.deadline")
    body["case"]["repayment"]["deadline"] = "2025-03-14"
    assert guarded.post("/v1/documents", json=body).status_code == 201


def test_lawyer_reply_period_below_the_minimum_is_refused(guarded: Any, example: Any) -> None:
    body = example("lawyer_letter")
    body["case"]["law_firm"]["reply_days"] = 3
    refused(guarded.post("/v1/documents", json=body), "reply_days", "case.law_firm.reply_days")


def test_litigation_notice_needs_an_earlier_letter_in_the_audit_store(
    guarded: Any, example: Any
) -> None:
    notice = example("litigation_notice")
    refused(guarded.post("/v1/documents", json=notice), "escalation_order", "document_type")
    same_day = example()
    same_day["case"]["issue_date"] = "2025-03-28"
    same_day["case"]["arrears"]["as_of"] = "2025-03-28"
    same_day["case"]["arrears"]["overdue_days"] = 103
    same_day["case"]["repayment"]["deadline"] = "2025-04-07"
    assert guarded.post("/v1/documents", json=same_day).status_code == 201
    refused(guarded.post("/v1/documents", json=notice), "escalation_order", "document_type")
    assert guarded.post("/v1/documents", json=example()).status_code == 201  # 2025-03-07
    assert guarded.post("/v1/documents", json=notice).status_code == 201


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("逾期不还将依法逮捕", "forbidden_wording.criminal_threat"),
        ("逾期将 逮 . 捕", "forbidden_wording.criminal_threat"),
        ("you will be ＡＲＲＥＳＴＥＤ", "forbidden_wording.criminal_threat"),
        ("我们将通知你的家人和单位", "forbidden_wording.third_party_contact"),
        ("將聯繫你的家人", "forbidden_wording.third_party_contact"),
        ("本院将强制执行", "forbidden_wording.impersonation"),
        ("你这个老赖", "forbidden_wording.insult"),
        ("逾期将在网上曝光你的信息", "forbidden_wording.publication"),
    ],
)
def test_forbidden_wording_in_a_channel_is_refused(
    guarded: Any, example: Any, text: str, rule: str
) -> None:
    body = example()
    body["case"]["repayment"]["channels"].append(text)
    response = guarded.post("/v1/documents", json=body, headers={"Accept-Language": "zh-CN"})
    violation = refused(response, rule, "case.repayment.channels.2")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in violation["message"])  # in Chinese


def test_innocent_text_about_courts_and_credit_reports_passes(guarded: Any, example: Any) -> None:
    body = example()
    body["case"]["repayment"]["channels"].append("还款后可申请更新征信记录")
    body["case"]["creditor"]["address"] = "北京市朝阳区法院路1号"
    assert guarded.post("/v1/documents", json=body).status_code == 201


def test_contact_outside_eight_to_ten_is_refused(guarded: Any, example: Any) -> None:
    body = example()
    body["case"]["contact"]["hours"] = "每日 7:00–23:00"
    refused(guarded.post("/v1/documents", json=body), "contact_hours", "case.contact.hours")


def test_messages_follow_accept_language(guarded: Any, example: Any) -> None:
    body = example()
    body["case"]["loan"]["annual_interest_rate"] = "0.3600"
    english = guarded.post("/v1/documents", json=body, headers={"Accept-Language": "en"})
    chinese = guarded.post("/v1/documents", json=body, headers={"Accept-Language": "zh-CN"})
    assert "cap" in english.get_json()["violations"][0]["message"]
    assert "上限" in chinese.get_json()["violations"][0]["message"]


def test_check_endpoint_reports_without_storing(guarded: Any, example: Any) -> None:
    body = example()
    body["case"]["contact"]["hours"] = "24小时"
    report = guarded.post("/v1/compliance/check", json=body).get_json()
    assert report["compliant"] is False
    assert report["violations"][0]["rule"] == "contact_hours"
    clean = guarded.post("/v1/compliance/check", json=example()).get_json()
    assert clean == {**clean, "compliant": True, "violations": []}
    assert nothing_stored(guarded)


def test_records_carry_the_digest_of_the_active_policy(guarded: Any, example: Any) -> None:
    policy = guarded.get("/v1/policies/current").get_json()
    record = guarded.post("/v1/documents", json=example()).get_json()
    assert record["policy_digest"] == policy["digest"]
    assert policy["digest"] == hashlib.sha256(DEFAULT_POLICY_PATH.read_bytes()).hexdigest()


def test_a_replacement_policy_changes_the_cap_and_the_digest(tmp_path: Path, example: Any) -> None:
    text = DEFAULT_POLICY_PATH.read_text("utf-8").replace("mode: licensed", "mode: private_lending")
    text = text.replace('lpr_one_year: "0.0300"', 'lpr_one_year: "0.0310"')
    custom = tmp_path / "policy.yaml"
    custom.write_text(text, "utf-8")
    app = make_app(tmp_path, POLICY_FILE=str(custom))
    with app.test_client() as client:
        body = example()  # overdue rate 21.60% > 4 × 3.10% = 12.40%
        violation = refused(
            client.post("/v1/documents", json=body), "interest_cap", "case.loan.overdue_annual_rate"
        )
        assert "12.40" in violation["message"]
        digest = client.get("/v1/policies/current").get_json()["digest"]
        assert digest == hashlib.sha256(custom.read_bytes()).hexdigest()


def test_previews_report_violations_on_the_specimen(guarded: Any, example: Any) -> None:
    body = {**example(), "format": "pdf"}
    body["case"]["contact"]["hours"] = "每日 6:00–23:00"
    response = guarded.post("/v1/previews", json=body, headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 200
    assert response.headers["X-Compliance-Violations"] == "2"  # 6:00 and 23:00
    assert response.headers["X-Compliance-Rules"] == "contact_hours"
    # the note speaks the letter's language (zh-CN here) and names no machine path
    first_page = pdf_pages(response.data)[0]
    assert "联系时间" in first_page and "6:00" in first_page
    assert "case.contact.hours" not in first_page


def test_interest_plus_fees_above_the_cap_is_refused_with_the_all_in_figure(
    guarded: Any, example: Any
) -> None:
    body = example("dunning_letter")
    body["case"]["loan"]["annual_interest_rate"] = "0.2400"
    body["case"]["loan"]["fees"] = [
        {"name": "账户管理费", "amount": "500.00", "charged_on": "2024-03-15"}
    ]
    response = guarded.post("/v1/documents", json=body, headers={"Accept-Language": "zh-CN"})
    violation = refused(response, "interest_cap", "case.loan.fees")
    assert "综合年化成本" in violation["message"] and "上限24.00%" in violation["message"]
    assert nothing_stored(guarded)
    body["case"]["loan"]["annual_interest_rate"] = "0.1440"
    body["case"]["loan"]["fees"][0]["amount"] = "2500.00"  # 5 % of the principal up front
    refused(guarded.post("/v1/documents", json=body), "interest_cap", "case.loan.fees")
    body["case"]["loan"]["fees"][0]["amount"] = "1000.00"  # 2 %: within the cap
    assert guarded.post("/v1/documents", json=body).status_code == 201


def test_a_fee_charged_before_the_contract_is_a_validation_error(
    guarded: Any, example: Any
) -> None:
    body = example("dunning_letter")
    body["case"]["loan"]["fees"] = [
        {"name": "服务费", "amount": "10.00", "charged_on": "2020-01-01"}
    ]
    response = guarded.post("/v1/documents", json=body)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert list(response.get_json()["errors"]) == ["case.loan.fees.0.charged_on"]
