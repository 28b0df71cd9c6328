"""Link the indicators of a plan to reference cases, and import more cases from a CSV
(for the plan's facilitator and administrators)."""

from __future__ import annotations

import streamlit as st

from dashboard.components.cache import cached
from dashboard.components.context import actor
from dashboard.components.engine import engine
from dashboard.components.i18n import error_text, t
from dashboard.components.messages import flash, msg, show_flash
from dashboard.components.text import md_escape
from dashboard.components.widgets import file_upload
from tracking.errors import GevinstError
from tracking.models import Indicator
from tracking.readmodel.reference_cases import list_reference_cases
from tracking.reference_cases import ReferenceCase, decode_csv
from tracking.services.reference_cases import import_reference_cases, link_reference_case

_SLOT = "reference_import"


def reference_links(plan_id: int, indicators: list[Indicator],
                    linked: dict[int, ReferenceCase]) -> None:
    cases = cached(list_reference_cases)()
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
        st.divider()
        _import_form(plan_id)


def _import_form(plan_id: int) -> None:
    """Upload a CSV of reference cases: all rows are checked, and one bad row refuses
    the whole file (each bad row named by row and column)."""
    show_flash(_SLOT)
    upload = file_upload(t("reference.import"), key=f"reference_import_{plan_id}",
                         type=["csv", "txt"], help=t("reference.import_help"))
    if upload is None or not st.button(t("reference.import_button"),
                                       key=f"reference_import_go_{plan_id}"):
        return
    try:
        keys = import_reference_cases(engine(), decode_csv(upload.getvalue()), actor(),
                                      plan_id=plan_id)
    except GevinstError as exc:
        st.error(error_text(exc), icon=":material/error:")
        return
    flash(msg("reference.imported", count=len(keys), keys=", ".join(keys)), slot=_SLOT)
    st.rerun()
