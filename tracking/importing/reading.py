"""Reading an uploaded CSV or Excel file into rows, with the row numbers users see.

A file is recognised by its bytes, not its name: an .xlsx is a zip, an HTML table saved
as .xls and the old binary .xls are named as such, anything else is tried as CSV text
(UTF-8 with or without BOM, UTF-16 from Excel's "Unicode text", else Windows-1252),
separated by ';', tab or ','. The header row may be preceded by a few title lines.

Two layouts are read: one row per figure (`Layout.ROWS`, the template's), and one row
per indicator with the months as columns (`Layout.WIDE`), which becomes one row per
non-empty month cell.

Every value is what the person sees in Excel or LibreOffice: a cell's number format is
applied (`numbers.shown_number`); a formula without a stored result, or an error value
such as #DIV/0!, is kept as a `CellProblem` that the preview refuses with its row.
Workbooks are read streaming, and refused before parsing when their uncompressed size
or declared dimension is beyond what a month's figures can need.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from tracking.errors import ValidationError
from tracking.importing.cells import parse_month, slash_order
from tracking.importing.numbers import ScaledFormatError, decide_decimal_mark, shown_number
from tracking.parsing import CONTROL_CHARS

MAX_BYTES = 10 * 1024 * 1024  # a plan's month is a few kB; 10 MB is surely a wrong file
MAX_ROWS = 20_000  # rows of one sheet (a municipality's month is a few hundred)
MAX_COLUMNS = 500  # a wide sheet of 40 years of months still fits
MAX_UNPACKED = 40 * 1024 * 1024  # all parts of a workbook, uncompressed
MAX_SHEET_XML = 8 * 1024 * 1024  # one sheet, uncompressed: bounds time (~2 s) and memory
MAX_SHEETS = 50
HEADER_SEARCH_ROWS = 20


class Column(StrEnum):
    INDICATOR_ID = "indicator_id"
    INDICATOR = "indicator"
    MONTH = "month"
    VALUE = "value"
    COMMENT = "comment"


class Layout(StrEnum):
    ROWS = "rows"  # one row per indicator and month (the template)
    WIDE = "wide"  # one row per indicator, the months as columns


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
        "indikator", "indikatornavn", "indikatorens navn", "navn", "indicator", "name",
        "nøgletal", "kpi")},
    **{a: Column.MONTH for a in ("måned", "maaned", "maned", "periode", "month", "period")},
    **{a: Column.VALUE for a in (
        "værdi", "vaerdi", "realiseret", "realiseret værdi", "tal", "value", "actual")},
    **{a: Column.COMMENT for a in ("kommentar", "bemærkning", "note", "comment")},
}

def normalise_header(header: object) -> str:
    text = str(header if header is not None else "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text.strip().lower())


@dataclass(frozen=True)
class CellProblem:
    """A cell whose value cannot be known from the file: the message key says why."""

    code: str
    text: str = ""

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class SourceRow:
    number: int  # 1-based row number as the spreadsheet shows it
    cells: dict[Column, object]
    # Per-row header names (the month column of a wide sheet), for messages.
    columns: dict[Column, str] = field(default_factory=dict)


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
    layout: Layout = Layout.ROWS
    # ',' or '.' when the file's text numbers decide it; None: each value on its own.
    decimal_mark: str | None = None
    mapped: bool = False  # the header row was read by the plan's column mapping
    # 'dmy' or 'mdy' when the file's dates with slashes prove their order; None: not known.
    date_order: str | None = None

    @property
    def several_sheets(self) -> bool:
        return len(self.sheets) > 1


Grid = list[tuple[int, list[object]]]  # (row number, cells), blank rows left out


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _header_map(row: list[object]) -> dict[int, Column] | None:
    """Column positions of a one-row-per-figure header row, or None."""
    found: dict[int, Column] = {}
    for i, cell in enumerate(row):
        col = _ALIASES.get(normalise_header(cell))
        if col is not None and col not in found.values():
            found[i] = col
    cols = set(found.values())
    if {Column.MONTH, Column.VALUE} <= cols and cols & {Column.INDICATOR_ID, Column.INDICATOR}:
        return found
    return None


def header_month(cell: object, order: str | None = None) -> date | None:
    """The month a header cell names ('jan 2026', '2026-01', a date cell), else None.
    A header that could be two months ('10/01/2026' in a file that does not prove its
    date order) refuses the file: its column would otherwise be left out unseen."""
    if _blank(cell) or isinstance(cell, bool | int | float | CellProblem):
        return None
    try:
        return parse_month(cell, order)
    except ValidationError as exc:
        if exc.code == "error.import_ambiguous_date":
            raise
        return None


def _numeric(cell: object) -> bool:
    if isinstance(cell, bool):
        return False
    if isinstance(cell, int | float):
        return True
    return isinstance(cell, str) and re.fullmatch(r"\s*[-+\u2212]?[\d.,\s\u00a0]*\d[\d.,]*"
                                                  r"\s*(%|kr\.?)?\s*", cell) is not None


def _wide_map(row: list[object]) -> tuple[dict[int, Column], dict[int, date]] | None:
    """The indicator columns and month columns of a months-as-columns header, or None."""
    order = slash_order(list(row))
    months = {i: m for i, cell in enumerate(row)
              if (m := header_month(cell, order)) is not None}
    if len(months) < 2 or len(set(months.values())) < len(months):
        return None
    if any(_numeric(cell) for i, cell in enumerate(row) if i not in months):
        return None  # a data row with two date cells (month, entered on), not a header
    first_month = min(months)
    found: dict[int, Column] = {}
    for i, cell in enumerate(row[:first_month]):
        col = _ALIASES.get(normalise_header(cell))
        if col in (Column.INDICATOR_ID, Column.INDICATOR) and col not in found.values():
            found[i] = col
    if not found:
        # A sheet often leaves the first header cell empty or calls it anything
        # ("Nøgletal 2026"): the first column before the months names the indicator.
        found[0 if first_month > 0 else -1] = Column.INDICATOR
    if -1 in found:
        return None
    return found, months


def _text(cell: object) -> str:
    return cell.strip() if isinstance(cell, str) else str(cell)


def _mapped_positions(header: list[object],
                      mapping: dict[Column, str]) -> dict[int, Column] | None:
    """Column positions of a header row by a user's mapping, or None if one is missing."""
    wanted = {normalise_header(h): col for col, h in mapping.items()}
    found = {i: wanted[key] for i, cell in enumerate(header)
             if (key := normalise_header(cell)) in wanted}
    return found if len(set(found.values())) == len(mapping) else None


