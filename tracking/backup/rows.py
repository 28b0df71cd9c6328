"""The rows of the backed-up tables as the database gives them: every table in key order,
all of it or only what belongs to one plan, read in batches.

The whole database at national scale is millions of rows: an export reads each table
through a cursor, `BATCH` rows at a time, and hands them on without keeping them. Which
rows belong to a plan is decided by the database (a WHERE clause per table), not by
loading every table first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Executable,
    Row,
    Select,
    Table,
    and_,
    func,
    or_,
    select,
)

BATCH = 5_000  # rows fetched from the database at a time


def plan_filters(tables: Iterable[Table], plan_id: int) -> dict[str, ColumnElement[bool]]:
    """Per table (in foreign-key order), the condition for its rows that belong to the
    plan: the plan itself and what hangs off it by foreign keys, transitively. A row with
    an empty reference is kept; a table with no path to a plan has no condition (it is
    kept whole)."""
    filters: dict[str, ColumnElement[bool]] = {}
    for table in tables:
        conditions: list[ColumnElement[bool]] = []
        if table.name == "plan":
            conditions.append(table.c.id == plan_id)
        for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
            ref = fk.column.table
            if ref is table or ref.name not in filters:
                continue
            kept = select(fk.column).where(filters[ref.name]).correlate(None)
            conditions.append(or_(fk.parent.is_(None), fk.parent.in_(kept)))
        if conditions:
            filters[table.name] = and_(*conditions)
    return filters


def table_query(table: Table, where: ColumnElement[bool] | None = None,
                columns: Sequence[ColumnElement[Any]] | None = None) -> Select:
    """The table's rows (optionally only those matching `where`) in key order, as its
    own columns or as the given expressions of them (one per column)."""
    query = select(*(columns or table.columns)).select_from(table).order_by(
        *(list(table.primary_key.columns) or list(table.columns)))
    return query if where is None else query.where(where)


def count_rows(conn: Connection, table: Table, where: ColumnElement[bool] | None = None) -> int:
    query = select(func.count()).select_from(table)
    return conn.execute(query if where is None else query.where(where)).scalar_one()


def stream_rows(conn: Connection, query: Executable, batch: int | None = None) -> Iterator[Row]:
    """The query's rows, fetched `batch` (default `BATCH`) at a time, through a
    server-side cursor where the driver has one, so memory does not grow with the table."""
    size = batch or BATCH
    for part in conn.execute(query.execution_options(yield_per=size)).partitions(size):
        yield from part
