"""Engines, sessions and the schema, for DuckDB (default) and PostgreSQL alike."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session, SQLModel, select

from tracking import audit as _audit  # noqa: F401  (registers the audit listener)
from tracking import changes, models
from tracking import kept_listener as _kept  # noqa: F401  (keeps indicator_status)
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


_write_locks: dict[str, threading.RLock] = {}


def _write_lock(engine: Engine) -> threading.RLock | None:
    """On DuckDB, one lock per database for this process's writing transactions.

    DuckDB's optimistic concurrency refuses the second of two transactions that touch the
    same row ("Conflict on update!"), and every writing transaction touches the change
    stamp; two people saving at once would see an engine error. The embedded database is
    served by one process, so writes take turns here (they take milliseconds) and each
    starts after the last one committed: the second of two first figures for a month is
    then a correction, as on PostgreSQL. Reads do not wait.
    """
    if not is_duckdb(engine):
        return None
    key = str(engine.url)
    with _lock:
        return _write_locks.setdefault(key, threading.RLock())


def write_lock(engine: Engine) -> threading.RLock | nullcontext:
    """This process's turn to write (DuckDB; a no-op on PostgreSQL), for writes made
    outside `session_scope`."""
    lock = _write_lock(engine)
    return lock if lock is not None else nullcontext()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed at the end, or rolled back on any error."""
    lock = _write_lock(engine)
    with lock if lock is not None else nullcontext(), \
            Session(engine, expire_on_commit=False) as session:
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
    if not fresh:
        added = add_missing_columns(engine)
        add_missing_indexes(engine)
        if "indicator.measure" in added:
            _default_measures(engine)
        if {"action.responsible_user_id", "idea.author_user_id",
                "plan_theme.responsible_user_id", "tree_node.owner_user_id"} & set(added):
            # The upgrade from names to accounts: once, when the columns arrive.
            from tracking.people import link_named_people

            link_named_people(engine)
    changes.ensure_row(engine)
    with session_scope(engine) as session:
        info = session.get(models.SchemaInfo, 1)
        if info is None:
            session.add(models.SchemaInfo(id=1, version=SCHEMA_VERSION))
    from tracking.kept_status import rebuild_if_needed

    rebuild_if_needed(engine)  # an old database, or the first start in a new month
    return fresh


def add_missing_columns(engine: Engine) -> list[str]:
    """Add columns that a newer version of a table has to a database made by an older one.

    New columns are the only schema change so far; each gets its model's default, so the
    rows already there stay valid. Returns "table.column" of each column added.
    """
    added = []
    existing = inspect(engine)
    for table in SQLModel.metadata.sorted_tables:
        if not existing.has_table(table.name):
            continue
        # Not inspector.get_columns: duckdb-engine's version of it fails on some tables.
        with engine.connect() as conn:
            have = set(conn.execute(text(f"SELECT * FROM {table.name} LIMIT 0")).keys())
        for col in table.columns:
            if col.name in have:
                continue
            default = col.default.arg if col.default is not None and col.default.is_scalar \
                else None
            ddl = f'ALTER TABLE {table.name} ADD COLUMN {col.name} ' \
                  f'{col.type.compile(engine.dialect)}'
            if default is not None:
                ddl += " DEFAULT " + (f"'{default}'" if isinstance(default, str)
                                      else str(default).upper() if isinstance(default, bool)
                                      else str(default))
            with engine.begin() as conn:
                conn.execute(text(ddl))
            added.append(f"{table.name}.{col.name}")
    return added


def add_missing_indexes(engine: Engine) -> None:
    """Create the (non-unique) indexes a newer model declares on a table an older version
    made: one plan's reads look its rows up by plan, indicator or meeting."""
    with engine.begin() as conn:
        for table in SQLModel.metadata.sorted_tables:
            for index in table.indexes:
                if index.unique:  # old rows might not satisfy it; not ours to decide here
                    continue
                columns = ", ".join(c.name for c in index.columns)
                conn.execute(text(f"CREATE INDEX IF NOT EXISTS {index.name} "
                                  f"ON {table.name} ({columns})"))


def _default_measures(engine: Engine) -> None:
    """Indicators from before the measure was asked for: shares and case times are rates
    (`tracking.services.plans.default_measure`); the rest keep being summed as flows."""
    with engine.begin() as conn:
        conn.execute(text("UPDATE indicator SET measure = 'rate' "
                          "WHERE unit IN ('pct', 'days')"))


def is_empty(engine: Engine) -> bool:
    """No plans at all (not even archived ones)."""
    with Session(engine) as session:
        return session.exec(select(models.Plan.id).limit(1)).first() is None
