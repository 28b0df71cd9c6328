"""The export as an Excel workbook: one sheet per table, Danish headers, numbers as
numbers and dates as dates. For reading and analysis; restore uses the JSON backup."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine, Integer

from tracking.backup.document import backed_up_tables, column_type, export_document
from tracking.i18n import translate, translate_or

MAX_SHEET_NAME = 31  # Excel's limit


def _cell(value: object, column_type: object) -> object:
    from sqlalchemy import Date, DateTime

    if value is None:
        return None
    if isinstance(column_type, DateTime):
        moment = datetime.fromisoformat(value)
        # Excel has no time zones: timestamps are written in UTC, as in the JSON backup.
        return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
    if isinstance(column_type, Date):
        return date.fromisoformat(value)
    return value


def export_workbook(engine: Engine, plan_id: int | None = None, lang: str = "da") -> bytes:
    """Every backed-up table (or one plan's rows) as a sheet of an .xlsx file, written in
    one pass (tracking.xlsx): time grows with the rows, not with their square."""
    from tracking.xlsx import add_sheet, append_row, new_book, to_bytes

    doc = export_document(engine, plan_id)
    book = new_book()
    used: set[str] = {_figures_sheet(book, engine, plan_id, lang)}
    for table in backed_up_tables():
        body = doc["tables"][table.name]
        name = translate_or(f"backup.sheet.{table.name}", table.name, lang)[:MAX_SHEET_NAME]
        while name in used:
            name = f"{name[:MAX_SHEET_NAME - 1]}_"
        used.add(name)
        columns = body["columns"]
        ws = add_sheet(book, name, [translate_or(f"backup.col.{c}", c, lang) for c in columns],
                       [14 if c.endswith("id") else 20 for c in columns])
        types = [column_type(table, c) for c in columns]
        formats = [_number_format(c, t) for c, t in zip(columns, types, strict=True)]
        for raw in body["rows"]:
            append_row(ws, [_cell(v, t) for v, t in zip(raw, types, strict=True)], formats)
    return to_bytes(book)


_FIGURES_SQL = """
SELECT p.name AS plan, i.name AS indicator, i.unit AS unit, m.month AS month,
       t.value AS target, m.value AS actual, m.comment AS comment,
       m.entered_by AS entered_by, m.entered_at AS entered_at
FROM measurement m
JOIN indicator i ON i.id = m.indicator_id
JOIN plan p ON p.id = i.plan_id
LEFT JOIN target_month t ON t.indicator_id = m.indicator_id AND t.month = m.month
WHERE (:plan_id IS NULL OR p.id = :plan_id)
ORDER BY p.id, i.sort_order, i.id, m.month
"""


def _figures_sheet(book: object, engine: Engine, plan_id: int | None, lang: str) -> str:
    """A first sheet to read without looking up ids: every figure with its names.
    Returns the sheet's name."""
    from sqlalchemy import bindparam, text

    from tracking.formatting import unit_label
    from tracking.xlsx import add_sheet, append_row

    query = text(_FIGURES_SQL).bindparams(bindparam("plan_id", type_=Integer))
    name = translate_or("backup.sheet.figures", "Tal", lang)
    ws = add_sheet(book, name, [translate(k, lang) for k in (
        "ui.plan", "ui.indicator", "ui.unit", "ui.month", "ui.target", "ui.actual",
        "ui.comment", "ui.entered_by", "backup.col.entered_at")],
        (28, 36, 10, 10, 12, 12, 40, 20, 18))
    formats = (None, None, None, "yyyy-mm", None, None, None, None, "yyyy-mm-dd hh:mm")
    with engine.connect() as conn:
        for r in conn.execute(query, {"plan_id": plan_id}).mappings():
            entered = r["entered_at"]
            if isinstance(entered, datetime) and entered.tzinfo:
                entered = entered.astimezone(UTC).replace(tzinfo=None)
            append_row(ws, [r["plan"], r["indicator"], unit_label(r["unit"], lang), r["month"],
                            r["target"], r["actual"], r["comment"], r["entered_by"], entered],
                       formats)
    return name


def _number_format(column: str, column_type: object) -> str | None:
    from sqlalchemy import Date, DateTime

    if isinstance(column_type, DateTime):
        return "yyyy-mm-dd hh:mm"
    if isinstance(column_type, Date):
        return "yyyy-mm" if "month" in column else "yyyy-mm-dd"
    return None
