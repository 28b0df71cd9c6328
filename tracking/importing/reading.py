"""Reading an uploaded CSV or Excel file into rows, with the row numbers users see.

A file is recognised by its bytes, not its name: an .xlsx is a zip, anything else is
tried as CSV text (UTF-8 with or without BOM, UTF-16 from Excel's "Unicode text", else
Windows-1252), separated by ';', tab or ','. The header row may be preceded by a few
title lines, as reports from source systems often are.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from enum import StrEnum

from tracking.errors import ValidationError

MAX_BYTES = 10 * 1024 * 1024  # a plan's month is a few kB; 10 MB is surely a wrong file
MAX_ROWS = 100_000
HEADER_SEARCH_ROWS = 20


class Column(StrEnum):
    INDICATOR_ID = "indicator_id"
    INDICATOR = "indicator"
    MONTH = "month"
    VALUE = "value"
    COMMENT = "comment"


# The template's headers (Danish); HEADER_KEYS gives their message keys for the UI.
TEMPLATE_HEADERS: dict[Column, str] = {
    Column.INDICATOR_ID: "Indikator-id",
    Column.INDICATOR: "Indikator",
    Column.MONTH: "Måned",
    Column.VALUE: "Værdi",
    Column.COMMENT: "Kommentar",
}
UNIT_HEADER = "Enhed"  # in the template for the reader's sake; ignored when read

_ALIASES: dict[str, Column] = {
    **{a: Column.INDICATOR_ID for a in (
        "indikator-id", "indikatorid", "indikator id", "indikator_id", "id",
        "indicator id", "indicator_id", "indicator-id")},
    **{a: Column.INDICATOR for a in (
        "indikator", "indikatornavn", "indikatorens navn", "navn", "indicator", "name")},
    **{a: Column.MONTH for a in ("måned", "maaned", "maned", "periode", "month", "period")},
    **{a: Column.VALUE for a in (
        "værdi", "vaerdi", "realiseret", "realiseret værdi", "tal", "value", "actual")},
    **{a: Column.COMMENT for a in ("kommentar", "bemærkning", "note", "comment")},
}


def _normalise(header: object) -> str:
    return re.sub(r"\s+", " ", str(header or "").strip().lower())


@dataclass(frozen=True)
class SourceRow:
    number: int  # 1-based row number as the spreadsheet shows it
    cells: dict[Column, object]


@dataclass(frozen=True)
class SheetTable:
    """The rows of an upload below its header row, with how the file was read."""

    rows: list[SourceRow]
    headers: dict[Column, str]  # the header text found for each recognised column
    kind: str  # "csv" or "xlsx"
    encoding: str | None = None
    separator: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)

    @property
    def several_sheets(self) -> bool:
        return len(self.sheets) > 1


def _header_map(row: list[object]) -> dict[int, Column] | None:
    """Column positions of a header row, or None if the row is not one."""
    found: dict[int, Column] = {}
    for i, cell in enumerate(row):
        col = _ALIASES.get(_normalise(cell))
        if col is not None and col not in found.values():
            found[i] = col
    cols = set(found.values())
    if {Column.MONTH, Column.VALUE} <= cols and cols & {Column.INDICATOR_ID, Column.INDICATOR}:
        return found
    return None


def _rows_below_header(
        rows: list[list[object]]) -> tuple[dict[Column, str], list[SourceRow]] | None:
    for h, header in enumerate(rows[:HEADER_SEARCH_ROWS]):
        positions = _header_map(header)
        if positions is None:
            continue
        headers = {col: str(header[i]).strip() for i, col in positions.items()}
        out = []
        for number, row in enumerate(rows[h + 1:], start=h + 2):
            cells = {col: row[i] if i < len(row) else None for i, col in positions.items()}
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
                continue  # a blank line is no row
            out.append(SourceRow(number, cells))
        return headers, out
    return None


def read_table(data: bytes, filename: str = "", sheet: str | None = None) -> SheetTable:
    """Read an upload. Refuses (ValidationError) files that are empty, too large, not
    CSV or Excel, or without the template's header row."""
    if len(data) > MAX_BYTES:
        raise ValidationError("error.import_too_large", "file",
                              size=f"{len(data) / 1024 / 1024:.0f}",
                              max=f"{MAX_BYTES // 1024 // 1024}")
    if not data.strip():
        raise ValidationError("error.import_empty", "file", name=filename)
    if data.startswith(b"PK\x03\x04"):
        table = _read_xlsx(data, filename, sheet)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):  # the old binary .xls (OLE2)
        raise ValidationError("error.import_old_xls", "file", name=filename)
    else:
        table = _read_csv(data, filename)
    if not table.rows:
        raise ValidationError("error.import_no_rows", "file", name=filename)
    if len(table.rows) > MAX_ROWS:
        raise ValidationError("error.import_too_many_rows", "file", max=MAX_ROWS)
    return table


def _decode(data: bytes, filename: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 (BOM)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    if b"\x00" in data:
        raise ValidationError("error.import_not_table", "file", name=filename)
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        # Excel on Danish Windows saves "CSV (semikolonsepareret)" as Windows-1252.
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def _read_csv(data: bytes, filename: str) -> SheetTable:
    text, encoding = _decode(data, filename)
    if sum(not (c.isprintable() or c in "\r\n\t") for c in text[:4000]) > 8:
        raise ValidationError("error.import_not_table", "file", name=filename)
    head = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    for sep in sorted(";\t,", key=lambda s: -head.count(s)):
        rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=sep)]
        found = _rows_below_header(rows)
        if found is not None:
            headers, source_rows = found
            return SheetTable(source_rows, headers, "csv", encoding=encoding, separator=sep)
    raise ValidationError("error.import_no_header", "file", name=filename,
                          expected=_expected_headers())


def _expected_headers() -> str:
    return ", ".join(f"»{h}«" for h in TEMPLATE_HEADERS.values())


def _read_xlsx(data: bytes, filename: str, sheet: str | None) -> SheetTable:
    from openpyxl import load_workbook  # only when needed: it is slow to import

    try:
        book = load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except Exception as exc:  # BadZipFile, KeyError, openpyxl's InvalidFileException, ...
        raise ValidationError("error.import_not_table", "file", name=filename) from exc
    names = list(book.sheetnames)
    if sheet is not None and sheet not in names:
        raise ValidationError("error.import_unknown_sheet", "sheet", sheet=sheet,
                              sheets=", ".join(names))
    for name in [sheet] if sheet is not None else names:
        ws = book[name]
        rows = [list(r) for r in ws.iter_rows(min_row=1, values_only=True)]
        found = _rows_below_header(rows)
        if found is not None:
            headers, source_rows = found
            return SheetTable(source_rows, headers, "xlsx", sheet=name, sheets=names)
    if sheet is not None:
        raise ValidationError("error.import_no_header_sheet", "sheet", sheet=sheet,
                              expected=_expected_headers())
    raise ValidationError("error.import_no_header", "file", name=filename,
                          expected=_expected_headers())


def sheet_names(data: bytes) -> list[str]:
    """The sheets of an .xlsx upload (empty for CSV or an unreadable file)."""
    if not data.startswith(b"PK\x03\x04") or len(data) > MAX_BYTES:
        return []
    from openpyxl import load_workbook

    try:
        return list(load_workbook(io.BytesIO(data), read_only=True).sheetnames)
    except Exception:  # the full read reports what is wrong with the file
        return []
