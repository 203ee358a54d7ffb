"""A litigation notice cites the case's earlier dunning and lawyer's letters from the audit store.

Each test issues the letters, then the notice, on SQLite and on PostgreSQL, and reads what a
debtor and an auditor see: the letters' dates, numbers and versions in the notice's PDF and
DOCX text, the record's links to them, and a verification that still rebuilds the notice.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from doc_service.formatting import format_date
from schemas import clock
from tests.support import document_text

DUNNING_NUMBER = "示例催字〔2025〕第0312号"
LAWYER_NUMBER = "〔2025〕京示律函字第0012号"
FIRM = "北京示例律师事务所"
FIRM_EN = "Beijing Example Law Firm"
LOCALES = ["zh-CN", "zh-HK", "zh-TW", "en-GB", "en-US"]
# what each edition prints for the two letters (whitespace dropped, as document_text does)
CITED = {
    "zh-CN": [
        "2025年3月7日，本司向您发出《催收函》（编号：示例催字〔2025〕第0312号，第1版）",
        "2025年3月10日，北京示例律师事务所受本司委托向您发出《律师函》"
        "（编号：〔2025〕京示律函字第0012号，第1版）",
    ],
    "zh-HK": [
        # registered names and numbers keep their registered (Simplified) form
        "2025年3月7日，本公司向閣下發出《催收函》（編號：示例催字〔2025〕第0312号，第1版）",
        "2025年3月10日，北京示例律师事务所受本公司委託向閣下發出《律師函》"
        "（編號：〔2025〕京示律函字第0012号，第1版）",
    ],
    "zh-TW": [
        "2025年3月7日，本公司向臺端發出《催收函》（編號：示例催字〔2025〕第0312号，第1版）",
        "2025年3月10日，北京示例律师事务所受本公司委託向臺端發出《律師函》"
        "（編號：〔2025〕京示律函字第0012号，第1版）",
    ],
    "en-GB": [
        "on7March2025,ourLetterofDemand(No.示例催字〔2025〕第0312号,version1)",
        "on10March2025,aLawyer’sLetterofDemand(No.〔2025〕京示律函字第0012号,version1)"
        "from北京示例律师事务所(BeijingExampleLawFirm),actingforus.",
    ],
    "en-US": [
        "onMarch7,2025,ourDemandforPayment(No.示例催字〔2025〕第0312号,version1)",
        "onMarch10,2025,aLawyer’sDemandLetter(No.〔2025〕京示律函字第0012号,version1)"
        "from北京示例律师事务所(BeijingExampleLawFirm),actingonourbehalf.",
    ],
}


def issue(client: Any, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/v1/documents", json=body)
    assert response.status_code == 201, response.get_data(as_text=True)[:800]
    record: dict[str, Any] = response.get_json()
    return record


def content(client: Any, record: dict[str, Any]) -> bytes:
    response = client.get(record["links"]["content"])
    assert response.status_code == 200
    return bytes(response.data)


def letters(example: Any, case_id: str = "C-2025-000123") -> dict[str, Any]:
    """Issue the case's dunning letter (7 March) and lawyer's letter (10 March)."""
    dunning = example("dunning_letter")
    dunning["case"]["case_id"] = case_id
    lawyer = example("lawyer_letter")
    lawyer["case"].update(case_id=case_id, issue_date="2025-03-10")
    lawyer["case"]["repayment"]["deadline"] = "2025-03-24"
    lawyer["case"]["law_firm"]["i18n"] = {"en": {"name": FIRM_EN}}
    return {"dunning_letter": dunning, "lawyer_letter": lawyer}


def cites(*records: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the `cites` a notice's record shows for these earlier records."""
    return [
        {
            "id": record["id"],
            "document_type": record["document_type"],
            "version": record["version"],
            "links": {"self": record["links"]["self"]},
        }
        for record in records
    ]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_notice_cites_each_earlier_letter_in_every_locale(
    issuer: Any, example: Any, fmt: str
) -> None:
    earlier = letters(example)
    dunning = issue(issuer, earlier["dunning_letter"])
    lawyer = issue(issuer, earlier["lawyer_letter"])
    for locale in LOCALES:
        body = example("litigation_notice")
        body.update(locale=locale, format=fmt)
        notice = issue(issuer, body)
        assert notice["cites"] == cites(dunning, lawyer)
        text = document_text(content(issuer, notice), fmt)
        for sentence in CITED[locale]:
            assert sentence in text, (locale, sentence)
        # the record's links lead to the letters cited
        assert issuer.get(f"/v1/documents/{notice['id']}").get_json()["cites"] == notice["cites"]
        for cited in notice["cites"]:
            assert issuer.get(cited["links"]["self"]).get_json()["id"] == cited["id"]
        report = issuer.get(f"/v1/documents/{notice['id']}/verification").get_json()
        assert report["reproducible"] is True and report["ok"] is True, (locale, report)


def test_later_letters_change_neither_the_notice_nor_its_rebuild(issuer: Any, example: Any) -> None:
    earlier = letters(example)
    dunning = issue(issuer, earlier["dunning_letter"])
    # the same letter again in another format and language: cited once, by its first version
    issue(issuer, {**earlier["dunning_letter"], "format": "docx", "locale": "en-GB"})
    notice = issue(issuer, example("litigation_notice"))
    assert notice["cites"] == cites(dunning)
    text = document_text(content(issuer, notice), "pdf")
    assert text.count(DUNNING_NUMBER) == 1 and "第2版" not in text and "《律师函》" not in text

    # a lawyer's letter issued after the notice: the notice's record and rebuild stay as issued
    later = issue(issuer, earlier["lawyer_letter"])
    report = issuer.get(f"/v1/documents/{notice['id']}/verification").get_json()
    assert report["reproducible"] is True and report["ok"] is True
    assert issuer.get(f"/v1/documents/{notice['id']}").get_json()["cites"] == cites(dunning)
    # the next notice cites both
    second = issue(issuer, example("litigation_notice"))
    assert second["version"] == 2 and second["cites"] == cites(dunning, later)
    assert LAWYER_NUMBER in document_text(content(issuer, second), "pdf")