def _table(grid: Grid, kind: str, mapping: dict[Column, str] | None = None,
           **how: object) -> SheetTable | None:
    found = _table_by_headers(grid, kind, **how)
    if found is not None or not mapping:
        return found
    for number, header in grid[:HEADER_SEARCH_ROWS]:
        positions = _mapped_positions(header, mapping)
        if positions is not None:
            table = _rows_table(grid, number, header, positions, kind, **how)
            return replace(table, mapped=True)
    return None


def _rows_table(grid: Grid, number: int, header: list[object], positions: dict[int, Column],
                kind: str, **how: object) -> SheetTable:
    below = [(n, r) for n, r in grid if n > number]
    headers = {col: _text(header[i]) for i, col in positions.items()}
    rows = [SourceRow(n, {col: r[i] if i < len(r) else None
                          for i, col in positions.items()}) for n, r in below]
    return _with_marks(SheetTable(rows, headers, kind, **how), rows)


def _table_by_headers(grid: Grid, kind: str, **how: object) -> SheetTable | None:
    for number, header in grid[:HEADER_SEARCH_ROWS]:
        below = [(n, r) for n, r in grid if n > number]
        positions = _header_map(header)
        if positions is not None:
            return _rows_table(grid, number, header, positions, kind, **how)
        wide = _wide_map(header)
        if wide is not None:
            ind_cols, months = wide
            headers = {col: _text(header[i]) or TEMPLATE_HEADERS[col]
                       for i, col in ind_cols.items()}
            rows = []
            for n, r in below:
                names = {col: r[i] if i < len(r) else None for i, col in ind_cols.items()}
                for i, month in months.items():
                    value = r[i] if i < len(r) else None
                    if _blank(value):
                        continue
                    label = _text(header[i])
                    rows.append(SourceRow(n, {**names, Column.MONTH: month,
                                              Column.VALUE: value},
                                          {Column.MONTH: label, Column.VALUE: label}))
            return _with_marks(SheetTable(rows, headers, kind, layout=Layout.WIDE, **how),
                               rows)
    return None


