"""Handleplan: the action plan as a kanban board (Besluttet -> Evalueret), or a table.

`render_action_plan(plan, compact=False)` is the page body; the board meeting screen
calls it with `compact=True` (the board only). Cards move with buttons, which work on a
touch screen, on a wall and in AppTest. Each button carries the version of the card it
was drawn from, so a card someone else moved meanwhile is refused, not overwritten.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.components.board import board_style, capacity_line, field_markdown, known_field
from dashboard.components.cache import cached
from dashboard.components.context import access_note, actor, may
from dashboard.components.engine import engine
from dashboard.components.i18n import error_text, lang, t
from dashboard.components.messages import error_msg, flash, flash_error, msg, quote, say, show_flash
from dashboard.components.people import person_picker
from dashboard.components.text import md_escape
from tracking.auth.roles import Permission
from tracking.board_rules import STATUS_ORDER, Attention, neighbour
from tracking.clock import now, today
from tracking.errors import GevinstError
from tracking.formatting import format_date, format_datetime
from tracking.models import ActionStatus, Plan
from tracking.readmodel.actions import action_history, get_action, status_times
from tracking.readmodel.board import actions_frame, board_summary
from tracking.readmodel.people import name_key, plan_people, reachable_names
from tracking.readmodel.plans import list_indicators
from tracking.services.actions import (
    ActionBatchError,
    ActionChange,
    ActionInput,
    create_action,
    move_action,
    set_action_archived,
    update_actions,
)

ATTENTION_BADGE = {
    Attention.OVERDUE.value: (":material/alarm:", "red"),
    Attention.DUE_SOON.value: (":material/schedule:", "orange"),
}


SLOT = "action_plan"  # the board meeting's wall shows the same messages as toasts


def _flash(message: str) -> None:
    flash(message, slot=SLOT)


def _fail(exc: GevinstError) -> None:
    flash_error(exc, slot=SLOT)


def _move(action_id: int, target: str, version: int, note_key: str | None = None) -> None:
    note = st.session_state.get(note_key, "") if note_key else ""
    try:
        action = move_action(engine(), action_id, target, version, actor(), note)
    except GevinstError as exc:
        _fail(exc)
        return
    _flash(msg("plan.moved", title=action.title, status=t(f"action.status.{target}")))


def status_label(status: str) -> str:
    return t(f"action.status.{status}")


# Header ---------------------------------------------------------------------------------

def board_header(plan: Plan, on: date) -> None:
    summary = cached(board_summary)(plan.id, on)
    if summary.overdue:
        st.error(f"**{t('plan.overdue_header', count=summary.overdue)}**",
                 icon=":material/alarm:")
    else:
        st.success(t("plan.none_overdue"), icon=":material/check_circle:")
    if summary.due_soon:
        st.warning(t("plan.due_soon_header", count=summary.due_soon),
                   icon=":material/schedule:")


# Cards ----------------------------------------------------------------------------------

def action_card(row: pd.Series, compact: bool = False) -> None:
    field = known_field(row["field"]) or "none"
    attention = row["attention"]
    action_id, version = int(row["id"]), int(row["version"])
    with st.container(key=f"card-{field}-{attention}-{action_id}"):
        if attention in ATTENTION_BADGE:  # icon + word, large: seen from across the room
            icon, _ = ATTENTION_BADGE[attention]
            st.container(key=f"flag-{attention}-{action_id}").markdown(
                f"{icon} **{t(f'attention.{attention}')}**")
        st.container(key=f"cardtitle-{action_id}").markdown(md_escape(row["title"]))
        person = f":material/person: {md_escape(row['responsible'])}"
        if name_key(row["responsible"]) not in cached(reachable_names)():
            person += f" :gray[· {t('remind.cannot_remind')}]"
        lines = [person,
                 f":material/event: {format_date(row['deadline'], lang())}"]
        if known_field(row["field"]):
            lines.append(field_markdown(row["field"]))
        if isinstance(row["indicator"], str) and row["indicator"]:
            lines.append(f":material/monitoring: {md_escape(row['indicator'])}")
        st.markdown("  \n".join(lines))
        _card_buttons(row, action_id, version, compact)


def _card_buttons(row: pd.Series, action_id: int, version: int, compact: bool) -> None:
    if may(Permission.EDIT_BOARD):
        _move_buttons(row, action_id, version)
    if not compact and st.button(t("plan.details"), key=f"details_{action_id}",
                                 icon=":material/history:", type="tertiary"):
        details_dialog(action_id)


def _move_buttons(row: pd.Series, action_id: int, version: int) -> None:
    status = ActionStatus(row["status"])
    back, forward = neighbour(status, -1), neighbour(status, 1)
    back_col, forward_col = st.columns(2, gap="small")
    if back is not None:
        back_col.button(t("plan.back"), key=f"back_{action_id}", icon=":material/arrow_back:",
                        help=status_label(back.value), on_click=_move,
                        args=(action_id, back.value, version), width="stretch")
    if forward is ActionStatus.EVALUATED:
        with forward_col.popover(t("plan.evaluate"), icon=":material/arrow_forward:",
                                 width="stretch", type="primary"):
            note_key = f"evaluation_{action_id}"
            st.text_area(t("plan.note_to_evaluate"), key=note_key, height=120)
            st.button(t("plan.evaluate"), key=f"evaluate_{action_id}", type="primary",
                      on_click=_move, args=(action_id, forward.value, version, note_key))
    elif forward is not None:
        forward_col.button(t("plan.forward"), key=f"forward_{action_id}",
                           icon=":material/arrow_forward:", help=status_label(forward.value),
                           on_click=_move, args=(action_id, forward.value, version),
                           width="stretch", type="primary")


def board_columns(actions: pd.DataFrame, compact: bool = False) -> None:
    cols = st.columns(len(STATUS_ORDER), gap="small")
    for col, status in zip(cols, STATUS_ORDER, strict=True):
        rows = actions[actions["status"] == status.value]
        with col, st.container(key=f"column-{status.value}"):
            st.subheader(f"{status_label(status.value)} ({len(rows)})")
            if rows.empty:
                st.caption(t("plan.empty_column"))
            for _, row in rows.iterrows():
                action_card(row, compact)


# Details --------------------------------------------------------------------------------

def _event_text(kind: str, from_status: str | None, to_status: str | None,
                detail: str) -> str:
    if kind == "moved":
        return t("plan.event.moved", from_=status_label(from_status or ""),
                 to=status_label(to_status or ""))
    if kind == "created":
        return t("plan.event.created", to=status_label(to_status or "decided"))
    if kind == "edited":
        return t("plan.event.edited", detail=detail)
    return t(f"plan.event.{kind}")


@st.dialog(" ", width="large")
def details_dialog(action_id: int) -> None:
    render_details(action_id)


def render_details(action_id: int) -> None:
    """A card's details, its idea and its whole history (also used outside the dialog)."""
    action = get_action(engine(), action_id)
    lg = lang()
    st.subheader(md_escape(action.title))
    st.markdown("  \n".join([
        f"{t('plan.status')}: **{status_label(action.status)}**",
        f"{t('plan.responsible')}: **{md_escape(action.responsible)}**"
        + ("" if name_key(action.responsible) in cached(reachable_names)()
           else f" :gray[· {t('remind.cannot_remind')}]"),
        f"{t('plan.deadline')}: **{format_date(action.deadline, lg)}**",
        f"{t('plan.decided_on')}: {format_date(action.decided_on, lg)}",
        f"{t('plan.resources')}: {action.resources}",
    ]))
    if action.description and action.description != action.title:
        st.text(action.description)
    if action.idea_id is not None:
        from tracking.readmodel.ideas import get_idea
        idea = get_idea(engine(), action.idea_id)
        st.caption(f"{t('plan.from_idea')} #{idea.id}:")
        st.text(idea.text)
    if action.evaluation_note:
        st.markdown(f"**{t('plan.evaluation')}**")
        st.text(action.evaluation_note)
    events = action_history(engine(), action_id)
    st.markdown(f"**{t('plan.time_in_status')}**")
    periods = status_times(events, now())
    st.markdown("  \n".join(
        f"{status_label(p.status.value)}: {t('plan.days', days=p.duration.days)}"
        for p in periods))
    st.markdown(f"**{t('plan.history')}**")
    st.dataframe(pd.DataFrame({
        t("plan.history_at"): [format_datetime(e.happened_at, lg)
                               for e in events],
        t("plan.history_who"): [e.actor for e in events],
        t("plan.history_what"): [_event_text(e.kind, e.from_status, e.to_status, e.detail)
                                 for e in events],
    }), hide_index=True, width="stretch")
    from dashboard.components.comments import comment_thread

    comment_thread("action", action_id)
    if action.archived_at is None and may(Permission.EDIT_BOARD, plan_id=action.plan_id) \
            and st.button(t("plan.archive"), key=f"archive_{action_id}",
                          icon=":material/inventory_2:"):
        try:
            set_action_archived(engine(), action_id, True, action.version, actor())
            _flash(msg("plan.archived_msg"))
            st.rerun()
        except GevinstError as exc:
            st.error(error_text(exc))


