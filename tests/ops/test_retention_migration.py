"""The 0002 migration moves existing payloads beside their records without touching the chain."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from alembic import command
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from doc_service.audit.chain import compute_record_hash, verify_chain
from doc_service.audit.db import make_engine
from doc_service.audit.records import canonical_payload
from doc_service.migrate import alembic_config, upgrade

INSERT_0001 = text(
    "INSERT INTO documents (id, seq, case_id, document_type, format, locale, version, media_type,"
    " sha256, size, payload_sha256, payload_json, template_id, template_version, policy_digest,"
    " created_at, created_by, record_hash, previous_record_hash)"
    " VALUES (:id, :seq, :case_id, :document_type, :format, :locale, :version, :media_type,"
    " :sha256, :size, :payload_sha256, :payload_json, :template_id, :template_version,"
    " :policy_digest, :created_at, :created_by, :record_hash, :previous_record_hash)"
)


def old_record(seq: int, previous: str | None) -> SimpleNamespace:
    """Return a record as revision 0001 stored it, payload on the row."""
    payload_json, payload_sha256 = canonical_payload({"case_id": f"C-OLD-{seq}"})
    record = SimpleNamespace(
        id=f"{seq:032x}",
        seq=seq,
        case_id=f"C-OLD-{seq}",
        document_type="dunning_letter",
        format="pdf",
        locale="zh-CN",
        version=1,
        media_type="application/pdf",
        sha256=f"{seq:064x}",
        size=10,
        payload_sha256=payload_sha256,
        payload_json=payload_json,
        template_id="dunning_letter/zh-CN",
        template_version="a" * 64,
        policy_digest="b" * 64,
        created_at=datetime(2026, 1, seq, tzinfo=UTC),
        created_by="submitter-key",
        previous_record_hash=previous,
    )
    record.record_hash = compute_record_hash(record)
    return record


def downgrade_to_0001(engine: Engine) -> None:
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")


def test_upgrade_keeps_payloads_and_chain_and_downgrade_restores(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        downgrade_to_0001(engine)  # the fixture migrated to head: go back first
        records, previous = [], None
        with engine.begin() as conn:
            for seq in (1, 2, 3):
                record = old_record(seq, previous)
                values = dict(vars(record))
                if conn.dialect.name == "sqlite":
                    values["created_at"] = record.created_at.replace(tzinfo=None)
                conn.execute(INSERT_0001, values)
                records.append(record)
                previous = record.record_hash
        upgrade(database_url)
        with Session(engine) as session:
            report = verify_chain(session)
            moved = dict(session.execute(text("SELECT * FROM document_payloads")).all())
        assert report.ok and report.length == 3 and report.head == records[-1].record_hash
        assert moved == {r.id: r.payload_json for r in records}
        downgrade_to_0001(engine)
        with engine.connect() as conn:
            back = dict(conn.execute(text("SELECT id, payload_json FROM documents")).all())
        assert back == moved
    finally:
        engine.dispose()
