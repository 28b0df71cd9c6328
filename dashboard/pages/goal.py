"""Mål: each indicator's target against its realised figure, month by month."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.charts.goal import legend_text
from dashboard.components.cache import cached
from dashboard.components.comments import comments_button
from dashboard.components.context import actor, current_plan
from dashboard.components.engine import engine
from dashboard.components.forecast import expected_text, forecast_help
from dashboard.components.goal_specs import goal_specs
from dashboard.components.i18n import lang, t
from dashboard.components.reference import reference_links
from dashboard.components.status import status_panel
from dashboard.components.text import md_escape
from dashboard.components.themes import theme_caption
from tracking.auth import Permission, capabilities
from tracking.clock import today
from tracking.formatting import format_month, format_percent
from tracking.readmodel.forecast import expected_by_plan, indicator_forecasts
from tracking.readmodel.goal import latest_status
from tracking.readmodel.overview import economic_rollup
from tracking.readmodel.plans import list_indicators
from tracking.readmodel.reference_cases import plan_references
from tracking.reports.calculation import calculation_line
from tracking.reports.labels import realised_of_planned

plan = current_plan()
if plan is None:
    st.info(t("ui.no_plans"))
    st.stop()

lg, now = lang(), today()
st.title(f"{t('nav.goal')}: {md_escape(plan.name)}")
st.caption(md_escape(" · ".join(filter(None, [
    plan.solution, plan.team,
    f"{t('ui.benefit_owner')}: {plan.benefit_owner}" if plan.benefit_owner else "",
    f"{format_month(plan.start_month, lg)} – {format_month(plan.end_month, lg)}",
]))))
theme_caption(plan.id)

indicators = cached(list_indicators)(plan.id)
if not indicators:
    st.info(t("ui.no_indicators"))
    st.stop()

specs = cached(goal_specs)(plan.id, lg, now)
statuses = cached(latest_status)(plan.id, now)
economics = cached(economic_rollup)(now, plan.id).set_index("indicator_id")
_, expected = cached(indicator_forecasts)(now, (plan.id,))
references = cached(plan_references)(plan.id)
expected = expected.set_index("indicator_id")
plan_expected = expected_by_plan(expected.reset_index()).get(plan.id)
st.markdown(legend_text(lg) + f" · ╌ {t('ui.legend.forecast')}", help=forecast_help())
if plan_expected is not None and not pd.isna(plan_expected):
    st.markdown(f"{t('forecast.expected')} ({t('ui.plan').lower()}): "
                f"**{format_percent(plan_expected, lg)}**", help=t("forecast.plan_help"))

for ind in indicators:
    with st.container(border=True, key=f"indicator-{ind.id}"):
        st.subheader(md_escape(ind.name))
        chart_col, status_col = st.columns([4, 1], vertical_alignment="center")
        with chart_col:
            st.vega_lite_chart(specs[ind.id], width="stretch")
            if ind.id in references:
                case = references[ind.id]
                st.caption(md_escape(t("reference.caption", municipality=case.municipality,
                                       title=case.title, source=case.source)))
        with status_col:
            status_panel(ind, statuses.get(ind.id))
            if ind.id in economics.index:
                row = economics.loc[ind.id]
                label = t("overview.economy" if row["budget_effect"] else "overview.other_effects")
                sums = realised_of_planned(row["realised_to_date"], row["planned_to_date"], lg)
                st.markdown(f"{label}, {t('overview.to_date_short')}: **{sums}**",
                            help=calculation_line(row, lg))
            st.markdown(expected_text(expected.loc[ind.id] if ind.id in expected.index
                                      else None, ind.unit, lg), help=forecast_help())
            comments_button(plan.id, "indicator", ind.id, ind.name)
            st.caption(md_escape(" · ".join(filter(None, [
                t(f"kind.{ind.kind}"), t(f"measure.{ind.measure}"),
                t(f"direction.{ind.direction}"),
                f"{t('ui.owner')}: {ind.owner}" if ind.owner else ""]))))

if actor() is not None and capabilities(engine(), actor(), plan.id).can(Permission.EDIT_PLAN):
    reference_links(plan.id, indicators, references)
