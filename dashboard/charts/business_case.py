"""Planned savings over time: the business case's monthly phase-in as stacked bars.

Pure Altair (no Streamlit). Staff savings phase in; IT savings count in full from the
first month. A rule marks the payback month when there is one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import altair as alt
import pandas as pd

from tracking.formatting import MONTHS_DA, MONTHS_EN, format_month, format_number
from tracking.i18n import translate
from tracking.services.business_case import MonthPlan

STAFF_COLOUR = "#08306b"
IT_COLOUR = "#6baed6"
PAYBACK_COLOUR = "#2ca02c"
FONT_SIZE = 16


def savings_frame(months: Sequence[MonthPlan], lang: str) -> pd.DataFrame:
    """One row per month and series (staff, IT) with labels for the tooltip."""
    staff, it = translate("bc.series.staff", lang), translate("bc.series.it", lang)
    rows = []
    for m in months:
        label = format_month(m.month, lang)
        total = format_number(m.total, 0, lang) + " kr."
        share = f"{format_number(m.share * 100, 0, lang)} %"
        for name, value in ((staff, m.staff), (it, m.it)):
            rows.append({"month": pd.Timestamp(m.month), "series": name, "kr": value,
                         "month_label": label, "total_label": total, "share_label": share,
                         "kr_label": format_number(value, 0, lang) + " kr."})
    return pd.DataFrame(rows)


def savings_chart(months: Sequence[MonthPlan], lang: str, payback: date | None = None,
                  height: int = 320) -> alt.LayerChart:
    df = savings_frame(months, lang)
    staff, it = translate("bc.series.staff", lang), translate("bc.series.it", lang)
    names = MONTHS_DA if lang == "da" else MONTHS_EN
    x = alt.X("month:T", axis=alt.Axis(
        title=None, labelExpr=f"{names}[month(datum.value)] + ' ' + year(datum.value)",
        labelAngle=0, tickCount="month", labelFontSize=FONT_SIZE, labelOverlap=True,
        grid=False))
    # Danish thousands separator on the axis: 150.000, not 150,000.
    thousands = ("replace(format(datum.value, ',.0f'), /,/g, '.')" if lang == "da"
                 else "format(datum.value, ',.0f')")
    y = alt.Y("sum(kr):Q", stack="zero", title=translate("bc.axis", lang),
              axis=alt.Axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE,
                            labelExpr=thousands))
    colour = alt.Color("series:N", title=None, sort=[staff, it],
                       scale=alt.Scale(domain=[staff, it], range=[STAFF_COLOUR, IT_COLOUR]),
                       legend=alt.Legend(orient="top", labelFontSize=FONT_SIZE))
    tooltip = [
        alt.Tooltip("month_label:N", title=translate("ui.month", lang)),
        alt.Tooltip("series:N", title=" "),
        alt.Tooltip("kr_label:N", title="kr."),
        alt.Tooltip("total_label:N", title=translate("bc.series.total", lang)),
        alt.Tooltip("share_label:N", title=translate("bc.phase_block", lang)),
    ]
    bars = (alt.Chart(df).mark_area(interpolate="step-after", opacity=0.9)
            .encode(x=x, y=y, color=colour, order=alt.Order("series_order:Q"), tooltip=tooltip)
            .transform_calculate(series_order=f"datum.series == {staff!r} ? 0 : 1"))
    layers: list[alt.Chart] = [bars]
    if payback is not None:
        label = f"{translate('bc.metric.payback', lang)}: {format_month(payback, lang)}"
        rule = alt.Chart(pd.DataFrame({"month": [pd.Timestamp(payback)], "label": [label]}))
        layers.append(rule.mark_rule(color=PAYBACK_COLOUR, strokeWidth=3, strokeDash=[6, 4])
                      .encode(x="month:T"))
        layers.append(rule.mark_text(align="left", dx=6, dy=-6, fontSize=FONT_SIZE,
                                     color=PAYBACK_COLOUR, baseline="top")
                      .encode(x="month:T", y=alt.value(0), text="label:N"))
    return (alt.layer(*layers).properties(height=height, width="container")
            .configure_view(strokeWidth=0))
