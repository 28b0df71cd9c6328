"""Handleplan: the actions, their responsible, deadline and status, as a kanban board."""

from __future__ import annotations

import streamlit as st

from dashboard.components.action_plan import render_action_plan
from dashboard.components.context import current_plan
from dashboard.components.i18n import t
from dashboard.components.text import md_escape

plan = current_plan()
if plan is None:
    st.info(t("ui.no_plans"))
    st.stop()
st.title(f"{t('nav.action_plan')}: {md_escape(plan.name)}")
render_action_plan(plan)
