"""Reference cases (benchmarks): real curves from other municipalities.

A case is a few points (months since start, value) in one unit, with the municipality
and the source it comes from. The shipped catalogue is `data/reference_cases.csv`, built
from the KL case catalogues (seeds 002 and 003); more cases can be imported from a CSV in
the same layout (`gevinst reference-cases import FILE`), one row per point:

    case,municipality,title,unit,direction,months_since_start,value,source

Pure parsing and validation here; storage and links to indicators are in
`tracking.services.reference_cases`.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from tracking.config import REPO_ROOT
from tracking.errors import ValidationError
from tracking.models import Direction
from tracking.parsing import parse_number, refuse_control_chars
from tracking.units import Unit

__all__ = ["CATALOGUE_FILE", "COLUMNS", "ReferenceCase", "ReferenceRowsError", "decode_csv",
           "parse_cases",
           "shipped_cases"]

CATALOGUE_FILE = REPO_ROOT / "data" / "reference_cases.csv"
COLUMNS = ("case", "municipality", "title", "unit", "direction", "months_since_start",
           "value", "source")
KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
MAX_MONTHS = 240
MAX_TEXT = 300
MAX_REFUSED_ROWS = 50  # a whole file of bad rows: the first 50 say enough


@dataclass(frozen=True)
class ReferenceCase:
    key: str
    municipality: str
    title: str
    unit: str
    direction: str
    source: str
    points: tuple[tuple[int, float], ...]  # (months since start, value), by month

    @property
    def label(self) -> str:
        """'Nordfyns Kommune (KL, casekatalog …)': what the chart writes by the line."""
        return f"{self.municipality} ({self.source})"


def _cell(row: dict, column: str, line: int) -> str:
    value = refuse_control_chars(row.get(column) or "", column).strip()
    if not value and column != "source":
        raise ValidationError("error.reference_missing", column, line=line, column=column)
    if len(value) > MAX_TEXT:
        raise ValidationError("error.reference_too_long", column, line=line, column=column,
                              max=MAX_TEXT)
    return value


class ReferenceRowsError(ValidationError):
    """Rows of a reference-case file that are wrong: the whole file is refused. `rows`
    holds one refusal per bad row (naming its row and column), in file order."""

    def __init__(self, rows: list[ValidationError]) -> None:
        super().__init__("error.reference_rows", "file", count=len(rows))
        self.rows = rows

    def message(self, lang: str = "da", quote: Callable[[str], str] | None = None) -> str:
        if len(self.rows) == 1:
            return self.rows[0].message(lang, quote)
        return "\n".join([super().message(lang, quote),
                          *(f"- {r.message(lang, quote)}" for r in self.rows)])


def _point(row: dict, line: int) -> tuple[str, dict, int, float]:
    """One row: its case key, the case's heading fields, months since start and value."""
    key = _cell(row, "case", line).lower()
    if not KEY.match(key):
        raise ValidationError("error.reference_key", "case", line=line, value=key)
    unit = _cell(row, "unit", line)
    if unit not in {u.value for u in Unit}:
        raise ValidationError("error.reference_unit", "unit", line=line, value=unit)
    direction = _cell(row, "direction", line)
    if direction not in {d.value for d in Direction}:
        raise ValidationError("error.reference_direction", "direction", line=line,
                              value=direction)
    try:
        months = int(_cell(row, "months_since_start", line))
    except ValueError:
        months = -1
    if not 0 <= months <= MAX_MONTHS:
        raise ValidationError("error.reference_months", "months_since_start", line=line,
                              max=MAX_MONTHS)
    raw = _cell(row, "value", line)
    try:
        value = parse_number(raw, "value")
    except ValidationError:
        value = math.nan
    if not math.isfinite(value):
        raise ValidationError("error.reference_value", "value", line=line, value=raw[:40])
    head = {"municipality": _cell(row, "municipality", line),
            "title": _cell(row, "title", line), "unit": unit, "direction": direction,
            "source": _cell(row, "source", line)}
    return key, head, months, value


def parse_cases(text: str) -> list[ReferenceCase]:
    """The cases of a CSV text (comma or semicolon separated, as Excel writes it: a BOM,
    decimal commas). Every bad row is refused with a Danish message naming its row and
    column (`ReferenceRowsError`), and then the whole file: all or nothing."""
    text = text.lstrip("\ufeff")
    sample = text[:2000]
    dialect = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=dialect)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError("error.reference_columns", "file", columns=", ".join(missing))
    grouped: dict[str, dict] = {}
    bad: list[ValidationError] = []
    for line, row in enumerate(reader, start=2):
        try:
            key, head, months, value = _point(row, line)
            case = grouped.setdefault(key, {**head, "points": {}})
            if {k: case[k] for k in head} != head:
                raise ValidationError("error.reference_inconsistent", "case", line=line,
                                      value=key)
            if months in case["points"]:
                raise ValidationError("error.reference_duplicate", "months_since_start",
                                      line=line, value=key, months=months)
            case["points"][months] = value
        except ValidationError as refused:
            bad.append(refused)
            if len(bad) >= MAX_REFUSED_ROWS:
                break
    if bad:
        raise ReferenceRowsError(bad)
    if not grouped:
        raise ValidationError("error.reference_empty", "file")
    return [ReferenceCase(key=k, points=tuple(sorted(c.pop("points").items())), **c)
            for k, c in grouped.items()]


def decode_csv(data: bytes) -> str:
    """The text of an uploaded CSV: UTF-8 (with or without Excel's BOM), else Windows-1252
    (Danish Excel's plain "CSV"); a binary file (a workbook, a picture) is refused."""
    if b"\x00" in data[:4096] or data[:2] == b"PK":
        raise ValidationError("error.reference_not_text", "file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def shipped_cases() -> list[ReferenceCase]:
    """The catalogue shipped in data/reference_cases.csv."""
    return parse_cases(CATALOGUE_FILE.read_text(encoding="utf-8"))
