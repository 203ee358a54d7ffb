"""Add document_citations: the earlier records a document cites, written with it, never changed.

Revision ID: 0006_citations
Revises: 0005_preview_cases
Create Date: 2026-11-30

A litigation notice cites the case's earlier dunning and lawyer's letters. Its payload (which the
record hashes) names them; these rows keep the record's links to them after a retention purge
deleted the payload. Append-only like the records: no UPDATE, no DELETE.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006_citations"
down_revision: str | None = "0005_preview_cases"
branch_labels: str | None = None
depends_on: str | None = None

TABLE = "document_citations"


def upgrade() -> None:
    """Create document_citations and make it append-only."""
    op.create_table(
        TABLE,
        sa.Column(
            "document_id",
            sa.String(32),
            sa.ForeignKey("documents.id", name="fk_document_citations_document"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column(
            "cited_document_id",
            sa.String(32),
            sa.ForeignKey("documents.id", name="fk_document_citations_cited"),
            nullable=False,
        ),
        sa.Column("cited_document_type", sa.String(64), nullable=False),
        sa.Column("cited_version", sa.Integer, nullable=False),
    )
    op.create_index("ix_document_citations_cited", TABLE, ["cited_document_id"])
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {TABLE}_no_{action.lower()} BEFORE {action} ON {TABLE} "
                f"BEGIN SELECT RAISE(ABORT, '{TABLE} are append-only'); END"
            )
    elif dialect == "postgresql":
        # doc_service_refuse_change() comes from revision 0001
        op.execute(
            f"CREATE TRIGGER {TABLE}_no_change BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION doc_service_refuse_change()"
        )
        op.execute(
            f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
            "FOR EACH STATEMENT EXECUTE FUNCTION doc_service_refuse_change()"
        )
    else:
        raise RuntimeError(f"no append-only triggers for {dialect}")


def downgrade() -> None:
    """Drop document_citations."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_change ON {TABLE}")
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}")
    op.drop_index("ix_document_citations_cited", table_name=TABLE)
    op.drop_table(TABLE)
