"""The export as an Excel workbook: one sheet per table, Danish headers, numbers as
numbers and dates as dates. For reading and analysis; restore uses the JSON backup."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from sqlalchemy import Engine

from tracking.backup.document import backed_up_tables, column_type, export_document
from tracking.i18n import translate

MAX_SHEET_NAME = 31  # Excel's limit


def _label(key: str, fallback: str, lang: str) -> str:
    text = translate(key, lang)
    return fallback if text == key else text


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
    used: set[str] = set()
    for table in backed_up_tables():
        body = doc["tables"][table.name]
        name = _label(f"backup.sheet.{table.name}", table.name, lang)[:MAX_SHEET_NAME]
        while name in used:
            name = f"{name[:MAX_SHEET_NAME - 1]}_"
        used.add(name)
        ws = book.create_sheet(name)
        ws.append([_label(f"backup.col.{c}", c, lang) for c in body["columns"]])
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
    book.save(out)
    return out.getvalue()


def _number_format(column: str, column_type: object) -> str | None:
    from sqlalchemy import Date, DateTime

    if isinstance(column_type, DateTime):
        return "yyyy-mm-dd hh:mm"
    if isinstance(column_type, Date):
        return "yyyy-mm" if "month" in column else "yyyy-mm-dd"
    return None
