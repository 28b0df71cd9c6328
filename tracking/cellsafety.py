"""Text that a spreadsheet program would run as a formula, made harmless on the way out.

A comment typed as `=HYPERLINK("http://…")`, `+cmd|' /C calc'!A0` or `@SUM(…)` is data
to us, but a formula to Excel or LibreOffice when it opens a CSV file or a cell stored
as a formula. Every file the program writes passes its text through here (OWASP, "CSV
injection"): in CSV such text gets a leading apostrophe, which the import removes again
(`tracking.importing.preview.unquote`); in a workbook it is a text cell with Excel's own
quote prefix, so the text is kept exactly and shown as text.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: object) -> bool:
    return isinstance(text, str) and text.startswith(FORMULA_STARTS)


def csv_text(value: object) -> object:
    """A CSV field: text that a spreadsheet would read as a formula gets an apostrophe."""
    return "'" + value if looks_like_formula(value) else value  # type: ignore[operator]


def neutralise_workbook(book: Any) -> Any:
    """Every text cell of an openpyxl workbook that starts like a formula is stored as
    text with the quote prefix (shown as text, never calculated); numbers are left alone.
    Call it just before saving; returns the book."""
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if looks_like_formula(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
    return book
