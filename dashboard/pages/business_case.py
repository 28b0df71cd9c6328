"""Business case: the plan's assumptions, tables, planned savings, and the phase-in
applied to an indicator's targets."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.charts.business_case import savings_chart
from dashboard.components.cache import cached
from dashboard.components.context import access_note, actor, current_plan
from dashboard.components.engine import engine
from dashboard.components.harvest import harvest_section
from dashboard.components.i18n import error_text, lang, t
from dashboard.components.messages import flash, msg, show_flash
from dashboard.components.months import month_select
from dashboard.components.text import md_escape
from tracking.auth.roles import Permission
from tracking.business_case import round_half_up
from tracking.errors import GevinstError, ValidationError
from tracking.formatting import format_month, format_number, format_percent, format_value
from tracking.months import add_months, month_range
from tracking.parsing import parse_number, parse_steps
from tracking.readmodel.business_case import (
    APPLICABLE_UNITS,
    BusinessCaseInput,
    CostInput,
    TaskInput,
    economic_indicator_ids,
    get_business_case,
)
from tracking.readmodel.plans import list_indicators
from tracking.services.business_case import (
    BusinessCaseResult,
    apply_phase_in_to_all,
    compute,
    default_input,
    save_business_case,
)

plan = current_plan()
if plan is None:
    st.info(t("ui.no_plans"))
    st.stop()

lg = lang()
FLASH = "business_case"
st.title(f"{t('nav.business_case')}: {md_escape(plan.name)}")
st.caption(t("bc.intro"))
show_flash(FLASH)
editable = access_note(Permission.EDIT_PLAN)

stored = cached(get_business_case)(plan.id)
data = stored or default_input(plan)
if stored is None:
    st.info(t("bc.not_saved"))


def kr(value: float) -> str:
    return f"{format_number(round_half_up(value), 0, lg)} kr."


def _fail(exc: GevinstError) -> None:
    label = t(f"field.{exc.field}") if exc.field and exc.field != "version" else ""
    message = error_text(exc)
    st.error(message if exc.code.startswith("bc.err.") or not label
             else f"{label}: {message}")


def show_results(result: BusinessCaseResult, data: BusinessCaseInput) -> None:
    years = data.horizon_years
    payback = result.payback_month
    payback_date = add_months(data.phase_in_start, payback - 1) if payback else None
    cols = st.columns(5)
    cols[0].metric(t("bc.metric.potential"), format_percent(result.efficiency_share, lg, 1))
    cols[1].metric(t("bc.metric.fte"), format_number(result.staffing.fte, 2, lg))
    cols[2].metric(t("bc.metric.kr"), kr(result.staffing.kr_per_year))
    cols[3].metric(t("bc.metric.it"), kr(result.it_savings_per_year))
    if payback_date:
        cols[4].metric(t("bc.metric.payback_in", month=payback),
                       format_month(payback_date, lg))
    else:
        cols[4].metric(t("bc.metric.payback"), t("bc.payback_never", years=years))

    st.subheader(t("bc.chart_title"))
    st.altair_chart(savings_chart(result.months, lg, payback_date), width="stretch")

    left, right = st.columns(2)
    with left:
        st.subheader(t("bc.hour_table"))
        cost = result.hour_cost
        rows = [
            (t("bc.row.monthly_salary"), kr(cost.monthly_salary)),
            (t("bc.row.yearly_salary"), kr(cost.yearly_salary)),
            (t("bc.row.overhead"), kr(cost.overhead)),
            (t("bc.row.total"), kr(cost.total_cost_per_year)),
            (t("bc.row.paid_hours"), format_number(cost.paid_hours, 0, lg)),
            (t("bc.row.effective_hours"), format_number(cost.effective_hours, 0, lg)),
            (t("bc.row.per_paid"), kr(cost.per_paid_hour)),
            (t("bc.row.per_effective"), kr(cost.per_effective_hour)),
        ]
        st.dataframe(pd.DataFrame(rows, columns=[" ", "kr."]), hide_index=True,
                     width="stretch")
    with right:
        st.subheader(t("bc.potential_table"))
        if result.potential is None:
            st.write(t("bc.potential_fixed", share=format_percent(result.efficiency_share, lg)))
        else:
            pct = [(c.task.name, format_percent(c.task.share, lg),
                    format_percent(c.task.efficiency, lg),
                    f"{c.percent_rounded} %") for c in result.potential.contributions]
            pct.append((t("bc.total"), format_percent(result.potential.total_share, lg), "",
                        f"{format_percent(result.potential.total, lg, 1)} "
                        f"(≈ {result.potential.total_percent_rounded} %)"))
            st.dataframe(pd.DataFrame(pct, columns=[t("bc.task"), t("bc.share"),
                                                    t("bc.efficiency"), t("bc.contribution")]),
                         hide_index=True, width="stretch")

    st.subheader(t("bc.years_table"))
    table = pd.DataFrame([{
        t("bc.col.year"): t("bc.year0_label") if y.year == 0 else t("bc.year_label", year=y.year),
        t("bc.col.savings"): kr(y.savings), t("bc.col.investment"): kr(y.investment),
        t("bc.col.running"): kr(y.running_costs), t("bc.col.net"): kr(y.net),
        t("bc.col.cumulative"): kr(y.cumulative_net)} for y in result.case.years])
    st.dataframe(table, hide_index=True, width="stretch")


try:
    result = compute(data)
    show_results(result, data)
except GevinstError as exc:  # a stored case that no longer computes: show why
    _fail(exc)
    result = None

if not editable:
    st.stop()  # below: applying the phase-in and the assumptions' form

# --- Apply the phase-in to an indicator ----------------------------------------------
st.subheader(t("bc.apply_title"))
st.caption(t("bc.apply_help"))
candidates = [i for i in cached(list_indicators)(plan.id) if i.unit in APPLICABLE_UNITS]
if stored is None:
    st.info(t("bc.apply_unsaved"))
elif not candidates:
    st.info(t("bc.apply_none"))
else:
    by_id = {i.id: i for i in candidates}
    # Preselect the indicators of the tree's economic benefits (else the first one).
    preset = cached(economic_indicator_ids)(plan.id) or [candidates[0].id]
    c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
    chosen = c1.multiselect(t("bc.apply_indicator"), list(by_id), default=preset,
                            key="bc_apply_indicators", placeholder=t("ui.choose_many"),
                            format_func=lambda i: f"{by_id[i].name} ({t(f'unit.{by_id[i].unit}')})")
    if c2.button(t("bc.apply_button"), type="primary", key="bc_apply",
                 icon=":material/trending_up:"):
        try:
            updated = apply_phase_in_to_all(engine(), plan.id, chosen, actor())
            flash(" ".join(msg(
                "bc.applied", name=u.name, target=format_value(u.target_value, u.unit, lg))
                for u in updated), slot=FLASH)
            st.rerun()
        except GevinstError as exc:
            _fail(exc)

# --- The assumptions ------------------------------------------------------------------
st.subheader(t("bc.assumptions"))
version = data.version
KINDS = ["linear", "steps", "s_curve"]
start_months = list(month_range(add_months(plan.start_month, -24), plan.end_month))



def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or (
        isinstance(value, str) and not value.strip())


def _shown(value: float, decimals: int = 2) -> str:
    """A stored number as a person types it: 600000 -> '600.000', 18.0 -> '18',
    12.25 -> '12,25' (no trailing zeros)."""
    text = format_number(value, decimals, lg)
    return text.rstrip("0").rstrip(",") if "," in text else text


def _number(label: str, value: float, decimals: int, key: str) -> str:
    """A number field in Danish notation ('30.000', '17,0'); read with parse_number on
    save, so '17,5', '17.5' and '30.000 kr.' all work."""
    return st.text_input(label, format_number(value, decimals, lg), key=key)


def _whole(text: str, field: str) -> int:
    number = _num(text, field)
    if number != int(number):
        raise ValidationError("error.whole_number", field, text=text)
    return int(number)


def _num(value: object, field: str, default: float | None = None) -> float:
    if _blank(value):
        if default is None:
            raise ValidationError("error.value_required", field)
        return default
    return parse_number(value if isinstance(value, str) else float(value), field)


with st.form(f"bc_form_{plan.id}_{version}", border=True):
    c1, c2, c3 = st.columns(3)
    with c1:
        st.markdown(f"**{t('bc.salary_block')}**")
        salary = _number(t("bc.monthly_salary"), data.monthly_salary, 0, "bc_salary")
        pension = _number(t("bc.pension_rate"), data.pension_rate * 100, 1, "bc_pension")
        overhead = _number(t("bc.overhead"), data.overhead, 0, "bc_overhead")
        paid_hours = _number(t("bc.paid_hours"), data.paid_hours, 0, "bc_paid_hours")
        effective = _number(t("bc.effective_share"), data.effective_share * 100, 1,
                            "bc_effective")
    with c2:
        st.markdown(f"**{t('bc.potential_block')}**")
        fte = _number(t("bc.fte"), data.fte, 2, "bc_fte")
        source = st.radio(t("bc.potential_source"), ["tasks", "fixed"],
                          ["tasks", "fixed"].index(data.potential_source), horizontal=True,
                          format_func=lambda s: t(f"bc.source.{s}"), key="bc_source")
        fixed = _number(t("bc.fixed_potential"), data.fixed_potential * 100, 1, "bc_fixed")
        it_costs = _number(t("bc.it_costs"), data.it_costs_per_year, 0, "bc_it_costs")
        it_saving = _number(t("bc.it_saving"), data.it_saving_share * 100, 1, "bc_it_saving")
    with c3:
        st.markdown(f"**{t('bc.phase_block')}**")
        kind = st.radio(t("bc.phase_kind"), KINDS, KINDS.index(data.phase_in_kind),
                        horizontal=True, format_func=lambda k: t(f"bc.kind.{k}"),
                        key="bc_kind")
        start = month_select(t("bc.phase_start"), start_months, data.phase_in_start,
                             key="bc_start")
        ramp = _number(t("bc.ramp_months"), data.ramp_months, 0, "bc_ramp")
        steps_text = st.text_input(t("bc.steps"), " / ".join(
            format_number(s, 0, lg) for s in data.step_percentages), key="bc_steps")
        horizon = _number(t("bc.horizon"), data.horizon_years, 0, "bc_horizon")
    st.markdown(f"**{t('bc.tasks')}**")
    tasks_df = pd.DataFrame({
        "name": [x.name for x in data.tasks],
        "share": [_shown(x.share * 100) for x in data.tasks],
        "efficiency": [_shown(x.efficiency * 100) for x in data.tasks]},
    ).astype("object")
    tasks_edit = st.data_editor(tasks_df, num_rows="dynamic", hide_index=True,
                                width="stretch", key="bc_tasks", column_config={
                                    "name": st.column_config.TextColumn(t("bc.task"),
                                                                        width="large"),
                                    "share": st.column_config.TextColumn(t("bc.share")),
                                    "efficiency": st.column_config.TextColumn(
                                        t("bc.efficiency"))})
    st.markdown(f"**{t('bc.costs')}**")
    costs_df = pd.DataFrame({
        "year": [c.year for c in data.costs],
        "investment": [_shown(c.investment) for c in data.costs],
        "running": [_shown(c.running_costs) for c in data.costs]},
    ).astype({"year": "Int64", "investment": "object", "running": "object"})
    costs_edit = st.data_editor(costs_df, num_rows="dynamic", hide_index=True,
                                width="stretch", key="bc_costs", column_config={
                                    "year": st.column_config.NumberColumn(
                                        t("bc.year"), step=1, format="%d"),
                                    "investment": st.column_config.TextColumn(
                                        t("bc.investment")),
                                    "running": st.column_config.TextColumn(
                                        t("bc.running"))})
    if st.form_submit_button(t("bc.save"), type="primary", icon=":material/save:"):
        try:
            tasks = [TaskInput(str(row["name"] or "").strip() if not _blank(row["name"]) else "",
                               _num(row["share"], "tasks") / 100,
                               _num(row["efficiency"], "tasks") / 100)
                     for row in tasks_edit.to_dict("records")
                     if not all(_blank(v) for v in row.values())]
            costs = [CostInput(int(_num(row["year"], "costs")),
                               _num(row["investment"], "costs", 0.0),
                               _num(row["running"], "costs", 0.0))
                     for row in costs_edit.to_dict("records")
                     if not all(_blank(v) for v in row.values())]
            salary, pension, overhead, paid_hours, effective, fte, fixed, it_costs, \
                it_saving = (_num(text, field) for text, field in (
                    (salary, "monthly_salary"), (pension, "pension_rate"),
                    (overhead, "overhead"), (paid_hours, "paid_hours"),
                    (effective, "effective_share"), (fte, "fte"),
                    (fixed, "fixed_potential"), (it_costs, "it_costs_per_year"),
                    (it_saving, "it_saving_share")))
            ramp, horizon = _whole(ramp, "ramp_months"), _whole(horizon, "horizon_years")
            new = BusinessCaseInput(
                phase_in_start=start, monthly_salary=salary, pension_rate=pension / 100,
                overhead=overhead, paid_hours=paid_hours, effective_share=effective / 100,
                fte=fte, potential_source=source, fixed_potential=fixed / 100,
                it_costs_per_year=it_costs, it_saving_share=it_saving / 100,
                phase_in_kind=kind, ramp_months=int(ramp),
                step_percentages=parse_steps(steps_text) if kind == "steps" else
                data.step_percentages,
                horizon_years=int(horizon), tasks=tasks, costs=costs, version=version)
            save_business_case(engine(), plan.id, new, actor())
            flash(msg("bc.saved"), slot=FLASH)
            st.rerun()
        except GevinstError as exc:
            _fail(exc)

# --- Harvest (hjemtagning) of the economic benefit -------------------------------------
st.divider()
harvest_section(plan)
