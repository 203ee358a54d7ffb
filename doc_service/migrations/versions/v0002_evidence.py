"""Evidence: signed PDFs' render columns, hash-linked audit events, timestamped anchors.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

Only nullable columns are added, so every existing record keeps its values and its record_hash:
a record with ``render_sha256`` NULL is an unsigned document whose ``sha256`` is the render.
Events written before this revision keep NULL links; every later event links to the one before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add the signed documents' render columns."""
    # ADD COLUMN is no UPDATE: the append-only triggers stay in force
    op.add_column("documents", sa.Column("render_sha256", sa.String(64), nullable=True))
    op.add_column("documents", sa.Column("render_size", sa.BigInteger, nullable=True))
    # NULL: a plain PDF (every document issued before), so rebuilds of old records stay plain
    op.add_column("documents", sa.Column("pdf_variant", sa.String(16), nullable=True))
    op.add_column("audit_events", sa.Column("event_hash", sa.String(64), nullable=True))
    op.add_column("audit_events", sa.Column("previous_event_hash", sa.String(64), nullable=True))
    # unique indexes, not constraints: SQLite adds those without rebuilding the table
    op.create_index("uq_audit_events_event_hash", "audit_events", ["event_hash"], unique=True)
    op.create_index(
        "uq_audit_events_previous_event_hash",
        "audit_events",
        ["previous_event_hash"],
        unique=True,
    )
    op.create_table(
        "audit_anchors",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer, "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(255), nullable=False),
        sa.Column("record_count", sa.BigInteger, nullable=False),
        sa.Column("chain_head", sa.String(64), nullable=True),
        sa.Column("event_count", sa.BigInteger, nullable=False),
        sa.Column("events_head", sa.String(64), nullable=True),
        sa.Column("events_head_seq", sa.BigInteger, nullable=True),
        sa.Column("digest", sa.String(64), nullable=False, unique=True),
        sa.Column("timestamp_token", sa.LargeBinary, nullable=False),
        sa.Column("timestamped_at", sa.DateTime(timezone=True), nullable=False),
    )
    _append_only("audit_anchors", op.get_bind().dialect.name)


def _append_only(table: str, dialect: str) -> None:
    """Refuse UPDATE and DELETE on a new table, as revision 0001 does for its tables."""
    if dialect == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
            )
    elif dialect == "postgresql":
        # doc_service_refuse_change() comes from revision 0001
        op.execute(
            f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION doc_service_refuse_change()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION doc_service_refuse_change()"
        )
    else:
        raise RuntimeError(f"no append-only triggers for {dialect}")


def downgrade() -> None:
    """Drop what the upgrade added."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_anchors_no_change ON audit_anchors")
        op.execute("DROP TRIGGER IF EXISTS audit_anchors_no_truncate ON audit_anchors")
    op.drop_table("audit_anchors")
    op.drop_index("uq_audit_events_previous_event_hash", table_name="audit_events")
    op.drop_index("uq_audit_events_event_hash", table_name="audit_events")
    for table, column in (
        ("audit_events", "previous_event_hash"),
        ("audit_events", "event_hash"),
        ("documents", "render_size"),
        ("documents", "pdf_variant"),
        ("documents", "render_sha256"),
    ):
        op.drop_column(table, column)