# Table view -----------------------------------------------------------------------------

def table_view(plan_id: int, actions: pd.DataFrame) -> None:
    writable = may(Permission.EDIT_BOARD)
    if writable:
        st.caption(t("plan.table_help"))
    labels = {s.value: status_label(s.value) for s in STATUS_ORDER}
    codes = {v: k for k, v in labels.items()}
    table = pd.DataFrame({
        "title": actions["title"].tolist(),
        "responsible": actions["responsible"].tolist(),
        "deadline": actions["deadline"].tolist(),
        "resources": actions["resources"].astype(int).tolist(),
        "status": [labels[s] for s in actions["status"]],
        "evaluation_note": actions["evaluation_note"].tolist(),
        "field": [t(f"quadrant.{f}") if known_field(f) else "" for f in actions["field"]],
        "attention": [t(f"attention.{a}") if a in ATTENTION_BADGE else ""
                      for a in actions["attention"]],
    })
    # A new key after each save, so the editor starts again from the saved rows.
    key = f"actions_grid_{st.session_state.setdefault('actions_grid_gen', 0)}"
    edited = st.data_editor(
        table, hide_index=True, width="stretch", num_rows="fixed", key=key,
        disabled=["field", "attention"] if writable else True,
        column_config={
            "title": st.column_config.TextColumn(t("plan.title_col"), max_chars=200),
            # Chosen from the plan's people (and names already on actions); a person
            # without an account is typed on the card's own form.
            "responsible": st.column_config.SelectboxColumn(
                t("plan.responsible"), options=_responsible_options(plan_id, actions)),
            "deadline": st.column_config.DateColumn(t("plan.deadline"), format="DD.MM.YYYY"),
            "resources": st.column_config.NumberColumn(t("plan.resources"), min_value=1,
                                                       max_value=5, step=1),
            "status": st.column_config.SelectboxColumn(t("plan.status"),
                                                       options=list(labels.values())),
            "evaluation_note": st.column_config.TextColumn(t("plan.evaluation")),
            "field": st.column_config.TextColumn(t("plan.field")),
            "attention": st.column_config.TextColumn(" "),
        })
    if not writable:
        return
    cols = ["title", "responsible", "deadline", "resources", "status", "evaluation_note"]
    changed = [i for i in range(len(table))
               if any(_differs(edited.at[i, c], table.at[i, c]) for c in cols)]
    if st.button(t("plan.save_table", count=len(changed)), disabled=not changed,
                 key="save_actions_table", type="primary"):
        changes = []
        for i in changed:
            row = actions.iloc[i]
            deadline = edited.at[i, "deadline"]
            resources = edited.at[i, "resources"]
            changes.append(ActionChange(
                int(row["id"]), int(row["version"]),
                ActionInput(edited.at[i, "title"] or "", edited.at[i, "responsible"] or "",
                            None if pd.isna(deadline) else pd.Timestamp(deadline).date(),
                            int(resources) if not pd.isna(resources) else 0,
                            None if pd.isna(row["indicator_id"]) else int(row["indicator_id"]),
                            row["description"]),
                codes.get(edited.at[i, "status"], edited.at[i, "status"] or ""),
                edited.at[i, "evaluation_note"] or ""))
        try:
            done = update_actions(engine(), changes, actor())
        except ActionBatchError as batch:
            st.error(error_text(batch))
            for i, err in batch.errors:
                say(t("plan.row_error", title=quote(table.at[changed[i], "title"]),
                      message=error_msg(err)), "error")
        except GevinstError as exc:
            st.error(error_text(exc))
        else:
            st.session_state["actions_grid_gen"] += 1
            _flash(msg("plan.table_saved", count=len(done)))
            st.rerun()


