"""The meeting around the wall: start, the agenda with its clock, close, the minutes,
the plan's participants and the kiosk links.

The clock is a fragment that reruns every second on its own; nothing else reruns.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.components.cache import cached
from dashboard.components.context import actor
from dashboard.components.engine import engine
from dashboard.components.i18n import error_text, lang, t
from dashboard.components.messages import flash, flash_error, msg
from dashboard.components.messages import show_flash as show_flash_in
from dashboard.components.text import md_escape
from tracking.board_rules import OPEN_STATUSES, SCORES, card_text
from tracking.clock import now, today
from tracking.errors import GevinstError
from tracking.formatting import format_date, format_datetime
from tracking.meeting_rules import (
    AGENDA,
    LONGEST,
    SHORTEST,
    causes_to_discuss,
    format_clock,
    meeting_clock,
)
from tracking.minutes import Minutes, minutes_title, render_markdown, render_pdf
from tracking.minutes_docx import MIME as DOCX_MIME
from tracking.minutes_docx import render_docx
from tracking.models import KioskLink, Meeting, Plan
from tracking.readmodel.board import actions_frame, ideas_frame
from tracking.readmodel.goal import behind_indicators
from tracking.readmodel.kiosk import KIOSK_VALID_MONTHS, kiosk_expires_at, list_kiosk_links
from tracking.readmodel.meetings import (
    attendees,
    closed_meetings,
    get_minutes,
    last_meeting,
    list_participants,
    plan_people,
    visits,
)
from tracking.services.ideas import score_idea
from tracking.services.meetings import (
    KIOSK_MONTH_CHOICES,
    add_participant,
    close_meeting,
    create_kiosk_link,
    go_to_step,
    remove_participant,
    revoke_kiosk_link,
    set_attendance,
    start_meeting,
)

SHOW_MINUTES = "meeting_show_minutes"  # meeting id whose minutes to show after closing
SHOW_LAST = "meeting_show_last"  # show the previous minutes as the meeting opens

_CSS = """
<style>
div[class*="st-key-clock-over"] p { color: #b71c1c; font-weight: 800; }
div[class*="st-key-clock-"] p { font-size: 1.35rem; font-weight: 700; margin: 0;
  white-space: nowrap; }
div[class*="st-key-meetingbar"] button p { font-size: 1rem; }
</style>
"""


SLOT = "meeting"


def _flash(text: str) -> None:
    flash(text, slot=SLOT)


def show_flash() -> None:
    show_flash_in(SLOT, toast=True)


# Start --------------------------------------------------------------------------------------

@st.dialog(" ", width="large")
def start_dialog(plan: Plan) -> None:
    st.subheader(t("meeting.start_heading"))
    people = cached(plan_people)(plan.id)
    date_col, length_col = st.columns(2)
    held_on = date_col.date_input(t("meeting.date"), value=today(), format="DD.MM.YYYY",
                                  key="meeting_date")
    length = length_col.number_input(t("meeting.length"), SHORTEST, LONGEST, SHORTEST, 1,
                                     key="meeting_length")
    present = st.pills(t("meeting.present"), people, selection_mode="multi",
                       key="meeting_present", help=t("meeting.present_help"))
    if st.button(t("meeting.begin"), type="primary", icon=":material/play_arrow:",
                 key="meeting_begin"):
        try:
            start_meeting(engine(), plan.id, list(present or []), int(length or SHORTEST),
                          held_on, actor=actor())
        except GevinstError as exc:
            st.error(error_text(exc), icon=":material/error:")
        else:
            _flash(msg("meeting.started"))
            st.session_state[SHOW_LAST] = True
            st.rerun()


# The agenda bar -------------------------------------------------------------------------------

def _go(meeting_id: int, step: int) -> None:
    try:
        go_to_step(engine(), meeting_id, step, actor=actor())
    except GevinstError as exc:
        flash_error(exc, "meeting_bar")


@st.fragment(run_every=1)
def clock(meeting: Meeting) -> None:
    """Time overall and in the current step; red with a warning once over."""
    state = meeting_clock(meeting.started_at, meeting.length_minutes,
                          visits(engine(), meeting.id), now())
    total = t("meeting.clock_total", elapsed=format_clock(state.elapsed),
              length=format_clock(state.length))
    step = t("meeting.clock_step", elapsed=format_clock(state.step_elapsed),
             budget=format_clock(state.step_budget))
    icon = ":material/timer:"
    st.container(key=f"clock-{'over' if state.over else 'ok'}-total").markdown(
        f"{icon} {total}" + (f" · {t('meeting.over_total', over=format_clock(-state.remaining))}"
                             if state.over else ""))
    st.container(key=f"clock-{'over' if state.step_over else 'ok'}-step").markdown(
        step + (f" · {t('meeting.over_step')}" if state.step_over else ""))


def agenda_bar(plan: Plan, meeting: Meeting, step: int) -> None:
    st.html(_CSS)
    show_flash_in("meeting_bar")
    with st.container(key="meetingbar"):
        steps_col, clock_col, tools_col = st.columns([5.6, 2.9, 4.2], vertical_alignment="center")
        with steps_col:
            cols = st.columns(len(AGENDA), gap="small")
            for i, (col, s) in enumerate(zip(cols, AGENDA, strict=True)):
                col.button(f"{i + 1}. {t(f'meeting.step_short.{s.value}')}", key=f"step_{i}",
                           type="primary" if i == step else "secondary", width="stretch",
                           on_click=_go, args=(meeting.id, i),
                           help=t(f"meeting.step.{s.value}.help"))
        with clock_col:
            clock(meeting)
        with tools_col:
            nxt, present, last, close = st.columns([1.2, 0.9, 0.55, 1.6], gap="small")
            nxt.button(t("meeting.next"), key="step_next", icon=":material/skip_next:",
                       on_click=_go, args=(meeting.id, min(step + 1, len(AGENDA) - 1)),
                       disabled=step == len(AGENDA) - 1, width="stretch")
            with present.popover(str(len(attendees(engine(), meeting.id))),
                                 icon=":material/groups:", width="stretch",
                                 help=t("meeting.present")):
                attendance_form(plan, meeting)
            if last.button("", key="show_last", icon=":material/history:",
                           help=t("meeting.last_minutes", date="")):
                last_dialog(plan)
            if close.button(t("meeting.close"), key="meeting_close", type="primary",
                            icon=":material/stop_circle:", width="stretch"):
                close_dialog(meeting)
    step_line(plan, step)


def step_line(plan: Plan, step: int) -> None:
    """Where the meeting is (shown alone to those who follow it without running it). At
    the figures step with an indicator behind, the line asks for the causes of the
    shortfall instead (one line either way: the wall below keeps its height)."""
    behind = [md_escape(name) for name in cached(behind_indicators)(plan.id, today())]
    causes = causes_to_discuss(behind, AGENDA[step])
    st.caption(f"**{t('meeting.step_of', n=step + 1, total=len(AGENDA))}:** " + (
        f":orange[{t('meeting.causes', names=', '.join(f'»{n}«' for n in causes))}]"
        if causes else t(f"meeting.step.{AGENDA[step].value}.help")))


def attendance_form(plan: Plan, meeting: Meeting) -> None:
    people = cached(plan_people)(plan.id)
    present = attendees(engine(), meeting.id)
    options = sorted(set(people) | set(present), key=str.casefold)
    chosen = st.pills(t("meeting.present"), options, selection_mode="multi",
                      default=present, key=f"attendance_{meeting.id}")
    if st.button(t("meeting.save_attendance"), key="attendance_save", type="primary"):
        try:
            set_attendance(engine(), meeting.id, list(chosen or []), actor=actor())
        except GevinstError as exc:
            st.error(error_text(exc))
        else:
            _flash(msg("meeting.attendance_saved"))
            st.rerun()


@st.dialog(" ", width="small")
def close_dialog(meeting: Meeting) -> None:
    st.markdown(t("meeting.close_confirm"))
    if st.button(t("meeting.close_go"), type="primary", key="meeting_close_go",
                 icon=":material/stop_circle:"):
        try:
            close_meeting(engine(), meeting.id, actor=actor())
        except GevinstError as exc:
            st.error(error_text(exc))
        else:
            _flash(msg("meeting.closed"))
            st.session_state[SHOW_MINUTES] = meeting.id
            st.rerun()


def left_open(plan: Plan, meeting: Meeting) -> bool:
    """A meeting of an earlier day left open: offer to resume or close it. True while the
    question stands."""
    if meeting.held_on >= today() or st.session_state.get(f"resumed_{meeting.id}"):
        return False
    st.warning(t("meeting.open_left", date=format_date(meeting.held_on, lang()),
                 by=md_escape(meeting.started_by or "–")), icon=":material/warning:")
    resume, close = st.columns([1, 1, 4][:2])
    if resume.button(t("meeting.resume"), key="meeting_resume", icon=":material/play_arrow:"):
        st.session_state[f"resumed_{meeting.id}"] = True
        st.rerun()
    if close.button(t("meeting.close"), key="meeting_close_old", icon=":material/stop_circle:"):
        close_dialog(meeting)
    return True


# Minutes --------------------------------------------------------------------------------------

def minutes_view(minutes: Minutes, key: str) -> None:
    lg = lang()
    st.markdown(render_markdown(minutes, lg))
    name = f"referat-{minutes.held_on}-{minutes.meeting_id}"
    word_col, pdf_col, md_col = st.columns(3)
    # Built when clicked (a PDF takes a while), not on every rerun; a download does not
    # rerun the page (the minutes stay open for the next format).
    word_col.download_button(t("meeting.download_docx"), lambda: render_docx(minutes, lg),
                             file_name=f"{name}.docx", mime=DOCX_MIME,
                             icon=":material/description:", key=f"docx_{key}", on_click="ignore")
    md_col.download_button(t("meeting.download_md"), lambda: render_markdown(minutes, lg),
                           file_name=f"{name}.md", mime="text/markdown",
                           icon=":material/download:", key=f"md_{key}", on_click="ignore")
    pdf_col.download_button(t("meeting.download_pdf"), lambda: render_pdf(minutes, lg),
                            file_name=f"{name}.pdf", mime="application/pdf",
                            icon=":material/picture_as_pdf:", key=f"pdf_{key}", on_click="ignore")


@st.dialog(" ", width="large")
def minutes_dialog(meeting_id: int) -> None:
    minutes_view(get_minutes(engine(), meeting_id), f"dialog_{meeting_id}")


def due_since(plan: Plan, since: date | None) -> None:
    """Open actions whose deadline has come since the last meeting (or before, still open)."""
    actions = cached(actions_frame)(plan.id, today())
    open_ = actions[actions["status"].isin([s.value for s in OPEN_STATUSES])
                    & (actions["deadline"] <= today())]
    st.subheader(t("meeting.due_since"))
    if open_.empty:
        st.caption(t("meeting.due_since_none"))
        return
    lg = lang()
    for _, row in open_.iterrows():
        new = since is None or row["deadline"] > since
        st.markdown(f"{':material/fiber_new: ' if new else ''}**{md_escape(row['title'])}** · "
                    f"{md_escape(row['responsible'])} · {format_date(row['deadline'], lg)} · "
                    f"{t('action.status.' + row['status'])}")


@st.dialog(" ", width="large")
def last_dialog(plan: Plan) -> None:
    last_panel(plan)


def last_panel(plan: Plan) -> None:
    last = cached(last_meeting)(plan.id)
    if last is None:
        st.info(t("meeting.no_meeting_yet"))
        due_since(plan, None)
        return
    st.subheader(t("meeting.last_minutes",
                   date=format_date(last.meeting.held_on, lang())))
    due_since(plan, last.meeting.held_on)
    with st.container(border=True):
        minutes_view(last.minutes, f"last_{last.meeting.id}")


def minutes_archive(plan: Plan) -> None:
    past = cached(closed_meetings)(plan.id)
    if not past:
        st.caption(t("meeting.minutes_none"))
        return
    by_id = {p.meeting.id: p for p in past}
    chosen = st.selectbox(t("meeting.minutes"), list(by_id), key="minutes_pick",
                          format_func=lambda i: minutes_title(by_id[i].minutes, lang()))
    minutes_view(by_id[chosen].minutes, f"archive_{chosen}")


# Participants and kiosk links -----------------------------------------------------------------

def participants_panel(plan: Plan) -> None:
    st.markdown(f"**{t('meeting.participants')}**")
    st.caption(t("meeting.participants_help"))
    for p in cached(list_participants)(plan.id):
        name_col, button_col = st.columns([4, 1], vertical_alignment="center")
        name_col.markdown(md_escape(p.name))
        if button_col.button(t("meeting.participant_remove"), key=f"unlist_{p.id}"):
            remove_participant(engine(), p.id, actor=actor())
            st.rerun()
    with st.form("participant_add", clear_on_submit=True, border=False):
        name_col, button_col = st.columns([4, 1], vertical_alignment="bottom")
        name = name_col.text_input(t("meeting.participant_new"), key="participant_name")
        if button_col.form_submit_button(t("meeting.participant_add")):
            try:
                add_participant(engine(), plan.id, name, actor=actor())
            except GevinstError as exc:
                st.error(error_text(exc))
            else:
                _flash(msg("meeting.participant_added", name=" ".join(name.split())))
                st.rerun()


def _months_label(months: int) -> str:
    return t("kiosk.months", count=months)


def _link_line(link: KioskLink) -> str:
    lg = lang()
    expires = kiosk_expires_at(link)
    parts = [md_escape(link.label or t("kiosk.unnamed")),
             t("kiosk.made", date=format_date(link.created_at.date(), lg),
               by=md_escape(link.created_by or "–")),
             t("kiosk.expired" if expires <= now() else "kiosk.expires",
               date=format_date(expires.date(), lg)),
             t("kiosk.last_used", at=format_datetime(link.last_used_at, lg))
             if link.last_used_at else t("kiosk.never_used")]
    if link.anonymous:
        parts.append(t("kiosk.initials_only"))
    return " · ".join(parts)


def kiosk_panel(plan: Plan) -> None:
    st.markdown(f"**{t('kiosk.heading')}**")
    st.caption(t("kiosk.help"))
    if token := st.session_state.pop("kiosk_new_token", None):
        st.success(t("kiosk.created"), icon=":material/link:")
        st.code(f"?kiosk={token}", language=None)
    label_col, months_col = st.columns([3, 2], vertical_alignment="bottom")
    label = label_col.text_input(t("kiosk.label"), key="kiosk_label")
    months = months_col.selectbox(t("kiosk.valid_for"), KIOSK_MONTH_CHOICES,
                                  index=KIOSK_MONTH_CHOICES.index(KIOSK_VALID_MONTHS),
                                  key="kiosk_months", format_func=_months_label)
    anonymous = st.checkbox(t("kiosk.anonymous"), key="kiosk_anonymous")
    if st.button(t("kiosk.create"), key="kiosk_create", icon=":material/add_link:"):
        try:
            _, token = create_kiosk_link(engine(), plan.id, label, actor=actor(),
                                         valid_months=months, anonymous=anonymous)
        except GevinstError as exc:
            st.error(error_text(exc))
        else:
            st.session_state["kiosk_new_token"] = token
            st.rerun()
    links = cached(list_kiosk_links)(plan.id)
    if not links:
        st.caption(t("kiosk.none"))
    for link in links:
        text_col, button_col = st.columns([4, 1], vertical_alignment="center")
        text_col.markdown(_link_line(link))
        if button_col.button(t("kiosk.revoke"), key=f"revoke_{link.id}"):
            revoke_kiosk_link(engine(), link.id, actor=actor())
            _flash(msg("kiosk.revoked"))
            st.rerun()


# Work from the wall ---------------------------------------------------------------------------

def score_tool(plan: Plan) -> None:
    """Score an idea without leaving the wall: pick it, tap effect and resources."""
    ideas = cached(ideas_frame)(plan.id)
    open_ideas = ideas[ideas["state"] == "open"].copy()
    with st.popover(t("meeting.score"), icon=":material/grid_view:"):
        if open_ideas.empty:
            st.caption(t("meeting.ideas_none"))
            return
        # Unscored first, the newest on top: the idea just put up is the one to score.
        open_ideas["scored"] = open_ideas["field"].notna()
        open_ideas = open_ideas.sort_values(["scored", "id"], ascending=[True, False])
        by_id = {int(r["id"]): r for _, r in open_ideas.iterrows()}
        # A form: the taps are sent together, so the popover stays open until Save.
        with st.form("wall_score", border=False):
            idea_id = st.selectbox(
                t("meeting.score_pick"), list(by_id), key="wall_score_idea",
                format_func=lambda i: f"#{i} {card_text(by_id[i]['text'], 60)[0]}")
            values = {}
            for which in ("effect", "resources"):
                values[which] = st.segmented_control(
                    t(f"board.{which}"), list(SCORES), key=f"wall_{which}",
                    format_func=lambda n, w=which: f"{n} {t(f'{w}.{n}')}")
            if st.form_submit_button(t("ui.save"), type="primary"):
                try:
                    score_idea(engine(), idea_id, actor=actor(), **values)
                except GevinstError as exc:
                    st.error(error_text(exc))
                else:
                    _flash(msg("meeting.score_saved", id=idea_id))
                    st.rerun()


def promote_tool(plan: Plan) -> None:
    from dashboard.components.assessment import SLOT as ASSESS_SLOT
    from dashboard.components.assessment import promote_panel

    with st.popover(t("meeting.promote"), icon=":material/arrow_forward:"):
        show_flash_in(ASSESS_SLOT)
        promote_panel(plan, cached(ideas_frame)(plan.id))


def figure_tool(plan: Plan) -> None:
    """Enter a realised figure without leaving the wall."""
    from dashboard.components.months import month_select
    from tracking.formatting import format_month, format_value
    from tracking.months import month_of, month_range
    from tracking.readmodel.plans import list_indicators
    from tracking.rules import last_closed_month
    from tracking.services.measurements import record_actual

    with st.popover(t("meeting.enter_figure"), icon=":material/edit:"):
        indicators = {i.id: i for i in cached(list_indicators)(plan.id)}
        last_open = min(plan.end_month, month_of(today()))
        months = list(reversed(list(month_range(plan.start_month, last_open)))) \
            if plan.start_month <= last_open else []
        if not indicators or not months:
            st.caption(t("ui.no_indicators"))
            return
        with st.form("wall_figure", border=False):
            ind_id = st.selectbox(t("ui.indicator"), list(indicators), key="wall_fig_ind",
                                  format_func=lambda i: indicators[i].name)
            month = month_select(t("ui.month"), months, last_closed_month(today()),
                                 key="wall_fig_month")
            value = st.text_input(t("ui.value"), key="wall_fig_value",
                                  placeholder=t("ui.value_hint"))
            if st.form_submit_button(t("ui.save"), type="primary"):
                try:
                    res = record_actual(engine(), ind_id, month, value, "", actor(), today())
                except GevinstError as exc:
                    st.error(error_text(exc))
                else:
                    ind = indicators[ind_id]
                    _flash(msg("meeting.figure_saved", indicator=ind.name,
                               month=format_month(month, lang()),
                               value=format_value(res.measurement.value, ind.unit, lang())))
                    st.rerun()
