"""Link the indicators of a plan to reference cases (for the plan's facilitator)."""

from __future__ import annotations

import streamlit as st

from dashboard.components.context import actor
from dashboard.components.engine import engine
from dashboard.components.i18n import error_text, t
from dashboard.components.text import md_escape
from tracking.errors import GevinstError
from tracking.models import Indicator
from tracking.readmodel.reference_cases import list_reference_cases
from tracking.reference_cases import ReferenceCase
from tracking.services.reference_cases import link_reference_case


def reference_links(plan_id: int, indicators: list[Indicator],
                    linked: dict[int, ReferenceCase]) -> None:
    cases = list_reference_cases(engine())
    with st.expander(t("reference.pick"), icon=":material/compare_arrows:"):
        for ind in indicators:
            fitting = [None, *(k for k, c in cases.items() if c.unit == ind.unit)]
            current = linked[ind.id].key if ind.id in linked else None
            pick = st.selectbox(
                md_escape(ind.name), fitting, index=fitting.index(current)
                if current in fitting else 0, key=f"reference_{plan_id}_{ind.id}",
                format_func=lambda k: t("reference.none") if k is None else
                f"{cases[k].municipality}: {cases[k].title}")
            if pick != current:
                try:
                    link_reference_case(engine(), ind.id, pick, actor())
                    st.rerun()
                except GevinstError as exc:
                    st.error(error_text(exc))
