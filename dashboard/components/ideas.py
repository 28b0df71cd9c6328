"""Ideer: capture ideas as fast as people say them, and show them as post-it cards.

`render_ideas(plan, compact=False)` is the page body; the board meeting screen calls it
with `compact=True` (no side inputs, fewer columns, no archive).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.board import board_style, capacity_line, field_badge, known_field
from dashboard.components.cache import cached
from dashboard.components.context import access_note, actor, may
from dashboard.components.engine import engine
from dashboard.components.i18n import error_text, t
from dashboard.components.messages import flash, flash_error, msg, show_flash
from dashboard.components.people import person_picker
from dashboard.components.text import md_escape
from tracking.auth.roles import Permission
from tracking.board_rules import card_text
from tracking.errors import GevinstError
from tracking.models import Plan
from tracking.readmodel.board import ideas_frame
from tracking.readmodel.plans import list_indicators
from tracking.services.ideas import add_idea, park_idea, reject_idea, restore_idea

NEW_KEY = "idea_new"
SLOT = "ideas"
IDEA_ICON = ":material/sticky_note_2:"


def _add(plan_id: int) -> None:
    """Enter in the box: put the idea up and clear the box (kept if refused)."""
    text = st.session_state.get(NEW_KEY, "")
    indicator = st.session_state.get("idea_indicator")
    try:
        add_idea(engine(), plan_id, text, author=st.session_state.get("idea_author") or "",
                 indicator_id=indicator if isinstance(indicator, int) else None,
                 actor=actor())
    except GevinstError as exc:
        flash_error(exc, SLOT)
        return
    st.session_state[NEW_KEY] = ""
    flash(msg("ideas.added"), slot=SLOT, icon=IDEA_ICON)


def capture_box(plan: Plan, compact: bool = False) -> None:
    if compact:
        st.text_input(t("ideas.new"), key=NEW_KEY, on_change=_add, args=(plan.id,),
                      placeholder=t("ideas.new_placeholder"), max_chars=None)
    else:
        box, author, ind = st.columns([5, 2, 2], vertical_alignment="top")
        with box:
            st.text_input(t("ideas.new"), key=NEW_KEY, on_change=_add, args=(plan.id,),
                          placeholder=t("ideas.new_placeholder"))
        with author:
            person_picker(t("board.author"), plan.id, "idea_author")
        with ind:
            indicators = {i.id: i.name for i in cached(list_indicators)(plan.id)}
            st.selectbox(t("board.indicator"), [None, *indicators], key="idea_indicator",
                         format_func=lambda i: indicators[i] if i else t("board.no_indicator"))
    show_flash(SLOT, toast=True)


def idea_card(row: pd.Series, compact: bool = False) -> None:
    """One post-it: the text as typed (escaped), who, what it aims at, its field."""
    field = known_field(row["field"]) or "none"
    with st.container(key=f"postit-{field}-{row['id']}"):
        shown, cut = card_text(row["text"])
        st.container(key=f"ideatext-{row['id']}").markdown(md_escape(shown))
        if cut:
            with st.expander(t("ideas.show_all")):
                st.text(row["text"])
        field_badge(row["field"])
        meta = []
        if not pd.isna(row["effect"]) and not pd.isna(row["resources"]):
            meta.append(t("ideas.scores", effect=int(row["effect"]),
                          resources=int(row["resources"])))
        if row["author"]:
            meta.append(f":material/person: {md_escape(row['author'])}")
        if isinstance(row["indicator"], str) and row["indicator"]:
            meta.append(f":material/monitoring: {md_escape(row['indicator'])}")
        if row["state"] == "promoted" and isinstance(row["action_status"], str):
            meta.append(t("ideas.became_action",
                          status=t(f"action.status.{row['action_status']}")))
        if meta:
            st.caption(" · ".join(meta))
        if not compact:
            from dashboard.components.comments import comments_button
            from dashboard.components.context import current_plan

            plan = current_plan()
            if plan is not None:
                comments_button(plan.id, "idea", int(row["id"]), shown)
        if not compact and row["state"] == "open" and may(Permission.EDIT_BOARD):
            _set_aside_controls(int(row["id"]))


def _set_aside_controls(idea_id: int) -> None:
    with st.popover(t("ideas.set_aside"), icon=":material/inventory_2:"):
        reason = st.text_input(t("ideas.reason"), key=f"reason_{idea_id}")
        park, reject = st.columns(2)
        for col, func, label, done in ((park, park_idea, "ideas.park", "ideas.parked"),
                                       (reject, reject_idea, "ideas.reject", "ideas.rejected")):
            if col.button(t(label), key=f"{label}_{idea_id}", width="stretch"):
                try:
                    func(engine(), idea_id, reason, actor())
                    flash(msg(done), slot=SLOT, icon=IDEA_ICON)
                    st.rerun()
                except GevinstError as exc:
                    st.error(error_text(exc))


def _archive(ideas: pd.DataFrame) -> None:
    archived = ideas[ideas["state"].isin(["parked", "rejected"])]
    with st.expander(t("ideas.archive", count=len(archived)), icon=":material/inventory_2:"):
        if archived.empty:
            st.caption(t("ideas.archive_none"))
        for _, row in archived.iterrows():
            text_col, state_col, button_col = st.columns([5, 3, 1],
                                                         vertical_alignment="center")
            text_col.text(row["text"])
            state = t(f"idea.state.{row['state']}")
            state_col.caption(f"**{state}** · "
                              + t("ideas.reason_shown", reason=md_escape(row["state_reason"])))
            if may(Permission.EDIT_BOARD) and button_col.button(
                    t("ideas.restore"), key=f"restore_{row['id']}"):
                try:
                    restore_idea(engine(), int(row["id"]), actor())
                    flash(msg("ideas.restored"), slot=SLOT, icon=IDEA_ICON)
                    st.rerun()
                except GevinstError as exc:
                    st.error(error_text(exc))


def render_ideas(plan: Plan, compact: bool = False) -> None:
    """The Ideer field: the capture box and the cards, newest first."""
    board_style()
    writable = may(Permission.EDIT_BOARD) if compact else access_note(Permission.EDIT_BOARD)
    if writable:
        capture_box(plan, compact)
    all_ideas = cached(ideas_frame)(plan.id, include_archived=True)
    # Open ideas newest first (a new card appears at the top left), then those that
    # already became actions, which stay visible with their action's status.
    on_wall = all_ideas[all_ideas["archived_at"].isna()].iloc[::-1]
    on_wall = on_wall.sort_values("state", key=lambda s: s != "open", kind="stable")
    if not compact:
        st.caption(t("ideas.count", count=int((on_wall["state"] == "open").sum())))
    if on_wall.empty:
        st.info(t("ideas.none"))
    per_row = 2 if compact else 4
    rows = [on_wall.iloc[i:i + per_row] for i in range(0, len(on_wall), per_row)]
    for chunk in rows:
        cols = st.columns(per_row)
        for col, (_, row) in zip(cols, chunk.iterrows(), strict=False):
            with col:
                idea_card(row, compact)
    if not compact:
        capacity_line(plan.id)
        _archive(all_ideas)
