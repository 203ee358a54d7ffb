"""Anchors: an insider's database-only forgeries are reported by the next chain check."""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text

from doc_service.audit.chain import compute_record_hash
from doc_service.audit.models import Document
from doc_service.evidence.timestamps import check_token
from tests.support import load_example


def services_of(client: Any) -> Any:
    return client.application.extensions["doc_service"]


def issue(client: Any, document_type: str = "dunning_letter") -> dict[str, Any]:
    response = client.post("/v1/documents", json={**load_example(document_type), "format": "docx"})
    assert response.status_code == 201, response.get_data(as_text=True)
    record: dict[str, Any] = response.get_json()
    return record


def anchor(client: Any) -> dict[str, Any]:
    response = client.post("/v1/audit/anchors")
    assert response.status_code == 201, response.get_data(as_text=True)
    body: dict[str, Any] = response.get_json()
    return body


def chain(client: Any, **query: str) -> dict[str, Any]:
    response = client.get("/v1/audit/chain", query_string=query)
    assert response.status_code == 200
    body: dict[str, Any] = response.get_json()
    return body


INSIDER_TABLES = (
    "documents",
    "document_payloads",
    "document_citations",
    "audit_events",
    "audit_anchors",
)


def insider_sql(client: Any, *statements: str, **params: Any) -> None:
    """Run SQL as someone with the database owner's rights: triggers off, then write."""
    url = services_of(client).settings["DATABASE_URL"]
    engine = create_engine(url)
    with engine.begin() as conn:
        for table in INSIDER_TABLES:
            if engine.dialect.name == "postgresql":
                conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
                continue
            for action in ("update", "delete"):
                conn.execute(text(f"DROP TRIGGER IF EXISTS {table}_no_{action}"))
            conn.execute(text(f"DROP TRIGGER IF EXISTS {table}_purge_only"))
        for statement in statements:
            conn.execute(text(statement), params)
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def client(request: pytest.FixtureRequest, signing_app: Any) -> Any:
    """An app that signs and anchors, on SQLite and on PostgreSQL, with three records."""
    database = {}
    if request.param == "postgresql":
        database["DATABASE_URL"] = request.getfixturevalue("postgres_schema_url")
    client = signing_app(**database)
    for document_type in ("dunning_letter", "lawyer_letter", "litigation_notice"):
        issue(client, document_type)
    return client


def test_anchors_are_timestamped_and_listed_with_their_tokens(client: Any) -> None:
    made = anchor(client)
    assert made["record_count"] == 3 and made["event_count"] >= 3
    listed = client.get("/v1/audit/anchors").get_json()["anchors"]
    assert [a["seq"] for a in listed] == [made["seq"]]
    token = base64.b64decode(listed[0]["timestamp_token"])
    roots = services_of(client).signing.trust_roots
    assert check_token(token, made["digest"], roots)["ok"]
    # the token stamps this digest and no other
    assert not check_token(token, hashlib.sha256(b"other").hexdigest(), roots)["ok"]
    report = chain(client)
    assert report["ok"] and report["anchor"]["ok"] and report["events"]["ok"]
    assert report["anchor"]["timestamp"]["ok"]


def test_deleting_the_newest_record_is_reported(client: Any) -> None:
    anchor(client)
    insider_sql(client, *truncate_from(3))
    report = chain(client)
    assert report["ok"] is False
    assert any("record 3 is missing" in p for p in report["anchor"]["problems"])


def forge_record(client: Any, seq: int) -> None:
    """Point a record at other bytes and recompute its hash and every later link, as a forger."""
    with services_of(client).sessions() as session:
        rows = list(session.scalars(select(Document).order_by(Document.seq)))
        session.expunge_all()
    statements, previous = [], None
    for row in rows:
        if row.seq == seq:
            row.sha256 = hashlib.sha256(b"forged").hexdigest()
        row.previous_record_hash = previous
        row.record_hash = previous = compute_record_hash(row)
        statements.append(
            f"UPDATE documents SET sha256 = '{row.sha256}', record_hash = '{row.record_hash}', "
            f"previous_record_hash = {_sql(row.previous_record_hash)} WHERE seq = {row.seq}"
        )
    # record_hash is unique: move every row aside first, then write the forged values
    insider_sql(client, "UPDATE documents SET record_hash = 'x' || seq", *statements)


def test_a_rewritten_record_with_recomputed_hashes_is_reported(client: Any) -> None:
    anchor(client)
    forge_record(client, 2)
    report = chain(client)
    assert report["first_bad_seq"] is None  # the chain alone looks fine...
    assert report["ok"] is False  # ...but the anchor remembers the old head
    assert any("not the anchored chain head" in p for p in report["anchor"]["problems"])


