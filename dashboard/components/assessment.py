"""Vurdering: score ideas with one tap each, see them in the matrix, move them on.

`render_assessment(plan, compact=False)` is the page body; the board meeting screen calls
it with `compact=True` (matrix and lists only).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.charts.matrix import matrix_chart
from dashboard.components.board import board_style, capacity_line, field_markdown
from dashboard.components.cache import cached
from dashboard.components.context import access_note, actor, may, page_just_opened
from dashboard.components.engine import engine
from dashboard.components.i18n import error_text, lang, t
from dashboard.components.messages import flash, flash_error, msg, show_flash
from dashboard.components.people import person_picker
from dashboard.components.text import md_escape
from tracking.auth.roles import Permission
from tracking.board_rules import FIELD_ORDER, SCORES, card_text
from tracking.clock import today
from tracking.errors import GevinstError
from tracking.formatting import format_date
from tracking.models import Plan
from tracking.readmodel.actions import capacity_check
from tracking.readmodel.board import ideas_by_field, ideas_frame
from tracking.readmodel.board_settings import board_settings, field_rule
from tracking.services.actions import OverCapacityError, promote_idea
from tracking.services.ideas import score_idea, set_board_settings

PROMOTE_KEY = "promote_idea"
SLOT = "assessment"
ERROR_SLOT = "assessment_scores"  # shown under the score controls


def _score(idea_id: int, which: str, previous: int | None) -> None:
    key = f"{which}_{idea_id}"
    value = st.session_state.get(key)
    if value is None:  # tapping the chosen score again: keep it
        st.session_state[key] = previous
        return
    try:
        score_idea(engine(), idea_id, actor=actor(), **{which: value})
    except GevinstError as exc:
        flash_error(exc, ERROR_SLOT)


def rule_caption(plan: Plan) -> None:
    rule = cached(field_rule)(plan.id)
    st.caption(t("board.rule_text", effect=rule.effect_high_from,
                 resources=rule.resources_many_from) + " " + t("board.rule_default"))


def matrix_and_lists(plan: Plan, ideas: pd.DataFrame, compact: bool = False) -> None:
    rule = cached(field_rule)(plan.id)
    open_ideas = ideas[ideas["state"] == "open"]
    chart_col, list_col = st.columns([3, 2] if not compact else [1, 1], gap="large")
    with chart_col:
        st.subheader(t("assess.matrix"))
        st.altair_chart(matrix_chart(open_ideas, rule, lang(),
                                     height=420 if compact else 600,
                                     width=520 if compact else 760), width="content")
    with list_col:
        st.subheader(t("assess.per_field"))
        groups = ideas_by_field(ideas)
        if not any(len(g) for g in groups.values()):
            st.info(t("assess.none_scored"))
        for field in FIELD_ORDER:
            group = groups[field.value]
            with st.container(border=True, key=f"fieldlist-{field.value}"):
                st.markdown(f"{field_markdown(field.value)} **({len(group)})** "
                            f"{t(f'quadrant.{field.value}.help')}")
                if group.empty:
                    st.caption(t("assess.field_empty"))
                for _, row in group.iterrows():
                    text_col, button_col = st.columns([3, 2], vertical_alignment="center")
                    short, _ = card_text(row["text"], 90)
                    text_col.markdown(f"**#{row['id']}** {md_escape(short)} "
                                      f"· {row['effect']}/{row['resources']}")
                    if not compact and may(Permission.EDIT_BOARD) and button_col.button(
                            t("assess.promote"), key=f"to_plan_{row['id']}",
                            icon=":material/arrow_forward:", width="stretch"):
                        st.session_state[PROMOTE_KEY] = int(row["id"])


def _row_order(plan_id: int, open_ideas: pd.DataFrame) -> list[int]:
    """Unscored ideas first when the page is opened; then each row stays where it is.

    Re-sorting after every tap moved a just-scored idea away under the finger, and the
    next tap, meant for the idea below, landed on whichever row had taken its place.
    """
    key = f"score_order_{plan_id}"
    fresh = [int(i) for i in open_ideas.assign(scored=open_ideas["field"].notna())
             .sort_values(["scored", "id"])["id"]]
    kept = st.session_state.get(key)
    if kept is None or page_just_opened():
        order = fresh
    else:  # ideas promoted or parked meanwhile drop out; new ones go last
        present, known = set(fresh), set(kept)
        order = [i for i in kept if i in present] + [i for i in fresh if i not in known]
    st.session_state[key] = order
    return order


def scoring_rows(plan_id: int, ideas: pd.DataFrame) -> None:
    """Every open idea with two tap-to-score controls; unscored ideas first."""
    st.subheader(t("assess.score_heading"))
    st.caption(t("assess.score_help") + " " + t("assess.unscored_first"))
    open_ideas = ideas[ideas["state"] == "open"]
    rows = {int(r["id"]): r for _, r in open_ideas.iterrows()}
    for idea_id in _row_order(plan_id, open_ideas):
        row = rows[idea_id]
        with st.container(border=True, key=f"score-{idea_id}"):
            short, _ = card_text(row["text"], 120)
            st.markdown(f"{field_markdown(row['field'])} **#{idea_id}** {md_escape(short)}")
            effect_col, res_col = st.columns(2)
            for col, which in ((effect_col, "effect"), (res_col, "resources")):
                current = None if pd.isna(row[which]) else int(row[which])
                key = f"{which}_{idea_id}"
                if key not in st.session_state:
                    st.session_state[key] = current
                col.segmented_control(
                    t(f"board.{which}"), list(SCORES), key=key,
                    format_func=lambda n, w=which: f"{n} {t(f'{w}.{n}')}",
                    on_change=_score, args=(idea_id, which, current))
    show_flash(ERROR_SLOT)


def _option(idea_id: int, row: pd.Series) -> str:
    field = t(f"quadrant.{row['field']}")
    return f"#{idea_id} {card_text(row['text'], 70)[0]} ({field})"


def promote_panel(plan: Plan, ideas: pd.DataFrame) -> None:
    """Selected idea -> action in Besluttet, with responsible and deadline (both required)."""
    st.subheader(t("assess.promote_heading"))
    groups = ideas_by_field(ideas)
    candidates = pd.concat([groups[f.value] for f in FIELD_ORDER])
    if candidates.empty:
        st.caption(t("assess.no_candidates"))
        return
    by_id = {int(r["id"]): r for _, r in candidates.iterrows()}
    ids = list(by_id)
    if st.session_state.get(PROMOTE_KEY) not in ids:
        st.session_state[PROMOTE_KEY] = ids[0]
    with st.container(border=True, key="promote-panel"):
        pick_col, who_col, when_col = st.columns([4, 2, 2])
        idea_id = pick_col.selectbox(
            t("assess.promote_pick"), ids, key=PROMOTE_KEY,
            format_func=lambda i: _option(i, by_id[i]))
        responsible = person_picker(t("assess.responsible"), plan.id, "promote_responsible",
                                    where=who_col)
        deadline = when_col.date_input(t("assess.deadline"), value=None,
                                       min_value=today(), key="promote_deadline",
                                       format="DD.MM.YYYY")
        idea = by_id[idea_id]
        title = st.text_input(t("assess.action_title"), key=f"promote_title_{idea_id}",
                              value=card_text(idea["text"], 200)[0].rstrip(" …"))
        check = cached(capacity_check)(plan.id, adding=int(idea["resources"]))
        confirmed = False
        if check.exceeds:
            st.warning(OverCapacityError(check).message(lang()), icon=":material/warning:")
            confirmed = st.checkbox(t("assess.confirm_over"), key="promote_confirm")
        if deadline:
            st.caption(f"{t('assess.deadline')}: {format_date(deadline, lang())}")
        if st.button(t("assess.promote"), type="primary", icon=":material/arrow_forward:",
                     key="promote_go"):
            try:
                promote_idea(engine(), idea_id, responsible, deadline, actor(), today(),
                             title=title, confirm_over_capacity=confirmed)
            except GevinstError as exc:
                st.error(error_text(exc))
            else:
                st.session_state.pop(PROMOTE_KEY, None)
                flash(msg("assess.promoted"), slot=SLOT)
                st.rerun()


def settings_panel(plan: Plan) -> None:
    s = cached(board_settings)(plan.id)
    with st.expander(t("board.settings"), icon=":material/tune:"), st.form("board_settings"):
        e_col, r_col, c_col = st.columns(3)
        effect = e_col.number_input(t("board.effect_high_from"), 2, 5, s.effect_high_from, 1)
        resources = r_col.number_input(t("board.resources_many_from"), 2, 5,
                                       s.resources_many_from, 1)
        capacity = c_col.number_input(t("board.capacity_input"), 0, 999, s.capacity, 1)
        if st.form_submit_button(t("board.save_settings")):
            try:
                set_board_settings(engine(), plan.id, int(effect), int(resources),
                                   int(capacity), actor())
                flash(msg("board.settings_saved"), slot=SLOT)
                st.rerun()
            except GevinstError as exc:
                st.error(error_text(exc))


def render_assessment(plan: Plan, compact: bool = False) -> None:
    board_style()
    show_flash(SLOT)
    writable = True if compact else access_note(Permission.EDIT_BOARD)
    rule_caption(plan)
    ideas = cached(ideas_frame)(plan.id)
    matrix_and_lists(plan, ideas, compact)
    if compact:
        return
    capacity_line(plan.id)
    if writable:
        promote_panel(plan, ideas)
        scoring_rows(plan.id, ideas)
    if may(Permission.EDIT_PLAN):
        settings_panel(plan)



