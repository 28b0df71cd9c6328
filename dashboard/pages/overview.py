"""Oversigt: every active plan at a glance for directors, with reports to take along.

What needs attention comes first (the read model sorts). A click on a plan opens its
board (the Mål page of that plan); a click on an indicator shows its chart in a dialog.
The compact view is one table row per plan, so 30 plans fit on one 1920×1080 screen.
"""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from dashboard.charts.goal import goal_chart, legend_text
from dashboard.charts.overview import economy_chart, indicator_of, report_charts
from dashboard.components.cache import cached
from dashboard.components.context import switch_plan
from dashboard.components.engine import engine
from dashboard.components.forecast import forecast_help
from dashboard.components.i18n import lang, t
from dashboard.components.portfolio import portfolio
from dashboard.components.status import SYMBOLS
from dashboard.components.tables import number_column, number_style
from dashboard.components.text import md_escape
from tracking.clock import today
from tracking.formatting import format_date, format_month, format_percent, format_value
from tracking.readmodel.forecast import expected_frame, indicator_forecasts, sorted_by_expected
from tracking.readmodel.goal import plan_series
from tracking.readmodel.overview import (
    Overview,
    departments_and_areas,
    overview_series,
    plan_overview,
)
from tracking.readmodel.portfolio import PORTFOLIO_ABOVE
from tracking.reports.calculation import calculation_lines
from tracking.reports.excel import overview_workbook
from tracking.reports.labels import (
    STATUS_COLOURS,
    STATUS_GLYPHS,
    format_kr_short,
    harvest_text,
    plan_display_status,
    realised_of_planned,
    status_text,
    trend_text,
)
from tracking.reports.pdf import overview_pdf
from tracking.rules import Status, figure_due

GOAL_PAGE = "pages/goal.py"
# Streamlit's Markdown colours per status (the same green/orange/red as the board).
COLOUR = {"on_track": "green", "at_risk": "orange", "off_track": "red", "missing": "blue",
          "not_started": "gray", "no_indicators": "gray", "overdue": "orange"}
ICONS = {**{s.value: icon for s, icon in SYMBOLS.items()},
         "no_indicators": ":material/block:", "overdue": ":material/alarm:"}
TREND_COLOUR = {"better": "green", "worse": "red", "flat": "gray"}
TREND_ICONS = {"up": ":material/trending_up:", "down": ":material/trending_down:",
               "flat": ":material/trending_flat:"}
COMPACT_CSS = """<style>
[data-testid="stMainBlockContainer"] {padding: 1rem 1.5rem 0 1.5rem !important;}
</style>"""

lg, on = lang(), today()


def _portfolio_above() -> int:
    """Plans up to this many are all shown on one screen; more are a portfolio.
    `GEVINST_PORTFOLIO_ABOVE` lowers it (demonstrations, tests)."""
    try:
        return int(os.environ.get("GEVINST_PORTFOLIO_ABOVE", PORTFOLIO_ABOVE))
    except ValueError:
        return PORTFOLIO_ABOVE


def _open_plan(plan_id: int) -> None:
    switch_plan(plan_id)
    st.switch_page(GOAL_PAGE, query_params={"plan": str(plan_id)})


def _badge(status: str) -> str:
    word = t(f"status.{status}") if status in {s.value for s in Status} \
        else t(f"overview.status.{status}")
    return f":{COLOUR[status]}-background[:{COLOUR[status]}[{ICONS[status]} **{word}**]]"


def _trend(row: pd.Series) -> str:
    if row["trend"] not in TREND_COLOUR or row["movement"] not in TREND_ICONS:
        return ""
    return f":{TREND_COLOUR[row['trend']]}[{TREND_ICONS[row['movement']]}]"


