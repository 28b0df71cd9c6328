"""The plan header's theme count ("Temaer: 4/6 færdige")."""

from __future__ import annotations

import streamlit as st

from dashboard.components.cache import cached
from dashboard.components.i18n import t
from tracking.readmodel.themes import theme_progress


def theme_caption(plan_id: int) -> None:
    """A small caption with how many of the plan's six themes are done."""
    progress = cached(theme_progress)(plan_id)
    text = t("themes.header", done=progress.done, total=progress.total)
    st.caption(f":material/checklist: {text}")
