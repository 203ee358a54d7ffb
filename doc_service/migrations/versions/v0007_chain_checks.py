"""Keep the public address each document's QR code prints, and the chain re-check jobs' reports.

``documents.public_url`` lets a rebuild print the same /verify address the issued document
printed, whatever the setting says today; NULL for documents issued before or without one.
``chain_checks`` holds the background re-checks of the chain: progress while running, the
report when done; like preview_cases it is a working table, not part of the evidence.

Revision ID: 0007_chain_checks
Revises: 0006_citations
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007_chain_checks"
down_revision: str | None = "0006_citations"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add documents.public_url and create chain_checks."""
    op.add_column("documents", sa.Column("public_url", sa.String(255), nullable=True))
    op.create_table(
        "chain_checks",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("requested_by", sa.String(255), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("total", sa.BigInteger, nullable=True),
        sa.Column("checked", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("from_seq", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("anchor_seq", sa.BigInteger, nullable=True),
        sa.Column("ok", sa.Boolean, nullable=True),
        sa.Column("report_json", sa.Text, nullable=True),
    )


def downgrade() -> None:
    """Drop chain_checks and documents.public_url."""
    op.drop_table("chain_checks")
    op.drop_column("documents", "public_url")
