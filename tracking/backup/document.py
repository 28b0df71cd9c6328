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
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

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
from tracking.clock import now
from tracking.db import SCHEMA_VERSION, init_schema
from tracking.errors import ValidationError
from tracking.i18n import translate
from tracking.rules import validate_plan_period

FORMAT = "gevinsttavlen-backup"
NOT_BACKED_UP = frozenset({"schema_info", "change_stamp",  # the target's own, not data
                           "indicator_status"})  # derived: rebuilt after a restore


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


def _table_rows(conn: Connection, table: Table) -> list[dict[str, Any]]:
    order = list(table.primary_key.columns) or list(table.columns)
    return [dict(r) for r in conn.execute(select(table).order_by(*order)).mappings()]


def _plan_rows(tables: Iterable[Table], rows: dict[str, list[dict]], plan_id: int) -> None:
    """Keep only the plan and what hangs off it (by foreign keys, transitively);
    tables with no path to a plan are kept whole. Filters `rows` in place."""
    filtered: set[str] = set()
    for table in tables:
        keep = rows[table.name]
        if table.name == "plan":
            keep = [r for r in keep if r["id"] == plan_id]
            filtered.add(table.name)
        for fk in table.foreign_keys:
            ref = fk.column.table.name
            if ref not in filtered:
                continue
            allowed = {r[fk.column.name] for r in rows[ref]}
            keep = [r for r in keep if r[fk.parent.name] is None or r[fk.parent.name] in allowed]
            filtered.add(table.name)
        rows[table.name] = keep


def export_document(engine: Engine, plan_id: int | None = None) -> dict[str, Any]:
    """The backup document of the whole database, or of one plan and what belongs to it."""
    tables = backed_up_tables()
    with engine.connect() as conn:
        rows = {t.name: _table_rows(conn, t) for t in tables}
    if plan_id is not None:
        _plan_rows(tables, rows, plan_id)
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": now().isoformat(),
        "plan_id": plan_id,
        "tables": {
            t.name: {"columns": [c.name for c in t.columns],
                     "rows": [[_encode(r[c.name]) for c in t.columns] for r in rows[t.name]]}
            for t in tables
        },
    }


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1)


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