def truncate_from(seq: int) -> tuple[str, ...]:
    """Return the statements that delete the records from ``seq`` on, what refers to them first."""
    return (
        f"DELETE FROM document_citations WHERE document_id IN "
        f"(SELECT id FROM documents WHERE seq >= {seq})",
        f"DELETE FROM document_payloads WHERE document_id IN "
        f"(SELECT id FROM documents WHERE seq >= {seq})",
        f"DELETE FROM documents WHERE seq >= {seq}",
    )


def _sql(value: str | None) -> str:
    return "NULL" if value is None else f"'{value}'"


def test_a_deleted_event_before_the_anchor_is_reported(client: Any) -> None:
    made = anchor(client)
    insider_sql(client, "DELETE FROM audit_events WHERE seq = 2")
    report = chain(client)
    assert report["ok"] is False
    assert report["events"]["ok"] is False
    assert any("events were anchored" in p for p in report["anchor"]["problems"])
    assert made["event_count"] >= 3


def test_deleting_the_newest_events_before_the_anchor_is_reported(client: Any) -> None:
    made = anchor(client)
    insider_sql(client, f"DELETE FROM audit_events WHERE seq >= {made['events_head_seq']}")
    report = chain(client)
    assert report["events"]["ok"]  # what is left still links...
    assert report["ok"] is False  # ...but the anchored newest event is gone
    assert any("newest event is gone" in p for p in report["anchor"]["problems"])


def test_a_forged_anchor_fails_its_token(client: Any) -> None:
    anchor(client)
    insider_sql(client, "UPDATE audit_anchors SET record_count = 2")
    report = chain(client)
    assert report["ok"] is False
    assert any("do not match its digest" in p for p in report["anchor"]["problems"])


def test_since_anchor_checks_only_the_newer_records(client: Any) -> None:
    anchor(client)
    issue(client)
    report = chain(client, since="anchor")
    assert report["mode"] == "since-anchor" and report["ok"] and report["length"] == 4
    assert client.get("/v1/audit/chain?since=everything").status_code == 400


def test_events_are_hash_linked(client: Any) -> None:
    events = client.get("/v1/audit/events").get_json()["events"]
    assert events
    engine = create_engine(services_of(client).settings["DATABASE_URL"])
    with engine.connect() as conn:
        links = conn.execute(
            text("SELECT event_hash, previous_event_hash FROM audit_events ORDER BY seq")
        ).all()
    engine.dispose()
    assert links[0].previous_event_hash is None
    for before, after in itertools.pairwise(links):
        assert after.previous_event_hash == before.event_hash
    assert json.dumps(events)  # the log still reads as before


def test_an_anchor_needs_a_tsa(tmp_path: Any) -> None:
    from tests.support import make_app

    app = make_app(tmp_path)
    response = app.test_client().post("/v1/audit/anchors")
    assert response.status_code == 409
    assert response.get_json()["type"].endswith("not-configured")
    app.extensions["doc_service"].engine.dispose()


FORGERIES = {
    "rewritten record": (
        lambda client: forge_record(client, 2),
        "anchor 1: record 3 is not the anchored chain head",
    ),
    "truncated chain": (
        lambda client: insider_sql(client, *truncate_from(3)),
        "anchor 1: record 3 is missing (truncated chain)",
    ),
    "deleted event": (
        lambda client: insider_sql(client, "DELETE FROM audit_events WHERE seq = 2"),
        "events were anchored",
    ),
}


@pytest.mark.parametrize("forgery", list(FORGERIES))
def test_each_forgery_is_reported_after_the_next_anchor(client: Any, forgery: str) -> None:
    from doc_service.documents.chain_checks import request_check, run_check

    anchor(client)
    # a stored check verified the store at anchor 1: since=anchor starts there from now on
    check = request_check(services_of(client), actor="auditor", since_anchor=False)
    assert run_check(services_of(client), check.id) == "done"
    forge, reported = FORGERIES[forgery]
    forge(client)
    later = anchor(client)  # the next anchor fixes the forged state with a genuine token
    for report in (chain(client), chain(client, since="anchor")):
        assert report["ok"] is False, report
        # the latest anchor agrees with the forgery; the one before it does not
        assert report["anchor"]["seq"] == later["seq"] and report["anchor"]["ok"]
        assert any(reported in p for p in report["anchors"]["problems"]), report["anchors"]