def _responsible_options(plan_id: int, actions: pd.DataFrame) -> list[str]:
    people = list(cached(plan_people)(plan_id))
    known = {name_key(p) for p in people}
    for name in actions["responsible"]:
        if name and name_key(name) not in known:
            known.add(name_key(name))
            people.append(name)
    return people


def _missing(value: object) -> bool:
    return value is None or value is pd.NaT or (isinstance(value, float) and value != value)


def _differs(a: object, b: object) -> bool:
    """Whether a cell was edited (dates compared as dates, blanks as blanks)."""
    if _missing(a) or _missing(b):
        return _missing(a) != _missing(b)
    if isinstance(a, date | pd.Timestamp) and isinstance(b, date | pd.Timestamp):
        return pd.Timestamp(a) != pd.Timestamp(b)
    return a != b


# New action, archive ----------------------------------------------------------------------

def new_action_form(plan: Plan) -> None:
    with st.expander(t("plan.new_action"), icon=":material/add:"), st.form(
            "new_action", clear_on_submit=False):
        title = st.text_input(t("plan.title_col"), key="new_action_title")
        who_col, when_col, res_col = st.columns(3)
        responsible = person_picker(t("plan.responsible"), plan.id, "new_action_responsible",
                                    where=who_col)
        deadline = when_col.date_input(t("plan.deadline"), value=None, min_value=today(),
                                       format="DD.MM.YYYY", key="new_action_deadline")
        resources = res_col.number_input(t("plan.resources"), 1, 5, 1, 1,
                                         key="new_action_resources")
        indicators = {i.id: i.name for i in cached(list_indicators)(plan.id)}
        indicator = st.selectbox(t("board.indicator"), [None, *indicators],
                                 format_func=lambda i: indicators[i] if i
                                 else t("board.no_indicator"), key="new_action_indicator")
        confirm = st.checkbox(t("assess.confirm_over"), key="new_action_confirm")
        if st.form_submit_button(t("plan.create"), type="primary"):
            try:
                action = create_action(engine(), plan.id, ActionInput(
                    title, responsible, deadline, int(resources), indicator), actor(),
                    today(), confirm_over_capacity=confirm)
            except GevinstError as exc:
                st.error(error_text(exc))
            else:
                _flash(msg("plan.created", title=action.title))
                st.rerun()


