"""Alembic environment: run migrations on the connection doc_service.migrate hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from doc_service.audit.db import make_engine
from doc_service.audit.models import Base
from doc_service.batches import models as _batch_models  # noqa: F401  (their tables too)

config = context.config
target_metadata = Base.metadata


def run_migrations(connection: Connection) -> None:
    """Apply the pending revisions on one connection."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table instead
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Use the given connection, or open one from sqlalchemy.url."""
    connection = config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.begin() as conn:
            run_migrations(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit(
        "offline (--sql) migrations are not supported; run python -m doc_service.migrate"
    )
run_online()
