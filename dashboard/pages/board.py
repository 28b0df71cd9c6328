"""Tavle: the whole board on one wall screen, and the meeting held in front of it."""

from __future__ import annotations

import streamlit as st

from dashboard.components import meeting as mtg
from dashboard.components import wall
from dashboard.components.cache import cached
from dashboard.components.context import access_note, caps, current_plan, may
from dashboard.components.engine import engine
from dashboard.components.i18n import t
from dashboard.components.text import md_escape
from tracking.auth.roles import Permission
from tracking.clock import today
from tracking.meeting_rules import AGENDA, STEP_FIELD
from tracking.readmodel.meetings import current_step, open_meeting

plan = current_plan()
if plan is None:
    st.info(t("ui.no_plans"))
    st.stop()

st.set_page_config(initial_sidebar_state="collapsed")  # the wall needs the whole width
wall.wall_style()
mtg.show_flash()
on = today()
meeting = cached(open_meeting)(plan.id)
# A reader sees the wall as the kiosk shows it; a member works on it; a facilitator also
# runs the meeting. What the role allows is said once, above the wall.
writes, runs = may(Permission.EDIT_BOARD), may(Permission.RUN_MEETING)
figures = may(Permission.ENTER_FIGURES) or bool(caps().owned_indicator_ids)
access_note(Permission.EDIT_BOARD, Permission.RUN_MEETING)

title_col, start_col, minutes_col, settings_col = st.columns(
    [6, 1.3, 1.3, 1.7], vertical_alignment="center")
title_col.markdown(f"### {md_escape(plan.name)}")
if meeting is None and runs and start_col.button(t("meeting.start"), type="primary",
                                        icon=":material/groups:", key="meeting_start",
                                        width="stretch"):
    mtg.start_dialog(plan)
with minutes_col.popover(t("meeting.minutes"), icon=":material/description:", width="stretch"):
    mtg.minutes_archive(plan)
if runs:
    with settings_col.popover(t("meeting.settings"), icon=":material/tune:",
                              width="stretch"):
        mtg.participants_panel(plan)
        st.divider()
        mtg.kiosk_panel(plan)

active = None
if meeting is not None and not (runs and mtg.left_open(plan, meeting)):
    step = current_step(engine(), meeting.id)
    active = STEP_FIELD[AGENDA[step]]
    if runs:
        mtg.agenda_bar(plan, meeting, step)
    else:
        mtg.step_line(plan, step)

if (shown := st.session_state.pop(mtg.SHOW_MINUTES, None)) is not None:
    mtg.minutes_dialog(shown)
elif st.session_state.pop(mtg.SHOW_LAST, False):
    mtg.last_dialog(plan)

field = wall.focus()
if field is None:
    tools = {"assessment": lambda: (mtg.score_tool(plan), mtg.promote_tool(plan))} \
        if writes else {}
    if figures:
        tools["goal"] = lambda: mtg.figure_tool(plan)
    wall.render_wall(plan, on, interactive=writes,
                     height=wall.field_height(with_meeting_bar=active is not None and runs),
                     active=active, tools=tools)
else:
    wall.shrink_button()
    st.subheader(t(f"meeting.field.{field}"))
    if field == "goal":
        mtg.figure_tool(plan)
        wall.goal_field(plan, on, 0, full=True)
    elif field == "ideas":
        from dashboard.components.ideas import render_ideas
        render_ideas(plan)
    elif field == "assessment":
        from dashboard.components.assessment import render_assessment
        render_assessment(plan)
    else:
        from dashboard.components.action_plan import render_action_plan
        render_action_plan(plan, on=on)
