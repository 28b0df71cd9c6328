"""Change stamps, so that caches can tell when the database has changed.

Every transaction that writes (INSERT, UPDATE or DELETE through this engine, from a
service, the import, a restore) bumps `change_stamp.counter` inside the same
transaction, just before it commits. So the counter a reader sees is never behind
the data it reads, in this process or any other sharing the database (PostgreSQL).

The hook sits on the engine (installed by `tracking.db`), not in every service.
Writes that bypass SQLAlchemy (COPY in the synthetic data) call `bump` themselves.
A process-local counter is bumped too: it changes at once, within the same rerun.
"""

from __future__ import annotations

import itertools
import threading
from typing import Any

from sqlalchemy import Connection, Engine, event, text

TABLE = "change_stamp"
_WRITES = ("INSERT", "UPDATE", "DELETE")
_BUMP = f"UPDATE {TABLE} SET counter = counter + 1 WHERE id = 1"

_local = itertools.count(1)
_local_value = 0
_local_lock = threading.Lock()


def _is_write(statement: str) -> bool:
    head = statement.lstrip()[:6].upper()
    return head in _WRITES and TABLE not in statement[:80]


def _note_write(conn: Connection, cursor: Any, statement: str, parameters: Any,
                context: Any, executemany: bool) -> None:
    if _is_write(statement):
        conn.info["wrote"] = True


def _bump_before_commit(conn: Connection) -> None:
    if not conn.info.pop("wrote", False):
        return
    # The raw DBAPI cursor: SQLAlchemy is in the middle of committing this connection.
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(_BUMP)
    finally:
        cursor.close()
    note_local_write()


def _forget_on_rollback(conn: Connection) -> None:
    conn.info.pop("wrote", None)


def install(engine: Engine) -> None:
    """Bump the stamp in every transaction of `engine` that writes."""
    event.listen(engine, "before_cursor_execute", _note_write)
    event.listen(engine, "commit", _bump_before_commit)
    event.listen(engine, "rollback", _forget_on_rollback)


def ensure_row(engine: Engine) -> None:
    """The one row of the stamp (created with the schema)."""
    with engine.begin() as conn:
        if conn.execute(text(f"SELECT COUNT(*) FROM {TABLE}")).scalar() == 0:
            conn.execute(text(f"INSERT INTO {TABLE} (id, counter) VALUES (1, 0)"))


def bump(conn: Connection) -> None:
    """Bump the stamp in the caller's transaction (for writes that bypass SQLAlchemy)."""
    conn.execute(text(_BUMP))
    conn.info.pop("wrote", None)  # already bumped; the commit hook need not again
    note_local_write()


def current(engine: Engine) -> int:
    """The database's change stamp (0 for a database without one yet)."""
    with engine.connect() as conn:
        return int(conn.execute(text(f"SELECT counter FROM {TABLE} WHERE id = 1")).scalar()
                   or 0)


def note_local_write() -> None:
    global _local_value
    with _local_lock:
        _local_value = next(_local)


def local_writes() -> int:
    """How many write transactions this process has committed (any engine)."""
    return _local_value
