"""The goal chart: target (light blue) against realised (dark blue), month by month.

Pure Altair (no Streamlit), so the same chart serves the page and printed reports.
Shortfalls must be seen from across a room: in a month that is not on track by the
plan's thresholds, a band fills the gap between realised and target and the point
changes shape as well as colour (at risk: orange diamond; off track: red triangle).
"""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from tracking.forecast import Forecast
from tracking.formatting import MONTHS_DA, MONTHS_EN, format_month, format_percent, format_value
from tracking.i18n import translate
from tracking.models import Indicator
from tracking.months import add_months
from tracking.reference_cases import ReferenceCase
from tracking.rules import DEFAULT_REPORT_DEADLINE_DAY, Status, month_report_state

TARGET_COLOUR = "#6baed6"  # light blue (måltal)
ACTUAL_COLOUR = "#08306b"  # dark blue (realiseret)
OFF_TRACK_COLOUR = "#d62728"
AT_RISK_COLOUR = "#f28e2b"
BASELINE_COLOUR = "#737373"
FORECAST_COLOUR = "#6a51a3"  # purple, dashed: clearly not the target's light blue
REFERENCE_COLOUR = "#31a354"  # green, thin: another municipality's curve
FONT_SIZE = 16


def vega_locale(lang: str) -> alt.Locale:
    """Number and month formats for Vega (axis labels): '1.400.000' and 'mar. 2026' in
    Danish."""
    if lang == "da":
        number = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."]}
        months, days = MONTHS_DA, ["søndag", "mandag", "tirsdag", "onsdag", "torsdag",
                                   "fredag", "lørdag"]
    else:
        number = {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["DKK ", ""]}
        months, days = MONTHS_EN, ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
                                   "Friday", "Saturday"]
    time = {"dateTime": "%x %X", "date": "%d.%m.%Y", "time": "%H:%M:%S",
            "periods": ["AM", "PM"], "days": days, "shortDays": [d[:3] for d in days],
            "months": months, "shortMonths": months}
    return alt.Locale(number=number, time=time)


WALL_FONT_SIZE = 19  # the wall is read from three metres: no chart text under 18 px


def _month_axis(font_size: int = FONT_SIZE) -> alt.Axis:
    return alt.Axis(title=None, format="%b %Y", labelAngle=0, tickCount="month",
                    labelFontSize=font_size, labelOverlap=True, grid=False)


def chart_frame(series: pd.DataFrame, ind: Indicator, lang: str, today: date) -> pd.DataFrame:
    """The series of one indicator with the labels the chart shows, in the chosen language."""
    df = series.copy()
    df["month_label"] = [format_month(m.date(), lang) for m in df["month"]]
    df["target_label"] = [format_value(v, ind.unit, lang) for v in df["target"]]
    df["actual_label"] = [format_value(None if pd.isna(v) else v, ind.unit, lang)
                          for v in df["actual"]]
    df["attainment_label"] = [format_percent(None if pd.isna(v) else v, lang)
                              for v in df["attainment"]]
    # Future months have no status; a closed month without a figure is "missing" once its
    # reporting deadline has passed, and "awaiting" before.
    deadline = int(df["deadline_day"].iloc[0]) if "deadline_day" in df and len(df) \
        else DEFAULT_REPORT_DEADLINE_DAY
    states = [month_report_state(m.date(), not pd.isna(a), today, deadline)
              for m, a in zip(df["month"], df["actual"], strict=True)]
    df["missing"] = [s is Status.MISSING for s in states]
    df["awaiting"] = [s is Status.AWAITING for s in states]
    df["status_label"] = [
        translate(f"status.{state or s}", lang) if (state or not pd.isna(a)) else ""
        for s, state, a in zip(df["status"], states, df["actual"], strict=True)]
    df["comment"] = df["comment"].fillna("")
    df["shortfall"] = df["status"].isin(["at_risk", "off_track"]) & df["actual"].notna()
    return df


def forecast_frame(fc: Forecast, series: pd.DataFrame, ind: Indicator,
                   lang: str) -> pd.DataFrame:
    """The forecast's months with labels, starting at the last figure (so the dashed line
    continues the realised one)."""
    df = fc.frame()
    last = series[pd.to_datetime(series["month"]) == pd.Timestamp(fc.last_figure_month)]
    if not last.empty and not pd.isna(last["actual"].iloc[0]):
        value = float(last["actual"].iloc[0])
        start = pd.DataFrame({"month": [pd.Timestamp(fc.last_figure_month)],
                              "forecast": [value], "lower": [value], "upper": [value]})
        df = pd.concat([start, df], ignore_index=True)
    df["month_label"] = [format_month(m.date(), lang) for m in df["month"]]
    df["forecast_label"] = [format_value(v, ind.unit, lang) for v in df["forecast"]]
    df["band_label"] = [f"{format_value(lo, ind.unit, lang)} – {format_value(hi, ind.unit, lang)}"
                        for lo, hi in zip(df["lower"], df["upper"], strict=True)]
    df["method_label"] = translate(f"forecast.method.{fc.method.value}", lang)
    return df


