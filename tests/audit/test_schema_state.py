"""The schema check a serving process makes instead of loading Alembic agrees with Alembic."""

from __future__ import annotations

from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from doc_service.audit.db import make_engine
from doc_service.migrate import alembic_config
from doc_service.schema import at_head, head_revisions


def test_the_head_read_from_the_scripts_is_alembics_head() -> None:
    assert head_revisions() == {ScriptDirectory.from_config(alembic_config()).get_current_head()}


def test_a_merge_revision_is_the_only_head(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text('revision = "a"\ndown_revision = None\n')
    (tmp_path / "b.py").write_text('revision: str = "b"\ndown_revision: str | None = "a"\n')
    (tmp_path / "c.py").write_text('revision = "c"\ndown_revision = "a"\n')
    (tmp_path / "d.py").write_text('revision = "d"\ndown_revision = ("b", "c")\n')
    assert head_revisions(tmp_path) == {"d"}


def test_a_migrated_database_is_at_head(store_engine: Engine) -> None:
    assert at_head(store_engine)


def test_a_database_one_revision_behind_is_not(store_engine: Engine) -> None:
    with store_engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0006_citations'"))
    assert not at_head(store_engine)


def test_a_new_or_missing_database_is_not_at_head(tmp_path: Path) -> None:
    for url in (f"sqlite:///{tmp_path / 'empty.db'}", f"sqlite:///{tmp_path / 'no' / 'x.db'}"):
        engine = make_engine(url)
        try:
            assert not at_head(engine)
        finally:
            engine.dispose()
