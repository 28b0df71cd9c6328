"""The portfolio view of Oversigt, for more plans than one screen holds (the country).

Groups (municipality, department or area) with their plans counted by status and their
economic sums, most red first; a click on a group shows its plans, a click on a plan
opens its board; a search finds plans by name. Never more than a screenful of rows: the
rest is behind the pager. The groups and counts come from `tracking.readmodel.portfolio`.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.components.i18n import lang, t
from dashboard.components.tables import number_column, number_style
from dashboard.components.text import md_escape
from tracking.readmodel.overview import Overview
from tracking.readmodel.portfolio import (
    GROUPS,
    STATUSES,
    page_of,
    plans_of_group,
    portfolio_groups,
    search_plans,
)
from tracking.reports.labels import (
    STATUS_COLOURS,
    STATUS_GLYPHS,
    format_kr_short,
    plan_display_status,
    status_text,
)

_CHOSEN = "pf_group"  # (grouping, group) of the drill-down


def _pager(key: str, rows: int, pages: int) -> int:
    """The page to show (1-based): a number field beside 'of N', only when needed."""
    if pages <= 1:
        return 1
    left, right = st.columns([1, 5], vertical_alignment="bottom")
    page = left.number_input(t("portfolio.page"), 1, pages, 1, key=key)
    right.caption(t("portfolio.page_of", pages=pages, rows=rows))
    return int(page)


def _economy(realised: float, planned: float, money: int) -> str:
    if not money:
        return ""
    return f"{format_kr_short(realised, lang())} / {format_kr_short(planned, lang())}"


def _groups_table(ov: Overview, by: str) -> None:
    groups = portfolio_groups(ov.plans, by)
    st.caption(t("portfolio.groups_caption", count=len(groups),
                 grouping=t(f"overview.group.{by}").lower()))
    page = _pager(f"pf_page_{by}", len(groups), page_of(groups, 1)[1])
    rows, _ = page_of(groups, page)
    lg = lang()
    shown = pd.DataFrame({
        "group": [g or t("overview.none") for g in rows["group"]],
        "plans": rows["plans"],
        **{s: rows[s] for s in STATUSES},
        "other": rows["other"], "overdue": rows["overdue"],
        "economy": [_economy(r, p, m) for r, p, m in
                    zip(rows["realised_ytd"], rows["planned_ytd"], rows["money_plans"],
                        strict=True)],
        "harvested": [format_kr_short(h, lg) if h else "" for h in rows["harvested"]]})
    counts = ["plans", *STATUSES, "other", "overdue"]
    event = st.dataframe(
        number_style(shown, counts), hide_index=True, row_height=30,
        height=30 * len(shown) + 42,
        on_select="rerun", selection_mode="single-row", key=f"pf_groups_{by}_{page}",
        column_config={
            "group": st.column_config.TextColumn(t(f"overview.group.{by}"), width=240),
            "plans": number_column(t("portfolio.plans"), width=80),
            **{s: number_column(status_text(s, lg), width=110) for s in STATUSES},
            "other": number_column(t("portfolio.others"), width=90,
                                   help=t("portfolio.other_help")),
            "overdue": number_column(t("overview.overdue_short"), width=110,
                                     help=t("portfolio.overdue_help")),
            "economy": st.column_config.TextColumn(t("portfolio.economy"), width=220),
            "harvested": st.column_config.TextColumn(t("harvest.harvested"), width=120)})
    selected = event.selection.rows if event else []
    if selected:
        st.session_state[_CHOSEN] = (by, str(rows.iloc[selected[0]]["group"]))
        st.rerun()


def _plans_table(ov: Overview, plans: pd.DataFrame, key: str,
                 open_plan: Callable[[int], None]) -> None:
    page = _pager(f"{key}_page", len(plans), page_of(plans, 1)[1])
    rows, _ = page_of(plans, page)
    lg = lang()
    statuses = [plan_display_status(p) for _, p in rows.iterrows()]

    def summary(plan: pd.Series) -> str:
        """The plan's indicators by status, from its counts (not the indicator rows)."""
        if not plan["indicators"]:
            return "–"
        return "  ".join(f"{STATUS_GLYPHS[s]}{int(plan[s])}" for s in STATUSES if plan[s])

    shown = pd.DataFrame({
        "status": [status_text(s, lg) for s in statuses],
        "plan": rows["plan"].to_numpy(),
        "municipality": rows["municipality"].to_numpy(),
        "place": [" · ".join(filter(None, [d, a])) for d, a in
                  zip(rows["department"], rows["area"], strict=True)],
        "indicators": [summary(p) for _, p in rows.iterrows()],
        "overdue": rows["overdue_actions"].to_numpy(),
        "economy": [_economy(r, p, m) for r, p, m in
                    zip(rows["realised_ytd"], rows["planned_ytd"], rows["money_indicators"],
                        strict=True)]})

    def colour(col: pd.Series) -> list[str]:
        return [f"background-color: {STATUS_COLOURS[s][0]}; color: {STATUS_COLOURS[s][1]}; "
                "font-weight: 600" for s in statuses]

    event = st.dataframe(
        number_style(shown.style.apply(colour, subset=["status"]), ["overdue"]),
        hide_index=True, row_height=30,
        height=30 * len(shown) + 42, on_select="rerun", selection_mode="single-row",
        key=f"{key}_{page}", column_config={
            "status": st.column_config.TextColumn(t("overview.status"), width=180),
            "plan": st.column_config.TextColumn(t("overview.plan"), width=300),
            "municipality": st.column_config.TextColumn(t("overview.municipality"),
                                                        width=160),
            "place": st.column_config.TextColumn(
                f"{t('overview.department')} · {t('overview.area')}", width=260),
            "indicators": st.column_config.TextColumn(t("overview.indicators"), width=120),
            "overdue": number_column(t("overview.overdue_short"), width=100),
            "economy": st.column_config.TextColumn(t("portfolio.economy"), width=220)})
    selected = event.selection.rows if event else []
    if selected:
        open_plan(int(rows.iloc[selected[0]]["plan_id"]))


def portfolio(ov: Overview, by: str | None, open_plan: Callable[[int], None]) -> None:
    """The portfolio of `ov`'s plans grouped `by` (a `GROUPS` name; None: by
    municipality); `open_plan(plan_id)` opens a plan's board."""
    by = by if by in GROUPS else GROUPS[0]
    query = st.text_input(t("portfolio.search"), key="pf_search", max_chars=200,
                             placeholder=t("portfolio.search_placeholder"))
    if query.strip():
        found = search_plans(ov.plans, query)
        if found.empty:
            st.info(t("portfolio.no_match", query=md_escape(query.strip())))
            return
        st.caption(t("portfolio.found", count=len(found), query=md_escape(query.strip())))
        _plans_table(ov, found, "pf_found", open_plan)
        return
    chosen = st.session_state.get(_CHOSEN)
    if chosen and chosen[0] == by:
        group = chosen[1]
        if st.button(t("portfolio.back"), icon=":material/arrow_back:", key="pf_back"):
            del st.session_state[_CHOSEN]
            st.rerun()
        st.subheader(md_escape(t("portfolio.plans_in",
                                 group=group or t("overview.none"))))
        _plans_table(ov, plans_of_group(ov.plans, by, group), f"pf_plans_{by}", open_plan)
        return
    _groups_table(ov, by)
