"""The export as an Excel workbook: one sheet per table, Danish headers, numbers as
numbers and dates as dates. For reading and analysis; restore uses the JSON backup.

Streamed: each table is read from the database in batches (tracking.backup.rows) while
the Rust writer writes its sheet (tracking.xlsx), so neither the database's rows nor the
workbook's cells are kept in memory, and the only work per cell in Python is a
timestamp's conversion to UTC.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from os import PathLike
from typing import TYPE_CHECKING, Any, BinaryIO

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    DateTime,
    Engine,
    Integer,
    String,
    Table,
    bindparam,
    func,
    text,
)

from tracking.backup.document import backed_up_tables, column_type
from tracking.backup.rows import count_rows, plan_filters, stream_rows, table_query
from tracking.i18n import translate, translate_or

if TYPE_CHECKING:
    from tracking.xlsx import Book

MAX_SHEET_NAME = 31  # Excel's limit


def export_workbook(engine: Engine, plan_id: int | None = None, lang: str = "da") -> bytes:
    """Every backed-up table (or one plan's rows) as a sheet of an .xlsx file."""
    out = io.BytesIO()
    write_workbook(engine, out, plan_id, lang)
    return out.getvalue()


def write_workbook(engine: Engine, target: str | PathLike[str] | BinaryIO,
                   plan_id: int | None = None, lang: str = "da") -> dict[str, int]:
    """Write the workbook to a file or a binary buffer; returns the rows per table."""
    from tracking.xlsx import add_streamed_sheet, new_book, save  # pandas: only when used

    tables = backed_up_tables()
    filters = plan_filters(tables, plan_id) if plan_id is not None else {}
    counts: dict[str, int] = {}
    book = new_book()
    with engine.connect() as conn:
        used = {_figures_sheet(book, conn, plan_id, lang)}
        for table in tables:
            where = filters.get(table.name)
            counts[table.name] = count_rows(conn, table, where)
            name = _sheet_name(table.name, used, lang)
            columns = [c.name for c in table.columns]
            types = [column_type(table, c) for c in columns]
            add_streamed_sheet(
                book, name, [translate_or(f"backup.col.{c}", c, lang) for c in columns],
                _rows(conn, table, where, types),
                empty=counts[table.name] == 0,
                widths=[14 if c.endswith("id") else 20 for c in columns],
                formats=[_number_format(c, t) for c, t in zip(columns, types, strict=True)],
                text_columns=[i for i, t in enumerate(types) if isinstance(t, String)])
        save(book, target)  # reads the rows, sheet after sheet, on this connection
    return counts


def _sheet_name(table: str, used: set[str], lang: str) -> str:
    name = translate_or(f"backup.sheet.{table}", table, lang)[:MAX_SHEET_NAME]
    while name in used:
        name = f"{name[:MAX_SHEET_NAME - 1]}_"
    used.add(name)
    return name


SQL_UTC = frozenset({"duckdb", "postgresql"})  # engines with timezone('UTC', moment)


def _rows(conn: Connection, table: Table, where: ColumnElement[bool] | None,
          types: Sequence[object]) -> Iterator[Sequence[Any]]:
    """The table's rows for its sheet: timestamps in UTC without zone, converted by the
    database where it can (no Python work per cell), else here."""
    if conn.dialect.name not in SQL_UTC:
        return _utc_naive(stream_rows(conn, table_query(table, where)), types)
    columns = [func.timezone("UTC", c, type_=DateTime()).label(c.name)
               if isinstance(kind, DateTime) else c
               for c, kind in zip(table.columns, types, strict=True)]
    return stream_rows(conn, table_query(table, where, columns))


def _utc_naive(rows: Iterable[Sequence[Any]], types: Sequence[object]) -> Iterator[Sequence[Any]]:
    """Excel has no time zones: timestamps are written in UTC, as in the JSON backup.
    Rows without a timestamp column pass through untouched."""
    moments = [i for i, kind in enumerate(types) if isinstance(kind, DateTime)]
    if not moments:
        yield from rows
        return
    for row in rows:
        cells = list(row)
        for i in moments:
            cells[i] = _utc(cells[i])
        yield cells


def _utc(value: object) -> object:
    if isinstance(value, datetime) and value.tzinfo:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


_FIGURES_SQL = """
SELECT p.name AS plan, i.name AS indicator, i.unit AS unit, m.month AS month,
       t.value AS target, m.value AS actual, m.comment AS comment,
       m.entered_by AS entered_by, {entered_at} AS entered_at
FROM measurement m
JOIN indicator i ON i.id = m.indicator_id
JOIN plan p ON p.id = i.plan_id
LEFT JOIN target_month t ON t.indicator_id = m.indicator_id AND t.month = m.month
WHERE (:plan_id IS NULL OR p.id = :plan_id)
"""
_FIGURES_ORDER = "ORDER BY p.id, i.sort_order, i.id, m.month"


def _figures_sheet(book: Book, conn: Connection, plan_id: int | None, lang: str) -> str:
    """A first sheet to read without looking up ids: every figure with its names.
    Returns the sheet's name."""
    from tracking.xlsx import add_streamed_sheet

    plan = bindparam("plan_id", plan_id, type_=Integer)
    in_sql = conn.dialect.name in SQL_UTC
    sql = _FIGURES_SQL.format(
        entered_at="timezone('UTC', m.entered_at)" if in_sql else "m.entered_at")
    count = conn.execute(text(f"SELECT count(*) FROM ({sql}) AS figures")
                         .bindparams(plan)).scalar_one()
    query = text(f"{sql} {_FIGURES_ORDER}").bindparams(plan).columns(
        month=Date(), entered_at=DateTime(timezone=not in_sql))  # also from SQLite's text
    name = translate_or("backup.sheet.figures", "Tal", lang)
    add_streamed_sheet(
        book, name, [translate(k, lang) for k in (
            "ui.plan", "ui.indicator", "ui.unit", "ui.month", "ui.target", "ui.actual",
            "ui.comment", "ui.entered_by", "backup.col.entered_at")],
        _figures(stream_rows(conn, query), lang), empty=count == 0,
        widths=(28, 36, 10, 10, 12, 12, 40, 20, 18),
        formats=(None, None, None, "yyyy-mm", None, None, None, None, "yyyy-mm-dd hh:mm"),
        text_columns=(0, 1, 2, 6, 7))
    return name


def _figures(rows: Iterable[Sequence[Any]], lang: str) -> Iterator[list[Any]]:
    from tracking.formatting import unit_label

    units: dict[str, str] = {}
    for plan, indicator, unit, month, target, actual, comment, by, at in rows:
        label = units.get(unit)
        if label is None:
            label = units[unit] = unit_label(unit, lang)
        yield [plan, indicator, label, month, target, actual, comment, by, _utc(at)]


def _number_format(column: str, kind: object) -> str | None:
    if isinstance(kind, DateTime):
        return "yyyy-mm-dd hh:mm"
    if isinstance(kind, Date):
        return "yyyy-mm" if "month" in column else "yyyy-mm-dd"
    return None
