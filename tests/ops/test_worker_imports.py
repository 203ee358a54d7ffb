"""What a serving process holds: libraries it never uses on a request stay out of its memory.

Each check builds the app in a fresh interpreter, so what other tests imported cannot hide
an import the app makes itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import inspect

from doc_service.audit.db import make_engine
from doc_service.schema import at_head

ROOT = Path(__file__).resolve().parents[2]
LOADED = (
    "import sys; from doc_service import create_app; create_app(); "
    "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))"
)


def service_env(data_dir: Path) -> dict[str, str]:
    """Return this environment with the default settings on ``data_dir``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DOC_SERVICE_") or key == "DOC_SERVICE_FONT_DIR"
    }
    env.update({"DOC_SERVICE_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)})
    return env


def packages_after_create_app(data_dir: Path) -> set[str]:
    """Return the top-level packages a fresh process holds once the app is built."""
    command = [sys.executable, "-c", LOADED]
    env = service_env(data_dir)
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_a_web_worker_loads_celery_only_to_send_a_batch(tmp_path: Path) -> None:
    loaded = packages_after_create_app(tmp_path / "var")
    assert not loaded & {"celery", "kombu", "amqp", "billiard"}


def test_a_service_without_a_signing_key_never_loads_pyhanko(tmp_path: Path) -> None:
    loaded = packages_after_create_app(tmp_path / "var")
    assert "flask" in loaded
    assert "pyhanko" not in loaded
    assert "pyhanko_certvalidator" not in loaded


def test_a_worker_that_finds_the_schema_migrated_never_loads_alembic(tmp_path: Path) -> None:
    # what gunicorn's master does before it forks (gunicorn.conf.py, on_starting)
    migrate = [sys.executable, "-m", "doc_service.migrate"]
    subprocess.run(migrate, cwd=ROOT, env=service_env(tmp_path / "var"), check=True)
    loaded = packages_after_create_app(tmp_path / "var")
    assert "flask" in loaded
    assert not loaded & {"alembic", "mako"}


def test_a_service_started_on_a_new_database_still_migrates_it(tmp_path: Path) -> None:
    packages_after_create_app(tmp_path / "var")
    engine = make_engine(f"sqlite:///{tmp_path / 'var' / 'doc_service.db'}")
    try:
        assert at_head(engine)
        assert "documents" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
