"""Numbers, months and dates in Danish (default) or English notation."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from tracking.i18n import translate
from tracking.units import DEFAULT_DECIMALS, Unit

MONTHS_DA = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.",
             "jul.", "aug.", "sep.", "okt.", "nov.", "dec."]
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def format_number(value: float | None, decimals: int = 0, lang: str = "da") -> str:
    """1234.5 -> '1.234,5' (da) or '1,234.5' (en). None -> '–'."""
    if value is None or value != value:
        return "–"
    if value in (float("inf"), float("-inf")):  # never saved now; an older database's
        return "∞" if value > 0 else "-∞"
    text = f"{value:,.{decimals}f}"
    if text in {"-0", "-0.0", "-0.00"} or (text.startswith("-0.") and float(text) == 0):
        text = text[1:]
    if lang == "da":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def unit_label(unit: str, lang: str = "da") -> str:
    return translate(f"unit.{Unit(unit).value}", lang)


def format_value(value: float | None, unit: str, lang: str = "da",
                 decimals: int | None = None) -> str:
    """A value with its unit: '1.234 kr.', '45,0 %', '3,5 årsværk'; counts bare."""
    if value is None:
        return "–"
    u = Unit(unit)
    number = format_number(value, DEFAULT_DECIMALS[u] if decimals is None else decimals, lang)
    if u is Unit.COUNT:
        return number
    return f"{number} {unit_label(u, lang)}"


def format_percent(share: float | None, lang: str = "da", decimals: int = 0) -> str:
    """0.953 -> '95 %'."""
    if share is None:
        return "–"
    return f"{format_number(share * 100, decimals, lang)} %"


def format_month(month: date, lang: str = "da") -> str:
    """date(2026, 3, 1) -> 'mar. 2026' (da) or 'Mar 2026' (en)."""
    names = MONTHS_DA if lang == "da" else MONTHS_EN
    return f"{names[month.month - 1]} {month.year}"


def format_date(day: date | None, lang: str = "da") -> str:
    """date(2026, 11, 23) -> '23. nov. 2026' (da) or '23 Nov 2026' (en)."""
    if day is None:
        return "–"
    if lang == "da":
        return f"{day.day}. {MONTHS_DA[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def initials(name: str | None) -> str:
    """'Mette Sørensen' -> 'M.S.': a person on a wall screen the public can see."""
    parts = [p for p in (name or "").replace("-", " ").split() if p[:1].isalpha()]
    return "".join(f"{p[0].upper()}." for p in parts) or "–"


def format_datetime(at: datetime | None, lang: str = "da") -> str:
    """A moment in Danish time: '23. nov. 2026 13:05' (da) or '23 Nov 2026 13:05' (en)."""
    if at is None:
        return "–"
    local = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(
        ZoneInfo("Europe/Copenhagen"))
    return f"{format_date(local.date(), lang)} {local:%H:%M}"
