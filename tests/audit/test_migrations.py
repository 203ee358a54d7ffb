"""Migrations: repeatable, matching the models, and the `python -m doc_service.migrate` entry."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from doc_service.audit.db import make_engine, ping
from doc_service.audit.models import Base
from doc_service.migrate import default_database_url, upgrade

ROOT = Path(__file__).resolve().parents[2]


def test_upgrade_twice_is_a_no_op(database_url: str, store_engine: Engine) -> None:
    upgrade(database_url)
    with store_engine.connect() as conn:
        assert (
            conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
            == "0002_preview_cases"
        )
    assert {"documents", "template_versions", "audit_events"} <= set(
        inspect(store_engine).get_table_names()
    )


def test_models_match_the_migrations(store_engine: Engine) -> None:
    with store_engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_sqlite_engine_settings(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    try:
        ping(engine)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
    finally:
        engine.dispose()


def test_postgres_urls_use_psycopg() -> None:
    engine = make_engine("postgresql://u@localhost/db")
    assert engine.dialect.driver == "psycopg"
    engine.dispose()


def test_unsupported_database_is_refused() -> None:
    with pytest.raises(ValueError):
        make_engine("mysql://u@localhost/db")


def test_default_database_url(monkeypatch: Any, tmp_path: Path) -> None:
    monkeypatch.delenv("DOC_SERVICE_DATABASE_URL", raising=False)
    monkeypatch.setenv("DOC_SERVICE_DATA_DIR", str(tmp_path / "data"))
    assert default_database_url() == f"sqlite:///{tmp_path / 'data' / 'doc_service.db'}"
    monkeypatch.setenv("DOC_SERVICE_DATABASE_URL", "postgresql+psycopg://x@y/z")
    assert default_database_url() == "postgresql+psycopg://x@y/z"


def test_module_entry_creates_the_data_dir_and_migrates(tmp_path: Path) -> None:
    data_dir = tmp_path / "nested" / "var"
    env = {"DOC_SERVICE_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-W", "error", "-m", "doc_service.migrate"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "at head" in done.stdout
    engine = make_engine(f"sqlite:///{data_dir / 'doc_service.db'}")
    try:
        assert "documents" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
