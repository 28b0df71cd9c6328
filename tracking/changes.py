"""Change stamps, so that caches can tell when the database has changed, and where.

Every transaction that writes (INSERT, UPDATE or DELETE through this engine, from a
service, the import, a restore) bumps stamps inside the same transaction, just before it
commits, so a stamp a reader sees is never behind the data it reads, in this process or
any other sharing the database (PostgreSQL):
- `change_stamp.counter`, always: for reads across plans (the overview, the plan list);
- `plan_stamp.counter` of each plan the transaction wrote in: the plans are noted by the
  audit trail (`tracking.audit`), which sees every written row and its plan;
- `change_stamp.shared` when the transaction wrote something that belongs to no single
  plan (an account, a reference case), or plan rows whose plan nobody noted: every plan's
  reads depend on it. This is the safe fallback; a write is never missed;
- `change_stamp.plan_list` when it wrote the `plan` table itself (a plan added, renamed,
  archived): the plan list reads nothing else, so a figure saved or a card moved does not
  make it again (2,940 plans: ~0.15 s a rerun at L, issue 18).
A transaction of bookkeeping only (a sign-in, a sign-out, a refused sign-in: sessions,
tickets and trail records of no plan) bumps nothing: no cached read shows it, and a
visitor signing in must not make every cached read again.
A plan's cached reads are keyed by (shared, its plan stamp): a write in plan 7 leaves the
cache of plan 12 warm.

The hook sits on the engine (installed by `tracking.db`), not in every service.
Writes that bypass SQLAlchemy (COPY in the synthetic data) call `bump` themselves.
Process-local counters are bumped too: they change at once, within the same rerun.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from sqlalchemy import Connection, Engine, event, text

TABLE = "change_stamp"
PLAN_TABLE = "plan_stamp"
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)
_BUMP = f"UPDATE {TABLE} SET counter = counter + 1 WHERE id = 1"
_BUMP_SHARED = (f"UPDATE {TABLE} SET counter = counter + 1, "
                f"shared = COALESCE(shared, 0) + 1 WHERE id = 1")
_BUMP_PLAN_LIST = f"UPDATE {TABLE} SET plan_list = COALESCE(plan_list, 0) + 1 WHERE id = 1"
_BUMP_ALL = (f"UPDATE {TABLE} SET counter = counter + 1, shared = COALESCE(shared, 0) + 1, "
             f"plan_list = COALESCE(plan_list, 0) + 1 WHERE id = 1")
PLAN_LIST_TABLE = "plan"  # what `tracking.readmodel.plans.list_plans` reads
_TABLES, _PLANS = "stamp_tables", "stamp_plans"  # keys in a connection's `info`
# Bookkeeping no cached read shows: a sign-in, a ticket, a stored API reply.
BOOKKEEPING = frozenset({"login_session", "signin_ticket", "api_reply"})
AUDIT_TABLE = "audit_record"

_lock = threading.Lock()
_local_any = 0
_local_shared = 0
_local_plan_list = 0
_local_plans: dict[int, int] = {}


def _bump_plan(plan_id: int) -> str:
    return (f"INSERT INTO {PLAN_TABLE} (plan_id, counter) VALUES ({int(plan_id)}, 1) "
            f"ON CONFLICT (plan_id) DO UPDATE SET counter = {PLAN_TABLE}.counter + 1")


def _written_table(statement: str) -> str | None:
    found = _WRITE.match(statement)
    if found is None:
        return None
    table = found.group(1).lower()
    return None if table in (TABLE, PLAN_TABLE) else table


_scoped: frozenset[str] | None = None
# Columns that tie a row to a plan's row, where a model declares no foreign key.
_PLAN_KEYS = ("plan_id", "indicator_id", "action_id", "idea_id", "meeting_id", "node_id")


def plan_scoped_tables() -> frozenset[str]:
    """Tables whose every row belongs to one plan (by `plan_id`, or through the row it
    hangs on: a measurement through its indicator)."""
    global _scoped
    if _scoped is None:
        from sqlmodel import SQLModel

        import tracking.models  # noqa: F401  (registers every table)

        tables = SQLModel.metadata.tables
        scoped = {"plan"}
        grew = True
        while grew:
            grew = False
            for name, table in tables.items():
                if name in scoped:
                    continue
                if any(k in table.c for k in _PLAN_KEYS) or any(
                        fk.column.table.name in scoped for fk in table.foreign_keys):
                    scoped.add(name)
                    grew = True
        _scoped = frozenset(scoped)
    return _scoped


def _note_write(conn: Connection, cursor: Any, statement: str, parameters: Any,
                context: Any, executemany: bool) -> None:
    table = _written_table(statement)
    if table is not None:
        conn.info.setdefault(_TABLES, set()).add(table)


def note_plan(conn: Connection, plan_id: int | None) -> None:
    """The transaction on `conn` writes in `plan_id` (called by the audit trail)."""
    if plan_id is not None:
        conn.info.setdefault(_PLANS, set()).add(int(plan_id))


def _bookkeeping_only(tables: set[str], plans: set[int]) -> bool:
    """Nothing a cached read shows: sessions, tickets, and trail records of no plan (the
    trail notes the plan of every record it writes; the history reads records by plan)."""
    return not plans and tables - BOOKKEEPING <= {AUDIT_TABLE}


def _statements(tables: set[str], plans: set[int]) -> tuple[list[str], bool]:
    """What to run before the commit, and whether the shared stamp is among it."""
    relevant = tables - BOOKKEEPING
    scoped = plan_scoped_tables()
    shared = bool(relevant) and (not plans or any(t not in scoped for t in relevant))
    statements = [_BUMP_SHARED if shared else _BUMP]
    if PLAN_LIST_TABLE in relevant:
        statements.append(_BUMP_PLAN_LIST)
    if relevant:
        statements += [_bump_plan(p) for p in sorted(plans)]
    return statements, shared


def _bump_before_commit(conn: Connection) -> None:
    tables = conn.info.pop(_TABLES, None)
    plans = conn.info.pop(_PLANS, None) or set()
    if not tables:
        return
    if _bookkeeping_only(tables, plans):
        return
    statements, shared = _statements(tables, plans)
    # The raw DBAPI cursor: SQLAlchemy is in the middle of committing this connection.
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        for statement in statements:
            cursor.execute(statement)
    finally:
        cursor.close()
    note_local_write(plans if not shared else (), shared=shared,
                     plan_list=PLAN_LIST_TABLE in tables)


def _forget_on_rollback(conn: Connection) -> None:
    conn.info.pop(_TABLES, None)
    conn.info.pop(_PLANS, None)


def install(engine: Engine) -> None:
    """Bump the stamps in every transaction of `engine` that writes."""
    event.listen(engine, "before_cursor_execute", _note_write)
    event.listen(engine, "commit", _bump_before_commit)
    event.listen(engine, "rollback", _forget_on_rollback)


def ensure_row(engine: Engine) -> None:
    """The one row of the stamp (created with the schema)."""
    with engine.begin() as conn:
        if conn.execute(text(f"SELECT COUNT(*) FROM {TABLE}")).scalar() == 0:
            conn.execute(text(f"INSERT INTO {TABLE} (id, counter, shared, plan_list) "
                              f"VALUES (1, 0, 0, 0)"))


def bump(conn: Connection) -> None:
    """Bump the stamps in the caller's transaction (for writes that bypass SQLAlchemy):
    as a write in every plan, and of the plan list."""
    conn.execute(text(_BUMP_ALL))
    _forget_on_rollback(conn)  # already bumped; the commit hook need not again
    note_local_write((), shared=True, plan_list=True)


def current(engine: Engine) -> int:
    """The database's change stamp, bumped by every write (0 without one yet)."""
    with engine.connect() as conn:
        return int(conn.execute(text(f"SELECT counter FROM {TABLE} WHERE id = 1")).scalar()
                   or 0)


