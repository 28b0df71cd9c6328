"""The harvest section of the business case page: sums, lines, and the form to record.

Everything a person can do here is a call to `tracking.services.harvest`; the sums come
from `tracking.readmodel.harvest` (the overview's rules).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.cache import cached
from dashboard.components.context import actor
from dashboard.components.engine import engine
from dashboard.components.i18n import error_text, lang, t
from dashboard.components.tables import number_column, number_style
from dashboard.components.text import md_escape
from tracking.clock import today
from tracking.errors import GevinstError
from tracking.formatting import format_date
from tracking.models import HarvestStatus, Plan
from tracking.parsing import parse_number
from tracking.readmodel.harvest import plan_harvest_summary
from tracking.readmodel.harvest_lines import can_decide_harvest, list_harvests
from tracking.reports.labels import format_kr_short
from tracking.services.harvest import HarvestInput, archive_harvest, save_harvest

FLASH = "harvest_flash"
STATUSES = [s.value for s in HarvestStatus]


def _summary(plan: Plan) -> None:
    lg = lang()
    s = cached(plan_harvest_summary)(plan.id, today())
    cols = st.columns(5)
    for col, key, label in zip(cols, ("planned_total", "realised_to_date", "harvest_decided",
                                      "harvested", "leeway"),
                               ("harvest.planned_total", "harvest.realised", "harvest.decided",
                                "harvest.harvested", "harvest.leeway"), strict=True):
        col.metric(t(label), format_kr_short(s[key], lg),
                   help=t("harvest.leeway_help") if key == "leeway" else None)


def _table(lines: list) -> None:
    lg = lang()
    if not lines:
        st.caption(t("harvest.none"))
        return
    st.dataframe(number_style(pd.DataFrame([{
        "year": str(h.budget_year), "amount": h.amount, "account": h.account,
        "decision": h.decision, "status": t(f"harvest.status.{h.status}"),
        "approved_by": h.approved_by,
        "approved_on": format_date(h.approved_on, lg) if h.approved_on else ""}
        for h in lines]), ["amount"]), hide_index=True, key="harvest_table", column_config={
        "year": st.column_config.TextColumn(t("harvest.col.year"), width=90),
        "amount": number_column(t("harvest.col.amount")),
        "account": st.column_config.TextColumn(t("harvest.col.account")),
        "decision": st.column_config.TextColumn(t("harvest.col.decision"), width=300),
        "status": st.column_config.TextColumn(t("harvest.col.status"), width=100),
        "approved_by": st.column_config.TextColumn(t("harvest.col.approved_by")),
        "approved_on": st.column_config.TextColumn(t("harvest.col.approved_on"))})


def _form(plan: Plan, lines: list) -> None:
    lg = lang()
    by_id = {h.id: h for h in lines}
    pick = st.selectbox(
        t("harvest.edit_pick"), [None, *by_id], key=f"harvest_pick_{plan.id}",
        format_func=lambda i: t("harvest.new") if i is None else t(
            "harvest.line", year=by_id[i].budget_year,
            amount=format_kr_short(by_id[i].amount, lg),
            status=t(f"harvest.status.{by_id[i].status}")))
    line = by_id.get(pick)
    version = line.version if line else 0
    k = f"{pick}_{version}"  # a fresh form (and prefill) per line and version
    with st.form(f"harvest_form_{plan.id}_{k}", border=True):
        c1, c2, c3 = st.columns([1, 1, 1])
        year = c1.number_input(t("harvest.col.year"), min_value=1990, max_value=2100, step=1,
                               value=line.budget_year if line else today().year + 1,
                               key=f"harvest_year_{k}")
        amount = c2.text_input(t("harvest.col.amount"),
                               value=f"{line.amount:.0f}" if line else "",
                               key=f"harvest_amount_{k}")
        status = c3.selectbox(t("harvest.col.status"), STATUSES,
                              index=STATUSES.index(line.status) if line else 0,
                              format_func=lambda s: t(f"harvest.status.{s}"),
                              key=f"harvest_status_{k}")
        account = st.text_input(t("harvest.col.account"), value=line.account if line else "",
                                key=f"harvest_account_{k}")
        decision = st.text_area(t("harvest.col.decision"), height=68,
                                value=line.decision if line else "",
                                key=f"harvest_decision_{k}")
        c4, c5 = st.columns(2)
        approved_by = c4.text_input(t("harvest.col.approved_by"), help=t("harvest.approved_hint"),
                                    value=line.approved_by if line else "")
        approved_on = c5.date_input(t("harvest.col.approved_on"), format="DD.MM.YYYY",
                                    value=line.approved_on if line else None)
        b1, b2 = st.columns([1, 1])
        saved = b1.form_submit_button(t("harvest.save"), type="primary", icon=":material/save:")
        archived = b2.form_submit_button(t("harvest.archive"), icon=":material/archive:",
                                         disabled=line is None)
    try:
        if saved:
            save_harvest(engine(), plan.id, HarvestInput(
                budget_year=int(year), amount=parse_number(amount, "amount"),
                account=account, decision=decision, status=status,
                approved_by=approved_by, approved_on=approved_on), actor(),
                harvest_id=pick, expected_version=version if line else None)
            st.session_state[FLASH] = t("harvest.saved")
            st.rerun()
        if archived and line is not None:
            archive_harvest(engine(), line.id, actor())
            st.session_state[FLASH] = t("harvest.archived")
            st.rerun()
    except GevinstError as exc:
        label = t(f"field.{exc.field}") if exc.field and exc.field != "version" else ""
        st.error(f"{label}: {error_text(exc)}" if label else error_text(exc))


def harvest_section(plan: Plan) -> None:
    st.subheader(t("harvest.title"))
    st.caption(t("harvest.intro"))
    if FLASH in st.session_state:
        st.success(md_escape(st.session_state.pop(FLASH)))
    _summary(plan)
    lines = cached(list_harvests)(plan.id)
    _table(lines)
    if can_decide_harvest(engine(), actor(), plan.id):
        _form(plan, lines)
    else:
        st.caption(t("harvest.read_only"))
