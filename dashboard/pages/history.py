"""Historik: the plan's audit trail, filterable and downloadable. Read-only."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from dashboard.components.cache import cached
from dashboard.components.context import current_plan
from dashboard.components.i18n import lang, t
from dashboard.components.text import md_escape
from tracking.clock import today
from tracking.formatting import format_datetime
from tracking.i18n import translate_or
from tracking.readmodel.history import (
    HistoryFilter,
    describe_change,
    history_choices,
    history_workbook,
    plan_history,
)

plan = current_plan()
if plan is None:
    st.info(t("ui.no_plans"))
    st.stop()
lg = lang()

st.title(f"{t('history.title')}: {md_escape(plan.name)}")
st.caption(t("history.caption"))

entities, actors = cached(history_choices)(plan.id)
left, middle, right = st.columns([2, 2, 3])
entity = left.selectbox(t("history.filter_entity"), [None, *entities], key="history_entity",
                        format_func=lambda e: t("history.all") if e is None
                        else translate_or(f"entity.{e}", e, lg))
who = middle.selectbox(t("history.filter_actor"), [None, *actors], key="history_actor",
                       format_func=lambda a: t("history.all") if a is None else a)
end = today()  # the one clock: changes are stamped by it too (tracking.clock)
period = right.date_input(t("history.filter_period"), (end - timedelta(days=90), end),
                          key="history_period", format="DD.MM.YYYY")
since, until = (period[0], period[1]) if len(period) == 2 else (period[0], period[0])

frame = cached(plan_history)(plan.id, HistoryFilter(entity, who, since, until))
if frame.empty:
    st.info(t("history.empty"))
    st.stop()

shown = pd.DataFrame({
    t("history.col.happened_at"): [format_datetime(at, lg) for at in
                                   pd.to_datetime(frame["happened_at"], utc=True)],
    t("history.col.actor"): frame["actor"],
    t("history.col.entity"): [translate_or(f"entity.{e}", e, lg) for e in frame["entity"]],
    t("history.col.entity_id"): frame["entity_id"],
    t("history.col.action"): [translate_or(f"history.action.{a}", a, lg) for a in frame["action"]],
    t("history.col.change"): [describe_change(o, n, e, lg) for o, n, e in
                              zip(frame["old_values"], frame["new_values"], frame["entity"],
                                  strict=True)],
})
st.caption(t("history.shown", count=len(frame)))
# A dataframe shows cell text as plain text: user-typed values cannot render as markup.
st.dataframe(shown, hide_index=True, width="stretch", height=560)
# Written when clicked, not on every rerun (a long trail takes seconds).
st.download_button(t("history.download"), lambda: history_workbook(frame, lg),
                   file_name=f"historik-plan-{plan.id}.xlsx", icon=":material/download:",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
