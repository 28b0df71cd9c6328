"""Reading the month cell of an upload: the notations Danish spreadsheets produce."""

from __future__ import annotations

import re
from datetime import date, datetime

from tracking.errors import ValidationError

_MONTH_NAMES = {
    # Danish, full and short, and the English names that differ ("may", "oct", ...)
    "januar": 1, "jan": 1, "january": 1,
    "februar": 2, "feb": 2, "february": 2,
    "marts": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "maj": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

_YEAR_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[ T].*)?")
_MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_DAY_NAME_YEAR = re.compile(r"(\d{1,2})\.?\s*([a-zæøå]+)\.?[\s\-/]*(\d{4})")
_NAME_YEAR = re.compile(r"([a-zæøå]+)\.?[\s\-/]*('?\d{2}|\d{4})")


def _month(year: int, month: int, text: str) -> date:
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        raise ValidationError("error.import_bad_month", "month", text=text)
    return date(year, month, 1)


_SLASH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T].*)?")


def slash_order(texts: list[object]) -> str | None:
    """Whether a file's dates like 10/01/2026 are day first ('dmy', Danish and British)
    or month first ('mdy', American), as proven by a date whose day is over 12; None if
    no date proves it or dates prove both."""
    proved = set()
    for text in texts:
        if isinstance(text, str) and (m := _SLASH_DATE.fullmatch(text.strip())):
            first, second = int(m[1]), int(m[2])
            if first > 12 >= second:
                proved.add("dmy")
            elif second > 12 >= first:
                proved.add("mdy")
    return proved.pop() if len(proved) == 1 else None


def parse_month(cell: object, order: str | None = None) -> date:
    """'2026-03', '03-2026', '03/2026', 'mar 2026', 'marts 2026', 'mar-26', '2026-03-01',
    '01-03-2026', '1. marts 2026' or an Excel date cell -> date(2026, 3, 1).

    A date written with slashes ('10/01/2026') is read by `order` ('dmy' or 'mdy', the
    file's proven order, see `slash_order`); without one, a date whose day and month
    could be swapped is refused ('error.import_ambiguous_date'), never guessed. Dashes
    and dots ('10-01-2026', '10.01.2026') are day first, as Danish dates are.

    Raises ValidationError('error.import_bad_month') naming the text otherwise.
    """
    if isinstance(cell, datetime):
        return date(cell.year, cell.month, 1)
    if isinstance(cell, date):
        return date(cell.year, cell.month, 1)
    if isinstance(cell, bool | int | float):
        raise ValidationError("error.import_bad_month", "month", text=str(cell))
    text = str(cell if cell is not None else "").strip()
    low = re.sub(r"\s+", " ", text.replace("\u00a0", " ").lower())
    if m := _YEAR_MONTH.fullmatch(low):
        return _month(int(m[1]), int(m[2]), text)
    if m := _MONTH_YEAR.fullmatch(low):
        return _month(int(m[2]), int(m[1]), text)
    if m := _SLASH_DATE.fullmatch(low):
        first, second = int(m[1]), int(m[2])
        if order is None and first != second and first <= 12 and second <= 12:
            raise ValidationError("error.import_ambiguous_date", "month", text=text)
        if order == "mdy" or (order is None and second > 12):
            return _month(int(m[3]), first, text)
        return _month(int(m[3]), second, text)
    if m := _DAY_MONTH_YEAR.fullmatch(low):  # a Danish date: day first
        return _month(int(m[3]), int(m[2]), text)
    if (m := _NAME_YEAR.fullmatch(low)) and m[1] in _MONTH_NAMES:
        year = m[2].lstrip("'")
        # 'mar-26' is how Danish Excel writes a month formatted as mmm-åå
        return _month(int(year) + 2000 if len(year) == 2 else int(year), _MONTH_NAMES[m[1]],
                      text)
    if (m := _DAY_NAME_YEAR.fullmatch(low)) and m[2] in _MONTH_NAMES \
            and 1 <= int(m[1]) <= 31:  # '1. oktober 2026', '15 mar 2026'
        return _month(int(m[3]), _MONTH_NAMES[m[2]], text)
    raise ValidationError("error.import_bad_month", "month", text=text)
