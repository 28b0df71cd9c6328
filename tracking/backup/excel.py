"""The export as an Excel workbook: one sheet per table, Danish headers, numbers as
numbers and dates as dates. For reading and analysis; restore uses the JSON backup."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from sqlalchemy import Engine, Integer

from tracking.backup.document import backed_up_tables, column_type, export_document
from tracking.cellsafety import neutralise_workbook
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
    """Every backed-up table (or one plan's rows) as a sheet of an .xlsx file."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    doc = export_document(engine, plan_id)
    book = Workbook()
    book.remove(book.active)
    _figures_sheet(book, engine, plan_id, lang)
    used: set[str] = {book.sheetnames[0]}
    for table in backed_up_tables():
        body = doc["tables"][table.name]
        name = translate_or(f"backup.sheet.{table.name}", table.name, lang)[:MAX_SHEET_NAME]
        while name in used:
            name = f"{name[:MAX_SHEET_NAME - 1]}_"
        used.add(name)
        ws = book.create_sheet(name)
        ws.append([translate_or(f"backup.col.{c}", c, lang) for c in body["columns"]])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        types = [column_type(table, c) for c in body["columns"]]
        formats = [_number_format(c, t) for c, t in zip(body["columns"], types, strict=True)]
        for raw in body["rows"]:
            ws.append([_cell(v, t) for v, t in zip(raw, types, strict=True)])
            for col, (value, fmt) in enumerate(zip(raw, formats, strict=True), start=1):
                cell = ws.cell(ws.max_row, col)
                if fmt:
                    cell.number_format = fmt
                if isinstance(value, str) and cell.data_type == "f":
                    cell.data_type = "s"  # user text starting with '=' is no formula
        for col, header in enumerate(body["columns"], start=1):
            letter = ws.cell(1, col).column_letter
            ws.column_dimensions[letter].width = 14 if header.endswith("id") else 20
        ws.freeze_panes = "A2"
    out = io.BytesIO()
    neutralise_workbook(book).save(out)
    return out.getvalue()


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


def _figures_sheet(book: object, engine: Engine, plan_id: int | None, lang: str) -> None:
    """A first sheet to read without looking up ids: every figure with its names."""
    from openpyxl.styles import Font
    from sqlalchemy import bindparam, text

    from tracking.formatting import unit_label

    query = text(_FIGURES_SQL).bindparams(bindparam("plan_id", type_=Integer))
    with engine.connect() as conn:
        rows = conn.execute(query, {"plan_id": plan_id}).mappings().all()
    ws = book.create_sheet(translate_or("backup.sheet.figures", "Tal", lang))
    ws.append([translate(k, lang) for k in (
        "ui.plan", "ui.indicator", "ui.unit", "ui.month", "ui.target", "ui.actual",
        "ui.comment", "ui.entered_by", "backup.col.entered_at")])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        entered = r["entered_at"]
        if isinstance(entered, datetime) and entered.tzinfo:
            entered = entered.astimezone(UTC).replace(tzinfo=None)
        ws.append([r["plan"], r["indicator"], unit_label(r["unit"], lang), r["month"],
                   r["target"], r["actual"], r["comment"], r["entered_by"], entered])
        row = ws.max_row
        ws.cell(row, 4).number_format = "yyyy-mm"
        ws.cell(row, 9).number_format = "yyyy-mm-dd hh:mm"
        for col in (1, 2, 7, 8):
            if ws.cell(row, col).data_type == "f":
                ws.cell(row, col).data_type = "s"
    for letter, width in zip("ABCDEFGHI", (28, 36, 10, 10, 12, 12, 40, 20, 18), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"


def _number_format(column: str, column_type: object) -> str | None:
    from sqlalchemy import Date, DateTime

    if isinstance(column_type, DateTime):
        return "yyyy-mm-dd hh:mm"
    if isinstance(column_type, Date):
        return "yyyy-mm" if "month" in column else "yyyy-mm-dd"
    return None
