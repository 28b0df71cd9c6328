"""The JSON backup: every table, its columns and its rows, with a schema version.

    {"format": "gevinsttavlen-backup", "schema_version": 1, "exported_at": "...",
     "plan_id": null, "tables": {"plan": {"columns": [...], "rows": [[...], ...]}, ...}}

Tables come in foreign-key order (`metadata.sorted_tables`), rows in key order. Dates
are ISO strings, timestamps ISO strings in UTC, numbers JSON numbers (a double's
shortest repr reads back to the same double). Restoring writes into an EMPTY database
in one transaction and then moves every id sequence past the largest id restored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any, TextIO

from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    Numeric,
    Sequence,
    Table,
    Time,
    TypeDecorator,
    func,
    select,
    text,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import SQLModel

from tracking import models  # noqa: F401  (registers every area's tables)
from tracking.backup.rows import plan_filters, stream_rows, table_query
from tracking.clock import now
from tracking.db import SCHEMA_VERSION, init_schema
from tracking.errors import ValidationError
from tracking.i18n import translate
from tracking.rules import validate_plan_period

FORMAT = "gevinsttavlen-backup"
# The target's own, not data; and derived rows, rebuilt after a restore.
NOT_BACKED_UP = frozenset({"schema_info", "change_stamp", "plan_stamp", "indicator_status"})


def backed_up_tables() -> list[Table]:
    return [t for t in SQLModel.metadata.sorted_tables if t.name not in NOT_BACKED_UP]


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if value.tzinfo else value).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def column_type(table: Table, column: str) -> Any:
    """The column's SQL type, seen through SQLModel's TypeDecorators (e.g. its
    tz-aware DateTime)."""
    kind = table.c[column].type
    while isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    return kind


def _decode(table: Table, column: str, value: Any) -> Any:
    if value is None:
        return None
    kind = column_type(table, column)
    try:
        if isinstance(kind, DateTime):
            return datetime.fromisoformat(value)
        if isinstance(kind, Date):
            return date.fromisoformat(value)
        if isinstance(kind, Time):
            return time.fromisoformat(value)
        if isinstance(kind, Boolean):
            if not isinstance(value, bool):
                raise TypeError(value)
            return value
        if isinstance(kind, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(value)
            return value
        if isinstance(kind, Float | Numeric):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TypeError(value)
            return float(value)
    except (TypeError, ValueError):
        raise ValidationError("error.backup_bad_value", None, table=table.name,
                              column=column, value=str(value)[:50]) from None
    return value


def export_document(engine: Engine, plan_id: int | None = None) -> dict[str, Any]:
    """The backup document of the whole database, or of one plan and what belongs to it."""
    tables = backed_up_tables()
    filters = plan_filters(tables, plan_id) if plan_id is not None else {}
    body: dict[str, Any] = {}
    with engine.connect() as conn:
        for t in tables:
            rows = stream_rows(conn, table_query(t, filters.get(t.name)))
            body[t.name] = {"columns": [c.name for c in t.columns],
                            "rows": [[_encode(v) for v in r] for r in rows]}
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": now().isoformat(),
        "plan_id": plan_id,
        "tables": body,
    }


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1)


def write_document(engine: Engine, out: TextIO, plan_id: int | None = None) -> dict[str, int]:
    """The backup document, written into `out` table by table and row by row as the
    database gives them (the whole database at national scale is millions of rows, never
    held at once). It reads back as `export_document` returns it. Returns the rows per
    table."""
    tables = backed_up_tables()
    filters = plan_filters(tables, plan_id) if plan_id is not None else {}
    head = json.dumps({"format": FORMAT, "schema_version": SCHEMA_VERSION,
                       "exported_at": now().isoformat(), "plan_id": plan_id})
    out.write(head[:-1] + ', "tables": {')
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        for n, t in enumerate(tables):
            columns = json.dumps([c.name for c in t.columns])
            out.write(f'{"," if n else ""}\n {json.dumps(t.name)}: {{"columns": {columns}, '
                      f'"rows": [')
            count = 0
            for row in stream_rows(conn, table_query(t, filters.get(t.name))):
                out.write(("," if count else "") + "\n  "
                          + json.dumps([_encode(v) for v in row], ensure_ascii=False))
                count += 1
            out.write("]}")
            counts[t.name] = count
    out.write("\n}}\n")
    return counts


def load_document(data: bytes | str) -> dict[str, Any]:
    """Parse a backup file and check its header; ValidationError if it is not one."""
    try:
        doc = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValidationError("error.backup_not_json", None) from None
    return check_header(doc)


def check_header(doc: Any) -> dict[str, Any]:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT \
            or not isinstance(doc.get("schema_version"), int) \
            or not isinstance(doc.get("tables"), dict):
        raise ValidationError("error.backup_wrong_format", None)
    if doc["schema_version"] > SCHEMA_VERSION:
        raise ValidationError("error.backup_newer", None, found=doc["schema_version"],
                              supported=SCHEMA_VERSION)
    return doc


@dataclass(frozen=True)
class RestoreSummary:
    rows: dict[str, int]  # table name -> rows restored
    warnings: tuple[str, ...] = ()  # what was filled in for an older backup (Danish)

    def text(self) -> str:
        counts = ", ".join(f"{name}: {n}" for name, n in self.rows.items() if n) or "0 rækker"
        return "\n".join([counts, *self.warnings])


def _default_measures(doc: dict[str, Any], rows: dict[str, list[dict[str, Any]]]) -> list[str]:
    """A backup from before indicators said what they measure: give each the default of
    its unit (as the schema upgrade does), and say so."""
    body = doc["tables"].get("indicator")
    if not body or "measure" in body["columns"] or not rows.get("indicator"):
        return []
    from tracking.services.plans import default_measure  # services import this module

    for row in rows["indicator"]:
        row["measure"] = default_measure(row.get("unit", "")).value
    return [translate("warning.backup_default_measure", count=len(rows["indicator"]))]


def _decoded_rows(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    known = {t.name: t for t in backed_up_tables()}
    out: dict[str, list[dict[str, Any]]] = {}
    for name, body in doc["tables"].items():
        table = known.get(name)
        if table is None:
            raise ValidationError("error.backup_unknown_table", None, table=name)
        if not isinstance(body, dict) or not isinstance(body.get("columns"), list) \
                or not isinstance(body.get("rows"), list):
            raise ValidationError("error.backup_wrong_format", None)
        columns = body["columns"]
        for col in columns:
            if col not in table.c:
                raise ValidationError("error.backup_unknown_column", None, table=name,
                                      column=col)
        rows = []
        for raw in body["rows"]:
            if not isinstance(raw, list) or len(raw) != len(columns):
                raise ValidationError("error.backup_wrong_format", None)
            rows.append({c: _decode(table, c, v) for c, v in zip(columns, raw, strict=True)})
        out[name] = rows
    return out


def _advance_sequences(conn: Connection, table: Table) -> None:
    """Let the next insert draw an id above every restored one."""
    dialect = conn.dialect.name
    for col in table.columns:
        seq = col.default if isinstance(col.default, Sequence) else None
        if seq is None and not (dialect == "postgresql" and col.primary_key
                                and isinstance(col.type, Integer)):
            continue
        top = conn.execute(select(func.max(col))).scalar()
        if top is None:
            continue
        if dialect == "postgresql":
            name = seq.name if seq is not None else conn.execute(
                text("SELECT pg_get_serial_sequence(:t, :c)"),
                {"t": table.name, "c": col.name}).scalar()
            if name:
                conn.execute(text("SELECT setval(:s, :v, false)"), {"s": name, "v": top + 1})
        elif seq is not None:
            # DuckDB cannot restart a sequence, and nextval in a loop is slow for large
            # ids; our sequences are no column's DEFAULT, so it is recreated instead.
            quoted = conn.dialect.identifier_preparer.format_sequence(seq)
            conn.execute(text(f"DROP SEQUENCE {quoted}"))
            conn.execute(text(f"CREATE SEQUENCE {quoted} START WITH {int(top) + 1}"))


def restore_document(engine: Engine, doc: dict[str, Any]) -> RestoreSummary:
    """Write a backup into an empty database, all or nothing.

    Refuses (ValidationError, nothing written) a newer schema version, unknown tables or
    columns, bad values, and a database that already holds rows.
    """
    rows = _decoded_rows(check_header(doc))
    warnings = _default_measures(doc, rows)
    for plan in rows.get("plan", []):  # the pages compute months from these
        validate_plan_period(plan["start_month"], plan["end_month"])
    init_schema(engine)
    tables = backed_up_tables()
    try:
        with engine.begin() as conn:
            for table in tables:
                count = conn.execute(select(func.count()).select_from(table)).scalar()
                if count:
                    raise ValidationError("error.restore_not_empty", None, table=table.name,
                                          count=count)
            for table in tables:
                if rows.get(table.name):
                    conn.execute(table.insert(), rows[table.name])
            for table in tables:
                _advance_sequences(conn, table)
            from tracking.kept_status import rebuild  # derived rows, not in the backup

            rebuild(conn)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", exc) or exc).splitlines()[0]
        raise ValidationError("error.restore_failed", None, reason=reason) from exc
    return RestoreSummary({t.name: len(rows.get(t.name, [])) for t in tables},
                          tuple(warnings))
