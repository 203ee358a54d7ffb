"""Evidence: the unsigned render of a signed PDF on its record.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

Only nullable columns are added, so every existing record keeps its values and its record_hash:
a record with ``render_sha256`` NULL is an unsigned document whose ``sha256`` is the render.
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
