"""Ideer: ideas go up as post-its as fast as people say them."""

from __future__ import annotations

import streamlit as st

from dashboard.components.context import current_plan
from dashboard.components.i18n import t
from dashboard.components.ideas import render_ideas
from dashboard.components.text import md_escape

plan = current_plan()
if plan is None:
    st.info(t("ui.no_plans"))
    st.stop()
st.title(f"{t('nav.ideas')}: {md_escape(plan.name)}")
render_ideas(plan)