def archived_list(plan: Plan, on: date) -> None:
    archived = cached(actions_frame)(plan.id, on, include_archived=True)
    archived = archived[archived["archived_at"].notna()]
    with st.expander(t("plan.archived_list", count=len(archived)),
                     icon=":material/inventory_2:"):
        for _, row in archived.iterrows():
            text_col, button_col = st.columns([5, 1], vertical_alignment="center")
            text_col.markdown(f"{md_escape(row['title'])} · {status_label(row['status'])}")
            if may(Permission.EDIT_BOARD) and button_col.button(
                    t("plan.restore"), key=f"restore_action_{row['id']}"):
                try:
                    set_action_archived(engine(), int(row["id"]), False, int(row["version"]),
                                        actor())
                    _flash(msg("plan.restored"))
                    st.rerun()
                except GevinstError as exc:
                    st.error(error_text(exc))


# The page body ----------------------------------------------------------------------------

def render_action_plan(plan: Plan, compact: bool = False, on: date | None = None) -> None:
    board_style()
    on = on or today()
    show_flash(SLOT)
    writable = True if compact else access_note(Permission.EDIT_BOARD)
    actions = cached(actions_frame)(plan.id, on)
    board_header(plan, on)
    if compact:
        board_columns(actions, compact=True)
        return
    capacity_line(plan.id)
    mine_col, overdue_col, view_col = st.columns([1, 1, 2], vertical_alignment="center")
    mine = mine_col.toggle(t("plan.mine"), key="plan_mine", help=t("plan.mine_help"))
    overdue_only = overdue_col.toggle(t("plan.overdue_only"), key="plan_overdue_only")
    view = view_col.segmented_control(
        t("plan.view"), ["board", "table"], default="board", key="plan_view",
        format_func=lambda v: t(f"plan.view_{v}"))
    shown = actions
    if mine:
        shown = shown[shown["responsible"].str.casefold() == _my_name().casefold()]
    if overdue_only:
        shown = shown[shown["attention"] == Attention.OVERDUE.value]
    if shown.empty and (mine or overdue_only):
        st.info(t("plan.no_actions"))
    if view == "table":
        table_view(plan.id, shown.reset_index(drop=True))
    else:
        board_columns(shown)
    if writable:
        new_action_form(plan)
    archived_list(plan, on)


__all__ = ["render_action_plan", "render_details"]


def _my_name() -> str:
    who = actor()
    return who.name if who else ""