def _with_marks(table: SheetTable, rows: list[SourceRow]) -> SheetTable:
    texts = [v for r in rows if isinstance(v := r.cells.get(Column.VALUE), str)]
    mark = decide_decimal_mark(texts)
    order = slash_order([r.cells.get(Column.MONTH) for r in rows])
    return replace(table, decimal_mark=mark, date_order=order)


def expected_headers() -> str:
    return ", ".join(f"»{h}«" for h in TEMPLATE_HEADERS.values())


def read_tables(data: bytes, filename: str = "", sheet: str | None = None,
                mapping: dict[Column, str] | None = None) -> list[SheetTable]:
    """Every sheet of an upload that has a header row (one for a CSV), in file order.
    A header row that is not recognised is found by `mapping` (the plan's remembered
    columns), if given.

    Refuses (ValidationError) files that are empty, too large, not CSV or Excel,
    without a header row, with control characters, or with no rows."""
    if len(data) > MAX_BYTES:
        raise ValidationError("error.import_too_large", "file",
                              size=f"{len(data) / 1024 / 1024:.0f}",
                              max=f"{MAX_BYTES // 1024 // 1024}")
    if not data.strip():
        raise ValidationError("error.import_empty", "file", name=filename)
    if data.startswith(b"PK\x03\x04"):
        tables = _read_xlsx(data, filename, sheet, mapping)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):  # the old binary .xls (OLE2)
        raise ValidationError("error.import_old_xls", "file", name=filename)
    elif _is_markup(data):
        raise ValidationError("error.import_html", "file", name=filename)
    else:
        tables = [_read_csv(data, filename, mapping)]
    tables = [t for t in tables if t.rows] or tables[:1]
    if not tables[0].rows:
        raise ValidationError("error.import_no_rows", "file", name=filename)
    return tables


def read_table(data: bytes, filename: str = "", sheet: str | None = None,
               mapping: dict[Column, str] | None = None) -> SheetTable:
    """The first sheet with a header row and rows (see `read_tables`)."""
    return read_tables(data, filename, sheet, mapping)[0]


