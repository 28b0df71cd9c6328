"""Charts of the overview: economic benefit per plan, and the charts of the PDF report.

Pure Altair (no Streamlit), so the page and the report show the same pictures.
"""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from dashboard.charts.goal import ACTUAL_COLOUR, FONT_SIZE, TARGET_COLOUR, goal_chart, vega_locale
from tracking.i18n import translate
from tracking.models import Indicator
from tracking.readmodel.overview import Overview
from tracking.reports.labels import status_text
from tracking.reports.pdf import ReportChart


def economy_chart(plans: pd.DataFrame, lang: str, height_per_plan: int = 40) -> alt.Chart:
    """Planned (light blue) against realised (dark blue) benefit year to date, per plan."""
    money = plans[plans["money_indicators"] > 0]
    planned = translate("report.legend.planned", lang)
    realised = translate("report.legend.realised", lang)
    df = pd.concat([
        pd.DataFrame({"plan": money["plan"], "series": planned, "kr": money["planned_ytd"]}),
        pd.DataFrame({"plan": money["plan"], "series": realised, "kr": money["realised_ytd"]}),
    ], ignore_index=True)
    colour = alt.Color("series:N", title=None, sort=[planned, realised],
                       scale=alt.Scale(domain=[planned, realised],
                                       range=[TARGET_COLOUR, ACTUAL_COLOUR]),
                       legend=alt.Legend(orient="top", labelFontSize=FONT_SIZE))
    y = alt.Y("plan:N", title=None, sort=list(money["plan"]),
              axis=alt.Axis(labelFontSize=FONT_SIZE, labelLimit=420))
    x = alt.X("kr:Q", title="kr.", axis=alt.Axis(format=",.0f", labelFontSize=FONT_SIZE,
                                                 titleFontSize=FONT_SIZE))
    tooltip = [alt.Tooltip("plan:N", title=translate("overview.plan", lang)),
               alt.Tooltip("series:N", title=" "), alt.Tooltip("kr:Q", format=",.0f")]
    base = alt.Chart(df).encode(y=y, x=x, color=colour, tooltip=tooltip)
    # A bullet chart: the planned benefit as a wide light bar, the realised one inside it.
    planned_bar = base.transform_filter(alt.datum.series == planned).mark_bar(size=24)
    realised_bar = base.transform_filter(alt.datum.series == realised).mark_bar(size=10)
    return (alt.layer(planned_bar, realised_bar)
            .properties(height=max(1, len(money)) * height_per_plan, width="container")
            .configure(locale=vega_locale(lang)).configure_view(strokeWidth=0))


def indicator_of(row: pd.Series) -> Indicator:
    """The few fields of an indicator that the goal chart reads, from an overview row."""
    return Indicator(id=int(row["indicator_id"]), plan_id=int(row["plan_id"]),
                     name=row["indicator"], unit=row["unit"], direction=row["direction"],
                     phase_in=row["phase_in"], baseline_value=float(row["baseline"]))


def report_charts(ov: Overview, series: pd.DataFrame, lang: str,
                  today: date) -> list[ReportChart]:
    """The PDF's charts: the economy, then each indicator's goal chart, plans in the
    overview's order (what needs attention first)."""
    charts = []
    if (ov.plans["money_indicators"] > 0).any():
        chart = economy_chart(ov.plans, lang, height_per_plan=26)
        charts.append(ReportChart(translate("report.chart.economy", lang), chart.to_dict(),
                                  height_mm=min(150, 20 + 6 * len(ov.plans))))
    by_plan = ov.indicators.groupby("plan_id", sort=False)
    for _, plan in ov.plans.iterrows():
        if plan["plan_id"] not in by_plan.groups:
            continue
        for _, row in by_plan.get_group(plan["plan_id"]).iterrows():
            rows = series[series["indicator_id"] == row["indicator_id"]]
            if rows.empty:
                continue
            chart = goal_chart(rows, indicator_of(row), lang, today, height=260)
            title = (f"{plan['plan']} · {row['indicator']} · "
                     f"{status_text(row['status'], lang)}")
            charts.append(ReportChart(title, chart.to_dict(), height_mm=62))
    return charts
