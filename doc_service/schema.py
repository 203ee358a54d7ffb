"""Tell whether the audit database is at the newest schema without loading Alembic.

Alembic (with Mako and Pygments, ~10 MiB resident) is needed only to change the schema. A
serving process that finds the database at head never imports it; one that finds it behind
migrates as before (doc_service.migrate).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"
VERSION_TABLE = "alembic_version"


def _revision_names(script: Path) -> dict[str, Any]:
    """Return a migration script's ``revision`` and ``down_revision`` literals."""
    found: dict[str, Any] = {}
    for node in ast.parse(script.read_text("utf-8")).body:
        target: ast.expr
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in {"revision", "down_revision"}:
            found[target.id] = ast.literal_eval(value)
    return found


def head_revisions(versions: Path = VERSIONS) -> set[str]:
    """Return the revisions no other revision builds on, read from the scripts' text."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in versions.glob("*.py"):
        assigned = _revision_names(script)
        if "revision" not in assigned:  # a helper module beside the revisions
            continue
        revisions.add(str(assigned["revision"]))
        down = assigned.get("down_revision")
        # a merge revision names several parents
        parents.update([down] if isinstance(down, str) else [str(d) for d in down or ()])
    return revisions - parents


def at_head(engine: Engine) -> bool:
    """Tell whether the database stands at the newest revision; False when it cannot tell."""
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table(VERSION_TABLE):
                return False
            rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))  # noqa: S608
            current = {str(row[0]) for row in rows}
    except SQLAlchemyError:  # no database file yet, say: migrating will create it or say why
        return False
    return current == head_revisions()


def migrate_in_subprocess() -> None:
    """Migrate in a child reading the same DOC_SERVICE_* environment: Alembic stays out of here."""
    subprocess.run([sys.executable, "-m", "doc_service.migrate"], check=True)
