"""Engines and transactions: SQLite and PostgreSQL set up for a linear append-only log."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.engine import URL, Connection
from sqlalchemy.orm import Session, sessionmaker

# Arbitrary constant naming "the audit append lock" among PostgreSQL advisory locks
APPEND_LOCK_KEY = 0x646F635F61756474  # b"doc_audt"
MIGRATION_LOCK_KEY = APPEND_LOCK_KEY + 1
SQLITE_BUSY_TIMEOUT_MS = 30_000
_BEGIN_OPTION = "doc_service_sqlite_begin"
_APPEND_LOCK = text("SELECT pg_advisory_xact_lock(:key)")


def normalise_url(url: str | URL) -> URL:
    """Pin PostgreSQL URLs to the psycopg 3 driver."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """Hand transaction control to SQLAlchemy and tune SQLite for concurrent writers."""
    # pysqlite's legacy implicit BEGIN would defer locking; we emit BEGIN ourselves in `begin`
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    """Open the transaction; IMMEDIATE (write lock up front) for appends."""
    mode = conn.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str | URL, **kwargs: Any) -> Engine:
    """Create an engine for the audit store (SQLite or PostgreSQL via psycopg)."""
    parsed = normalise_url(url)
    # SQL errors must not carry payloads (names, ID numbers) into exception messages and logs
    kwargs.setdefault("hide_parameters", True)
    if parsed.get_backend_name() == "sqlite":
        kwargs.setdefault("connect_args", {}).setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.get_backend_name() == "postgresql":
        kwargs.setdefault("pool_pre_ping", True)
        return create_engine(parsed, **kwargs)
    raise ValueError(f"unsupported audit database {parsed.get_backend_name()!r}")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Return the session factory the services use (objects stay usable after commit)."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def writer_engine(engine: Engine) -> Engine:
    """Return a view of the engine whose SQLite transactions begin IMMEDIATE."""
    return engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """Yield a session whose SQLite transaction takes the write lock up front (no upgrade race)."""
    with Session(bind=writer_engine(engine), expire_on_commit=False) as session, session.begin():
        yield session


def take_append_lock(session: Session) -> None:
    """Serialise appenders for the rest of this transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_APPEND_LOCK, {"key": APPEND_LOCK_KEY})
    # SQLite: BEGIN IMMEDIATE (writer_engine) already holds the database's single write lock


def lock_appenders(conn: Connection) -> None:
    """Serialise appenders for the rest of this connection's transaction (take_append_lock)."""
    if conn.dialect.name == "postgresql":
        conn.execute(_APPEND_LOCK, {"key": APPEND_LOCK_KEY})


@contextmanager
def append_session(engine: Engine) -> Iterator[Session]:
    """Yield a session in one locked transaction; commit on success, roll back on error."""
    with Session(bind=writer_engine(engine), expire_on_commit=False) as session, session.begin():
        take_append_lock(session)
        yield session


@contextmanager
def append_transaction(engine: Engine) -> Iterator[Connection]:
    """Yield a connection in one locked transaction: append_session without the ORM."""
    with engine.connect() as conn:
        # the option on this connection rather than a writer_engine view built per append
        conn.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
        with conn.begin():
            lock_appenders(conn)
            yield conn


def ping(engine: Engine) -> None:
    """Raise unless the database answers."""
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
