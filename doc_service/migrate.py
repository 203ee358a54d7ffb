"""Upgrade the audit database to the newest schema: `python -m doc_service.migrate`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from doc_service.audit.db import MIGRATION_LOCK_KEY, make_engine, normalise_url, writer_engine

DATABASE_URL_ENV = "DOC_SERVICE_DATABASE_URL"
DATA_DIR_ENV = "DOC_SERVICE_DATA_DIR"


def default_database_url() -> str:
    """Return DOC_SERVICE_DATABASE_URL, or the SQLite file under the data directory."""
    url = os.environ.get(DATABASE_URL_ENV)
    if url:
        return url
    data_dir = Path(os.environ.get(DATA_DIR_ENV) or "./var").resolve()
    return f"sqlite:///{data_dir / 'doc_service.db'}"


def alembic_config() -> Config:
    """Build the Alembic configuration in code, so no alembic.ini is needed."""
    config = Config()
    config.set_main_option("script_location", "doc_service:migrations")
    return config


def _ensure_sqlite_directory(database_url: str) -> None:
    """Create the directory of a SQLite database file."""
    url = normalise_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)


def upgrade(database_url: str, revision: str = "head") -> None:
    """Apply every pending migration to the database."""
    _ensure_sqlite_directory(database_url)
    engine = make_engine(database_url)
    try:
        # SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock — so that several processes
        # starting together migrate one after the other, and the later ones find nothing to do
        with writer_engine(engine).begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
                )
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def main() -> int:
    """Upgrade the configured database and say which one."""
    url = default_database_url()
    upgrade(url)
    print(f"audit database at head: {normalise_url(url).render_as_string(hide_password=True)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