def plan_list_current(engine: Engine) -> int:
    """The stamp of the `plan` table (the plan list), bumped by the writes of it."""
    with engine.connect() as conn:
        return int(conn.execute(text(
            f"SELECT COALESCE(plan_list, 0) FROM {TABLE} WHERE id = 1")).scalar() or 0)


def plan_current(engine: Engine, plan_id: int) -> tuple[int, int]:
    """(shared, the plan's own stamp): what a read of one plan depends on. One row of
    each table by its key."""
    with engine.connect() as conn:
        row = conn.execute(text(
            f"SELECT COALESCE(c.shared, 0), COALESCE(p.counter, 0) FROM {TABLE} c "
            f"LEFT JOIN {PLAN_TABLE} p ON p.plan_id = :plan WHERE c.id = 1"),
            {"plan": int(plan_id)}).first()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def note_local_write(plans: Any = (), shared: bool = True, plan_list: bool = False) -> None:
    """Count a committed write in this process (in `plans`, or shared by all; of the
    plan table)."""
    global _local_any, _local_shared, _local_plan_list
    with _lock:
        _local_any += 1
        if shared:
            _local_shared += 1
        if plan_list:
            _local_plan_list += 1
        for p in plans:
            _local_plans[p] = _local_plans.get(p, 0) + 1


def local_writes() -> int:
    """How many write transactions this process has committed (any engine)."""
    return _local_any


def local_plan_list_writes() -> int:
    """How many write transactions of the `plan` table this process has committed."""
    return _local_plan_list


def local_plan_writes(plan_id: int) -> tuple[int, int]:
    """This process's (shared, plan's own) write counts: what a plan's read depends on."""
    return _local_shared, _local_plans.get(int(plan_id), 0)
