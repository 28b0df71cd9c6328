"""Temaer: the six themes of the plan as a checklist, with the team's answers."""

from __future__ import annotations

import streamlit as st

from dashboard.components.cache import cached
from dashboard.components.context import access_note, actor, current_plan
from dashboard.components.engine import engine
from dashboard.components.i18n import error_text, lang, t
from dashboard.components.messages import flash, msg, show_flash
from dashboard.components.people import person_picker
from dashboard.components.text import md_escape
from tracking.auth.roles import Permission
from tracking.errors import GevinstError
from tracking.i18n import translate_or
from tracking.models import ThemeStatus
from tracking.readmodel.themes import read_themes, theme_progress
from tracking.services.themes import ThemeInput, save_theme
from tracking.themes import question_keys

ICONS = {
    ThemeStatus.NOT_STARTED: ":material/radio_button_unchecked:",
    ThemeStatus.IN_PROGRESS: ":material/pending:",
    ThemeStatus.DONE: ":material/check_circle:",
}

plan = current_plan()
if plan is None:
    st.info(t("ui.no_plans"))
    st.stop()

st.title(f"{t('nav.themes')}: {md_escape(plan.name)}")
st.caption(t("themes.intro"))
show_flash("themes")
editable = access_note(Permission.EDIT_PLAN)

progress = cached(theme_progress)(plan.id)
st.progress(progress.done / progress.total,
            text=t("themes.progress", done=progress.done, total=progress.total,
                   in_progress=progress.in_progress))

statuses = [s.value for s in ThemeStatus]
for number, state in enumerate(cached(read_themes)(plan.id), start=1):
    title = t(f"theme.{state.theme}.title")
    who = state.responsible or t("themes.no_responsible")
    label = f"{number}. {title} · {t(f'theme_status.{state.status}')} · {who}"
    with st.expander(md_escape(label), icon=ICONS[ThemeStatus(state.status)],
                     expanded=state.status != ThemeStatus.DONE):
        key = f"theme_{plan.id}_{state.theme}_{state.version}"
        if not editable:  # the answers as text, no form
            for q in question_keys(state.theme):
                st.markdown(f"**{t(f'theme.{state.theme}.{q}')}**")
                st.text(state.answers.get(q, "") or "–")
            continue
        with st.form(key, border=False):
            answers = {}
            for q in question_keys(state.theme):
                answers[q] = st.text_area(t(f"theme.{state.theme}.{q}"),
                                          state.answers.get(q, ""), height=90,
                                          key=f"{key}_{q}", max_chars=4000)
            c1, c2 = st.columns(2)
            status = c1.radio(t("themes.status"), statuses, statuses.index(state.status),
                              horizontal=True, key=f"{key}_status",
                              format_func=lambda s: t(f"theme_status.{s}"))
            responsible = person_picker(t("themes.responsible"), plan.id, f"{key}_resp",
                                        state.responsible, where=c2)
            if state.updated_by:
                st.caption(msg("themes.last_saved_by", name=state.updated_by))
            if st.form_submit_button(t("themes.save"), type="primary"):
                try:
                    save_theme(engine(), plan.id, state.theme,
                               ThemeInput(answers, status, responsible), actor(),
                               expected_version=state.version)
                    flash(msg("themes.saved", theme=title), slot="themes")
                    st.rerun()
                except GevinstError as exc:
                    # Only inputs of the form have a label; a refusal (field None) or a
                    # stale version speaks for itself.
                    field = translate_or(f"field.{exc.field}", "", lang()) \
                        if exc.field not in (None, "version") else ""
                    st.error(f"{field + ': ' if field else ''}{error_text(exc)}")
