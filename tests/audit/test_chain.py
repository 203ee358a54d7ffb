"""The hash chain: its exact definition, verification, and tampering it must reveal."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
import rfc8785
from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from doc_service.audit.blobs import BlobCorrupted, FileBlobStore
from doc_service.audit.chain import (
    HASHED_FIELDS,
    compute_record_hash,
    hashed_view,
    verify_chain,
    verify_record_link,
)
from doc_service.audit.db import make_engine
from doc_service.audit.records import Record
from doc_service.migrate import upgrade
from tests.audit.helpers import append

Appender = Callable[..., Record]

FIXED = SimpleNamespace(
    id="6f1c" + "0" * 28,
    seq=1,
    case_id="C-2025-000123",
    document_type="lawyer_letter",
    format="pdf",
    locale="zh-CN",
    version=3,
    media_type="application/pdf",
    sha256="b" * 64,
    size=123456,
    payload_sha256="c" * 64,
    template_id="lawyer_letter/zh-CN",
    template_version="d" * 64,
    policy_digest=None,
    created_at=datetime(2026, 11, 28, 15, 0, tzinfo=UTC),
    created_by="bank-a",
    previous_record_hash=None,
)


def test_hashed_fields_are_exactly_the_documented_ones() -> None:
    assert tuple(hashed_view(FIXED)) == HASHED_FIELDS
    assert "record_hash" not in HASHED_FIELDS and "links" not in HASHED_FIELDS


def test_record_hash_is_sha256_of_the_canonical_json() -> None:
    expected_json = (
        '{"case_id":"C-2025-000123","created_at":"2026-11-28T15:00:00.000000Z",'
        '"created_by":"bank-a","document_type":"lawyer_letter","format":"pdf",'
        f'"id":"{FIXED.id}","locale":"zh-CN","media_type":"application/pdf",'
        f'"payload_sha256":"{"c" * 64}","policy_digest":null,"previous_record_hash":null,'
        f'"seq":1,"sha256":"{"b" * 64}","size":123456,'
        f'"template":{{"id":"lawyer_letter/zh-CN","version":"{"d" * 64}"}},"version":3}}'
    )
    assert rfc8785.dumps(hashed_view(FIXED)).decode() == expected_json
    assert compute_record_hash(FIXED) == hashlib.sha256(expected_json.encode()).hexdigest()


def test_empty_chain_verifies(session: Session) -> None:
    report = verify_chain(session)
    assert (report.ok, report.length, report.head, report.first_bad_seq) == (True, 0, None, None)


def test_chain_verifies_and_reports_its_head(appender: Appender, session: Session) -> None:
    records = [appender() for _ in range(7)]
    report = verify_chain(session, batch_size=2)
    assert report.ok and report.length == 7 and report.head == records[-1].record_hash
    assert report.to_dict()["problems"] == []
    assert all(verify_record_link(session, document_id=r.id) for r in records)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE documents SET size = size + 1",
        "DELETE FROM documents",
        "UPDATE audit_events SET actor = 'someone else'",
        "DELETE FROM audit_events",
        "UPDATE template_versions SET manifest_sha256 = 'x'",
        "DELETE FROM template_versions",
    ],
)
def test_triggers_refuse_changes(
    appender: Appender, store_engine: Engine, file_blobs: FileBlobStore, statement: str
) -> None:
    from doc_service.audit.templates import save_template_version

    record = appender()
    with Session(store_engine) as s, s.begin():
        save_template_version(s, file_blobs, template_id="t", version="1", files={"a": b"a"})
    with store_engine.connect() as conn, pytest.raises(DatabaseError, match="append-only"):
        conn.execute(text(statement))
    with Session(store_engine) as s:
        assert verify_chain(s).ok
        assert s.execute(text("SELECT size FROM documents")).scalar_one() == record.size


@pytest.mark.postgres
def test_truncate_is_refused_on_postgresql(postgres_schema_url: str, tmp_path: Path) -> None:
    upgrade(postgres_schema_url)
    engine = make_engine(postgres_schema_url)
    try:
        append(engine, FileBlobStore(tmp_path))
        # CASCADE: past the foreign keys of payloads and purges, the triggers still refuse
        for table in ("documents", "document_payloads", "document_purges", "legal_holds"):
            with engine.connect() as conn, pytest.raises(DatabaseError, match="append-only"):
                conn.execute(text(f"TRUNCATE {table} CASCADE"))
    finally:
        engine.dispose()


def _drop_update_trigger(conn: object, dialect: str) -> None:
    sql = (
        "DROP TRIGGER documents_no_update"
        if dialect == "sqlite"
        else "DROP TRIGGER documents_no_change ON documents"
    )
    conn.execute(text(sql))  # type: ignore[attr-defined]


def test_edited_record_is_caught(appender: Appender, store_engine: Engine) -> None:
    records = [appender() for _ in range(4)]
    with store_engine.begin() as conn:
        _drop_update_trigger(conn, store_engine.dialect.name)
        conn.execute(text("UPDATE documents SET size = 1 WHERE seq = 2"))
    with Session(store_engine) as s:
        report = verify_chain(s)
        assert not report.ok and report.first_bad_seq == 2 and report.length == 4
        assert "record_hash" in report.problems[0]
        assert not verify_record_link(s, document_id=records[1].id)
        assert verify_record_link(s, document_id=records[3].id)


def test_rehashed_forgery_breaks_the_next_link(appender: Appender, store_engine: Engine) -> None:
    records = [appender() for _ in range(3)]
    with Session(store_engine) as s:
        forged = s.execute(text("SELECT * FROM documents WHERE seq = 2")).mappings().one()
    fields = dict(forged)
    fields["created_by"] = "forger"
    created = fields["created_at"]
    fields["created_at"] = (
        datetime.fromisoformat(created).replace(tzinfo=UTC) if isinstance(created, str) else created
    )
    new_hash = compute_record_hash(SimpleNamespace(**fields))
    with store_engine.begin() as conn:
        _drop_update_trigger(conn, store_engine.dialect.name)
        conn.execute(
            text("UPDATE documents SET created_by = 'forger', record_hash = :h WHERE seq = 2"),
            {"h": new_hash},
        )
    with Session(store_engine) as s:
        report = verify_chain(s)
        assert not report.ok and report.first_bad_seq == 3
        assert "previous_record_hash" in report.problems[0]
        assert not verify_record_link(s, document_id=records[1].id)


def test_edited_payload_is_caught(appender: Appender, store_engine: Engine) -> None:
    record = appender()
    sqlite = store_engine.dialect.name == "sqlite"
    with store_engine.begin() as conn:
        conn.execute(
            text(
                "DROP TRIGGER document_payloads_no_update"
                if sqlite
                else "DROP TRIGGER document_payloads_no_update ON document_payloads"
            )
        )
        conn.execute(
            text("UPDATE document_payloads SET payload_json = '{}' WHERE document_id = :id"),
            {"id": record.id},
        )
    with Session(store_engine) as s:
        report = verify_chain(s)
        assert report.first_bad_seq == 1 and "payload_json" in report.problems[0]


def test_payload_deleted_without_a_purge_is_refused_and_caught(
    appender: Appender, store_engine: Engine
) -> None:
    record = appender()
    delete = text("DELETE FROM document_payloads WHERE document_id = :id")
    with pytest.raises(DatabaseError), store_engine.begin() as conn:
        conn.execute(delete, {"id": record.id})
    sqlite = store_engine.dialect.name == "sqlite"
    with store_engine.begin() as conn:
        conn.execute(
            text(
                "DROP TRIGGER document_payloads_purge_only"
                if sqlite
                else "DROP TRIGGER document_payloads_purge_only ON document_payloads"
            )
        )
        conn.execute(delete, {"id": record.id})
    with Session(store_engine) as s:
        report = verify_chain(s)
        assert report.first_bad_seq == 1 and "no purge is recorded" in report.problems[0]


def test_edited_blob_on_disk_is_caught(appender: Appender, file_blobs: FileBlobStore) -> None:
    record = appender(content=b"%PDF original")
    path: Path = file_blobs.path_of(record.sha256)
    path.write_bytes(b"%PDF altered")
    with pytest.raises(BlobCorrupted):
        file_blobs.get(record.sha256)
