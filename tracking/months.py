"""Months as values: a month is the `date` of its first day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date


def month_of(day: date) -> date:
    """The month that `day` falls in."""
    return date(day.year, day.month, 1)


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + (month.month - 1) + n
    return date(index // 12, index % 12 + 1, 1)


def months_between(start: date, end: date) -> int:
    """Whole months from `start` to `end` (0 when the same month, negative when before)."""
    return (end.year - start.year) * 12 + (end.month - start.month)


def month_range(start: date, end: date) -> Iterator[date]:
    """Every month from `start` to `end`, both included."""
    for i in range(months_between(start, end) + 1):
        yield add_months(start, i)


def parse_iso_month(text: str) -> date:
    """'2026-03' -> date(2026, 3, 1). Raises ValueError on anything else."""
    year, month = text.strip().split("-")[:2]
    return date(int(year), int(month), 1)


def iso_month(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"