def _blank(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


@st.dialog(t("overview.open_chart"), width="large")
def _chart_dialog(plan_id: int, plan_name: str, row: dict) -> None:
    ind = indicator_of(pd.Series(row))
    st.subheader(md_escape(t("overview.chart_title", indicator=ind.name, plan=plan_name)))
    series = plan_series(engine(), plan_id)
    forecasts, _ = cached(indicator_forecasts)(on, (plan_id,))
    st.altair_chart(goal_chart(series[series["indicator_id"] == ind.id], ind, lg, on,
                               fc=forecasts.get(ind.id)), width="stretch")
    st.markdown(legend_text(lg))
    st.page_link(GOAL_PAGE, label=t("overview.open_goal_page"), icon=":material/flag:",
                 query_params={"plan": str(plan_id)})


def _indicator_line(plan: pd.Series, row: pd.Series) -> None:
    status = row["status"]
    figures = ""
    if not _blank(row["actual"]):
        figures = (f" · {format_value(row['actual'], row['unit'], lg)} / "
                   f"{format_value(row['target'], row['unit'], lg)}")
    label = (f":{COLOUR[status]}[{ICONS[status]}] {md_escape(row['indicator'])}"
             f"{md_escape(figures)} {_trend(row)}")
    help_text = " · ".join(filter(None, [
        status_text(status, lg), trend_text(row["trend"], row["movement"], lg),
        t("overview.open_chart")]))
    if st.button(label, key=f"ov_ind_{row['indicator_id']}", type="tertiary", help=help_text):
        _chart_dialog(int(plan["plan_id"]), plan["plan"], row.to_dict())


def _economy_line(plan: pd.Series) -> str:
    text = ""
    if plan["money_indicators"]:
        text = (f"{t('overview.ytd_short')}: "
                f"{realised_of_planned(plan['realised_ytd'], plan['planned_ytd'], lg)}")
    if plan["other_indicators"]:
        other = t("overview.other_line", text=realised_of_planned(
            plan["other_realised_to_date"], plan["other_planned_to_date"], lg))
        text = f"{text}  \n{other}" if text else other
    if plan["unconverted_fte"]:
        text += "  \n" + t("overview.unconverted_fte", count=int(plan["unconverted_fte"]))
    if plan["money_indicators"] or plan["harvested"] or plan["harvest_decided"]:
        text += "  \n" + harvest_text(plan, lg)
    return md_escape(text)


def _plan_tile(plan: pd.Series, indicators: pd.DataFrame) -> None:
    status = plan_display_status(plan)
    with st.container(border=True, key=f"ov_plan_{plan['plan_id']}"):
        left, middle, right = st.columns([3, 5, 3])
        with left:
            st.markdown(_badge(status))
            st.page_link(GOAL_PAGE, label=f"**{md_escape(plan['plan'])}**",
                         query_params={"plan": str(plan["plan_id"])},
                         help=t("overview.open_plan", name=plan["plan"]))
            st.caption(md_escape(" · ".join(filter(None, [
                plan["benefit_owner"], plan["department"], plan["area"]]))))
        with middle:
            if plan["indicators"] == 0:
                st.caption(t("overview.no_indicators_hint"))
            elif plan["not_yet_started"]:
                st.caption(t("overview.plan_not_started",
                             month=format_month(plan["start_month"], lg)))
            for _, row in indicators.iterrows():
                _indicator_line(plan, row)
        with right:
            overdue = int(plan["overdue_actions"])
            lines = [f":orange[:material/alarm: **{t('overview.overdue_count', count=overdue)}**]"
                     if overdue else f":gray[{t('overview.overdue_count', count=0)}]"]
            meeting = plan["last_meeting"]
            held = format_date(meeting, lg) if not _blank(meeting) else t("overview.no_meeting")
            lines.append(f"{t('overview.last_meeting')}: {held}")
            if plan["awaiting"]:
                lines.append(f":gray[{ICONS['awaiting']} " + t(
                    "overview.awaiting", count=int(plan["awaiting"]),
                    month=format_month(ov.closed_month, lg),
                    deadline=format_date(figure_due(ov.closed_month,
                                                    int(plan["report_deadline_day"])), lg))
                    + "]")
            if "expected_attainment" in plan and not _blank(plan["expected_attainment"]):
                lines.append(t("overview.expected_line",
                               attainment=f"**{format_percent(plan['expected_attainment'], lg)}**"))
            economy = _economy_line(plan)
            if economy:
                lines.append(economy)
            st.markdown("  \n".join(lines))


def _compact_economy(p: pd.Series) -> str:
    if not p["money_indicators"]:
        return ""
    if p["unconverted_fte"] == p["money_indicators"]:
        return t("overview.no_business_case")
    text = f"{format_kr_short(p['realised_ytd'], lg)} / {format_kr_short(p['planned_ytd'], lg)}"
    return text + (" *" if p["unconverted_fte"] else "")


def _compact_table(ov: Overview, group: str | None) -> None:
    """One row per plan, coloured status cell, click a row to open the plan's board."""
    ind = ov.indicators
    counts = ind.groupby("plan_id")["status"].value_counts().unstack(fill_value=0)
    rows = []
    for _, p in ov.plans.iterrows():
        status = plan_display_status(p)
        c = counts.loc[p["plan_id"]] if p["plan_id"] in counts.index else pd.Series(dtype=int)
        summary = "  ".join(f"{STATUS_GLYPHS[s]}{int(c[s])}" for s in
                            ("off_track", "missing", "at_risk", "on_track") if c.get(s, 0))
        worse = int((ind[(ind["plan_id"] == p["plan_id"])]["trend"] == "worse").sum())
        better = int((ind[(ind["plan_id"] == p["plan_id"])]["trend"] == "better").sum())
        rows.append({
            "status": status_text(status, lg), "plan": p["plan"],
            "department": p["department"], "area": p["area"], "owner": p["benefit_owner"],
            "place": " · ".join(filter(None, [p["department"], p["area"]])),
            "indicators": summary or ("–" if not p["indicators"] else ""),
            "trend": " ".join(filter(None, [f"↑{better}" if better else "",
                                            f"↓{worse}" if worse else ""])),
            "overdue": int(p["overdue_actions"]),
            "meeting": format_date(p["last_meeting"], lg) if not _blank(p["last_meeting"])
            else "–",
            "economy": _compact_economy(p),
            "harvested": format_kr_short(p["harvested"], lg) if p["harvested"] else "",
            "expected": format_percent(p["expected_attainment"], lg)
            if "expected_attainment" in p and not _blank(p["expected_attainment"]) else "",
            "_status": status, "_id": int(p["plan_id"])})
    df = pd.DataFrame(rows)
    if group:
        df = df.sort_values(group, kind="stable")

    def colour(col: pd.Series) -> list[str]:
        return [f"background-color: {STATUS_COLOURS[s][0]}; color: {STATUS_COLOURS[s][1]}; "
                "font-weight: 600" for s in df["_status"]]

    styled = number_style(df.style.apply(colour, subset=["status"]), ["overdue"])
    order = ["status", "plan", "place", "owner", "indicators", "trend", "overdue", "meeting",
             "economy", "harvested"]
    if "expected_attainment" in ov.plans:
        order.append("expected")
    if group:  # the grouping column first, the rows sorted by it
        order[2] = group
    event = st.dataframe(
        styled, hide_index=True, row_height=24, height=24 * len(df) + 42,
        column_order=order, on_select="rerun", selection_mode="single-row",
        key="ov_compact_table", column_config={
            "status": st.column_config.TextColumn(t("overview.status"), width=200),
            "plan": st.column_config.TextColumn(t("overview.plan"), width=260),
            "place": st.column_config.TextColumn(
                f"{t('overview.department')} · {t('overview.area')}", width=270),
            "department": st.column_config.TextColumn(t("overview.department"), width=270),
            "area": st.column_config.TextColumn(t("overview.area"), width=270),
            "owner": st.column_config.TextColumn(t("overview.benefit_owner"), width=140),
            "indicators": st.column_config.TextColumn(t("overview.indicators"), width=110),
            "trend": st.column_config.TextColumn(t("overview.trend"), width=90,
                                                 help=t("overview.trend_help")),
            "overdue": number_column(t("overview.overdue_short"), width=100),
            "meeting": st.column_config.TextColumn(t("overview.last_meeting"), width=120),
            "harvested": st.column_config.TextColumn(t("harvest.harvested"), width=120),
            "expected": st.column_config.TextColumn(
                t("forecast.expected_short"), width=150, help=t("forecast.plan_help")),
            "economy": st.column_config.TextColumn(
                f"{t('overview.ytd_short')}: {t('report.legend.realised').lower()} / "
                f"{t('report.legend.planned').lower()}", width=210),
        })
    selected = event.selection.rows if event else []
    if selected:
        _open_plan(int(df.iloc[selected[0]]["_id"]))


def _filters() -> tuple[str | None, str | None, str | None, bool]:
    choices = departments_and_areas(engine())
    c1, c2, c3, c4 = FILTER_COLUMNS[:4]
    departments = [None, *sorted(set(choices["department"]))]
    shown = {None: t("overview.all"), "": t("overview.none")}
    department = c1.selectbox(t("overview.department"), departments, key="ov_department",
                              format_func=lambda d: shown.get(d, d))
    in_department = choices if department is None else \
        choices[choices["department"] == department]
    areas = [None, *sorted(set(in_department["area"]))]
    area = c2.selectbox(t("overview.area"), areas, key="ov_area",
                        format_func=lambda a: shown.get(a, a))
    big = st.session_state.get("ov_portfolio", False)  # as many plans as last time
    groups = ["municipality", "department", "area"] if big else \
        [None, "department", "area", "municipality"]
    if st.session_state.get("ov_group", groups[0]) not in groups:
        st.session_state["ov_group"] = groups[0]  # "no grouping" is not a portfolio's
    group = c3.selectbox(t("overview.group_by"), groups, key="ov_group",
                         format_func=lambda g: t(f"overview.group.{g or 'none'}"))
    compact = False if big else c4.toggle(t("overview.compact"), key="ov_compact")
    return department, area, group, compact


compact_now = st.session_state.get("ov_compact", False)
if compact_now:
    st.html(COMPACT_CSS)  # fixed CSS, no user text: less empty space above the table
    st.markdown(f"### {t('overview.title')}")
else:
    st.title(t("overview.title"))
FILTER_COLUMNS = st.columns([2.6, 2.6, 2.6, 3.2, 2.6, 2.4, 2.4], vertical_alignment="bottom")
department, area, group, compact = _filters()
sort_by = FILTER_COLUMNS[4].selectbox(
    t("overview.sort_by"), ["attention", "expected"], key="ov_sort",
    format_func=lambda k: t(f"overview.sort.{k}"), help=forecast_help())
ov = plan_overview(engine(), on, department, area)
if sort_by == "expected":  # fits kept per indicator (tracking.readmodel.forecast)
    ov = sorted_by_expected(ov, cached(expected_frame)(
        on, tuple(int(i) for i in ov.plans["plan_id"])))
p = ov.plans
counts = {s: int((p["status"] == s).sum()) for s in ("off_track", "missing", "at_risk",
                                                       "on_track")}
total = ov.total
summary = [t("overview.caption", month=format_month(ov.closed_month, lg),
             today=format_date(on, lg)),
           t("overview.summary_plans", count=len(p)) + " · " + t("overview.counts", **counts)]
if int(total["money_indicators"]):
    summary.append(
        f"{t('overview.ytd', year=ov.closed_month.year)}: "
        f"**{realised_of_planned(total['realised_ytd'], total['planned_ytd'], lg)}** · "
        f"{t('overview.whole_period')}: "
        f"**{realised_of_planned(total['realised_to_date'], total['planned_total'], lg)}**")
if int(total["money_indicators"]) or total["harvested"] or total["harvest_decided"]:
    summary.append(t("overview.harvest_total", planned=format_kr_short(total["planned_total"], lg),
                     realised=format_kr_short(total["realised_to_date"], lg),
                     harvested=format_kr_short(total["harvested"], lg),
                     decided=format_kr_short(total["harvest_decided"], lg),
                     leeway=format_kr_short(total["leeway"], lg)))
if int(total["other_indicators"]):
    summary.append(t("overview.other_line", text=realised_of_planned(
        total["other_realised_to_date"], total["other_planned_to_date"], lg)))
st.markdown(" · ".join(summary[:2]) + "".join("  \n" + line for line in summary[2:]),
            help=t("overview.economy_help"))

stamp = on.isoformat()
FILTER_COLUMNS[5].download_button(
    t("overview.download_excel"), lambda: overview_workbook(ov, lg),
    file_name=f"gevinstoversigt-{stamp}.xlsx", icon=":material/table_view:",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore", key="ov_xlsx")
FILTER_COLUMNS[6].download_button(
    t("overview.download_pdf"),
    lambda: overview_pdf(ov, lg, report_charts(ov, overview_series(engine(), department, area),
                                               lg, on)),
    file_name=f"gevinstrapport-{stamp}.pdf", mime="application/pdf",
    icon=":material/picture_as_pdf:", on_click="ignore", key="ov_pdf")

if p.empty:
    st.info(t("overview.no_plans", filter=t("overview.filtered")
              if department is not None or area is not None else ""))
    st.stop()

big = len(p) > _portfolio_above()
if big != st.session_state.get("ov_portfolio", False):
    st.session_state["ov_portfolio"] = big  # the filters above offer the right choices
    st.rerun()
if big:  # the country: groups, a drill-down and a search, a screenful at a time
    st.caption(t("portfolio.mode", count=len(p)))
    portfolio(ov, group, _open_plan)
elif compact:
    _compact_table(ov, group)
else:
    by_plan = dict(tuple(ov.indicators.groupby("plan_id", sort=False)))
    empty = ov.indicators.iloc[0:0]
    keys = [None] if group is None else list(dict.fromkeys(sorted(p[group])))
    for key in keys:
        plans = p if key is None else p[p[group] == key]
        if key is not None:
            st.subheader(md_escape(key or t("overview.none")))
        for _, plan in plans.iterrows():
            _plan_tile(plan, by_plan.get(plan["plan_id"], empty))

    if (p["money_indicators"] > 0).any():
        st.subheader(t("overview.economy"))
        dep = ov.departments.copy()
        # Streamlit drops the spec's own height; a discrete axis needs it given here.
        money_plans = int((p["money_indicators"] > 0).sum())
        st.altair_chart(economy_chart(p, lg), width="stretch", height=40 * money_plans + 130)
        table = pd.concat([dep, pd.DataFrame([{**total.to_dict(),
                                                 "department": t("overview.total")}])])
        money_columns = ["realised_ytd", "planned_ytd", "realised_to_date", "planned_to_date",
                         "planned_total", "harvest_decided", "harvested", "leeway"]
        if (p["other_indicators"] > 0).any():
            money_columns.append("other_realised_to_date")
        table[money_columns] = table[money_columns].round(0)
        table["department"] = table["department"].replace("", t("overview.none"))
        st.dataframe(number_style(table, money_columns), hide_index=True,
                     column_order=["department", *money_columns], column_config={
            "department": st.column_config.TextColumn(t("overview.department")),
            **{c: number_column(t(f"report.col.{c}")) for c in money_columns}})

if not big and not ov.economics.empty:  # economics: read on first use
    with st.expander(t("overview.calculation"), icon=":material/calculate:"):
        names = dict(zip(p["plan_id"], p["plan"], strict=True))
        for plan_id, rows in ov.economics.groupby("plan_id", sort=False):
            st.markdown(f"**{md_escape(names.get(plan_id, ''))}**\n\n" + "\n".join(
                f"- {md_escape(line)}" for line in calculation_lines(rows, lg)))