def _is_markup(data: bytes) -> bool:
    """An HTML (or XML Spreadsheet 2003) table saved with a spreadsheet's name."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower().replace(b"\x00", b"")
    return head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta")) \
        or (head.startswith(b"<") and b"<table" in data[:65536].lower())


def _decode(data: bytes, filename: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 (BOM)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise ValidationError("error.import_not_table", "file", name=filename) from None
    if b"\x00" in data:
        raise ValidationError("error.import_not_table", "file", name=filename)
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        # Excel on Danish Windows saves "CSV (semikolonsepareret)" as Windows-1252.
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def _check_control_chars(text: str, filename: str) -> None:
    found = CONTROL_CHARS.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        raise ValidationError("error.import_control_chars", "file", name=filename, line=line,
                              char=f"{ord(found.group()):02X}")


def _csv_grid(text: str, sep: str, filename: str) -> Grid:
    grid: Grid = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        for row in reader:
            if reader.line_num > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise ValidationError("error.import_too_many_rows", "file", max=MAX_ROWS)
            if not all(_blank(c) for c in row):
                grid.append((reader.line_num, list(row)))
    except csv.Error:
        # A field over the csv module's limit (131,072 characters) or a stray quote.
        raise ValidationError("error.import_csv_broken", "file", name=filename,
                              line=reader.line_num) from None
    return grid


def _csv_text(data: bytes, filename: str) -> tuple[str, str]:
    text, encoding = _decode(data, filename)
    _check_control_chars(text, filename)
    if sum(not (c.isprintable() or c in "\r\n\t") for c in text[:4000]) > 8:
        raise ValidationError("error.import_not_table", "file", name=filename)
    return text, encoding


def _separators(text: str) -> list[str]:
    head = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    return sorted(";\t,", key=lambda s: -head.count(s))


def _read_csv(data: bytes, filename: str,
              mapping: dict[Column, str] | None = None) -> SheetTable:
    text, encoding = _csv_text(data, filename)
    for sep in _separators(text):
        table = _table(_csv_grid(text, sep, filename), "csv", mapping, encoding=encoding,
                       separator=sep)
        if table is not None:
            return table
    raise ValidationError("error.import_no_header", "file", name=filename,
                          expected=expected_headers())


# Excel ------------------------------------------------------------------------------

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{0,3})(\d*)(?::([A-Z]{1,3})(\d+))?"')


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _check_workbook_size(archive: zipfile.ZipFile, filename: str) -> None:
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED:
        raise ValidationError("error.import_unpacked_too_large", "file", name=filename,
                              size=f"{unpacked / 1024 / 1024:.0f}",
                              max=f"{MAX_UNPACKED // 1024 // 1024}")


def _check_sheet_size(archive: zipfile.ZipFile, path: str, sheet: str) -> None:
    """Refuse a sheet before parsing it when its declared size or its XML is too large."""
    try:
        info = archive.getinfo(path)
    except KeyError:
        return
    if info.file_size > MAX_SHEET_XML:
        raise ValidationError("error.import_sheet_xml_too_large", "sheet", sheet=sheet,
                              size=f"{info.file_size / 1024 / 1024:.0f}",
                              max=f"{MAX_SHEET_XML // 1024 // 1024}")
    with archive.open(info) as part:
        head = part.read(8192)
    found = _DIMENSION.search(head)
    if not found:
        return
    last_col = (found[3] or found[1]).decode()
    last_row = int(found[4] or found[2] or 0)
    if last_row > MAX_ROWS + HEADER_SEARCH_ROWS or _column_number(last_col) > MAX_COLUMNS:
        raise ValidationError("error.import_sheet_too_large", "sheet", sheet=sheet,
                              rows=last_row, max=MAX_ROWS)


def _open_xlsx(data: bytes, filename: str) -> tuple[zipfile.ZipFile, object]:
    from openpyxl import load_workbook  # only when needed: it is slow to import

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_workbook_size(archive, filename)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ValidationError:
        raise
    except Exception as exc:  # BadZipFile, KeyError, openpyxl's InvalidFileException, ...
        raise ValidationError("error.import_not_table", "file", name=filename) from exc
    return archive, book


def _read_xlsx(data: bytes, filename: str, sheet: str | None,
               mapping: dict[Column, str] | None = None) -> list[SheetTable]:
    archive, book = _open_xlsx(data, filename)
    names = list(book.sheetnames)
    if not names:  # every sheet part missing or unreadable
        raise ValidationError("error.import_not_table", "file", name=filename)
    if sheet is not None and sheet not in names:
        raise ValidationError("error.import_unknown_sheet", "sheet", sheet=sheet,
                              sheets=", ".join(names))
    tables = []
    try:
        for name in ([sheet] if sheet is not None else names[:MAX_SHEETS]):
            ws = book[name]
            if not hasattr(ws, "_get_source"):
                continue  # a chart sheet
            _check_sheet_size(archive, ws._worksheet_path, name)
            table = _table(_sheet_grid(book, ws, name), "xlsx", mapping, sheet=name,
                           sheets=names)
            if table is not None:
                tables.append(table)
    except ValidationError:
        raise
    except Exception as exc:  # a damaged part of the zip, malformed XML
        raise ValidationError("error.import_not_table", "file", name=filename) from exc
    finally:
        book.close()
    if tables:
        return tables
    if sheet is not None:
        raise ValidationError("error.import_no_header_sheet", "sheet", sheet=sheet,
                              expected=expected_headers())
    raise ValidationError("error.import_no_header", "file", name=filename,
                          expected=expected_headers())


def _sheet_grid(book: object, ws: object, name: str) -> Grid:
    """A sheet's non-blank rows as shown values, read streaming, stopped at the limits."""
    grid: Grid = []
    for number, cells in _parse_sheet(book, ws):
        if number > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise ValidationError("error.import_sheet_too_large", "sheet", sheet=name,
                                  rows=number, max=MAX_ROWS)
        row: list[object] = []
        for column, value in cells:
            if column > MAX_COLUMNS:
                raise ValidationError("error.import_sheet_too_wide", "sheet", sheet=name,
                                      max=MAX_COLUMNS)
            row.extend([None] * (column - 1 - len(row)))
            row.append(value)
        if any(not _blank(v) for v in row):
            grid.append((number, row))
    return grid


