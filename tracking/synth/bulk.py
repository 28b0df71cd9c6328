"""Bulk writes of generated rows: Arrow scans on DuckDB, COPY on PostgreSQL, executemany
elsewhere. The services write one user action at a time and are far too slow for
a million rows; these write the same rows the services would."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
from sqlalchemy import Connection, Table

from tracking.synth.generate import Columns


def table_columns(table: Table, cols: Columns) -> Columns:
    """Only the columns the table has (the generator writes some the model may lack)."""
    return {name: values for name, values in cols.items() if name in table.c}


def insert_rows(conn: Connection, table: Table, cols: Columns) -> int:
    """Insert the rows (given as columns) into `table`; returns the number of rows."""
    cols = table_columns(table, cols)
    if not cols:
        return 0
    n = len(next(iter(cols.values())))
    if n == 0:
        return 0
    dialect = conn.dialect.name
    if dialect == "duckdb":
        _insert_duckdb(conn, table, cols)
    elif dialect == "postgresql":
        _insert_postgres(conn, table, cols)
    else:
        names = list(cols)
        conn.execute(table.insert(), [dict(zip(names, row, strict=True))
                                      for row in zip(*cols.values(), strict=True)])
    return n


def _quoted(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)


def _insert_duckdb(conn: Connection, table: Table, cols: Columns) -> None:
    raw: Any = conn.connection.driver_connection
    data = pa.table(cols)
    view = f"synth_{table.name}"
    raw.complete()  # DuckDB 2 refuses new work while an earlier result is unfinished
    raw.register(view, data)
    try:
        names = ", ".join(_quoted(conn, c) for c in cols)
        casts = ", ".join(
            f"CAST({_quoted(conn, c)} AS {table.c[c].type.compile(dialect=conn.dialect)})"
            for c in cols)
        conn.exec_driver_sql(f"INSERT INTO {_quoted(conn, table.name)} ({names}) "
                             f"SELECT {casts} FROM {view}")
    finally:
        raw.unregister(view)


def _insert_postgres(conn: Connection, table: Table, cols: Columns) -> None:
    raw: Any = conn.connection.driver_connection
    names = ", ".join(_quoted(conn, c) for c in cols)
    with raw.cursor() as cur, \
            cur.copy(f"COPY {_quoted(conn, table.name)} ({names}) FROM STDIN") as copy:
        for row in zip(*cols.values(), strict=True):
            copy.write_row(row)
