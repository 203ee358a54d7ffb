"""Add the preview page's named test cases, one row per reviewer key and name.

Revision ID: 0005_preview_cases
Revises: 0004_batches
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005_preview_cases"
down_revision: str | None = "0004_batches"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create preview_cases; unlike the record tables it may be updated and deleted."""
    op.create_table(
        "preview_cases",
        sa.Column("owner", sa.String(255), primary_key=True),
        sa.Column("name", sa.String(120), primary_key=True),
        sa.Column("document_type", sa.String(64), nullable=False),
        sa.Column("case_json", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop preview_cases."""
    op.drop_table("preview_cases")
