"""Engines, sessions and the schema, for DuckDB (default) and PostgreSQL alike."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session, SQLModel, select

from tracking import changes, models
from tracking.config import database_url
from tracking.errors import DatabaseLockedError

SCHEMA_VERSION = 1

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def is_duckdb(engine: Engine) -> bool:
    return engine.dialect.name == "duckdb"


def _is_lock_error(exc: BaseException) -> bool:
    text = str(exc)
    return "Could not set lock" in text or "Conflicting lock" in text


def _describe(url: str) -> str:
    u = make_url(url)
    return u.database or "" if u.get_backend_name() == "duckdb" else u.render_as_string()


def get_engine(url: str | None = None) -> Engine:
    """One engine per URL and process, created on first use.

    Raises DatabaseLockedError when another process holds the DuckDB file.
    """
    url = database_url(url)
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _create(url)
            _engines[url] = engine
        return engine


def _create(url: str) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "duckdb":
        if u.database and u.database != ":memory:":
            Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    changes.install(engine)  # every writing transaction bumps the change stamp
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", lambda c, _: c.execute("PRAGMA foreign_keys=ON"))
    try:
        with engine.connect():
            pass
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        if _is_lock_error(exc):
            raise DatabaseLockedError("error.database_locked", path=_describe(url)) from None
        raise
    return engine


def dispose_engine(url: str | None = None) -> None:
    """Close and forget the engine (releases the DuckDB file lock)."""
    url = database_url(url)
    with _lock:
        engine = _engines.pop(url, None)
    if engine is not None:
        engine.dispose()


def dispose_all() -> None:
    """Close every engine of this process (a CLI does this before it exits)."""
    with _lock:
        engines = list(_engines.values())
        _engines.clear()
    for engine in engines:
        engine.dispose()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed at the end, or rolled back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def init_schema(engine: Engine) -> bool:
    """Create missing tables. Returns True if the schema was new."""
    fresh = not inspect(engine).has_table("schema_info")
    SQLModel.metadata.create_all(engine)
    changes.ensure_row(engine)
    with session_scope(engine) as session:
        info = session.get(models.SchemaInfo, 1)
        if info is None:
            session.add(models.SchemaInfo(id=1, version=SCHEMA_VERSION))
    return fresh


def is_empty(engine: Engine) -> bool:
    """No plans at all (not even archived ones)."""
    with Session(engine) as session:
        return session.exec(select(models.Plan.id).limit(1)).first() is None
