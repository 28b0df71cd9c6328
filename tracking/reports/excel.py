"""The overview as an Excel workbook: one sheet per view, Danish headers, real numbers.

Numbers are written as numbers with a number format (Excel shows them with the reader's
own separators, 1.234.567 in a Danish Excel), dates as dates, so the finance staff can
sum and filter the sheets without retyping anything.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tracking.cellsafety import neutralise_workbook
from tracking.formatting import unit_label
from tracking.i18n import translate
from tracking.readmodel.overview import Overview
from tracking.reports.calculation import calculation_line
from tracking.reports.labels import (
    STATUS_COLOURS,
    plan_display_status,
    status_text,
    trend_text,
)

KR = '#,##0" kr."'
NUMBER = "#,##0.0##"
PERCENT = "0%"
MONTH = "mmm yyyy"
DAY = "d. mmm yyyy"
INTEGER = "0"


@dataclass(frozen=True)
class Column:
    header: str  # message key
    value: Callable[[Any], Any]  # row -> cell value
    number_format: str | None = None
    width: int = 14


def _none(value: Any) -> Any:
    """NaN/NaT/None -> None (an empty cell), numpy numbers -> Python numbers."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value.item() if hasattr(value, "item") else value


def _write(ws: Worksheet, rows: pd.DataFrame, columns: Sequence[Column], lang: str,
           status_column: str | None = None) -> None:
    ws.append([translate(c.header, lang) for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    # The row's number counted here: ws.max_row scans every cell, once per row.
    for number, (_, row) in enumerate(rows.iterrows(), start=2):
        ws.append([_none(c.value(row)) for c in columns])
        if status_column is not None:
            fill, colour = STATUS_COLOURS[row[status_column]]
            cell = ws.cell(row=number, column=1)
            cell.fill = PatternFill("solid", fgColor=fill.lstrip("#"))
            cell.font = Font(color=colour.lstrip("#"), bold=True)
    for i, c in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
        if c.number_format:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = c.number_format
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions


def _money_columns() -> list[Column]:
    return [
        Column("report.col.realised_ytd", lambda r: r["realised_ytd"], KR, 18),
        Column("report.col.planned_ytd", lambda r: r["planned_ytd"], KR, 18),
        Column("report.col.realised_to_date", lambda r: r["realised_to_date"], KR, 18),
        Column("report.col.planned_to_date", lambda r: r["planned_to_date"], KR, 18),
        Column("report.col.planned_total", lambda r: r["planned_total"], KR, 18),
        Column("report.col.unconverted", lambda r: r["unconverted_fte"], INTEGER, 12),
        Column("report.col.other_realised_to_date", lambda r: r["other_realised_to_date"], KR,
               18),
        Column("report.col.other_planned_to_date", lambda r: r["other_planned_to_date"], KR,
               18),
        # The harvest (tracking.readmodel.harvest): decided, harvested, and the room left.
        Column("report.col.harvest_decided", lambda r: r.get("harvest_decided"), KR, 18),
        Column("report.col.harvested", lambda r: r.get("harvested"), KR, 18),
        Column("report.col.leeway", lambda r: r.get("leeway"), KR, 18),
    ]


def overview_workbook(ov: Overview, lang: str = "da") -> bytes:
    """The workbook as bytes (.xlsx): plans, indicators, economy by plan and department."""
    wb = Workbook()
    plans_ws = wb.active
    plans_ws.title = translate("report.sheet.plans", lang)[:31]
    plan_names = dict(zip(ov.plans["plan_id"], ov.plans["plan"], strict=True))
    plans = ov.plans.assign(display_status=[plan_display_status(r)
                                            for _, r in ov.plans.iterrows()])
    _write(plans_ws, plans, [
        Column("overview.status", lambda r: status_text(plan_display_status(r), lang), width=26),
        Column("overview.plan", lambda r: r["plan"], width=34),
        Column("overview.department", lambda r: r["department"], width=24),
        Column("overview.area", lambda r: r["area"], width=20),
        Column("overview.benefit_owner", lambda r: r["benefit_owner"], width=20),
        Column("report.col.start", lambda r: r["start_month"], MONTH, 11),
        Column("report.col.end", lambda r: r["end_month"], MONTH, 11),
        Column("overview.indicators", lambda r: r["indicators"], INTEGER, 11),
        Column("status.off_track", lambda r: r["off_track"], INTEGER, 9),
        Column("status.missing", lambda r: r["missing"], INTEGER, 9),
        Column("status.at_risk", lambda r: r["at_risk"], INTEGER, 9),
        Column("status.on_track", lambda r: r["on_track"], INTEGER, 9),
        Column("status.awaiting", lambda r: r["awaiting"], INTEGER, 9),
        Column("overview.overdue", lambda r: r["overdue_actions"], INTEGER, 12),
        Column("overview.last_meeting", lambda r: r["last_meeting"], DAY, 16),
    ], lang, status_column="display_status")

    ind_ws = wb.create_sheet(translate("report.sheet.indicators", lang)[:31])
    _write(ind_ws, ov.indicators, [
        Column("overview.status", lambda r: status_text(r["status"], lang), width=18),
        Column("overview.plan", lambda r: plan_names.get(r["plan_id"], ""), width=30),
        Column("overview.indicators", lambda r: r["indicator"], width=36),
        Column("report.col.unit", lambda r: unit_label(r["unit"], lang), width=10),
        Column("report.col.direction", lambda r: translate(f"direction.{r['direction']}", lang),
               width=18),
        Column("overview.month", lambda r: r["month"], MONTH, 11),
        Column("report.col.baseline", lambda r: r["baseline"], NUMBER),
        Column("overview.target", lambda r: r["target"], NUMBER),
        Column("overview.latest", lambda r: r["actual"], NUMBER),
        Column("report.col.previous", lambda r: r["previous_actual"], NUMBER),
        Column("report.col.attainment", lambda r: r["attainment"], PERCENT, 12),
        Column("overview.trend", lambda r: trend_text(r["trend"], r["movement"], lang), width=26),
        Column("report.col.final_target", lambda r: r["final_target"], NUMBER),
    ], lang, status_column="status")

    eco_ws = wb.create_sheet(translate("report.sheet.economy", lang)[:31])
    _write(eco_ws, ov.plans, [
        Column("overview.plan", lambda r: r["plan"], width=34),
        Column("overview.department", lambda r: r["department"], width=24),
        *_money_columns()], lang)

    dep_ws = wb.create_sheet(translate("report.sheet.departments", lang)[:31])
    total = pd.DataFrame([{**ov.total.to_dict(),
                           "department": translate("overview.total", lang)}])
    departments = pd.concat([ov.departments, total], ignore_index=True)
    _write(dep_ws, departments, [
        Column("overview.department", lambda r: r["department"], width=28),
        Column("report.col.plans", lambda r: int(r["plans"]), INTEGER, 10),
        *_money_columns()], lang)
    for cell in dep_ws[dep_ws.max_row]:
        cell.font = Font(bold=True)

    calc_ws = wb.create_sheet(translate("report.sheet.calculation", lang)[:31])
    _write(calc_ws, ov.economics.assign(plan=ov.economics["plan_id"].map(plan_names)), [
        Column("overview.plan", lambda r: r["plan"], width=30),
        Column("overview.indicators", lambda r: r["indicator"], width=30),
        Column("report.col.measure", lambda r: translate(f"measure.{r['measure']}", lang),
               width=22),
        Column("report.col.budget_effect",
               lambda r: translate(f"budget_effect.{'yes' if r['budget_effect'] else 'no'}",
                                   lang), width=20),
        *_money_columns()[:5],
        Column("report.col.calculation", lambda r: calculation_line(r, lang), width=120),
    ], lang)

    out = io.BytesIO()
    neutralise_workbook(wb).save(out)
    return out.getvalue()
