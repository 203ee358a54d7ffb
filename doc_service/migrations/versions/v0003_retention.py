"""Retention and legal hold: payloads beside the records, purge and hold tables, new event tags.

The case payload moves from documents.payload_json to document_payloads, which the retention
purge may delete from — only for a document whose purge is already recorded in document_purges.
record_hash never covered payload_json (it covers payload_sha256), so no hash and no link of the
chain changes; the records themselves stay append-only.

Revision ID: 0003_retention
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003_retention"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

OLD_TAGS = (
    "document:issue",
    "document:read",
    "document:verify",
    "chain:verify",
    "verification:lookup",
)
NEW_TAGS = (*OLD_TAGS, "document:purge", "case:hold", "case:release")
APPEND_ONLY_TABLES = ("document_purges", "legal_holds")


def _instant() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _create_tables() -> None:
    op.create_table(
        "document_payloads",
        sa.Column("document_id", sa.String(32), primary_key=True),
        sa.Column("payload_json", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_document_payloads_document"
        ),
    )
    op.create_table(
        "document_purges",
        sa.Column("document_id", sa.String(32), primary_key=True),
        sa.Column("purged_at", _instant(), nullable=False),
        sa.Column("purged_by", sa.String(255), nullable=False),
        sa.Column("expired_at", _instant(), nullable=False),
        sa.Column("rule", sa.String(255), nullable=False),
        sa.Column("policy_digest", sa.String(128), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_document_purges_document"
        ),
    )
    op.create_table(
        "legal_holds",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer, "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("case_id", sa.String(64), nullable=False),
        sa.Column("held", sa.Boolean, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("at", _instant(), nullable=False),
    )
    op.create_index("ix_legal_holds_case_seq", "legal_holds", ["case_id", "seq"])


def _sqlite_tag_check(tags: tuple[str, ...]) -> None:
    """Rebuild audit_events with another CHECK on tag (SQLite cannot alter a CHECK)."""
    op.create_table(
        "audit_events_next",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "tag",
            sa.Enum(
                *tags, name="audit_event_tag", native_enum=False, create_constraint=True, length=32
            ),
            nullable=False,
        ),
        sa.Column("document_id", sa.String(32), nullable=True),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("at", _instant(), nullable=False),
        sa.Column("request_id", sa.String(128), nullable=True),
        sa.Column("detail", sa.JSON, nullable=True),
        # the hash links revision 0002 added: carried over as they are
        sa.Column("event_hash", sa.String(64), nullable=True),
        sa.Column("previous_event_hash", sa.String(64), nullable=True),
    )
    op.execute(
        "INSERT INTO audit_events_next (seq, tag, document_id, actor, at, request_id, detail, "
        "event_hash, previous_event_hash) SELECT seq, tag, document_id, actor, at, request_id, "
        "detail, event_hash, previous_event_hash FROM audit_events"
    )
    # DROP TABLE fires no DELETE trigger; the triggers go with the table and are made anew
    op.execute("DROP TABLE audit_events")
    op.execute("ALTER TABLE audit_events_next RENAME TO audit_events")
    op.create_index("ix_audit_events_document_id", "audit_events", ["document_id"])
    for column in ("event_hash", "previous_event_hash"):
        op.create_index(f"uq_audit_events_{column}", "audit_events", [column], unique=True)
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_events_no_{action.lower()} BEFORE {action} ON audit_events "
            "BEGIN SELECT RAISE(ABORT, 'audit_events are append-only'); END"
        )


def _postgresql_tag_check(tags: tuple[str, ...]) -> None:
    listed = ", ".join(f"'{tag}'" for tag in tags)
    op.execute("ALTER TABLE audit_events DROP CONSTRAINT audit_event_tag")
    op.execute(f"ALTER TABLE audit_events ADD CONSTRAINT audit_event_tag CHECK (tag IN ({listed}))")


def _sqlite_triggers() -> None:
    for table in APPEND_ONLY_TABLES:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
            )
    op.execute(
        "CREATE TRIGGER document_payloads_no_update BEFORE UPDATE ON document_payloads "
        "BEGIN SELECT RAISE(ABORT, 'document_payloads are never changed'); END"
    )
    op.execute(
        "CREATE TRIGGER document_payloads_purge_only BEFORE DELETE ON document_payloads "
        "WHEN NOT EXISTS (SELECT 1 FROM document_purges WHERE document_id = OLD.document_id) "
        "BEGIN SELECT RAISE(ABORT, 'document_payloads are deleted only by a recorded purge'); END"
    )


def _postgresql_triggers() -> None:
    for table in APPEND_ONLY_TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION doc_service_refuse_change()"
        )
    for table in (*APPEND_ONLY_TABLES, "document_payloads"):
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION doc_service_refuse_change()"
        )
    op.execute(
        "CREATE TRIGGER document_payloads_no_update BEFORE UPDATE ON document_payloads "
        "FOR EACH ROW EXECUTE FUNCTION doc_service_refuse_change()"
    )
    op.execute(
        """
        CREATE FUNCTION doc_service_payload_purge_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM document_purges WHERE document_id = OLD.document_id) THEN
                RAISE EXCEPTION 'document_payloads are deleted only by a recorded purge'
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN OLD;
        END
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER document_payloads_purge_only BEFORE DELETE ON document_payloads "
        "FOR EACH ROW EXECUTE FUNCTION doc_service_payload_purge_only()"
    )


def upgrade() -> None:
    """Move payloads beside the records, add purges and holds, allow the new event tags."""
    dialect = op.get_bind().dialect.name
    _create_tables()
    op.execute(
        "INSERT INTO document_payloads (document_id, payload_json) "
        "SELECT id, payload_json FROM documents"
    )
    # DDL, not an UPDATE: no row trigger fires and no hashed field changes
    op.execute("ALTER TABLE documents DROP COLUMN payload_json")
    if dialect == "sqlite":
        _sqlite_tag_check(NEW_TAGS)
        _sqlite_triggers()
    elif dialect == "postgresql":
        _postgresql_tag_check(NEW_TAGS)
        _postgresql_triggers()
    else:
        raise RuntimeError(f"no append-only triggers for {dialect}")


def downgrade() -> None:
    """Put the payloads back on the records (purged ones empty) and drop the new tables."""
    dialect = op.get_bind().dialect.name
    op.execute("ALTER TABLE documents ADD COLUMN payload_json TEXT NOT NULL DEFAULT ''")
    fill = (
        "UPDATE documents SET payload_json = COALESCE((SELECT payload_json FROM document_payloads "
        "WHERE document_payloads.document_id = documents.id), '')"
    )
    if dialect == "sqlite":
        op.execute("DROP TRIGGER documents_no_update")
        op.execute(fill)
        op.execute(
            "CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents "
            "BEGIN SELECT RAISE(ABORT, 'documents are append-only'); END"
        )
        _sqlite_tag_check(OLD_TAGS)
    else:
        op.execute("ALTER TABLE documents DISABLE TRIGGER documents_no_change")
        op.execute(fill)
        op.execute("ALTER TABLE documents ENABLE TRIGGER documents_no_change")
        _postgresql_tag_check(OLD_TAGS)
    for table in ("legal_holds", "document_payloads", "document_purges"):
        op.drop_table(table)
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS doc_service_payload_purge_only()")