_EMPTY: dict[str, object] = {"value": None}


def _parse_sheet(book: object, ws: object) -> Iterator[tuple[int, list[tuple[int, object]]]]:
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    formats = _number_formats(book)
    date_styles = book._date_formats  # type: ignore[attr-defined]

    class _Parser(WorkSheetParser):
        def parse_cell(self, element):
            if len(element) == 0:  # a formatted empty cell: nothing to convert
                if element.get("r") is None:
                    self.col_counter += 1
                return _EMPTY
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["value"] = CellProblem("error.import_formula_without_value")
            elif cell["data_type"] == "e":
                cell["value"] = CellProblem("error.import_cell_error", str(cell["value"]))
            elif cell["data_type"] == "n" and isinstance(cell["value"], int | float) \
                    and cell["style_id"] not in date_styles:
                fmt = formats.get(cell["style_id"])
                try:
                    cell["value"] = shown_number(cell["value"], fmt)
                except ScaledFormatError:
                    cell["value"] = CellProblem("error.import_scaled_format", str(fmt))
            elif isinstance(cell["value"], str):
                cell["value"] = CONTROL_CHARS.sub("", cell["value"])
            return cell

    with ws._get_source() as source:  # type: ignore[attr-defined]
        parser = _Parser(source, ws._shared_strings, data_only=True,  # type: ignore[attr-defined]
                         epoch=book.epoch, date_formats=date_styles,  # type: ignore[attr-defined]
                         timedelta_formats=book._timedelta_formats)  # type: ignore[attr-defined]
        for number, cells in parser.parse():
            yield number, [(c["column"], c["value"]) for c in cells if c is not _EMPTY]


def _number_formats(book: object) -> dict[int, str]:
    """The number format of each cell style id (what ReadOnlyCell.number_format does)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    out: dict[int, str] = {}
    for style_id, style in enumerate(book._cell_styles):  # type: ignore[attr-defined]
        fmt_id = style.numFmtId
        if fmt_id in BUILTIN_FORMATS:
            out[style_id] = BUILTIN_FORMATS[fmt_id]
        else:
            custom = book._number_formats  # type: ignore[attr-defined]
            index = fmt_id - 164
            out[style_id] = custom[index] if 0 <= index < len(custom) else "General"
    return out


def header_candidates(data: bytes, filename: str = "", sheet: str | None = None) -> list[str]:
    """The cells of the likely header row of a file whose headers are not recognised
    (the first of its first rows with three or more filled cells), for a column mapping.
    Empty if the file cannot be read at all."""
    try:
        if data.startswith(b"PK\x03\x04"):
            archive, book = _open_xlsx(data, filename)
            names = list(book.sheetnames)
            name = sheet if sheet in names else (names[0] if names else None)
            if name is None:
                return []
            ws = book[name]
            _check_sheet_size(archive, ws._worksheet_path, name)  # type: ignore[attr-defined]
            grid = _sheet_grid(book, ws, name)
            book.close()  # type: ignore[attr-defined]
        else:
            text, _ = _csv_text(data, filename)
            grid = _csv_grid(text, _separators(text)[0], filename)
    except ValidationError:
        return []
    for _, row in grid[:HEADER_SEARCH_ROWS]:
        cells = [_text(c) for c in row if not _blank(c)]
        if len(cells) >= 3:
            return list(dict.fromkeys(cells))
    return []


def sheet_names(data: bytes) -> list[str]:
    """The sheets of an .xlsx upload (empty for CSV or an unreadable file)."""
    if not data.startswith(b"PK\x03\x04") or len(data) > MAX_BYTES:
        return []
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            return []
        return list(load_workbook(io.BytesIO(data), read_only=True).sheetnames)
    except Exception:  # the full read reports what is wrong with the file
        return []


def is_date_cell(cell: object) -> bool:
    return isinstance(cell, date | datetime)
