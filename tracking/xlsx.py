"""Workbooks written in one pass by a Rust writer (rustpy-xlsxwriter, a binding of
rust_xlsxwriter).

openpyxl, even in write-only mode, makes a Python object per cell: the whole database
at national scale (about 19 million cells) took minutes. Here the rows of each sheet are
kept as the caller's own lists and streamed to the Rust writer when the book is saved,
which writes each sheet in constant memory, about 15 times faster. A sheet too large to
keep (a table of the whole database) is given as an iterable of rows instead
(`add_streamed_sheet`): it is read only while the book is saved, one sheet after the
other, so a database cursor can feed it in batches.

Text stays text: the writer stores every Python string as a string, never a formula, and
a column in which some text starts like a formula ('=', '+', '-', '@') gets Excel's quote
prefix, so editing the cell in Excel does not turn it into one either (OWASP).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from os import PathLike
from typing import Any, BinaryIO

import pandas as pd
from rustpy_xlsxwriter import FastExcel, Format

from tracking.cellsafety import looks_like_formula


@dataclass
class Sheet:
    title: str
    headers: list[str]
    widths: list[float]
    rows: list[list[Any]] = field(default_factory=list)
    formats: list[str | None] = field(default_factory=list)
    quoted: set[int] = field(default_factory=set)  # columns with formula-like text
    source: Iterable[Sequence[Any]] | None = None  # rows read while saving (streamed)


@dataclass
class Book:
    sheets: list[Sheet] = field(default_factory=list)


def new_book() -> Book:
    return Book()


def add_sheet(book: Book, title: str, headers: Sequence[str],
              widths: Sequence[float] = ()) -> Sheet:
    """A sheet with bold headers, its columns' widths and the header row frozen."""
    sheet = Sheet(title, _unique(headers), list(widths))
    book.sheets.append(sheet)
    return sheet


def _unique(headers: Sequence[str]) -> list[str]:
    """The writer keys a row's cells by header: two equal headers get a suffix."""
    seen: dict[str, int] = {}
    out = []
    for h in headers:
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h} ({seen[h]})")
    return out


def add_streamed_sheet(book: Book, title: str, headers: Sequence[str],
                       rows: Iterable[Sequence[Any]], *, empty: bool,
                       widths: Sequence[float] = (), formats: Sequence[str | None] = (),
                       text_columns: Iterable[int] = ()) -> Sheet:
    """A sheet whose rows are read from `rows` only when the book is saved, in order of
    the sheets. Its text cannot be looked at beforehand, so every column named in
    `text_columns` gets the quote prefix (a formula-like text stays text when edited).
    `empty`: the caller knows there are no rows (the headers are then written alone)."""
    sheet = Sheet(title, _unique(headers), list(widths), formats=list(formats),
                  quoted=set(text_columns), source=None if empty else rows)
    book.sheets.append(sheet)
    return sheet


def append_row(sheet: Sheet, values: Iterable[Any], formats: Sequence[str | None] = (),
               text_columns: frozenset[int] = frozenset()) -> None:
    """One row. `formats[i]`: number format of column i (0-based), the first given for a
    column holds for all its rows. Strings are always stored as text (`text_columns` is
    kept for callers that name their text columns; every string column is one here)."""
    row = list(values)
    if len(sheet.formats) < len(formats):
        sheet.formats.extend(formats[len(sheet.formats):])
    for i, value in enumerate(row):
        if isinstance(value, str) and i not in sheet.quoted and looks_like_formula(value):
            sheet.quoted.add(i)
    sheet.rows.append(row)


def _records(rows: Iterable[Sequence[Any]], headers: list[str]) -> Iterator[dict[str, Any]]:
    for row in rows:
        yield dict(zip(headers, row, strict=False))


def _column_formats(sheet: Sheet) -> list[Format | None]:
    out: list[Format | None] = []
    for i in range(len(sheet.headers)):
        fmt = sheet.formats[i] if i < len(sheet.formats) else None
        if fmt is None and i not in sheet.quoted:
            out.append(None)
            continue
        f = Format()
        if fmt:
            f = f.set_num_format(fmt)
        if i in sheet.quoted:
            f = f.set_quote_prefix()
        out.append(f)
    return out


def _data(sheet: Sheet) -> Any:
    rows = sheet.source if sheet.source is not None else sheet.rows
    if sheet.source is None and not sheet.rows:
        # An empty sheet still shows its headers: the writer takes them from the rows,
        # or from an empty frame's columns.
        return pd.DataFrame(columns=sheet.headers)
    return _records(rows, sheet.headers)


def save(book: Book, target: str | PathLike[str] | BinaryIO) -> None:
    """Write the book to a file or a binary buffer (streamed sheets are read now)."""
    writer = FastExcel(target).format(bold_headers=True)
    for sheet in book.sheets:
        widths = sheet.widths + [8.43] * (len(sheet.headers) - len(sheet.widths))
        writer.sheet(sheet.title, _data(sheet), column_widths=widths,
                     column_formats=_column_formats(sheet))
    writer.freeze(row=1)
    writer.save()


def to_bytes(book: Book) -> bytes:
    out = io.BytesIO()
    save(book, out)
    return out.getvalue()
