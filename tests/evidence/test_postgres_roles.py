"""The deployment the README describes: the service's database role can append, nothing more."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import DBAPIError

from doc_service.migrate import upgrade
from tests.support import load_example, make_app

pytestmark = pytest.mark.postgres


@pytest.fixture
def runtime_url(postgres_schema_url: str) -> Iterator[str]:
    """Migrate as the owner, then yield a URL for a role with SELECT and INSERT only."""
    upgrade(postgres_schema_url)
    owner = create_engine(postgres_schema_url, isolation_level="AUTOCOMMIT")
    role = f"runtime_{secrets.token_hex(4)}"
    password = secrets.token_hex(8)
    schema = make_url(postgres_schema_url).query["options"].split("=", 1)[1]
    with owner.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'"))
        conn.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO {role}'))
        conn.execute(text(f'GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA "{schema}" TO {role}'))
        conn.execute(text(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA "{schema}" TO {role}'))
    url = make_url(postgres_schema_url).set(username=role, password=password)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with owner.connect() as conn:
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE {role}"))
        owner.dispose()


def refused(url: str, statement: str) -> str:
    """Run one statement as the runtime role and return the database's refusal."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(statement))
    except DBAPIError as exc:
        return str(exc.orig)
    finally:
        engine.dispose()
    raise AssertionError(f"{statement!r} was allowed")


def test_the_runtime_role_issues_but_cannot_rewrite_or_unprotect(
    runtime_url: str, tmp_path: Path
) -> None:
    app = make_app(tmp_path, DATABASE_URL=runtime_url, MIGRATE_ON_START=False)
    client: Any = app.test_client()
    issued = client.post("/v1/documents", json={**load_example("dunning_letter"), "format": "docx"})
    assert issued.status_code == 201, issued.get_data(as_text=True)
    assert client.get("/v1/audit/chain").get_json()["ok"]
    app.extensions["doc_service"].engine.dispose()
    for statement in (
        "UPDATE documents SET created_by = 'someone else'",
        "DELETE FROM documents",
        "DELETE FROM audit_events",
        "DELETE FROM audit_anchors",
        "TRUNCATE documents",
    ):
        assert "permission denied" in refused(runtime_url, statement), statement
    assert "must be owner" in refused(runtime_url, "DROP TRIGGER documents_no_change ON documents")
