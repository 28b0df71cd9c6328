"""Planer: create and edit plans and their indicators with target trajectories."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.cache import cached
from dashboard.components.context import access_note, actor, may, switch_plan
from dashboard.components.engine import engine
from dashboard.components.i18n import error_text, lang, t
from dashboard.components.meeting_schedule import schedule_form
from dashboard.components.messages import flash, msg, show_flash
from dashboard.components.months import month_select
from dashboard.components.text import md_escape
from tracking.auth import Role
from tracking.auth.roles import Permission
from tracking.clock import today
from tracking.errors import GevinstError, ValidationError
from tracking.formatting import format_month, format_number, name_with_unit
from tracking.models import Direction, Indicator, IndicatorKind, Measure, PhaseIn, Plan
from tracking.months import add_months, month_of, month_range
from tracking.parsing import parse_number, parse_steps
from tracking.readmodel.plans import list_indicators, list_plans
from tracking.readmodel.users import get_user, list_members
from tracking.rules import DEFAULT_REPORT_DEADLINE_DAY, MAX_REPORT_DEADLINE_DAY
from tracking.services.plans import (
    IndicatorInput,
    PlanInput,
    create_indicator,
    create_plan,
    default_measure,
    set_indicator_archived,
    set_plan_archived,
    update_indicator,
    update_plan,
)
from tracking.trajectory_codec import decode_explicit, decode_steps
from tracking.units import MONEY_UNITS, Unit

lg = lang()
st.title(t("nav.plans"))
this_month = month_of(today())
ALL_MONTHS = list(month_range(add_months(this_month, -120), add_months(this_month, 120)))


def _flash(message: str) -> None:
    flash(message, slot="plans")


def _number(text: str, field: str) -> float:
    return parse_number(text, field)



def _owner_account(plan: Plan, ind: Indicator | None, column: object, key: str) -> int | None:
    """The account that may enter the indicator's figures: one of the plan's benefit
    owners (or its facilitators). The current one is kept even if no longer a member,
    so saving other fields never takes the right away unnoticed."""
    people = {m.user_id: m.name for m in cached(list_members)(plan.id)
              if m.active and m.role in (Role.OWNER, Role.FACILITATOR)}
    current = ind.owner_user_id if ind else None
    if current is not None and current not in people:
        people[current] = cached(get_user)(current).name
    options: list[int | None] = [None, *people]
    return column.selectbox(  # type: ignore[attr-defined]
        t("ui.owner_account"), options, options.index(current), key=f"{key}_owner_account",
        format_func=lambda i: t("ui.owner_account_none") if i is None else people[i],
        help=t("ui.owner_account_help"))


def plan_form(plan: Plan | None) -> None:
    """Fields of a plan; creates or saves on submit."""
    key = f"plan_{plan.id if plan else 'new'}"
    with st.form(key, border=False):
        c1, c2 = st.columns(2)
        name = c1.text_input(t("ui.plan_name"), plan.name if plan else "", max_chars=200)
        solution = c2.text_input(t("ui.solution"), plan.solution if plan else "")
        team = c1.text_input(t("ui.team"), plan.team if plan else "")
        owner = c2.text_input(t("ui.benefit_owner"), plan.benefit_owner if plan else "")
        department = c1.text_input(t("overview.department"), plan.department if plan else "",
                                   max_chars=200, help=t("overview.department_help"))
        area = c2.text_input(t("overview.area"), plan.area if plan else "", max_chars=200)
        start = month_select(t("ui.start_month"), ALL_MONTHS,
                             plan.start_month if plan else this_month, key=f"{key}_start")
        end = month_select(t("ui.end_month"), ALL_MONTHS,
                           plan.end_month if plan else add_months(this_month, 35),
                           key=f"{key}_end")
        c3, c4 = st.columns(2)
        on_track = c3.number_input(t("ui.on_track_threshold"), 1, 200,
                                   round((plan.on_track_threshold if plan else 0.95) * 100))
        at_risk = c4.number_input(t("ui.at_risk_threshold"), 0, 199,
                                  round((plan.at_risk_threshold if plan else 0.80) * 100))
        deadline_day = c3.number_input(
            t("report.deadline_day"), 1, MAX_REPORT_DEADLINE_DAY,
            plan.report_deadline_day if plan else DEFAULT_REPORT_DEADLINE_DAY,
            help=t("report.deadline_day.help"))
        municipality = c4.text_input(t("overview.municipality"),
                                     plan.municipality if plan else "", max_chars=200)
        if st.form_submit_button(t("ui.save") if plan else t("ui.create_plan"), type="primary"):
            data = PlanInput(name=name, solution=solution, team=team, benefit_owner=owner,
                             department=department, area=area, start_month=start, end_month=end,
                             on_track_threshold=on_track / 100, at_risk_threshold=at_risk / 100,
                             report_deadline_day=int(deadline_day),
                             municipality=municipality)
            try:
                if plan:
                    update_plan(engine(), plan.id, data, actor(), plan.version)
                else:
                    created = create_plan(engine(), data, actor())
                    switch_plan(created.id)
                _flash(msg("ui.plan_saved", name=data.name))
                st.rerun()
            except GevinstError as exc:
                st.error(error_text(exc))


def indicator_form(plan: Plan, ind: Indicator | None) -> None:
    """Fields of an indicator and its trajectory. Not an st.form: the trajectory fields
    change with the chosen phase-in."""
    key = f"ind_{ind.id if ind else f'new_{plan.id}'}"
    plan_months = list(month_range(plan.start_month, plan.end_month))
    baseline_months = list(month_range(add_months(plan.start_month, -24), plan.end_month))
    c1, c2, c3 = st.columns(3)
    name = c1.text_input(t("ui.indicator_name"), ind.name if ind else "", key=f"{key}_name")
    units = [u.value for u in Unit]
    unit = c2.selectbox(t("ui.unit"), units, units.index(ind.unit) if ind else 0,
                        key=f"{key}_unit", format_func=lambda u: t(f"unit.{u}"))
    kinds = [k.value for k in IndicatorKind]
    kind = c3.selectbox(t("ui.kind"), kinds, kinds.index(ind.kind) if ind else 1,
                        key=f"{key}_kind", format_func=lambda k: t(f"kind.{k}"))
    directions = [d.value for d in Direction]
    direction = c1.radio(t("ui.direction"), directions, key=f"{key}_direction",
                         index=directions.index(ind.direction) if ind else None,
                         format_func=lambda d: t(f"direction.{d}"), horizontal=True,
                         help=t("ui.direction_help"))
    owner = c2.text_input(t("ui.owner"), ind.owner if ind else "", key=f"{key}_owner")
    owner_user_id = _owner_account(plan, ind, c3, key)
    measures = [m.value for m in Measure]
    current_measure = ind.measure if ind else default_measure(unit).value
    m1, m2 = st.columns([2, 1])
    measure = m1.radio(t("ui.measure"), measures, measures.index(current_measure),
                       key=f"{key}_measure", horizontal=True,
                       format_func=lambda m: t(f"measure.{m}"),
                       captions=[t(f"measure.{m}.help") for m in measures])
    budget_effect = m2.checkbox(t("budget_effect.yes"), ind.budget_effect if ind else True,
                                key=f"{key}_budget", help=t("budget_effect.help"),
                                disabled=unit not in MONEY_UNITS or measure == Measure.RATE)
    c4, c5, c6 = st.columns(3)
    baseline = c4.text_input(t("ui.baseline_value"),
                             format_number(ind.baseline_value, 2, lg).rstrip("0").rstrip(",.")
                             if ind else "", key=f"{key}_baseline")
    with c5:
        baseline_month = month_select(
            t("ui.baseline_month"), baseline_months,
            ind.baseline_month if ind else add_months(plan.start_month, -1), key=f"{key}_bm")
    target = c6.text_input(t("ui.target_value"),
                           format_number(ind.target_value, 2, lg).rstrip("0").rstrip(",.")
                           if ind else "", key=f"{key}_target")
    phases = [p.value for p in PhaseIn]
    phase = st.radio(t("ui.phase_in"), phases, phases.index(ind.phase_in) if ind else 0,
                     key=f"{key}_phase", format_func=lambda p: t(f"phase_in.{p}"),
                     horizontal=True)
    c7, c8 = st.columns(2)
    with c7:
        start = month_select(t("ui.target_start_month"), plan_months,
                             ind.target_start_month if ind else plan.start_month,
                             key=f"{key}_start")
    full_effect, steps_text, explicit = start, "", {}
    if phase == PhaseIn.LINEAR:
        with c8:
            full_effect = month_select(
                t("ui.full_effect_month"), plan_months,
                ind.full_effect_month if ind else min(add_months(start, 11), plan.end_month),
                key=f"{key}_full")
    elif phase == PhaseIn.STEPS:
        current = " / ".join(f"{s * 100:g}" for s in decode_steps(ind.step_percentages)) \
            if ind and ind.step_percentages else "25 / 75 / 100"
        steps_text = c8.text_input(t("ui.steps"), current, key=f"{key}_steps",
                                   help=t("ui.steps_help"))
    else:
        st.caption(t("ui.explicit_help"))
        known = decode_explicit(ind.explicit_targets) if ind else {}
        grid = pd.DataFrame({
            "month": [format_month(m, lg) for m in plan_months],
            "target": [format_number(known[m], 2, lg).rstrip("0").rstrip(",.")
                       if m in known else "" for m in plan_months]})
        edited = st.data_editor(grid, hide_index=True, key=f"{key}_explicit",
                                disabled=["month"], num_rows="fixed", height=250,
                                column_config={
                                    "month": st.column_config.TextColumn(t("ui.month")),
                                    "target": st.column_config.TextColumn(t("ui.target"))})
        explicit = {m: v for m, v in zip(plan_months, edited["target"], strict=True)
                    if v and str(v).strip()}
    if st.button(t("ui.save") if ind else t("ui.create_indicator"), key=f"{key}_save",
                 type="primary"):
        try:
            if direction is None:
                raise ValidationError("error.unknown_direction", "direction")
            data = IndicatorInput(
                name=name, unit=unit, direction=direction, kind=kind, owner=owner,
                owner_user_id=owner_user_id,
                baseline_value=_number(baseline, "baseline_value"),
                baseline_month=baseline_month, target_value=_number(target, "target_value"),
                target_start_month=start, full_effect_month=full_effect, phase_in=phase,
                step_percentages=parse_steps(steps_text) if phase == PhaseIn.STEPS else [],
                explicit_targets={m: _number(v, "explicit_targets")
                                  for m, v in explicit.items()},
                measure=measure, budget_effect=budget_effect)
            if ind:
                update_indicator(engine(), ind.id, data, actor(), ind.version)
            else:
                create_indicator(engine(), plan.id, data, actor())
            _flash(msg("ui.indicator_saved", name=data.name))
            st.rerun()
        except GevinstError as exc:
            st.error(f"{t(f'field.{exc.field}') + ': ' if exc.field else ''}{error_text(exc)}")


show_flash("plans")


def _indicator_title(ind: Indicator) -> str:
    return name_with_unit(ind.name, ind.unit, lang(), f" · {t(f'measure.{ind.measure}')}" + (
        f" · {t('budget_effect.' + ('yes' if ind.budget_effect else 'no'))}"
        if ind.unit in MONEY_UNITS and ind.measure != Measure.RATE else "")) + (
        f" · {t('ui.archived')}" if ind.archived_at else "")


def read_only_plan(plan: Plan, show_archived: bool) -> None:
    """The plan as a reader sees it: its facts and its indicators, no form."""
    st.markdown("  \n".join(
        f"{label}: **{md_escape(value)}**" for label, value in (
            (t("ui.solution"), plan.solution), (t("ui.team"), plan.team),
            (t("ui.benefit_owner"), plan.benefit_owner),
            (t("ui.start_month"), format_month(plan.start_month, lang())),
            (t("ui.end_month"), format_month(plan.end_month, lang()))) if value))
    st.subheader(t("ui.indicators"))
    for ind in cached(list_indicators)(plan.id, include_archived=show_archived):
        st.markdown(f"- {md_escape(_indicator_title(ind))}")

access_note(Permission.EDIT_PLAN, Permission.CREATE_PLAN)
show_archived = st.toggle(t("ui.show_archived"), key="plans_show_archived")
plans = cached(list_plans)(include_archived=show_archived)
creates = may(Permission.CREATE_PLAN)
tab_edit, tab_new = st.tabs([t("ui.edit_plans"), t("ui.new_plan")]) if creates \
    else (st.container(), None)
if tab_new is not None:
    with tab_new:
        plan_form(None)
with tab_edit:
    if not plans:
        st.info(t("ui.no_plans"))
    else:
        by_id = {p.id: p for p in plans}
        default = st.session_state.get("plan_id")
        chosen = st.selectbox(
            t("ui.plan"), list(by_id), list(by_id).index(default) if default in by_id else 0,
            key="plans_chosen", format_func=lambda i: by_id[i].name + (
                f" ({t('ui.archived')})" if by_id[i].archived_at else ""))
        plan = by_id[chosen]
        edits = may(Permission.EDIT_PLAN, plan_id=plan.id)
        if not edits:
            read_only_plan(plan, show_archived)
            st.stop()
        with st.expander(t("ui.plan_details"), expanded=False):
            plan_form(plan)
            label = t("ui.restore") if plan.archived_at else t("ui.archive_plan")
            if st.button(label, key=f"archive_plan_{plan.id}"):
                try:
                    set_plan_archived(engine(), plan.id, not plan.archived_at, actor())
                except GevinstError as exc:
                    st.error(error_text(exc))
                else:
                    _flash(msg("ui.plan_restored" if plan.archived_at else "ui.plan_archived",
                               name=plan.name))
                    st.rerun()
        with st.expander(t("schedule.title"), expanded=False, icon=":material/event_repeat:"):
            schedule_form(plan)
        st.subheader(t("ui.indicators"))
        for ind in cached(list_indicators)(plan.id, include_archived=show_archived):
            with st.expander(md_escape(_indicator_title(ind))):
                indicator_form(plan, ind)
                label = t("ui.restore") if ind.archived_at else t("ui.archive_indicator")
                if st.button(label, key=f"archive_ind_{ind.id}"):
                    try:
                        set_indicator_archived(engine(), ind.id, not ind.archived_at,
                                               actor())
                    except GevinstError as exc:
                        st.error(error_text(exc))
                    else:
                        _flash(msg("ui.indicator_archived" if not ind.archived_at
                                   else "ui.indicator_restored", name=ind.name))
                        st.rerun()
        with st.expander(t("ui.new_indicator"), expanded=False, icon=":material/add:"):
            indicator_form(plan, None)

