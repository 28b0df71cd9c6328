"""Workbooks written in one pass (openpyxl's write-only mode).

A normal openpyxl sheet keeps every cell as an object and `ws.max_row` scans them all;
asked once per row, that made a 20,000-row template take minutes. A write-only sheet
streams each row to the file as it is appended: time grows with the rows, memory stays
flat. Column widths and frozen panes are set before the first row (the mode's rule).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from tracking.cellsafety import looks_like_formula

_BOLD = Font(bold=True)


def new_book() -> Workbook:
    return Workbook(write_only=True)


def add_sheet(book: Workbook, title: str, headers: Sequence[str],
              widths: Sequence[float] = ()) -> Any:
    """A sheet with bold headers, its columns' widths and the header row frozen."""
    ws = book.create_sheet(title)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    ws.append([_header(ws, h) for h in headers])
    return ws


def _header(ws: Any, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=text)
    cell.font = _BOLD
    return cell


def append_row(ws: Any, values: Iterable[Any], formats: Sequence[str | None] = (),
               text_columns: frozenset[int] = frozenset()) -> None:
    """One row. `formats[i]`: number format of column i (0-based); columns in
    `text_columns`, and any user text starting with '=', are stored as text, never as
    a formula."""
    cells = []
    for i, value in enumerate(values):
        cell = WriteOnlyCell(ws, value=value)
        fmt = formats[i] if i < len(formats) else None
        if fmt and value is not None:
            cell.number_format = fmt
        if isinstance(value, str) and (i in text_columns or cell.data_type == "f"
                                       or looks_like_formula(value)):
            cell.data_type = "s"
            if looks_like_formula(value):  # shown as text, never calculated (OWASP)
                cell.quotePrefix = True
        cells.append(cell)
    ws.append(cells)


def to_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
