"""The plan's fixed board meeting (weekday, time, length): the agenda e-mail goes out the
day before, and Mine opgaver shows the next one."""

from __future__ import annotations

import streamlit as st

from dashboard.components.cache import cached
from dashboard.components.context import actor
from dashboard.components.engine import engine
from dashboard.components.i18n import error_text, t
from tracking.errors import GevinstError
from tracking.models import Plan
from tracking.readmodel.reminders import meeting_schedule
from tracking.services.reminders import set_meeting_schedule

NONE = -1  # no fixed meeting


def schedule_form(plan: Plan) -> None:
    current = cached(meeting_schedule)(plan.id)  # type: ignore[arg-type]
    days = [NONE, *range(7)]
    with st.form(f"schedule_{plan.id}"):
        day_col, time_col, length_col, every_col = st.columns(4)
        weekday = day_col.selectbox(
            t("schedule.weekday"), days, index=days.index(current.weekday) if current else 0,
            format_func=lambda d: t("schedule.none") if d == NONE else t(f"weekday.{d}"),
            key=f"schedule_day_{plan.id}")
        start = time_col.text_input(t("schedule.time"), value=current.start_time
                                    if current else "09:00", key=f"schedule_time_{plan.id}")
        length = length_col.number_input(t("schedule.length"), 15, 30, current.length_minutes
                                         if current else 15, 5, key=f"schedule_len_{plan.id}")
        every = every_col.selectbox(t("schedule.every"), [1, 2],
                                    index=(current.every_weeks - 1) if current else 0,
                                    format_func=lambda n: t(f"schedule.every_{n}"),
                                    key=f"schedule_every_{plan.id}")
        st.caption(t("schedule.caption"))
        if st.form_submit_button(t("profile.save"), type="primary"):
            try:
                set_meeting_schedule(engine(), plan.id, None if weekday == NONE else weekday,  # type: ignore[arg-type]
                                     start.strip(), int(length), int(every), actor=actor())  # type: ignore[arg-type]
            except GevinstError as exc:
                st.error(error_text(exc))
            else:
                st.success(t("schedule.saved"))