def test_letters_dated_after_the_notice_are_not_cited(issuer: Any, example: Any) -> None:
    earlier = letters(example)
    dunning = issue(issuer, earlier["dunning_letter"])
    lawyer = earlier["lawyer_letter"]
    lawyer["case"].update(issue_date="2025-03-29")
    lawyer["case"]["repayment"]["deadline"] = "2025-04-12"
    issue(issuer, lawyer)
    notice = issue(issuer, example("litigation_notice"))  # dated 28 March
    assert notice["cites"] == cites(dunning)
    assert LAWYER_NUMBER not in document_text(content(issuer, notice), "pdf")


def test_a_case_without_earlier_letters_in_the_store_cites_none(issuer: Any, example: Any) -> None:
    body = example("litigation_notice")
    # the compliance guard wants an earlier letter; another case's does not count as cited
    issue(issuer, letters(example, "C-OTHER-1")["dunning_letter"])
    response = issuer.post("/v1/documents", json=body)
    assert response.status_code == 422
    assert [v["rule"] for v in response.get_json()["violations"]] == ["escalation_order"]
    dunning = letters(example)["dunning_letter"]
    dunning["case"].pop("letter_number")
    first = issue(issuer, dunning)
    notice = issue(issuer, body)
    # a letter without a number is cited by date and version
    text = document_text(content(issuer, notice), "pdf")
    assert "2025年3月7日，本司向您发出《催收函》（第1版）。" in text
    assert notice["cites"] == cites(first)


def test_the_client_cannot_send_the_earlier_letters(issuer: Any, example: Any) -> None:
    body = example("litigation_notice")
    body["case"]["earlier_letters"] = [
        {"document_id": "0" * 32, "document_type": "dunning_letter", "version": 1}
    ]
    response = issuer.post("/v1/documents", json=body)
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["case.earlier_letters"]
    listing = issuer.get("/v1/cases/C-2025-000123/documents").get_json()
    assert listing["documents"] == []


def test_a_specimen_cites_the_letters_and_stores_nothing(issuer: Any, example: Any) -> None:
    issue(issuer, letters(example)["dunning_letter"])
    response = issuer.post("/v1/previews", json=example("litigation_notice"))
    assert response.status_code == 200
    assert DUNNING_NUMBER in document_text(response.data, "pdf")
    listing = issuer.get("/v1/cases/C-2025-000123/documents").get_json()
    assert [record["document_type"] for record in listing["documents"]] == ["dunning_letter"]


def purge_all(client: Any, monkeypatch: Any) -> list[str]:
    """Run the retention purge as if five years had passed; return the purged ids."""
    future = datetime.now(UTC) + timedelta(days=5 * 366 + 1)
    monkeypatch.setattr("doc_service.api.retention.utc_now", lambda: future)
    response = client.post("/v1/retention/purge")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    monkeypatch.undo()
    return [item["document_id"] for item in response.get_json()["purged"]]


def dated_tomorrow(body: dict[str, Any]) -> dict[str, Any]:
    """Date a notice the day after a purged letter's record (today), deadlines after that."""
    day = clock.today() + timedelta(days=1)
    case = body["case"]
    case["issue_date"] = day.isoformat()
    case["repayment"]["deadline"] = (day + timedelta(days=10)).isoformat()
    case["litigation"]["intended_filing_date"] = (day + timedelta(days=14)).isoformat()
    return body


def test_purged_letters_are_cited_by_what_their_records_keep(
    issuer: Any, example: Any, monkeypatch: Any
) -> None:
    dunning = issue(issuer, letters(example)["dunning_letter"])
    assert purge_all(issuer, monkeypatch) == [dunning["id"]]

    # the letter's number and date went with its payload: cited by type, version, record date
    notice = issue(issuer, dated_tomorrow(example("litigation_notice")))
    assert notice["cites"] == cites(dunning)
    text = document_text(content(issuer, notice), "pdf")
    issued_on = format_date(clock.today(), "zh-CN")
    assert f"{issued_on}，本司向您发出《催收函》（第1版）。" in text
    assert DUNNING_NUMBER not in text
    report = issuer.get(f"/v1/documents/{notice['id']}/verification").get_json()
    assert report["reproducible"] is True and report["ok"] is True

    # once the notice is purged too, its record still links to the letter it cited
    assert purge_all(issuer, monkeypatch) == [notice["id"]]
    record = issuer.get(f"/v1/documents/{notice['id']}").get_json()
    assert "purged_at" in record and record["cites"] == cites(dunning)
    assert issuer.get("/v1/audit/chain").get_json()["ok"] is True


def test_a_repeated_idempotency_key_replays_the_notice_after_later_letters(
    issuer: Any, example: Any
) -> None:
    earlier = letters(example)
    dunning = issue(issuer, earlier["dunning_letter"])
    headers = {"Idempotency-Key": "notice-C-2025-000123-1"}
    body = example("litigation_notice")
    first = issuer.post("/v1/documents", json=body, headers=headers)
    assert first.status_code == 201 and first.get_json()["cites"] == cites(dunning)
    # the key compares the client's body, not the letters the store holds by the time it returns
    issue(issuer, earlier["lawyer_letter"])
    again = issuer.post("/v1/documents", json=body, headers=headers)
    assert again.status_code == 200
    assert again.get_json()["id"] == first.get_json()["id"]
    assert again.get_json()["cites"] == cites(dunning)
