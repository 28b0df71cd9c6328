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
from dataclasses import dataclass

from tracking.config import REPO_ROOT
from tracking.errors import ValidationError
from tracking.models import Direction
from tracking.parsing import parse_number, refuse_control_chars
from tracking.units import Unit

__all__ = ["CATALOGUE_FILE", "COLUMNS", "ReferenceCase", "parse_cases", "shipped_cases"]

CATALOGUE_FILE = REPO_ROOT / "data" / "reference_cases.csv"
COLUMNS = ("case", "municipality", "title", "unit", "direction", "months_since_start",
           "value", "source")
KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
MAX_MONTHS = 240
MAX_TEXT = 300


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
        raise ValidationError("error.reference_too_long", column, line=line, max=MAX_TEXT)
    return value


def parse_cases(text: str) -> list[ReferenceCase]:
    """The cases of a CSV text (comma or semicolon separated); refuses the first bad line
    with a Danish message naming the line and the column."""
    sample = text[:2000]
    dialect = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=dialect)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError("error.reference_columns", "file", columns=", ".join(missing))
    grouped: dict[str, dict] = {}
    for line, row in enumerate(reader, start=2):
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
        try:
            value = parse_number(_cell(row, "value", line), "value")
        except ValidationError:
            value = math.nan
        if not math.isfinite(value):
            raise ValidationError("error.reference_value", "value", line=line)
        head = {"municipality": _cell(row, "municipality", line),
                "title": _cell(row, "title", line), "unit": unit, "direction": direction,
                "source": _cell(row, "source", line)}
        case = grouped.setdefault(key, {**head, "points": {}})
        if {k: case[k] for k in head} != head:
            raise ValidationError("error.reference_inconsistent", "case", line=line, value=key)
        if months in case["points"]:
            raise ValidationError("error.reference_duplicate", "months_since_start", line=line,
                                  value=key, months=months)
        case["points"][months] = value
    if not grouped:
        raise ValidationError("error.reference_empty", "file")
    return [ReferenceCase(key=k, points=tuple(sorted(c.pop("points").items())), **c)
            for k, c in grouped.items()]


def shipped_cases() -> list[ReferenceCase]:
    """The catalogue shipped in data/reference_cases.csv."""
    return parse_cases(CATALOGUE_FILE.read_text(encoding="utf-8"))
