"""Numbers, months, dates and moments in Danish (default) or English notation.

The one place a number, date or timestamp becomes text for a person: numbers round half
away from zero (12,5 % -> 13 %), dates are DD.MM.YYYY, moments DD.MM.YYYY kl. HH:MM in
Danish time (Europe/Copenhagen) whatever the server's zone.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal, localcontext
from zoneinfo import ZoneInfo

from tracking.i18n import translate
from tracking.units import DEFAULT_DECIMALS, Unit

MONTHS_DA = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.",
             "jul.", "aug.", "sep.", "okt.", "nov.", "dec."]
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


DANISH_TIME = ZoneInfo("Europe/Copenhagen")


def round_half_up(value: float, decimals: int = 0) -> float:
    """Round `value` half away from zero to `decimals` places (2.5 -> 3, -2.5 -> -3).

    Works on the shortest decimal representation of the float, so 4.55 rounds to 4.6 with
    one decimal although the binary float is a hair below 4.55. The business case and
    every shown number round through here.
    """
    if not math.isfinite(value):
        return value
    quantum = Decimal(1).scaleb(-decimals)
    with localcontext() as ctx:
        ctx.prec = 400  # every finite float's digits (1e308 has 309), so none overflows
        return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


def format_number(value: float | None, decimals: int = 0, lang: str = "da") -> str:
    """1234.5 -> '1.234,5' (da) or '1,234.5' (en), rounded half away from zero.
    None -> '–'."""
    if value is None or value != value:
        return "–"
    if value in (float("inf"), float("-inf")):  # never saved now; an older database's
        return "∞" if value > 0 else "-∞"
    text = f"{round_half_up(value, decimals):,.{decimals}f}"
    if text in {"-0", "-0.0", "-0.00"} or (text.startswith("-0.") and float(text) == 0):
        text = text[1:]
    if lang == "da":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def unit_label(unit: str, lang: str = "da") -> str:
    return translate(f"unit.{Unit(unit).value}", lang)


def name_with_unit(name: str, unit: str, lang: str = "da", extra: str = "") -> str:
    """'Sagsbehandlingstid (dage · antal)': the unit once, even when the name already ends
    with it ('Sagsbehandlingstid (dage)' stays without a second '(dage)')."""
    label = unit_label(unit, lang)
    base = name.rstrip()
    if base.lower().endswith(f"({label.lower()})"):
        base = base[: -len(label) - 2].rstrip()
    return f"{base} ({label}{extra})"


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
    """date(2026, 11, 23) -> '23.11.2026' (da) or '23 Nov 2026' (en); a datetime is
    taken as its day in Danish time."""
    if day is None:
        return "–"
    if isinstance(day, datetime):
        day = danish_time(day).date()
    if lang == "da":
        return f"{day:%d.%m.%Y}"
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def danish_time(at: datetime) -> datetime:
    """`at` in Europe/Copenhagen; a naive moment is taken as UTC (as stored)."""
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(DANISH_TIME)


def format_clock(at: datetime, lang: str = "da") -> str:
    """The time of day in Danish time: '13:05'."""
    return f"{danish_time(at):%H:%M}"


def initials(name: str | None) -> str:
    """'Mette Sørensen' -> 'M.S.': a person on a wall screen the public can see."""
    parts = [p for p in (name or "").replace("-", " ").split() if p[:1].isalpha()]
    return "".join(f"{p[0].upper()}." for p in parts) or "–"


def format_datetime(at: datetime | None, lang: str = "da") -> str:
    """A moment in Danish time: '23.11.2026 kl. 13:05' (da) or '23 Nov 2026 13:05' (en)."""
    if at is None or (not isinstance(at, datetime) and at != at):  # None or NaT
        return "–"
    local = danish_time(at)
    return f"{format_date(local.date(), lang)}{' kl.' if lang == 'da' else ''} {local:%H:%M}"
