"""The overview as a PDF report for a committee meeting (A4 landscape).

Page 1 holds the status of every plan and the economic benefit per department and in
total; then come the charts, rendered offline by vl-convert (no browser, no network).
Charts are handed in as Vega-Lite specs, so this module does not depend on the
dashboard's chart builders (`dashboard.charts.overview.report_charts` makes them).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import vl_convert
from fpdf import FPDF, FontFace

from tracking.formatting import format_date, format_month
from tracking.i18n import translate
from tracking.readmodel.overview import Overview
from tracking.reports.calculation import calculation_lines
from tracking.reports.labels import (
    STATUS_COLOURS,
    format_kr_short,
    plan_display_status,
    realised_of_planned,
    status_text,
)

# Debian's fonts-dejavu-core (a test dependency in the Makefile): Danish letters, ✓ ◆ ▼.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = "DejaVu"
CHART_WIDTH_PX = 1000


@dataclass(frozen=True)
class ReportChart:
    title: str
    spec: dict[str, Any]  # a Vega-Lite spec (Altair's `chart.to_dict()`)
    height_mm: float = 70


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


class _Report(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self._footer_text = footer_text
        if (FONT_DIR / "DejaVuSans.ttf").exists():
            self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
            self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
            self.family = FONT
        else:  # pragma: no cover - without the font package, a core font and plain text
            self.family = "helvetica"
        self.set_auto_page_break(auto=True, margin=14)

    def text_font(self, size: float, bold: bool = False) -> None:
        self.set_font(self.family, "B" if bold else "", size)

    def safe(self, text: str) -> str:
        if self.family == FONT:
            return text
        return text.encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        self.set_y(-10)
        self.text_font(8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 5, self.safe(f"{self._footer_text} · {self.page_no()}"), align="R")
        self.set_text_color(0, 0, 0)


def _table(pdf: _Report, widths: Sequence[float], aligns: Sequence[str],
           headers: Sequence[str], rows: Sequence[Sequence[str]],
           fills: Sequence[tuple[str, str] | None] = (), bold_last: bool = False) -> None:
    """A table whose cells wrap; the first cell of a row may carry a status colour."""
    pdf.text_font(8.5)
    heading = FontFace(emphasis="BOLD", fill_color=_hex("#e8e8e8"))
    with pdf.table(col_widths=tuple(widths), text_align=tuple(aligns), line_height=4.6,
                   headings_style=heading, borders_layout="HORIZONTAL_LINES",
                   width=sum(widths), align="LEFT", first_row_as_headings=True) as table:
        header = table.row()
        for text in headers:
            header.cell(pdf.safe(text))
        for i, cells in enumerate(rows):
            row = table.row()
            bold = bold_last and i == len(rows) - 1
            for j, text in enumerate(cells):
                fill = fills[i] if j == 0 and i < len(fills) else None
                style = (FontFace(emphasis="BOLD", color=_hex(fill[1]), fill_color=_hex(fill[0]))
                         if fill else FontFace(emphasis="BOLD") if bold else None)
                row.cell(pdf.safe(text), style=style)


def _plans_table(pdf: _Report, ov: Overview, lang: str) -> None:
    headers = ["overview.status", "overview.plan", "overview.department",
               "overview.benefit_owner", "overview.overdue_short", "overview.last_meeting",
               "report.col.realised_ytd", "report.col.planned_ytd"]
    rows, fills = [], []
    for _, r in ov.plans.iterrows():
        status = plan_display_status(r)
        meeting = r["last_meeting"]
        has_money = bool(r["money_indicators"])
        rows.append([
            status_text(status, lang), r["plan"],
            " · ".join(filter(None, [r["department"], r["area"]])), r["benefit_owner"],
            str(r["overdue_actions"] or ""),
            format_date(meeting, lang) if meeting is not None and not pd.isna(meeting)
            else translate("overview.no_meeting", lang),
            format_kr_short(r["realised_ytd"], lang) if has_money else "",
            format_kr_short(r["planned_ytd"], lang) if has_money else ""])
        fills.append(STATUS_COLOURS[status])
    _table(pdf, [34, 60, 46, 34, 24, 27, 26, 26], "LLLLRRRR",
           [translate(h, lang) for h in headers], rows, fills)


def _economy_table(pdf: _Report, ov: Overview, lang: str) -> None:
    columns = ["realised_ytd", "planned_ytd", "realised_to_date", "planned_to_date",
               "planned_total"]
    total = {**ov.total.to_dict(), "department": translate("overview.total", lang)}
    rows = [[r["department"] or translate("overview.none", lang),
             *(format_kr_short(r[c], lang) for c in columns)]
            for r in [*ov.departments.to_dict("records"), total]]
    _table(pdf, [77, 40, 40, 40, 40, 40], "LRRRRR",
           [translate("overview.department", lang),
            *(translate(f"report.col.{c}", lang) for c in columns)], rows, bold_last=True)


HARVEST_REPORT_COLUMNS = ("planned_total", "realised_to_date", "harvest_decided", "harvested",
                          "leeway")


def _harvest_table(pdf: _Report, ov: Overview, lang: str) -> None:
    """Per plan and in total: planned in the business case, realised, decided, harvested
    ("Hjemtaget") and the room still to decide (råderum)."""
    plans = ov.plans[(ov.plans["money_indicators"] > 0) | (ov.plans["harvested"] > 0)
                     | (ov.plans["harvest_decided"] > 0)]
    total = {**ov.total.to_dict(), "plan": translate("overview.total", lang)}
    rows = [[r["plan"], *(format_kr_short(r[c], lang) for c in HARVEST_REPORT_COLUMNS)]
            for r in [*plans.to_dict("records"), total]]
    _table(pdf, [77, 40, 40, 40, 40, 40], "LRRRRR",
           [translate("overview.plan", lang),
            *(translate(f"report.col.{c}", lang) for c in HARVEST_REPORT_COLUMNS)], rows,
           bold_last=True)


def _chart_png(spec: dict[str, Any]) -> bytes:
    spec = dict(spec)
    spec["width"] = CHART_WIDTH_PX
    return vl_convert.vegalite_to_png(spec, scale=1.5)


def overview_pdf(ov: Overview, lang: str = "da",
                 charts: Sequence[ReportChart] = ()) -> bytes:
    """The report as PDF bytes: status and economy first, then one chart per entry."""
    pdf = _Report(translate("report.title", lang))
    pdf.add_page()
    pdf.text_font(18, bold=True)
    pdf.cell(0, 10, pdf.safe(translate("report.title", lang)), new_x="LMARGIN", new_y="NEXT")
    pdf.text_font(10)
    pdf.cell(0, 6, pdf.safe(translate("report.subtitle", lang,
                                      month=format_month(ov.closed_month, lang),
                                      today=format_date(ov.on, lang))),
             new_x="LMARGIN", new_y="NEXT")
    p = ov.plans
    pdf.cell(0, 6, pdf.safe(translate("overview.summary_plans", lang, count=len(p)) + " · "
                            + translate("overview.counts", lang, **{
                                s: int((p["status"] == s).sum()) for s in
                                ("off_track", "missing", "at_risk", "on_track")})),
             new_x="LMARGIN", new_y="NEXT")
    t = ov.total
    pdf.text_font(11, bold=True)
    pdf.cell(0, 7, pdf.safe(
        f"{translate('overview.ytd', lang, year=ov.closed_month.year)}: "
        f"{realised_of_planned(t['realised_ytd'], t['planned_ytd'], lang)} · "
        f"{translate('overview.whole_period', lang)}: "
        f"{realised_of_planned(t['realised_to_date'], t['planned_total'], lang)}"),
        new_x="LMARGIN", new_y="NEXT")
    if int(t["other_indicators"]):
        pdf.text_font(10)
        pdf.cell(0, 6, pdf.safe(translate("overview.other_line", lang, text=realised_of_planned(
            t["other_realised_to_date"], t["other_planned_to_date"], lang))),
            new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    if p.empty:
        pdf.text_font(10)
        pdf.cell(0, 6, pdf.safe(translate("overview.no_plans", lang, filter="")))
    else:
        _plans_table(pdf, ov, lang)
        pdf.ln(4)
        pdf.text_font(12, bold=True)
        pdf.cell(0, 8, pdf.safe(translate("overview.by_department", lang)),
                 new_x="LMARGIN", new_y="NEXT")
        _economy_table(pdf, ov, lang)
        if "harvested" in ov.plans:
            pdf.ln(4)
            pdf.text_font(12, bold=True)
            pdf.cell(0, 8, pdf.safe(translate("report.harvest_title", lang)),
                     new_x="LMARGIN", new_y="NEXT")
            _harvest_table(pdf, ov, lang)
        pdf.ln(2)
        pdf.text_font(8)
        pdf.multi_cell(0, 4, pdf.safe(translate("report.economy_note", lang)),
                       new_x="LMARGIN", new_y="NEXT")
        for line in calculation_lines(ov.economics, lang):
            pdf.multi_cell(0, 4, pdf.safe(f"- {line}"), new_x="LMARGIN", new_y="NEXT")
    for chart in charts:
        if pdf.get_y() + chart.height_mm + 10 > pdf.h - 14:
            pdf.add_page()
        pdf.text_font(11, bold=True)
        pdf.cell(0, 7, pdf.safe(chart.title), new_x="LMARGIN", new_y="NEXT")
        png = _chart_png(chart.spec)
        pdf.image(io.BytesIO(png), x=pdf.l_margin, h=chart.height_mm,
                  keep_aspect_ratio=True, w=pdf.w - pdf.l_margin - pdf.r_margin)
        pdf.ln(2)
    return bytes(pdf.output())
