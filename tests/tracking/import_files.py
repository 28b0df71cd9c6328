"""Small real upload files, made the way Excel and source systems make them."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook


def csv_bytes(rows: Sequence[Sequence[object]], encoding: str = "utf-8",
              delimiter: str = ";") -> bytes:
    """A CSV file as Python's csv module writes it (quoting what needs quoting)."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(sheets: dict[str, Sequence[Sequence[object]]]) -> bytes:
    """An .xlsx workbook with the given sheets (in order) and cell values."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
