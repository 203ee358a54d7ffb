"""Add nightly batches: batches, their chunks of work and their items (mutable, not audited).

Revision ID: 0004_batches
Revises: 0003_retention
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004_batches"
down_revision: str | None = "0003_retention"
branch_labels: str | None = None
depends_on: str | None = None


def _instant() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the three batch tables; the documents they issue stay in the append-only chain."""
    op.create_table(
        "batches",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("language", sa.String(35), nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("chunks", sa.Integer, nullable=False),
        sa.Column("outputs", sa.JSON, nullable=False),
        sa.Column("callback_url", sa.Text, nullable=True),
        sa.Column("idempotency_key", sa.String(255), nullable=True),
        sa.Column("request_sha256", sa.String(64), nullable=False),
        sa.Column("cancel_requested", sa.Boolean, nullable=False),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("started_at", _instant(), nullable=True),
        sa.Column("finished_at", _instant(), nullable=True),
        sa.Column("finish_lease_until", _instant(), nullable=True),
        sa.Column("archive_sha256", sa.String(64), nullable=True),
        sa.Column("print_sha256", sa.String(64), nullable=True),
        sa.Column("print_pages", sa.Integer, nullable=True),
        sa.Column("callback_status", sa.String(64), nullable=True),
    )
    op.create_index("uq_batches_idempotency_key", "batches", ["idempotency_key"], unique=True)
    op.create_table(
        "batch_chunks",
        sa.Column("batch_id", sa.String(32), primary_key=True),
        sa.Column("chunk", sa.Integer, primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("owner", sa.String(255), nullable=True),
        sa.Column("lease_until", _instant(), nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["batches.id"], name="fk_batch_chunks_batch"),
    )
    op.create_table(
        "batch_items",
        sa.Column("batch_id", sa.String(32), primary_key=True),
        sa.Column("item_index", sa.Integer, primary_key=True),
        sa.Column("chunk", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("request_json", sa.Text, nullable=True),
        sa.Column("document_id", sa.String(32), nullable=True),
        sa.Column("problem", sa.JSON, nullable=True),
        sa.Column("updated_at", _instant(), nullable=True),
        sa.ForeignKeyConstraint(["batch_id"], ["batches.id"], name="fk_batch_items_batch"),
    )
    op.create_index("ix_batch_items_chunk", "batch_items", ["batch_id", "chunk"])
    op.create_index("ix_batch_items_status", "batch_items", ["batch_id", "status", "item_index"])
    op.create_index("ix_batch_items_document_id", "batch_items", ["document_id"])


def downgrade() -> None:
    """Drop the batch tables (the documents they issued stay)."""
    op.drop_table("batch_items")
    op.drop_table("batch_chunks")
    op.drop_table("batches")