def goal_chart(series: pd.DataFrame, ind: Indicator, lang: str, today: date,
               height: int = 300, wall: bool = False, fc: Forecast | None = None,
               reference: ReferenceCase | None = None) -> alt.LayerChart:
    """Build the chart of one indicator from its rows of `plan_series`, with its
    forecast (`tracking.forecast`) dashed in a band where one is given. `wall`: text of
    19 px and no legend of its own (the wall names the lines once, above all charts),
    so that the plot gets the room."""
    df = chart_frame(series, ind, lang, today)
    font = WALL_FONT_SIZE if wall else FONT_SIZE
    x = alt.X("month:T", axis=_month_axis(font))
    y_title = translate(f"unit.{ind.unit}", lang)
    y_scale = alt.Scale(zero=False, nice=True)
    tooltip = [
        alt.Tooltip("month_label:N", title=translate("ui.month", lang)),
        alt.Tooltip("target_label:N", title=translate("ui.target", lang)),
        alt.Tooltip("actual_label:N", title=translate("ui.actual", lang)),
        alt.Tooltip("attainment_label:N", title=translate("ui.attainment", lang)),
        alt.Tooltip("status_label:N", title=translate("ui.status", lang)),
        alt.Tooltip("comment:N", title=translate("ui.comment", lang)),
    ]
    target_name = translate("ui.legend.target", lang)
    actual_name = translate("ui.legend.actual", lang)
    forecast_name = translate("ui.legend.forecast", lang)
    domain, colours = [target_name, actual_name], [TARGET_COLOUR, ACTUAL_COLOUR]
    if fc is not None:
        domain.append(forecast_name)
        colours.append(FORECAST_COLOUR)
    reference_name = translate("ui.legend.reference", lang,
                               municipality=reference.municipality) if reference else ""
    if reference is not None:
        domain.append(reference_name)
        colours.append(REFERENCE_COLOUR)
    series_colour = alt.Color(
        "series:N", title=None,
        scale=alt.Scale(domain=domain, range=colours),
        legend=None if wall else alt.Legend(orient="top", labelFontSize=font,
                                            symbolStrokeWidth=4, symbolSize=400,
                                            symbolType="stroke", labelLimit=420))
    # The indicator's rows are the layer chart's data, which the layers of them inherit:
    # given to each of the six, Altair prepared the same frame six times (issue 18).
    base = alt.Chart().encode(x=x)
    shortfall = base.transform_filter("datum.shortfall").mark_bar(size=14, opacity=0.3).encode(
        y=alt.Y("actual:Q"), y2="target:Q", tooltip=tooltip,
        color=alt.condition("datum.status == 'off_track'", alt.value(OFF_TRACK_COLOUR),
                            alt.value(AT_RISK_COLOUR)))
    target = base.transform_calculate(series=f"{target_name!r}").mark_line(
        strokeWidth=4, interpolate="linear" if ind.phase_in == "linear" else "step-after",
    ).encode(
        y=alt.Y("target:Q", title=None if wall else y_title, scale=y_scale,
                axis=alt.Axis(labelFontSize=font, titleFontSize=font, format=",~r",
                              tickCount=4 if wall else alt.Undefined)),
        color=series_colour, tooltip=tooltip)
    # One legend, drawn by the target layer: its scale's domain names both lines.
    actual = base.transform_calculate(series=f"{actual_name!r}").mark_line(
        strokeWidth=4, invalid="break-paths-show-domains",
    ).encode(y="actual:Q", color=alt.Color("series:N", legend=None), tooltip=tooltip)
    point_colour = alt.Color("status:N", legend=None, scale=alt.Scale(
        domain=["on_track", "at_risk", "off_track"],
        range=[ACTUAL_COLOUR, AT_RISK_COLOUR, OFF_TRACK_COLOUR]))
    point_shape = alt.Shape("status:N", legend=None, scale=alt.Scale(
        domain=["on_track", "at_risk", "off_track"],
        range=["circle", "diamond", "triangle-down"]))
    points = base.transform_filter("isValid(datum.actual)").mark_point(
        filled=True, size=150, opacity=1,
    ).encode(y="actual:Q", fill=point_colour, shape=point_shape, tooltip=tooltip)
    missing = base.transform_filter("datum.missing").mark_point(
        shape="cross", size=220, strokeWidth=3, color=BASELINE_COLOUR,
    ).encode(y="target:Q", tooltip=tooltip)
    awaiting = base.transform_filter("datum.awaiting").mark_point(
        shape="circle", size=220, strokeWidth=3, color=BASELINE_COLOUR, filled=False,
    ).encode(y="target:Q", tooltip=tooltip)
    baseline = alt.Chart(pd.DataFrame({"baseline": [ind.baseline_value]})).mark_rule(
        color=BASELINE_COLOUR, strokeDash=[8, 6], strokeWidth=2).encode(y="baseline:Q")
    now = alt.Chart(pd.DataFrame({"now": [pd.Timestamp(today.year, today.month, 1)]})
                    ).mark_rule(color="#bdbdbd", strokeWidth=2).encode(x="now:T")
    layers = [now, baseline, shortfall, target, actual, points, missing, awaiting]
    if reference is not None:
        start = ind.target_start_month or (df["month"].min().date() if len(df) else None)
        if start is not None:
            layers[1:1] = _reference_layers(reference, start, reference_name, lang,
                                            series_colour)
    if fc is not None:
        layers[1:1] = _forecast_layers(forecast_frame(fc, series, ind, lang), forecast_name,
                                       lang, series_colour)
    return (alt.layer(*layers, data=df)
            .properties(height=height, width="container")
            .configure(locale=vega_locale(lang))
            .configure_view(strokeWidth=0)
            .configure_axis(labelColor="#252525", titleColor="#252525"))


