"""Mine opgaver: one person's figures to enter, actions to move and next board meetings,
across all their plans. The landing page after sign-in for everyone with a role in a
plan, except directors (they land on Oversigt)."""

from __future__ import annotations

import streamlit as st

from dashboard.components.context import actor, may, switch_plan
from dashboard.components.engine import engine
from dashboard.components.i18n import error_text, lang, t
from dashboard.components.messages import flash, msg, show_flash
from dashboard.components.text import md_escape
from tracking.auth.roles import Permission
from tracking.board_rules import neighbour
from tracking.clock import today
from tracking.errors import GevinstError
from tracking.formatting import format_date, format_month
from tracking.i18n import translate_count
from tracking.mail import smtp_settings
from tracking.models import ActionStatus
from tracking.months import iso_month
from tracking.readmodel.my_tasks import ActionTask, FigureTask, MeetingTask, my_tasks
from tracking.services.actions import move_action

FLASH = "my_tasks"

me = actor()
lg, on = lang(), today()
st.title(t("tasks.title"))
st.caption(t("tasks.caption", today=format_date(on, lg)))
if me is None or me.user_id is None:
    st.info(t("tasks.nothing"))
    st.stop()
show_flash(FLASH)

tasks = my_tasks(engine(), me.user_id, on)


def _enter(f: FigureTask) -> None:
    switch_plan(f.plan_id)
    st.switch_page("pages/enter_figures.py", query_params={
        "plan": str(f.plan_id), "indikator": str(f.indicator_id), "maaned": iso_month(f.month)})


def _figure_row(f: FigureTask) -> None:
    with st.container(border=True):
        text, when, button = st.columns([5, 3, 1], vertical_alignment="center")
        text.markdown(f"**{md_escape(f.indicator)}** · {format_month(f.month, lg)}  \n"
                      f":gray[{md_escape(f.plan)}]")
        deadline = format_date(f.deadline, lg)
        when.markdown(f":red[{t('tasks.figure_missing', deadline=deadline)}]" if f.missing
                      else t("tasks.figure_awaiting", deadline=deadline))
        if button.button(t("tasks.enter"), key=f"enter_{f.indicator_id}_{iso_month(f.month)}",
                         type="primary" if f.missing else "secondary", width="stretch"):
            _enter(f)


def _when(a: ActionTask) -> str:
    days = (a.deadline - on).days
    deadline = format_date(a.deadline, lg)
    if days < 0:
        return ":red[" + translate_count("tasks.overdue", -days, lg, deadline=deadline) + "]"
    if days == 0:
        return ":orange[" + t("tasks.due_today") + "]"
    return translate_count("tasks.due", days, lg, deadline=deadline)


def _move(a: ActionTask, to: ActionStatus) -> None:
    try:
        move_action(engine(), a.action_id, to, a.version, actor())
    except GevinstError as exc:
        st.error(error_text(exc))
        return
    flash(msg("tasks.moved", action=a.title, status=t(f"action.status.{to.value}")),
          slot=FLASH)
    st.rerun()


def _action_row(a: ActionTask) -> None:
    with st.container(border=True):
        text, when, buttons = st.columns([5, 3, 2], vertical_alignment="center")
        status = t(f"action.status.{a.status}")
        text.markdown(f"**{md_escape(a.title)}**  \n:gray[{md_escape(a.plan)} · {status}]")
        when.markdown(_when(a))
        nxt = neighbour(ActionStatus(a.status), 1)
        # Only forward to Igangsat or Afsluttet here; Evalueret needs a note (Handleplan).
        if nxt in (ActionStatus.STARTED, ActionStatus.FINISHED) \
                and may(Permission.EDIT_BOARD, plan_id=a.plan_id) and buttons.button(
                t("tasks.move_to", status=t(f"action.status.{nxt.value}")),
                key=f"move_{a.action_id}", width="stretch"):
            _move(a, nxt)


def _meeting_row(m: MeetingTask) -> None:
    day = f"{t(f'weekday.{m.day.weekday()}')} {format_date(m.day, lg)}"
    text, link = st.columns([8, 2], vertical_alignment="center")
    text.markdown(f"**{md_escape(m.plan)}** · " + t(
        "tasks.meeting_line", day=day, time=m.start_time, minutes=m.length_minutes))
    if link.button(t("tasks.open_board"), key=f"board_{m.plan_id}", width="stretch"):
        switch_plan(m.plan_id)
        st.switch_page("pages/board.py", query_params={"plan": str(m.plan_id)})


if tasks.empty:
    st.success(t("tasks.nothing"))

st.subheader(t("tasks.figures"), anchor=False)
if tasks.figures:
    for f in tasks.figures:
        _figure_row(f)
else:
    st.caption(t("tasks.figures_none"))

st.subheader(t("tasks.actions"), anchor=False)
if tasks.actions:
    for a in tasks.actions:
        _action_row(a)
else:
    st.caption(t("tasks.actions_none"))

st.subheader(t("tasks.meetings"), anchor=False)
if tasks.meetings:
    for m in tasks.meetings:
        _meeting_row(m)
else:
    st.caption(t("tasks.meetings_none"))

if smtp_settings() is None:
    st.caption(t("tasks.no_smtp"))
