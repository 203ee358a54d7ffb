"""Create the audit store: documents, template versions, audit events, append-only triggers.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

APPEND_ONLY_TABLES = ("documents", "template_versions", "audit_events")
EVENT_TAGS = (
    "document:issue",
    "document:read",
    "document:verify",
    "chain:verify",
    "verification:lookup",
)


def _instant() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _create_tables() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=False, unique=True),
        sa.Column("case_id", sa.String(64), nullable=False),
        sa.Column("document_type", sa.String(64), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("locale", sa.String(35), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("media_type", sa.String(255), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("payload_sha256", sa.String(64), nullable=False),
        sa.Column("payload_json", sa.Text, nullable=False),
        sa.Column("template_id", sa.String(255), nullable=False),
        sa.Column("template_version", sa.String(128), nullable=False),
        sa.Column("policy_digest", sa.String(128), nullable=True),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("created_by", sa.String(255), nullable=False),
        sa.Column("record_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("previous_record_hash", sa.String(64), nullable=True),
        sa.Column("idempotency_key", sa.String(255), nullable=True),
        sa.Column("request_sha256", sa.String(64), nullable=True),
        sa.UniqueConstraint(
            "case_id", "document_type", "version", name="uq_documents_case_type_version"
        ),
        sa.UniqueConstraint("idempotency_key", name="uq_documents_idempotency_key"),
        sa.CheckConstraint("seq >= 1 AND version >= 1 AND size >= 0", name="ck_documents_positive"),
    )
    op.create_index("ix_documents_case_seq", "documents", ["case_id", "seq"])
    op.create_index("ix_documents_sha256", "documents", ["sha256"])
    op.create_table(
        "template_versions",
        sa.Column("template_id", sa.String(255), primary_key=True),
        sa.Column("version", sa.String(128), primary_key=True),
        sa.Column("manifest_sha256", sa.String(64), nullable=False),
        sa.Column("first_used_at", _instant(), nullable=False),
    )
    op.create_table(
        "audit_events",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer, "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column(
            "tag",
            sa.Enum(
                *EVENT_TAGS,
                name="audit_event_tag",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("document_id", sa.String(32), nullable=True),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("at", _instant(), nullable=False),
        sa.Column("request_id", sa.String(128), nullable=True),
        sa.Column("detail", sa.JSON, nullable=True),
    )
    op.create_index("ix_audit_events_document_id", "audit_events", ["document_id"])


def _create_sqlite_triggers() -> None:
    for table in APPEND_ONLY_TABLES:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
            )


def _create_postgresql_triggers() -> None:
    op.execute(
        """
        CREATE FUNCTION doc_service_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% are append-only', TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege';
        END
        $$
        """
    )
    for table in APPEND_ONLY_TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION doc_service_refuse_change()"
        )
        # TRUNCATE skips row triggers, so refuse it with a statement trigger
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION doc_service_refuse_change()"
        )


def upgrade() -> None:
    """Create the tables and the triggers that keep them append-only."""
    _create_tables()
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _create_sqlite_triggers()
    elif dialect == "postgresql":
        _create_postgresql_triggers()
    else:
        raise RuntimeError(f"no append-only triggers for {dialect}")


def downgrade() -> None:
    """Drop everything the upgrade created."""
    dialect = op.get_bind().dialect.name
    for table in reversed(APPEND_ONLY_TABLES):
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        op.drop_table(table)
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS doc_service_refuse_change()")