def _forecast_layers(df: pd.DataFrame, name: str, lang: str,
                     colour: alt.Color) -> list[alt.Chart]:
    """The forecast: a light band (the prediction interval) under a dashed line. It
    carries the one legend (`colour`), being drawn before the target's layer."""
    tooltip = [
        alt.Tooltip("month_label:N", title=translate("ui.month", lang)),
        alt.Tooltip("forecast_label:N", title=name),
        alt.Tooltip("band_label:N", title=translate("forecast.band", lang)),
        alt.Tooltip("method_label:N", title=translate("forecast.method", lang)),
    ]
    base = alt.Chart(df).encode(x="month:T", tooltip=tooltip)
    band = base.mark_area(opacity=0.15, color=FORECAST_COLOUR).encode(
        y="lower:Q", y2="upper:Q")
    line = base.transform_calculate(series=f"{name!r}").mark_line(
        strokeWidth=3, strokeDash=[10, 6]).encode(
        y="forecast:Q", color=colour)
    return [band, line]


def reference_frame(case: ReferenceCase, start: date, lang: str) -> pd.DataFrame:
    """The case's points placed on the plan's months: month 0 is `start` (the indicator's
    first target month), month n the n-th month after it."""
    df = pd.DataFrame({"months": [m for m, _ in case.points],
                       "value": [v for _, v in case.points]})
    df["month"] = [pd.Timestamp(add_months(start, int(m))) for m in df["months"]]
    df["value_label"] = [format_value(v, case.unit, lang) for v in df["value"]]
    df["months_label"] = df["months"].astype(str)
    return df


def _reference_layers(case: ReferenceCase, start: date, name: str, lang: str,
                      colour: alt.Color) -> list[alt.Chart]:
    """A thin line with small points, labelled at its last point with the municipality."""
    df = reference_frame(case, start, lang)
    tooltip = [alt.Tooltip("months_label:N", title=translate("reference.months", lang)),
               alt.Tooltip("value_label:N", title=name),
               alt.Tooltip("source:N", title="Kilde" if lang == "da" else "Source")]
    df["source"] = case.source
    base = alt.Chart(df).encode(x="month:T", y="value:Q", tooltip=tooltip)
    line = base.transform_calculate(series=f"{name!r}").mark_line(
        strokeWidth=1.5, point=alt.OverlayMarkDef(size=30, color=REFERENCE_COLOUR)).encode(
        color=colour)
    label = alt.Chart(df.tail(1).assign(text=case.municipality)).mark_text(
        align="left", dx=6, dy=-8, fontSize=13, color=REFERENCE_COLOUR).encode(
        x="month:T", y="value:Q", text="text:N")
    return [line, label]


def legend_text(lang: str) -> str:
    """The key to the marks that the chart's own legend does not explain (Markdown)."""
    return " · ".join([
        f"╌╌ {translate('ui.legend.baseline', lang)}",
        f":orange[**◆ {translate('status.at_risk', lang)}**]",
        f":red[**▼ {translate('status.off_track', lang)}**]",
        f"✕ {translate('ui.legend.missing', lang)}",
        f"○ {translate('status.awaiting', lang)}",
    ])
