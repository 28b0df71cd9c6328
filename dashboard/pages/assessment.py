"""Vurdering: each idea placed by effect and resources into green, yellow, orange, red."""

from __future__ import annotations

import streamlit as st

from dashboard.components.assessment import render_assessment
from dashboard.components.context import current_plan
from dashboard.components.i18n import t
from dashboard.components.text import md_escape

plan = current_plan()
if plan is None:
    st.info(t("ui.no_plans"))
    st.stop()
st.title(f"{t('nav.assessment')}: {md_escape(plan.name)}")
render_assessment(plan)
