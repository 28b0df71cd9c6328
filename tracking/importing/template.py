"""The template a benefit owner fills in: the plan's indicators and its open months."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.cellsafety import csv_text
from tracking.clock import today
from tracking.formatting import unit_label
from tracking.importing.reading import TEMPLATE_HEADERS, UNIT_HEADER, Column
from tracking.models import Indicator, Measurement, Plan
from tracking.months import iso_month, month_range
from tracking.readmodel.plans import list_indicators
from tracking.rules import last_closed_month

HEADERS = [TEMPLATE_HEADERS[Column.INDICATOR_ID], TEMPLATE_HEADERS[Column.INDICATOR],
           UNIT_HEADER, TEMPLATE_HEADERS[Column.MONTH], TEMPLATE_HEADERS[Column.VALUE],
           TEMPLATE_HEADERS[Column.COMMENT]]


@dataclass(frozen=True)
class TemplateRow:
    indicator: Indicator
    month: date
    value: float | None  # the saved figure, so a correction is typed over it
    comment: str


def template_rows(engine: Engine, plan_id: int, on: date | None = None) -> list[TemplateRow]:
    """For each active indicator: every month up to the last closed one that has no
    figure yet, and the last closed month itself (with its figure, if saved)."""
    last = last_closed_month(on or today())
    with Session(engine) as session:
        plan = session.get(Plan, plan_id)
        saved = {(m.indicator_id, m.month): m for m in session.exec(
            select(Measurement).join(Indicator).where(Indicator.plan_id == plan_id))}
    end = min(last, plan.end_month)
    months = list(month_range(plan.start_month, end)) if plan.start_month <= end else []
    rows = []
    for ind in list_indicators(engine, plan_id):
        for month in months:
            m = saved.get((ind.id, month))
            if m is None or month == end:
                rows.append(TemplateRow(ind, month, m.value if m else None,
                                        m.comment if m else ""))
    return rows


def template_xlsx(engine: Engine, plan_id: int, on: date | None = None) -> bytes:
    """The template as a workbook, written in one pass (tracking.xlsx)."""
    from tracking.xlsx import add_sheet, append_row, new_book, to_bytes

    book = new_book()
    ws = add_sheet(book, "Tal", HEADERS, (13, 45, 12, 11, 14, 40))
    formats = (None, None, None, "yyyy-mm", None, None)
    for r in template_rows(engine, plan_id, on):
        # names and comments are text, even if they start with '='
        append_row(ws, [r.indicator.id, r.indicator.name, unit_label(r.indicator.unit),
                        r.month, r.value, r.comment], formats, frozenset({1, 5}))
    return to_bytes(book)


def template_csv(engine: Engine, plan_id: int, on: date | None = None) -> bytes:
    """Semicolon-separated UTF-8 with BOM: what Danish Excel opens without asking."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for r in template_rows(engine, plan_id, on):
        value = "" if r.value is None else repr(r.value).removesuffix(".0").replace(".", ",")
        writer.writerow([r.indicator.id, csv_text(r.indicator.name),
                         unit_label(r.indicator.unit), iso_month(r.month), value,
                         csv_text(r.comment)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
